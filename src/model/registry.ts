import type { Platform } from './platform.js';

/** What the registry holds for one tag. */
export interface TagFacts {
  digest: string;
  mediaType: string;
  /** true for an OCI image index or a Docker manifest list */
  isIndex: boolean;
  /** runnable platforms (attestation entries excluded); for a single-arch manifest, read from its config */
  platforms: Platform[];
  /** an index's per-platform manifest digests, when known (a runtime may report the one it pulled) */
  manifests?: string[];
  /** an index's entries with their platforms, BuildKit attestation manifests among them (for `require:`) */
  entries?: IndexEntry[];
}

/** A registry answer: found, definitely absent, or could not be asked (with why). */
export type Lookup<T> =
  | { status: 'found'; value: T }
  | { status: 'not-found' }
  | { status: 'unreachable'; host: string; reason: string };

/** The registry state gathered before the rules run; rules only read it. Keys are normalized repositories. */
export interface RegistryFacts {
  /** all tags of a repository, when they were listed */
  tagList(repository: string): Lookup<string[]> | undefined;
  /** one tag's manifest facts, when it was asked */
  tag(repository: string, tag: string): Lookup<TagFacts> | undefined;
  /** signatures and attestations of one digest, when `require:` asked for them */
  artifacts?(repository: string, digest: string): SubjectArtifacts | undefined;
}

/** One entry of an image index: a platform manifest, or a BuildKit attestation manifest about one. */
export interface IndexEntry {
  digest: string;
  /** null for BuildKit attestation entries (`unknown/unknown`) and entries without a platform */
  platform: Platform | null;
  /** BuildKit: the platform manifest this attestation manifest is about (`vnd.docker.reference.digest`) */
  attestationFor?: string;
}

/** A descriptor of an artifact that refers to a subject: one entry of a referrers API answer or referrers tag index. */
export interface ReferrerDescriptor {
  digest: string;
  mediaType: string;
  artifactType?: string;
  annotations: Record<string, string>;
}

/** What tagcheck reads of an artifact manifest (cosign `.att`, a referrers tag index, a BuildKit attestation manifest). */
export interface ArtifactManifest {
  mediaType: string;
  /** the manifest's `artifactType`, else its config's media type (as OCI 1.1 says to read it) */
  artifactType?: string;
  annotations: Record<string, string>;
  /** `digest` lets the predicate type be read from the layer itself when no annotation names it */
  layers: { mediaType: string; annotations: Record<string, string>; digest?: string }[];
  /** an index's descriptors (the referrers tag schema stores referrers as one) */
  manifests: ReferrerDescriptor[];
}

/** An attestation found for a subject: its predicate type when known, its kind when tagcheck recognizes it. */
export interface FoundAttestation {
  predicateType: string | null;
  kind: 'sbom' | 'provenance' | null;
  /** where it was found, for messages: `the referrers API`, `tag sha256-….att`, … */
  where: string;
}

/** Signatures and attestations found for one digest, and every place tagcheck looked (in order). */
export interface SubjectArtifacts {
  digest: string;
  /** where each signature was found */
  signatures: string[];
  attestations: FoundAttestation[];
  /** every place tagcheck looked, in order, and what for (the referrers API serves both) */
  looked: { where: string; for: 'signatures' | 'attestations' | 'both' }[];
  /** a question that could not be answered: absence proves nothing then (registry-unreachable reports it) */
  fault?: { status: 'unreachable'; host: string; reason: string };
}
