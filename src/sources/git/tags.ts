import { compareVersions, parseVersion } from '../../model/version.js';
import { tryGit } from './run-git.js';

/** Tags, lightweight and annotated, whose commit is exactly `revision`; empty outside a git repository. */
export async function tagsPointingAt(root: string, revision = 'HEAD'): Promise<string[]> {
  if (revision.startsWith('-')) return [];
  const output = await tryGit(root, ['tag', '--points-at', revision]);
  return output === null ? [] : output.split('\n').map((line) => line.trim()).filter((line) => line !== '');
}

/** Every tag of the repository at `root`; empty outside a git repository (or in a clone that fetched none). */
export async function listTags(root: string): Promise<string[]> {
  const output = await tryGit(root, ['tag', '--list']);
  return output === null ? [] : output.split('\n').map((line) => line.trim()).filter((line) => line !== '');
}

/** Whether `root` is in a shallow clone (CI's default checkout), which holds few of the repository's tags or none. */
export async function isShallowClone(root: string): Promise<boolean> {
  return (await tryGit(root, ['rev-parse', '--is-shallow-repository']))?.trim() === 'true';
}

/** Tags pointing at HEAD: what a release build checked out at its tag sees. */
export function tagsAtHead(root: string): Promise<string[]> {
  return tagsPointingAt(root, 'HEAD');
}

/**
 * The release among several tags on one commit: the highest by SemVer precedence (`v1.0.0` > `v1.0.0-rc.2`);
 * any semantic version beats a tag that is not one; ties and non-versions fall back to text order so the
 * choice never depends on the order git listed them.
 */
export function highestTag(tags: readonly string[]): string | undefined {
  const sorted = [...tags].sort((a, b) => {
    const va = parseVersion(a);
    const vb = parseVersion(b);
    if (va && vb) return compareVersions(vb, va) || (a < b ? -1 : a > b ? 1 : 0);
    if (va || vb) return va ? -1 : 1;
    return a < b ? -1 : a > b ? 1 : 0;
  });
  return sorted[0];
}
