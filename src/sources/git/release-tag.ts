import type { Located } from '../../model/located.js';
import type { Release } from '../../model/release.js';

export interface ReleaseTagOptions {
  root: string;
  /** `--tag` */
  flag?: string;
  env: NodeJS.ProcessEnv;
  /** config `version.from`, e.g. `charts/app/Chart.yaml#appVersion` */
  versionFrom?: Located<string>;
}

/** Resolves the release tag in the contract's order. (stub: helper `cfggit` replaces it) */
export async function resolveReleaseTag(options: ReleaseTagOptions): Promise<Release | null> {
  return null;
}
