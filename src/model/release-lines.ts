import type { Version } from './version.js';

/**
 * Files kept for one release line: a folder named for it (Docusaurus's `versioned_docs/version-v3.8.x/`,
 * `site/static/v0.18/`, `docs/v1.2/`, `3.8.x/`) or for one release (csi-driver-nfs's `charts/v4.13.0/`, kube-vip's
 * `example/deploy/0.1.2.yaml`). They deploy or document that release, and name its versions on purpose.
 */

/**
 * `version-v3.8.x`, `version-1.2.3`, `v1.2`, `v1.2.x`, `v1.2.3`, `1.2.x`, `1.2.3` (not a bare `1.2`: too many
 * things are named so), and a file named so after its subject (`install-v1.2.3`, a whole version only); a file's
 * name is read without its extension.
 */
const RELEASE_NAME = /^(?:version-v?|v)(\d+)\.(\d+)(?:\.(\d+|x))?$|^(\d+)\.(\d+)\.(\d+|x)$/i;
/** A file named for one whole release after its subject: csi-driver-nfs's `docs/install-csi-driver-v4.9.0.md`. */
const RELEASE_SUFFIX = /[-_]v?(\d+)\.(\d+)\.(\d+)$/i;

interface NamedRelease {
  /** major.minor */
  line: string;
  /** major.minor.patch when the name is one release's, not a line's (`v4.13.0`, not `v4.13` or `4.13.x`) */
  release?: string;
}

/** The release (line) a path's folders or file name are named for, the innermost; none: undefined. */
function namedReleaseOf(file: string): NamedRelease | undefined {
  const parts = file.split('/');
  parts[parts.length - 1] = parts[parts.length - 1].replace(/\.[A-Za-z]+$/, '');
  let named: NamedRelease | undefined;
  for (const [i, part] of parts.entries()) {
    const suffix = i === parts.length - 1 ? RELEASE_SUFFIX.exec(part) : null;
    const match = RELEASE_NAME.exec(part) ?? (suffix && [suffix[0], suffix[1], suffix[2], suffix[3]]);
    if (!match) continue;
    const line = `${Number(match[1] ?? match[4])}.${Number(match[2] ?? match[5])}`;
    const patch = match[3] ?? match[6];
    named = patch !== undefined && patch.toLowerCase() !== 'x' ? { line, release: `${line}.${Number(patch)}` } : { line };
  }
  return named;
}

/** The release line (major.minor) a path's folders or file name are named for, innermost last; none: undefined. */
export function releaseLineOf(file: string): string | undefined {
  return namedReleaseOf(file)?.line;
}

/**
 * What `file` is kept for when it is not the checked release: another release line, or another release of the
 * same line when it is named for a whole version (`charts/v4.13.0/` at v4.13.4); undefined when it is not.
 */
export function otherReleaseOf(file: string, release: Version): string | undefined {
  const named = namedReleaseOf(file);
  if (!named) return undefined;
  const { major, minor, patch } = release.semver;
  if (named.line !== `${major}.${minor}`) return named.line;
  return named.release !== undefined && named.release !== `${major}.${minor}.${patch}` ? named.release : undefined;
}

/** Whether `file` is kept for a release other than the checked one (otherReleaseOf). */
export function isForAnotherRelease(file: string, release: Version): boolean {
  return otherReleaseOf(file, release) !== undefined;
}
