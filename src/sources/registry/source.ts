import type { Lookup, TagFacts } from '../../model/registry.js';

/**
 * Anything that can answer registry questions: the live OCI distribution client or a snapshot file.
 * Repository names are normalized (`docker.io/library/nginx`). Implementations never throw for
 * network or registry faults: those come back as `{ status: 'unreachable', host, reason }`.
 */
export interface RegistrySource {
  listTags(repository: string): Promise<Lookup<string[]>>;
  getTag(repository: string, tag: string): Promise<Lookup<TagFacts>>;
}
