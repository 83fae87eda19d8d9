// A real local registry for the benchmark (Debian's `docker-registry`, i.e. distribution) with its access
// log captured, and a pusher that writes synthetic multi-platform images through the distribution API.
// (Minimal on purpose; to be replaced by helper `registry`'s test/support/registry/ if it fits.)
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REGISTRY_BINARY = '/usr/bin/docker-registry';

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts docker-registry on 127.0.0.1 with temp storage; resolves { host, requests(), stop() }. */
export async function startRegistry() {
  const dir = mkdtempSync(join(tmpdir(), 'tagcheck-bench-registry-'));
  const port = await freePort();
  const config = join(dir, 'config.yml');
  writeFileSync(config, [
    'version: 0.1',
    'log:',
    '  level: error',
    '  accesslog:',
    '    disabled: false',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${join(dir, 'storage')}`,
    'http:',
    `  addr: 127.0.0.1:${port}`,
    '',
  ].join('\n'));
  const child = spawn(REGISTRY_BINARY, ['serve', config], { stdio: ['ignore', 'pipe', 'pipe'] });
  // The access log (combined log format) goes to stdout; one line per request.
  const requests = [];
  let partial = '';
  const collect = (chunk) => {
    const text = partial + chunk.toString('utf8');
    const lines = text.split('\n');
    partial = lines.pop();
    for (const line of lines) {
      const m = /"([A-Z]+) (\S+) HTTP\/[\d.]+" (\d{3})/.exec(line);
      if (m) requests.push({ method: m[1], path: m[2], status: Number(m[3]) });
    }
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const host = `127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      const response = await fetch(`http://${host}/v2/`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`docker-registry did not start on ${host}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    host,
    port,
    /** every request logged so far */
    requests: () => requests.slice(),
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const sha256 = (bytes) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';

async function check(response, what) {
  if (!response.ok) throw new Error(`${what}: HTTP ${response.status} ${await response.text()}`);
  await response.arrayBuffer();
  return response;
}

/** Uploads a blob, or mounts it from `mountFrom` (one request) when that repository already holds it. */
async function pushBlob(base, repository, bytes, mountFrom) {
  const digest = sha256(bytes);
  if (mountFrom) {
    const url = `${base}/v2/${repository}/blobs/uploads/?mount=${digest}&from=${mountFrom}`;
    const mounted = await fetch(url, { method: 'POST' });
    await mounted.arrayBuffer();
    if (mounted.status === 201) return { digest, size: bytes.length };
    // 202: the registry started an ordinary upload instead; finish it below with a fresh one.
  }
  const started = await check(await fetch(`${base}/v2/${repository}/blobs/uploads/`, { method: 'POST' }), `start upload to ${repository}`);
  const location = new URL(started.headers.get('location'), base);
  location.searchParams.set('digest', digest);
  await check(await fetch(location, { method: 'PUT', body: bytes, headers: { 'content-type': 'application/octet-stream' } }),
    `upload blob to ${repository}`);
  return { digest, size: bytes.length };
}

async function putManifest(base, repository, reference, mediaType, bytes) {
  await check(await fetch(`${base}/v2/${repository}/manifests/${reference}`, {
    method: 'PUT', body: bytes, headers: { 'content-type': mediaType },
  }), `put manifest ${repository}:${reference}`);
  return { digest: sha256(bytes), size: bytes.length };
}

/**
 * Pushes one repository: a manifest per platform (sharing one layer), then one OCI index per release,
 * each tagged with its `tags` (several tags on one release share its digest). Releases differ only by an
 * annotation; blobs are mounted from `mountFrom` when given: ~12 requests per repository. Returns the index digests in order.
 */
export async function pushRepository(base, repository, { platforms, releases, mountFrom }) {
  const layer = await pushBlob(base, repository, Buffer.from('synthetic layer\n'), mountFrom);
  const entries = [];
  for (const platform of platforms) {
    const [os, architecture, variant] = platform.split('/');
    const config = Buffer.from(JSON.stringify({
      architecture, os, ...(variant ? { variant } : {}), created: '2025-11-26T00:00:00Z',
      config: {}, rootfs: { type: 'layers', diff_ids: [layer.digest] },
    }));
    const configBlob = await pushBlob(base, repository, config, mountFrom);
    const manifest = Buffer.from(JSON.stringify({
      schemaVersion: 2, mediaType: OCI_MANIFEST,
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...configBlob },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', ...layer }],
    }));
    const pushed = await putManifest(base, repository, sha256(manifest), OCI_MANIFEST, manifest);
    entries.push({ mediaType: OCI_MANIFEST, ...pushed, platform: { os, architecture, ...(variant ? { variant } : {}) } });
  }
  const digests = [];
  for (const tags of releases) {
    const index = Buffer.from(JSON.stringify({
      schemaVersion: 2, mediaType: OCI_INDEX, manifests: entries,
      annotations: { 'org.opencontainers.image.version': tags[0] },
    }));
    let digest;
    for (const tag of tags) digest = (await putManifest(base, repository, tag, OCI_INDEX, index)).digest;
    digests.push(digest);
  }
  return digests;
}

/** Runs `task` over `items` with at most `limit` in flight. */
export async function inParallel(items, limit, task) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
