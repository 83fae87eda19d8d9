import type { Version } from './version.js';

/**
 * Files kept for one release line: a folder named for it (Docusaurus's `versioned_docs/version-v3.8.x/`,
 * `site/static/v0.18/`, `docs/v1.2/`, `3.8.x/`) or a file named for one release (kube-vip's
 * `example/deploy/0.1.2.yaml`). They deploy or document that release, and name its versions on purpose.
 */

/**
 * `version-v3.8.x`, `version-1.2.3`, `v1.2`, `v1.2.x`, `v1.2.3`, `1.2.x`, `1.2.3` (not a bare `1.2`: too many
 * things are named so); a file's name is read without its extension.
 */
const RELEASE_LINE_NAME = /^(?:version-v?|v)(\d+)\.(\d+)(?:\.(?:\d+|x))?$|^(\d+)\.(\d+)\.(?:\d+|x)$/i;

/** The release line (major.minor) a path's folders or file name are named for, innermost last; none: undefined. */
export function releaseLineOf(file: string): string | undefined {
  const parts = file.split('/');
  parts[parts.length - 1] = parts[parts.length - 1].replace(/\.[A-Za-z]+$/, '');
  let line: string | undefined;
  for (const part of parts) {
    const named = RELEASE_LINE_NAME.exec(part);
    if (named) line = `${Number(named[1] ?? named[3])}.${Number(named[2] ?? named[4])}`;
  }
  return line;
}

/** Whether `file` is kept for a release line other than the release's own (major.minor). */
export function isForAnotherReleaseLine(file: string, release: Version): boolean {
  const line = releaseLineOf(file);
  return line !== undefined && line !== `${release.semver.major}.${release.semver.minor}`;
}
