import type { Platform } from '../../model/platform.js';
import type { ArtifactManifest, IndexEntry, ReferrerDescriptor } from '../../model/registry.js';
import { RegistryFault } from './fault.js';

export const MANIFEST_TYPES = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
} as const;

/** What we ask for: indexes first, so a multi-arch tag is never answered with one platform's manifest. */
export const MANIFEST_ACCEPT = [MANIFEST_TYPES.ociIndex, MANIFEST_TYPES.dockerList, MANIFEST_TYPES.ociManifest, MANIFEST_TYPES.dockerManifest].join(', ');

const INDEX_TYPES = new Set<string>([MANIFEST_TYPES.ociIndex, MANIFEST_TYPES.dockerList]);
const IMAGE_TYPES = new Set<string>([MANIFEST_TYPES.ociManifest, MANIFEST_TYPES.dockerManifest]);
/** configs that describe a runnable image (and so carry os/architecture); artifacts such as Helm charts do not */
export const IMAGE_CONFIG_TYPES = new Set(['application/vnd.oci.image.config.v1+json', 'application/vnd.docker.container.image.v1+json']);

export type ParsedManifest =
  | { kind: 'index'; mediaType: string; platforms: Platform[]; manifests: string[]; entries: IndexEntry[] }
  | { kind: 'image'; mediaType: string; config: { digest: string; mediaType: string } | null };

interface Descriptor {
  mediaType?: unknown;
  digest?: unknown;
  platform?: { os?: unknown; architecture?: unknown; variant?: unknown; 'os.version'?: unknown };
  annotations?: Record<string, unknown>;
}

/**
 * Reads an index or image manifest. The body's own `mediaType` wins over a missing or generic Content-Type
 * (some registries answer `application/json`); a body that is neither is a fault, not a guess.
 */
export function parseManifest(body: Buffer, contentType: string | undefined): ParsedManifest {
  const headerType = (contentType ?? '').split(';')[0].trim().toLowerCase();
  let doc: { mediaType?: unknown; manifests?: unknown; config?: unknown; schemaVersion?: unknown };
  try {
    doc = JSON.parse(body.toString('utf8'));
  } catch {
    throw new RegistryFault(`invalid manifest: not JSON (content type ${headerType || 'missing'}, ${body.length} bytes)`);
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new RegistryFault('invalid manifest: not a JSON object');
  const bodyType = typeof doc.mediaType === 'string' ? doc.mediaType : '';
  const known = (t: string) => INDEX_TYPES.has(t) || IMAGE_TYPES.has(t);
  const mediaType = known(bodyType) ? bodyType : known(headerType) ? headerType : Array.isArray(doc.manifests) ? MANIFEST_TYPES.ociIndex : doc.config ? MANIFEST_TYPES.ociManifest : '';
  if (!mediaType) {
    throw new RegistryFault(`unexpected manifest: content type ${headerType || 'missing'} and no index or image manifest in the body`);
  }
  if (INDEX_TYPES.has(mediaType)) {
    if (!Array.isArray(doc.manifests)) throw new RegistryFault('invalid index: "manifests" is not a list');
    return { kind: 'index', mediaType, ...indexEntries(doc.manifests as Descriptor[]), entries: allIndexEntries(doc.manifests as Descriptor[]) };
  }
  const config = doc.config as Descriptor | undefined;
  const usable = config && typeof config.digest === 'string' && typeof config.mediaType === 'string';
  return { kind: 'image', mediaType, config: usable ? { digest: config.digest as string, mediaType: config.mediaType as string } : null };
}

/**
 * Runnable platforms of an index and their manifests' digests: BuildKit attestations (`unknown/unknown`,
 * attestation-manifest) are not platforms. The digests matter because a node's runtime may report the
 * platform manifest it pulled rather than the index (deployed-digest-drift).
 */
function indexEntries(entries: Descriptor[]): { platforms: Platform[]; manifests: string[] } {
  const platforms: Platform[] = [];
  const manifests: string[] = [];
  for (const entry of entries) {
    if (!entry || typeof entry !== 'object') continue;
    if (entry.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest') continue;
    const platform = platformOf(entry.platform);
    if (!platform || (platform.os === 'unknown' && platform.architecture === 'unknown')) continue;
    platforms.push(platform);
    if (typeof entry.digest === 'string' && !manifests.includes(entry.digest)) manifests.push(entry.digest);
  }
  return { platforms, manifests };
}

/** Every entry of an index with a digest: platform manifests, and BuildKit attestation manifests with their subject. */
function allIndexEntries(entries: Descriptor[]): IndexEntry[] {
  const result: IndexEntry[] = [];
  for (const entry of entries) {
    if (!entry || typeof entry !== 'object' || typeof entry.digest !== 'string') continue;
    const attestation = entry.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest';
    const attestationFor = attestation ? entry.annotations?.['vnd.docker.reference.digest'] : undefined;
    const platform = platformOf(entry.platform);
    const runnable = platform && !(platform.os === 'unknown' && platform.architecture === 'unknown') && !attestation;
    result.push({ digest: entry.digest, platform: runnable ? platform : null, ...(typeof attestationFor === 'string' ? { attestationFor } : {}) });
  }
  return result;
}

/** String-valued annotations only: anything else in an `annotations` object is ignored, not trusted. */
function stringAnnotations(value: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (!value || typeof value !== 'object' || Array.isArray(value)) return result;
  for (const [key, text] of Object.entries(value as Record<string, unknown>)) if (typeof text === 'string') result[key] = text;
  return result;
}

/** The descriptors of a referrers answer or a referrers tag index; entries without a digest are skipped. */
export function referrerDescriptors(manifests: unknown): ReferrerDescriptor[] {
  if (!Array.isArray(manifests)) return [];
  const result: ReferrerDescriptor[] = [];
  for (const entry of manifests as Descriptor[]) {
    if (!entry || typeof entry !== 'object' || typeof entry.digest !== 'string') continue;
    const artifactType = (entry as { artifactType?: unknown }).artifactType;
    result.push({
      digest: entry.digest,
      mediaType: typeof entry.mediaType === 'string' ? entry.mediaType : '',
      ...(typeof artifactType === 'string' && artifactType ? { artifactType } : {}),
      annotations: stringAnnotations(entry.annotations),
    });
  }
  return result;
}

/**
 * A referrers API answer: an OCI index of descriptors. Anything else (an HTML page, `{}`) means the registry does
 * not really serve the API, so null, and the caller falls back to the referrers tag schema.
 */
export function parseReferrers(body: Buffer): ReferrerDescriptor[] | null {
  try {
    const doc = JSON.parse(body.toString('utf8')) as { manifests?: unknown };
    if (!doc || typeof doc !== 'object' || !Array.isArray(doc.manifests)) return null;
    return referrerDescriptors(doc.manifests);
  } catch {
    return null;
  }
}

/** An artifact manifest or index: artifact type (else the config's media type), annotations, layers, descriptors. */
export function parseArtifactManifest(body: Buffer, contentType: string | undefined): ArtifactManifest {
  let doc: { mediaType?: unknown; artifactType?: unknown; config?: Descriptor; layers?: unknown; manifests?: unknown; annotations?: unknown };
  try {
    doc = JSON.parse(body.toString('utf8'));
  } catch {
    throw new RegistryFault(`invalid manifest: not JSON (${body.length} bytes)`);
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new RegistryFault('invalid manifest: not a JSON object');
  const headerType = (contentType ?? '').split(';')[0].trim().toLowerCase();
  const configType = typeof doc.config?.mediaType === 'string' ? doc.config.mediaType : undefined;
  const artifactType = typeof doc.artifactType === 'string' && doc.artifactType ? doc.artifactType : configType;
  const layers = Array.isArray(doc.layers)
    ? (doc.layers as Descriptor[])
        .filter((l) => l && typeof l === 'object')
        .map((l) => ({ mediaType: typeof l.mediaType === 'string' ? l.mediaType : '', annotations: stringAnnotations(l.annotations), ...(typeof l.digest === 'string' ? { digest: l.digest } : {}) }))
    : [];
  return {
    mediaType: typeof doc.mediaType === 'string' ? doc.mediaType : headerType,
    ...(artifactType ? { artifactType } : {}),
    annotations: stringAnnotations(doc.annotations),
    layers,
    manifests: referrerDescriptors(doc.manifests),
  };
}

/** `{ os, architecture, variant?, os.version? }` from an index entry or an image config. */
export function platformOf(source: { os?: unknown; architecture?: unknown; variant?: unknown; 'os.version'?: unknown } | undefined): Platform | null {
  if (!source || typeof source.os !== 'string' || typeof source.architecture !== 'string' || !source.os || !source.architecture) return null;
  return {
    os: source.os.toLowerCase(),
    architecture: source.architecture.toLowerCase(),
    ...(typeof source.variant === 'string' && source.variant ? { variant: source.variant.toLowerCase() } : {}),
    ...(typeof source['os.version'] === 'string' && source['os.version'] ? { osVersion: source['os.version'] } : {}),
  };
}

/** The platform of a single-arch image, from its config blob. */
export function parseImageConfig(body: Buffer): Platform | null {
  try {
    return platformOf(JSON.parse(body.toString('utf8')));
  } catch {
    throw new RegistryFault('invalid image config: not JSON');
  }
}

/** One page of `GET /v2/<name>/tags/list`: `{ name, tags }`, where `tags` may be null for an empty repository. */
export function parseTagList(body: Buffer): string[] {
  let doc: { tags?: unknown };
  try {
    doc = JSON.parse(body.toString('utf8'));
  } catch {
    throw new RegistryFault('invalid tag list: not JSON');
  }
  if (!doc || typeof doc !== 'object') throw new RegistryFault('invalid tag list: not a JSON object');
  if (doc.tags === null || doc.tags === undefined) return [];
  if (!Array.isArray(doc.tags)) throw new RegistryFault('invalid tag list: "tags" is not a list');
  return doc.tags.filter((t): t is string => typeof t === 'string');
}

/** `</v2/acme/app/tags/list?n=100&last=x>; rel="next"` → the next page's path and query. */
export function nextPageLink(header: string | string[] | undefined): string | null {
  const text = Array.isArray(header) ? header.join(', ') : header;
  if (!text) return null;
  for (const part of text.split(/,(?=\s*<)/)) {
    const m = /<([^>]+)>\s*;(.*)$/.exec(part.trim());
    if (m && /rel\s*=\s*"?next"?/i.test(m[2])) return m[1];
  }
  return null;
}

/**
 * The predicate type inside an attestation layer: a DSSE envelope (cosign `.att`: `{ payloadType, payload }`, the
 * payload a base64 in-toto statement) or a bare in-toto statement (BuildKit). null when it names none.
 */
export function parsePredicateType(body: Buffer): string | null {
  try {
    const doc = JSON.parse(body.toString('utf8')) as { payload?: unknown; predicateType?: unknown };
    if (typeof doc?.predicateType === 'string') return doc.predicateType;
    if (typeof doc?.payload !== 'string') return null;
    const statement = JSON.parse(Buffer.from(doc.payload, 'base64').toString('utf8')) as { predicateType?: unknown };
    return typeof statement?.predicateType === 'string' ? statement.predicateType : null;
  } catch {
    return null;
  }
}
