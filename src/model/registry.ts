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
}
