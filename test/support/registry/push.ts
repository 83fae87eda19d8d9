import { createHash } from 'node:crypto';
import type { TestRegistry } from './registry-server.js';

export const MEDIA_TYPES = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  ociLayer: 'application/vnd.oci.image.layer.v1.tar+gzip',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  dockerLayer: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  inToto: 'application/vnd.in-toto+json',
} as const;

export type ImageKind = 'oci-index' | 'docker-list' | 'single' | 'docker-single';

export interface PushOptions {
  /** `os/arch[/variant][:os.version]`; default linux/amd64 + linux/arm64 (a single image uses the first) */
  platforms?: string[];
  kind?: ImageKind;
  /**
   * add a BuildKit-style attestation manifest (`unknown/unknown`) per platform to the index: `true` carries SLSA
   * provenance v0.2, a list carries one in-toto layer per predicate type (e.g. SPDX and SLSA, as `--sbom --provenance`)
   */
  attestations?: boolean | string[];
  /** changes every digest; default `repo:tag`, so two tags pushed separately differ */
  seed?: string;
}

export interface PushedImage {
  /** the digest of what the tag points at (index, list or manifest) */
  digest: string;
  mediaType: string;
  /** the per-platform manifests (for a single image: itself) */
  manifests: Array<{ platform: string; digest: string }>;
  attestationDigests: string[];
  /** bytes of the manifest the tag points at (for a referrer's `subject` descriptor) */
  size: number;
}

const sha256 = (data: Buffer | string) => `sha256:${createHash('sha256').update(data).digest('hex')}`;

/** Pushes a synthetic image through the registry's real API: blob uploads (POST + PUT) and manifest PUTs. */
export async function pushImage(registry: TestRegistry, repo: string, tag: string, options: PushOptions = {}): Promise<PushedImage> {
  const kind = options.kind ?? 'oci-index';
  const platforms = options.platforms ?? ['linux/amd64', 'linux/arm64'];
  const seed = options.seed ?? `${repo}:${tag}`;
  const docker = kind === 'docker-list' || kind === 'docker-single';
  const client = new PushClient(registry, repo);

  if (kind === 'single' || kind === 'docker-single') {
    const image = await pushPlatformManifest(client, platforms[0], seed, docker, tag);
    return { digest: image.digest, mediaType: image.mediaType, manifests: [{ platform: platforms[0], digest: image.digest }], attestationDigests: [], size: image.size };
  }

  const entries: unknown[] = [];
  const manifests: PushedImage['manifests'] = [];
  const attestationDigests: string[] = [];
  // platforms are independent: push them side by side
  const images = await Promise.all(platforms.map((platform) => pushPlatformManifest(client, platform, seed, docker)));
  for (const [i, platform] of platforms.entries()) {
    const image = images[i];
    manifests.push({ platform, digest: image.digest });
    entries.push({ mediaType: image.mediaType, digest: image.digest, size: image.size, platform: platformObject(platform) });
    if (options.attestations) {
      const predicateTypes = Array.isArray(options.attestations) ? options.attestations : ['https://slsa.dev/provenance/v0.2'];
      const attestation = await pushAttestation(client, image.digest, seed, predicateTypes);
      attestationDigests.push(attestation.digest);
      entries.push({
        mediaType: MEDIA_TYPES.ociManifest,
        digest: attestation.digest,
        size: attestation.size,
        platform: { architecture: 'unknown', os: 'unknown' },
        annotations: { 'vnd.docker.reference.digest': image.digest, 'vnd.docker.reference.type': 'attestation-manifest' },
      });
    }
  }
  const mediaType = docker ? MEDIA_TYPES.dockerList : MEDIA_TYPES.ociIndex;
  const body = JSON.stringify({ schemaVersion: 2, mediaType, manifests: entries });
  const digest = await client.putManifest(tag, body, mediaType);
  return { digest, mediaType, manifests, attestationDigests, size: Buffer.byteLength(body) };
}

/** Points `toTag` at the exact bytes of `fromTag` (so both have the same digest), like `crane tag`. */
export async function tagExisting(registry: TestRegistry, repo: string, fromTag: string, toTag: string): Promise<string> {
  const client = new PushClient(registry, repo);
  const { body, mediaType } = await client.getManifest(fromTag);
  return client.putManifest(toTag, body, mediaType);
}

/** PUTs arbitrary manifest bytes (for malformed or unusual manifests); returns the registry's digest. */
export async function putRawManifest(registry: TestRegistry, repo: string, reference: string, body: string | Buffer, mediaType: string): Promise<string> {
  return new PushClient(registry, repo).putManifest(reference, body, mediaType);
}

/** Uploads one blob through the real API (POST + PUT); returns its digest. */
export async function uploadBlob(registry: TestRegistry, repo: string, data: Buffer): Promise<string> {
  return new PushClient(registry, repo).uploadBlob(data);
}

/** Deletes a tag's manifest (by digest, as the API requires); the repository stays. */
export async function deleteManifest(registry: TestRegistry, repo: string, digest: string): Promise<void> {
  const client = new PushClient(registry, repo);
  const response = await client.request('DELETE', `/v2/${repo}/manifests/${digest}`);
  if (response.status !== 202) throw new Error(`DELETE ${digest}: HTTP ${response.status} ${await response.text()}`);
}

async function pushPlatformManifest(client: PushClient, platform: string, seed: string, docker: boolean, tag?: string) {
  const p = platformObject(platform);
  const layer = Buffer.from(`synthetic layer ${seed} ${platform}\n`);
  const config = Buffer.from(
    JSON.stringify({
      architecture: p.architecture,
      os: p.os,
      ...(p.variant ? { variant: p.variant } : {}),
      ...(p['os.version'] ? { 'os.version': p['os.version'] } : {}),
      config: { Labels: { seed } },
      rootfs: { type: 'layers', diff_ids: [sha256(layer)] },
    }),
  );
  const [layerDigest, configDigest] = await Promise.all([client.uploadBlob(layer), client.uploadBlob(config)]);
  const mediaType = docker ? MEDIA_TYPES.dockerManifest : MEDIA_TYPES.ociManifest;
  const body = JSON.stringify({
    schemaVersion: 2,
    mediaType,
    config: { mediaType: docker ? MEDIA_TYPES.dockerConfig : MEDIA_TYPES.ociConfig, digest: configDigest, size: config.length },
    layers: [{ mediaType: docker ? MEDIA_TYPES.dockerLayer : MEDIA_TYPES.ociLayer, digest: layerDigest, size: layer.length }],
  });
  const digest = await client.putManifest(tag ?? sha256(body), body, mediaType);
  return { digest, mediaType, size: Buffer.byteLength(body) };
}

async function pushAttestation(client: PushClient, subject: string, seed: string, predicateTypes: string[]) {
  const statements = predicateTypes.map((predicateType) =>
    Buffer.from(JSON.stringify({ _type: 'https://in-toto.io/Statement/v0.1', subject: [{ digest: { sha256: subject.slice(7) } }], predicateType, seed })),
  );
  const layerDigests = await Promise.all(statements.map((statement) => client.uploadBlob(statement)));
  const config = Buffer.from(JSON.stringify({ architecture: 'unknown', os: 'unknown', config: {}, rootfs: { type: 'layers', diff_ids: statements.map((s) => sha256(s)) } }));
  const configDigest = await client.uploadBlob(config);
  const body = JSON.stringify({
    schemaVersion: 2,
    mediaType: MEDIA_TYPES.ociManifest,
    config: { mediaType: MEDIA_TYPES.ociConfig, digest: configDigest, size: config.length },
    layers: statements.map((statement, i) => ({
      mediaType: MEDIA_TYPES.inToto,
      digest: layerDigests[i],
      size: statement.length,
      annotations: { 'in-toto.io/predicate-type': predicateTypes[i] },
    })),
  });
  const digest = await client.putManifest(sha256(body), body, MEDIA_TYPES.ociManifest);
  return { digest, size: Buffer.byteLength(body) };
}

function platformObject(platform: string): { os: string; architecture: string; variant?: string; 'os.version'?: string } {
  const [spec, osVersion] = platform.split(':', 2);
  const [os, architecture, variant] = spec.split('/');
  return { os, architecture, ...(variant ? { variant } : {}), ...(osVersion ? { 'os.version': osVersion } : {}) };
}

/** The test side's own minimal registry client (push needs `push` scope; the product only pulls). */
class PushClient {
  constructor(
    private registry: TestRegistry,
    private repo: string,
  ) {}

  private authorization(): string | undefined {
    const { credentials, tokenIssuer } = this.registry;
    if (!credentials) return undefined;
    if (tokenIssuer) return `Bearer ${tokenIssuer.mintToken(credentials.username, [`repository:${this.repo}:pull,push,delete`])}`;
    return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
  }

  async request(method: string, pathOrUrl: string, body?: Buffer | string, headers: Record<string, string> = {}): Promise<Response> {
    const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${this.registry.url}${pathOrUrl}`;
    const authorization = this.authorization();
    return fetch(url, { method, body: typeof body === 'string' || body === undefined ? body : new Uint8Array(body), headers: { ...headers, ...(authorization ? { authorization } : {}) }, redirect: 'manual' });
  }

  async uploadBlob(data: Buffer): Promise<string> {
    const digest = sha256(data);
    // no HEAD check first: uploading a blob the registry already has is harmless and saves a round trip
    const start = await this.request('POST', `/v2/${this.repo}/blobs/uploads/`);
    await start.arrayBuffer();
    if (start.status !== 202) throw new Error(`blob upload start for ${this.repo}: HTTP ${start.status}`);
    const location = new URL(start.headers.get('location')!, this.registry.url);
    location.searchParams.set('digest', digest);
    const put = await this.request('PUT', location.toString(), data, { 'content-type': 'application/octet-stream' });
    const text = await put.text();
    if (put.status !== 201) throw new Error(`blob upload for ${this.repo}: HTTP ${put.status} ${text}`);
    return digest;
  }

  async putManifest(reference: string, body: string | Buffer, mediaType: string): Promise<string> {
    const response = await this.request('PUT', `/v2/${this.repo}/manifests/${reference}`, body, { 'content-type': mediaType });
    const text = await response.text();
    if (response.status !== 201) throw new Error(`manifest PUT ${this.repo}:${reference}: HTTP ${response.status} ${text}`);
    return response.headers.get('docker-content-digest') ?? sha256(body);
  }

  async getManifest(reference: string): Promise<{ body: Buffer; mediaType: string }> {
    const accept = [MEDIA_TYPES.ociIndex, MEDIA_TYPES.dockerList, MEDIA_TYPES.ociManifest, MEDIA_TYPES.dockerManifest].join(', ');
    const response = await this.request('GET', `/v2/${this.repo}/manifests/${reference}`, undefined, { accept });
    const body = Buffer.from(await response.arrayBuffer());
    if (response.status !== 200) throw new Error(`manifest GET ${this.repo}:${reference}: HTTP ${response.status}`);
    return { body, mediaType: response.headers.get('content-type') ?? MEDIA_TYPES.ociManifest };
  }
}
