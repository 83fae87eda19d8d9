// Benchmark 3: registry checks under latency. 100 own images in a real local registry, each with a
// 2-platform OCI index at the release tag, `latest` (same digest) and 5 older releases; a TCP proxy adds
// 20 ms to every response. tagcheck --scope registry is compared with (a) the floor, the minimal request
// plan / concurrency × 20 ms, and (b) the loop users write today, `skopeo inspect --raw` per image and tag.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inParallel, pushRepository } from './push-releases.mjs';
import { measure } from './measure.mjs';
import { ms, row } from './offline.mjs';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
// helper `registry`'s test infrastructure, compiled by `tsc -p bench/tsconfig.json` (see package.json `bench`)
const registrySupport = join(repoRoot, '.tagcheck-bench', 'test', 'support', 'registry');
const tagcheckBin = join(repoRoot, 'bin', 'tagcheck.js');
const IMAGES = 100;
const RELEASE = 'v2.5.0';
const OLDER = ['v2.0.0', 'v2.1.0', 'v2.2.0', 'v2.3.0', 'v2.4.0'];
const PLATFORMS = ['linux/amd64', 'linux/arm64'];
const DELAY_MS = 20;
const CONCURRENCY = 8;
const RUNS = 3;
/** the skopeo loop is timed on this many images (× 7 tags) and scaled to all 100: it is linear */
const SKOPEO_IMAGES = Number(process.env.BENCH_SKOPEO_IMAGES ?? 10);

const repositoryName = (i) => `acme/svc-${String(i).padStart(3, '0')}`;

/**
 * The minimal request plan documented in src/engine/registry-facts.ts, for this corpus: per own image its
 * tag list, the release tag's and `latest`'s manifests (no prerelease or branch tags exist, so nothing more).
 */
const documentedPlan = (images) => ({ tagLists: images, manifests: 2 * images, total: 3 * images });

/**
 * The plan as the gathered facts show it: one tag list per repository a `tagcheck snapshot` lists, one
 * manifest per tag it inspected. A cross-check of the documented plan (it cannot catch a transport that
 * asks twice: the access log does).
 */
function planFromSnapshot(snapshot) {
  let tagLists = 0;
  let manifests = 0;
  for (const repository of Object.values(snapshot.repositories ?? {})) {
    if (repository.tagList) tagLists++;
    manifests += Object.keys(repository.tags ?? {}).length;
  }
  return { tagLists, manifests, total: tagLists + manifests };
}

function ensureTools(log) {
  const missing = [];
  if (!existsSync('/usr/bin/docker-registry')) missing.push('docker-registry');
  // helper `registry`'s starter also wants htpasswd and openssl on PATH
  if (!existsSync('/usr/bin/htpasswd')) missing.push('apache2-utils');
  if (!existsSync('/usr/bin/openssl')) missing.push('openssl');
  if (!existsSync('/usr/bin/skopeo')) missing.push('skopeo');
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) throw new Error(`missing ${missing.join(', ')}: apt-get install -y ${missing.join(' ')}`);
  log(`installing ${missing.join(', ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { env, stdio: 'ignore' });
  execFileSync('apt-get', ['install', '-y', '-qq', ...missing], { env, stdio: 'ignore' });
}

/** Starts the latency proxy as its own process, so its timers never wait on this one's work. */
async function startProxy(target) {
  const child = spawn(process.execPath, [join(repoRoot, 'bench', 'latency-proxy.mjs'), '--target', target, '--delay', String(DELAY_MS)],
    { stdio: ['pipe', 'pipe', 'inherit'] });
  let waiting;
  const host = await new Promise((resolve, reject) => {
    child.stdout.on('data', (c) => {
      const text = c.toString();
      const listening = /listening (\S+)/.exec(text);
      if (listening) resolve(listening[1]);
      const stats = /stats (.*)/.exec(text);
      if (stats && waiting) waiting(JSON.parse(stats[1]));
    });
    child.once('exit', (code) => reject(new Error(`latency proxy exited ${code}`)));
  });
  return {
    host,
    /** connections opened and the most open at once since the last call */
    stats: () => new Promise((resolve) => {
      waiting = resolve;
      child.stdin.write('stats\n');
    }),
    stop: () => child.kill('SIGTERM'),
  };
}

function classify(requests) {
  const counts = { ping: 0, tagList: 0, manifest: 0, referrers: 0, blob: 0, token: 0, other: 0 };
  for (const { path } of requests) {
    if (/^\/v2\/?$/.test(path)) counts.ping++;
    else if (/\/tags\/list/.test(path)) counts.tagList++;
    else if (/\/manifests\//.test(path)) counts.manifest++;
    // OCI 1.1 referrers probes (signatures, attestations): asked only when `require:` is configured
    else if (/\/referrers\//.test(path)) counts.referrers++;
    else if (/\/blobs\//.test(path)) counts.blob++;
    else if (/token/.test(path)) counts.token++;
    else counts.other++;
  }
  return counts;
}

export async function benchRegistry({ log }) {
  ensureTools(log);
  if (!existsSync(join(registrySupport, 'registry-server.js'))) throw new Error('registry test support not compiled: run `npx tsc -p bench/tsconfig.json`');
  const { startRegistry } = await import(join(registrySupport, 'registry-server.js'));
  const registry = await startRegistry({ auth: 'none' });
  const work = mkdtempSync(join(tmpdir(), 'tagcheck-bench-regcheck-'));
  let proxy;
  try {
    const started = Date.now();
    const repositories = Array.from({ length: IMAGES }, (_, i) => repositoryName(i));
    const releases = [...OLDER.map((t) => [t]), [RELEASE, 'latest']];
    await pushRepository(registry.url, repositories[0], { platforms: PLATFORMS, releases });
    await inParallel(repositories.slice(1), 16, (repository) =>
      pushRepository(registry.url, repository, { platforms: PLATFORMS, releases, mountFrom: repositories[0] }));
    log(`pushed ${IMAGES} images × ${OLDER.length + 2} tags to ${registry.host} in ${ms(Date.now() - started)}`);
    proxy = await startProxy(registry.host);

    // The checked repository: one Deployment per own image at the release tag; config names them.
    writeFileSync(join(work, '.tagcheck.yaml'), [
      'images:', `  - ${proxy.host}/acme/*`, `platforms: [${PLATFORMS.join(', ')}]`, 'latest: required', '',
    ].join('\n'));
    mkdirSync(join(work, 'deploy'));
    writeFileSync(join(work, 'deploy', 'services.yaml'), repositories.map((r) => [
      'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', `  name: ${r.split('/')[1]}`, 'spec:', '  template:', '    spec:',
      '      containers:', `        - name: app`, `          image: ${proxy.host}/${r}:${RELEASE}`,
    ].join('\n')).join('\n---\n') + '\n');

    // The plan, from a snapshot of what the check asks (untimed).
    const snapshotFile = join(work, 'snapshot.json');
    const snapshotRun = await measure(process.execPath, [tagcheckBin, 'snapshot', work, '--tag', RELEASE, '--output', snapshotFile,
      '--insecure-registry', proxy.host, '--concurrency', String(CONCURRENCY)]);
    if (snapshotRun.code !== 0 || !existsSync(snapshotFile)) {
      throw new Error(`tagcheck snapshot failed (exit ${snapshotRun.code}): ${snapshotRun.stderr.trim().split('\n')[0] ?? ''}`);
    }
    const plan = documentedPlan(IMAGES);
    const gathered = planFromSnapshot(JSON.parse(readFileSync(snapshotFile, 'utf8')));
    log(`plan from the snapshot's facts: ${gathered.tagLists} tag lists + ${gathered.manifests} manifests = ${gathered.total}` +
      (gathered.total === plan.total ? ' (as documented)' : ` (documented: ${plan.total})`));

    const args = [tagcheckBin, 'check', work, '--tag', RELEASE, '--scope', 'registry', '--concurrency', String(CONCURRENCY),
      '--insecure-registry', proxy.host, '--format', 'json'];
    let best;
    let requestCounts;
    let connections;
    for (let i = 0; i < RUNS; i++) {
      const cursor = await registry.logCursor();
      await proxy.stats();
      const run = await measure(process.execPath, args);
      const counts = classify(await registry.accessLog(cursor));
      connections ??= await proxy.stats();
      if (!requestCounts) requestCounts = counts;
      if (!best || run.wallMs < best.wallMs) best = run;
    }
    if (process.env.BENCH_CPU_PROF) {
      // One extra, untimed run under the profiler: node bench/profile-summary.mjs DIR/*.cpuprofile
      await measure(process.execPath, [`--cpu-prof`, `--cpu-prof-dir=${join(process.env.BENCH_CPU_PROF, 'registry')}`, ...args]);
      log(`CPU profile of the registry check written to ${join(process.env.BENCH_CPU_PROF, 'registry')}`);
    }
    let report = null;
    try {
      report = JSON.parse(best.stdout);
    } catch {
      log(`tagcheck --scope registry printed no JSON report (exit ${best.code}): ${best.stderr.trim().split('\n')[0] ?? ''}`);
    }
    const findings = report?.findings?.length ?? NaN;
    if (findings > 0) log(`registry findings on a clean registry: ${report.findings.slice(0, 5).map((f) => `${f.ruleId}: ${f.message}`).join('; ')}`);
    const requests = Object.values(requestCounts).reduce((a, b) => a + b, 0);
    log(`tagcheck --scope registry: best ${ms(best.wallMs)} of ${RUNS} (CPU ${ms(best.cpuMs)}), exit ${best.code}, ${findings} findings, requests ${JSON.stringify(requestCounts)}, ` +
      `${connections.connections} connections (at most ${connections.peakOpen} open at once)`);

    // The plan replayed by a bare client: what the floor costs on this machine now (service time, start-up).
    let replay;
    for (let i = 0; i < RUNS; i++) {
      const run = await measure(process.execPath, [join(repoRoot, 'bench', 'plan-replay.mjs'), proxy.host, String(CONCURRENCY), RELEASE, ...repositories]);
      if (run.code !== 0) throw new Error(`plan replay failed: ${run.stderr.trim()}`);
      if (!replay || run.wallMs < replay.wallMs) replay = run;
    }
    log(`bare client replaying the plan: best ${ms(replay.wallMs)} of ${RUNS}; tagcheck is ${(best.wallMs / replay.wallMs).toFixed(2)}× that`);

    // (b) the loop users write today: one skopeo process per image and tag, one after the other.
    const tags = [RELEASE, 'latest', ...OLDER];
    const sample = repositories.slice(0, SKOPEO_IMAGES);
    const script = `for image in ${sample.join(' ')}; do for tag in ${tags.join(' ')}; do ` +
      `skopeo inspect --raw --tls-verify=false "docker://${proxy.host}/$image:$tag" >/dev/null || exit 1; done; done`;
    const skopeo = await measure('bash', ['-c', script]);
    if (skopeo.code !== 0) log(`skopeo loop failed: ${skopeo.stderr.trim().split('\n').pop()}`);
    const skopeoAllMs = (skopeo.wallMs * IMAGES) / sample.length;
    log(`skopeo loop: ${sample.length * tags.length} inspects in ${ms(skopeo.wallMs)}, scaled to ${IMAGES * tags.length}: ${ms(skopeoAllMs)}`);

    const floorMs = (plan.total / CONCURRENCY) * DELAY_MS;
    const ran = report !== null && best.code === 0;
    const beyondPlan = requests - plan.total;
    return {
      rows: [
        row(`registry check, ${IMAGES} images, +${DELAY_MS} ms/response`, ms(best.wallMs),
          `floor ${ms(floorMs)} (${plan.total} req / ${CONCURRENCY} × ${DELAY_MS} ms); bare client ${ms(replay.wallMs)}`, `${(best.wallMs / floorMs).toFixed(2)}×`, '≤ 2× floor',
          ran && best.wallMs <= 2 * floorMs),
        row('registry check vs skopeo loop', ms(best.wallMs),
          `skopeo ${ms(skopeoAllMs)} (${IMAGES * tags.length} inspects${sample.length < IMAGES ? `, scaled from ${sample.length * tags.length}` : ''})`,
          `${(skopeoAllMs / best.wallMs).toFixed(1)}× faster`, '≥ 20× faster', ran && skopeo.code === 0 && skopeoAllMs / best.wallMs >= 20),
        row('registry requests (access log)', `${requests}: ${describe(requestCounts)}`,
          `plan ${plan.total}: ${plan.tagLists} tag lists, ${plan.manifests} manifests (snapshot facts: ${gathered.total})`, `${beyondPlan >= 0 ? '+' : ''}${beyondPlan}${requestCounts.ping ? ` (${requestCounts.ping} /v2/ ping)` : ''}`,
          'none beyond the plan', ran && beyondPlan <= 0),
      ],
    };
  } finally {
    proxy?.stop();
    await registry.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

function describe(counts) {
  const names = { ping: 'ping', tagList: 'tag lists', manifest: 'manifests', referrers: 'referrers probes', blob: 'blobs', token: 'token', other: 'other' };
  return Object.entries(counts).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${names[k]}`).join(', ') || 'none';
}
