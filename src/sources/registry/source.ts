import type { ArtifactManifest, Lookup, ReferrerDescriptor, TagFacts } from '../../model/registry.js';

/**
 * Anything that can answer registry questions: the live OCI distribution client or a snapshot file.
 * Repository names are normalized (`docker.io/library/nginx`). Implementations never throw for
 * network or registry faults: those come back as `{ status: 'unreachable', host, reason }`.
 */
export interface RegistrySource {
  listTags(repository: string): Promise<Lookup<string[]>>;
  getTag(repository: string, tag: string): Promise<Lookup<TagFacts>>;
  /**
   * `GET /v2/<name>/referrers/<digest>`: the artifacts whose `subject` is the digest. `not-found` when the
   * registry does not serve the referrers API (then the referrers tag schema is the fallback). Sources without
   * it (older snapshots, test doubles) answer nothing: treated as not-found.
   */
  getReferrers?(repository: string, digest: string): Promise<Lookup<ReferrerDescriptor[]>>;
  /** an artifact manifest or index by digest or tag (cosign `.att`, a referrers tag index, an attestation manifest) */
  getManifest?(repository: string, reference: string): Promise<Lookup<ArtifactManifest>>;
  /** the predicate type inside an attestation layer (blob), for layers no annotation names; null when unreadable */
  getPredicateType?(repository: string, layerDigest: string): Promise<Lookup<string | null>>;
}
