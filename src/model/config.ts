import type { LevelSetting } from './finding.js';
import type { Located } from './located.js';
import type { Platform } from './platform.js';

/** `same`: v-prefix insensitive; `exact`: identical text; or a template such as `v{version}` / `{version}`. */
export type TagFormat = string;
export type LatestPolicy = 'required' | 'optional' | 'forbidden';

/** Required platforms for the images whose repository matches `pattern` (a glob; `default` matches all). */
export interface PlatformRequirement {
  pattern: string;
  platforms: Platform[];
}

/**
 * `require:`: what every own release image must carry besides its tags. `platforms: true` checks each platform
 * manifest of the release index too, not only the index. Attestation kinds are `sbom`, `provenance` or an exact
 * in-toto predicate type URI.
 */
export interface Requirements {
  signatures?: { platforms: boolean };
  attestations?: { kinds: string[]; platforms: boolean };
}

export interface IgnoreEntry {
  rule: string;
  path?: string;
  reason?: string;
}

/**
 * The validated `.tagcheck.yaml`, with every default filled in by src/config (the only place defaults live).
 * Values that findings may point at keep their position in the config file.
 */
export interface TagcheckConfig {
  /** path of the config file relative to the checked root, when one was read */
  file?: string;
  images: Located<string>[];
  components: Located<string>[];
  /** globs relative to the root; undefined means "every *.yaml/*.yml outside .git, node_modules, vendor" */
  manifests?: string[];
  /** Markdown globs relative to the root; undefined means every *.md outside .git, node_modules, vendor, release notes, upgrade guides and release-process pages (discover.ts); [] reads none */
  docs?: string[];
  tagFormat: TagFormat;
  platforms: PlatformRequirement[];
  latest: LatestPolicy;
  mutableTags: string[];
  versionFrom?: Located<string>;
  rules: Record<string, LevelSetting>;
  registries: Record<string, { insecure?: boolean }>;
  ignore: IgnoreEntry[];
  /** empty unless `require:` asks (or a `--rule` turns signature-missing / attestation-missing on) */
  require: Requirements;
}
