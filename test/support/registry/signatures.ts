import { createHash } from 'node:crypto';
import { putRawManifest, uploadBlob, MEDIA_TYPES } from './push.js';
import type { TestRegistry } from './registry-server.js';

// Signatures and attestations shaped as cosign, notation and the OCI 1.1 referrers tag schema write them, pushed
// through the real registry API. The signature bytes are placeholders: tagcheck checks presence, never validity.

const sha256 = (data: Buffer | string) => `sha256:${createHash('sha256').update(data).digest('hex')}`;
const digestTag = (digest: string) => digest.replace(':', '-');

export const SUPPLY_CHAIN_TYPES = {
  simpleSigning: 'application/vnd.dev.cosign.simplesigning.v1+json',
  dsse: 'application/vnd.dsse.envelope.v1+json',
  cosignSignature: 'application/vnd.dev.cosign.artifact.sig.v1+json',
  notationSignature: 'application/vnd.cncf.notary.signature',
  sigstoreBundle: 'application/vnd.dev.sigstore.bundle.v0.3+json',
  ociEmpty: 'application/vnd.oci.empty.v1+json',
} as const;

export const PREDICATES = {
  spdx: 'https://spdx.dev/Document',
  cyclonedx: 'https://cyclonedx.org/bom',
  slsa02: 'https://slsa.dev/provenance/v0.2',
  slsa1: 'https://slsa.dev/provenance/v1',
  cosignSign: 'https://sigstore.dev/cosign/sign/v1',
} as const;

/** cosign's config for `.sig` and `.att` manifests: an image config whose diff_ids are the layers. */
async function cosignConfig(registry: TestRegistry, repo: string, layers: Buffer[]) {
  const config = Buffer.from(JSON.stringify({ architecture: '', os: '', config: {}, rootfs: { type: 'layers', diff_ids: layers.map((l) => sha256(l)) } }));
  return { mediaType: MEDIA_TYPES.ociConfig, digest: await uploadBlob(registry, repo, config), size: config.length };
}

/** `cosign sign` (tag scheme): tag `sha256-<hex>.sig`, one simple-signing layer with the signature annotation. */
export async function cosignSign(registry: TestRegistry, repo: string, subject: string): Promise<string> {
  const payload = Buffer.from(
    JSON.stringify({ critical: { identity: { 'docker-reference': `${registry.host}/${repo}` }, image: { 'docker-manifest-digest': subject }, type: 'cosign container image signature' }, optional: null }),
  );
  const body = JSON.stringify({
    schemaVersion: 2,
    mediaType: MEDIA_TYPES.ociManifest,
    config: await cosignConfig(registry, repo, [payload]),
    layers: [
      {
        mediaType: SUPPLY_CHAIN_TYPES.simpleSigning,
        digest: await uploadBlob(registry, repo, payload),
        size: payload.length,
        annotations: { 'dev.cosignproject.cosign/signature': 'MEUCIQDplaceholder' },
      },
    ],
  });
  return putRawManifest(registry, repo, `${digestTag(subject)}.sig`, body, MEDIA_TYPES.ociManifest);
}

/**
 * `cosign attest` (tag scheme): tag `sha256-<hex>.att`, one DSSE layer per attestation with a `predicateType`
 * annotation; `annotate: false` leaves it out, as cosign releases before the annotation did.
 */
export async function cosignAttest(registry: TestRegistry, repo: string, subject: string, predicateTypes: string[], { annotate = true } = {}): Promise<string> {
  const envelopes = predicateTypes.map((predicateType) => {
    const statement = { _type: 'https://in-toto.io/Statement/v0.1', predicateType, subject: [{ name: `${registry.host}/${repo}`, digest: { sha256: subject.slice(7) } }], predicate: {} };
    return Buffer.from(JSON.stringify({ payloadType: 'application/vnd.in-toto+json', payload: Buffer.from(JSON.stringify(statement)).toString('base64'), signatures: [{ sig: 'placeholder' }] }));
  });
  const layers = await Promise.all(
    envelopes.map(async (envelope, i) => ({ mediaType: SUPPLY_CHAIN_TYPES.dsse, digest: await uploadBlob(registry, repo, envelope), size: envelope.length, ...(annotate ? { annotations: { predicateType: predicateTypes[i] } } : {}) })),
  );
  const body = JSON.stringify({ schemaVersion: 2, mediaType: MEDIA_TYPES.ociManifest, config: await cosignConfig(registry, repo, envelopes), layers });
  return putRawManifest(registry, repo, `${digestTag(subject)}.att`, body, MEDIA_TYPES.ociManifest);
}

export interface Referrer {
  artifactType: string;
  annotations?: Record<string, string>;
}

/**
 * An OCI 1.1 referrer manifest (artifactType, `subject`, an empty config) for `subject`, pushed by digest; returns
 * the manifest and its descriptor as the referrers API or the referrers tag schema lists it.
 */
export async function pushReferrer(registry: TestRegistry, repo: string, subject: { digest: string; mediaType: string; size: number }, referrer: Referrer) {
  const empty = Buffer.from('{}');
  const emptyDigest = await uploadBlob(registry, repo, empty);
  const content = Buffer.from(`${referrer.artifactType} for ${subject.digest}`);
  const body = JSON.stringify({
    schemaVersion: 2,
    mediaType: MEDIA_TYPES.ociManifest,
    artifactType: referrer.artifactType,
    config: { mediaType: SUPPLY_CHAIN_TYPES.ociEmpty, digest: emptyDigest, size: 2 },
    layers: [{ mediaType: referrer.artifactType, digest: await uploadBlob(registry, repo, content), size: content.length }],
    subject,
    ...(referrer.annotations ? { annotations: referrer.annotations } : {}),
  });
  const digest = await putRawManifest(registry, repo, sha256(body), body, MEDIA_TYPES.ociManifest);
  return { body, descriptor: { mediaType: MEDIA_TYPES.ociManifest, digest, size: Buffer.byteLength(body), artifactType: referrer.artifactType, ...(referrer.annotations ? { annotations: referrer.annotations } : {}) } };
}

/**
 * What clients write on a registry without the referrers API (OCI distribution spec, "referrers tag schema"):
 * each referrer manifest by digest, and an index of their descriptors at tag `sha256-<hex>`.
 */
export async function pushReferrersTagSchema(registry: TestRegistry, repo: string, subject: { digest: string; mediaType: string; size: number }, referrers: Referrer[]): Promise<string> {
  const descriptors = [];
  for (const referrer of referrers) descriptors.push((await pushReferrer(registry, repo, subject, referrer)).descriptor);
  const body = JSON.stringify({ schemaVersion: 2, mediaType: MEDIA_TYPES.ociIndex, manifests: descriptors });
  return putRawManifest(registry, repo, digestTag(subject.digest), body, MEDIA_TYPES.ociIndex);
}
