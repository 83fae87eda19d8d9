import type { Located } from '../../model/located.js';
import type { Release, ReleaseSource } from '../../model/release.js';
import { parseReleaseTag } from '../../model/version.js';
import { highestTag, tagsAtHead } from './tags.js';

export interface ReleaseTagOptions {
  root: string;
  /** `--tag` */
  flag?: string;
  env: NodeJS.ProcessEnv;
  /** config `version.from`, e.g. `charts/app/Chart.yaml#appVersion` */
  versionFrom?: Located<string>;
}

/**
 * Resolves the release tag in the contract's order: `--tag`; `GITHUB_REF_NAME` when `GITHUB_REF_TYPE=tag`;
 * `CI_COMMIT_TAG`; the highest SemVer tag pointing exactly at HEAD; the config's `version.from`; else null.
 * Outside a git repository (or without git) the git step is skipped. A tag that is not a version still
 * resolves (with `version: null`) so `release-tag-invalid` can say so.
 */
export async function resolveReleaseTag(options: ReleaseTagOptions): Promise<Release | null> {
  const flag = present(options.flag);
  if (flag) return release(flag, 'flag');
  const github = options.env.GITHUB_REF_TYPE === 'tag' ? present(options.env.GITHUB_REF_NAME) : undefined;
  if (github) return release(github, 'github');
  const gitlab = present(options.env.CI_COMMIT_TAG);
  if (gitlab) return release(gitlab, 'gitlab');
  const atHead = highestTag(await tagsAtHead(options.root));
  if (atHead) return release(atHead, 'git');
  if (options.versionFrom) {
    // version-from.ts parses YAML: it loads only for a config that names a version file
    const { readVersionFrom } = await import('./version-from.js');
    const found = await readVersionFrom(options.root, options.versionFrom);
    if (found) return { ...release(found.value, 'config'), location: { file: found.file, line: found.line, column: found.column } };
  }
  return null;
}

function release(tag: string, source: ReleaseSource): Release {
  return { tag, version: parseReleaseTag(tag), source };
}

/** CI systems export empty variables for branch builds; empty means absent. */
function present(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
