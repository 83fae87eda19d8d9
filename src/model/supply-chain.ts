import { formatPlatform } from './platform.js';
import type { FoundAttestation, ReferrerDescriptor, SubjectArtifacts } from './registry.js';
import { foundTag, listedTags, releaseOrDeployedTags, shortDigest } from './registry-view.js';
import type { ReleaseModel } from './release.js';

/**
 * The vocabulary of signatures and attestations as registries store them: artifact types, annotations and
 * in-toto predicate types written by cosign, notation, sigstore bundles, BuildKit and ORAS. Only presence is
 * read; nothing here verifies a signature.
 */
export const ARTIFACT_TYPES = {
  /** cosign in OCI 1.1 mode (`--registry-referrers-mode=oci-1-1`) */
  cosignSignature: 'application/vnd.dev.cosign.artifact.sig.v1+json',
  notationSignature: 'application/vnd.cncf.notary.signature',
  /** cosign v3 / sigstore bundles: signature or attestation, told apart by `dev.sigstore.bundle.predicateType` */
  sigstoreBundle: 'application/vnd.dev.sigstore.bundle.v0.3+json',
  inToto: 'application/vnd.in-toto+json',
  /** buildx `oci-artifact=true`: an attestation manifest pushed as a referrer; predicate types are on its layers */
  dockerAttestation: 'application/vnd.docker.attestation.manifest.v1+json',
} as const;

export const ANNOTATIONS = {
  inTotoPredicateType: 'in-toto.io/predicate-type',
  /** what cosign writes on each layer of a `sha256-<hex>.att` manifest */
  cosignPredicateType: 'predicateType',
  bundlePredicateType: 'dev.sigstore.bundle.predicateType',
} as const;

/** The predicate type of a cosign v3 signature stored as a sigstore bundle. */
export const COSIGN_SIGNATURE_PREDICATE = 'https://sigstore.dev/cosign/sign/v1';

/** SBOM documents attached as plain artifacts (ORAS, `cosign attach sbom`) rather than in-toto statements. */
const SBOM_ARTIFACT_TYPES = new Set(['application/spdx+json', 'text/spdx', 'text/spdx+json', 'application/vnd.cyclonedx+json', 'application/vnd.cyclonedx+xml', 'application/vnd.cyclonedx']);

/** What each named kind accepts: prefixes of predicate types (versions vary: /v0.2, /v1, Document/v2.3). */
const KIND_PREDICATES: Record<'sbom' | 'provenance', string[]> = {
  sbom: ['https://spdx.dev/Document', 'https://spdx.org/rdf/', 'https://cyclonedx.org/bom'],
  provenance: ['https://slsa.dev/provenance/'],
};

/** A human name for a required kind, for messages. */
export function describeKind(kind: string): string {
  if (kind === 'sbom') return 'SBOM (SPDX or CycloneDX)';
  if (kind === 'provenance') return 'provenance (SLSA)';
  return kind;
}

export function kindOfPredicate(predicateType: string | null): 'sbom' | 'provenance' | null {
  if (!predicateType) return null;
  for (const kind of ['sbom', 'provenance'] as const) {
    if (KIND_PREDICATES[kind].some((prefix) => predicateType.startsWith(prefix))) return kind;
  }
  return null;
}

/** Whether a found attestation satisfies a required kind (`sbom`, `provenance`, or an exact predicate type). */
export function satisfiesKind(attestation: FoundAttestation, kind: string): boolean {
  if (kind === 'sbom' || kind === 'provenance') return attestation.kind === kind;
  return attestation.predicateType === kind;
}

export function attestation(predicateType: string | null, where: string, kind = kindOfPredicate(predicateType)): FoundAttestation {
  return { predicateType, kind, where };
}

/** How one referrer descriptor counts, from its artifact type and annotations alone. */
export type ReferrerVerdict =
  | { kind: 'signature' }
  | { kind: 'attestation'; predicateType: string | null; sbom?: boolean }
  /** an attestation whose predicate types are on its manifest's layers: read the manifest */
  | { kind: 'read-manifest' }
  | { kind: 'other' };

export function classifyReferrer(descriptor: ReferrerDescriptor): ReferrerVerdict {
  const type = descriptor.artifactType ?? '';
  const annotations = descriptor.annotations;
  if (type === ARTIFACT_TYPES.cosignSignature || type === ARTIFACT_TYPES.notationSignature) return { kind: 'signature' };
  if (type.startsWith('application/vnd.dev.sigstore.bundle')) {
    const predicateType = annotations[ANNOTATIONS.bundlePredicateType] ?? null;
    return predicateType === COSIGN_SIGNATURE_PREDICATE ? { kind: 'signature' } : { kind: 'attestation', predicateType };
  }
  const predicateType = annotations[ANNOTATIONS.inTotoPredicateType] ?? annotations[ANNOTATIONS.cosignPredicateType];
  if (type === ARTIFACT_TYPES.inToto || type.includes('in-toto')) return predicateType ? { kind: 'attestation', predicateType } : { kind: 'read-manifest' };
  if (type === ARTIFACT_TYPES.dockerAttestation) return { kind: 'read-manifest' };
  if (SBOM_ARTIFACT_TYPES.has(type)) return { kind: 'attestation', predicateType: null, sbom: true };
  if (predicateType) return { kind: 'attestation', predicateType };
  return { kind: 'other' };
}

/** The predicate types on an attestation manifest's layers (BuildKit, cosign `.att`, docker referrers). */
export function layerPredicateTypes(layers: { annotations: Record<string, string> }[]): (string | null)[] {
  return layers.map((layer) => layer.annotations[ANNOTATIONS.inTotoPredicateType] ?? layer.annotations[ANNOTATIONS.cosignPredicateType] ?? null);
}

/**
 * `sha256:abc…` → `sha256-abc…`: the tag the referrers tag schema and cosign derive from a digest (the
 * distribution spec truncates the algorithm to 32 and the hex to 64 characters, which leaves sha256 whole).
 */
export function digestTag(digest: string): string {
  const [algorithm, hex = ''] = digest.split(':');
  return `${algorithm.slice(0, 32)}-${hex.slice(0, 64)}`;
}

/** One digest a `require:` rule checks: the release tag's image, or one platform manifest of its index. */
export interface CheckedSubject {
  repository: string;
  tag: string;
  digest: string;
  /** `index`, `manifest` (a single-arch release), or `linux/arm64 manifest` */
  what: string;
  artifacts: SubjectArtifacts;
}

/**
 * The digests gathered for a repository's release (or deployed) tags, in index-then-platform order; a digest
 * whose answers are missing or could not be had is left out (registry-unreachable reports the latter).
 */
export function checkedSubjects(model: ReleaseModel, repository: string, platforms: boolean): CheckedSubject[] {
  const facts = model.registry;
  if (!facts?.artifacts || !listedTags(facts, repository)) return [];
  const subjects: CheckedSubject[] = [];
  const seen = new Set<string>();
  const add = (tag: string, digest: string, what: string) => {
    const artifacts = facts.artifacts!(repository, digest);
    if (!artifacts || artifacts.fault || seen.has(digest)) return;
    seen.add(digest);
    subjects.push({ repository, tag, digest, what, artifacts });
  };
  for (const tag of releaseOrDeployedTags(model, facts, repository)) {
    const image = foundTag(facts, repository, tag);
    if (!image) continue;
    add(tag, image.digest, image.isIndex ? 'index' : 'manifest');
    if (!platforms || !image.isIndex) continue;
    for (const entry of image.entries ?? []) if (entry.platform) add(tag, entry.digest, `${formatPlatform(entry.platform)} manifest`);
  }
  return subjects;
}

/** The places looked at for signatures or attestations, for a finding's message. */
export function lookedFor(artifacts: SubjectArtifacts, purpose: 'signatures' | 'attestations'): string {
  return artifacts.looked.filter((place) => place.for === purpose || place.for === 'both').map((place) => place.where).join('; ');
}

/** `ghcr.io/acme/app:v1.2.3 index sha256:0123456789ab`: how a finding names the digest it is about. */
export function describeSubject(subject: CheckedSubject): string {
  return `${subject.repository}:${subject.tag} ${subject.what} ${shortDigest(subject.digest)}`;
}
