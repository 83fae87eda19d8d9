import { readdirSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../model/release.js';
import { describeError } from './manifests/manifest-bytes.js';

/** Folders no source reads: version control, installed dependencies, vendored code. */
export const IGNORED_DIRS = new Set(['.git', 'node_modules', 'vendor']);

/** A file found under the root that is safe to read. */
export interface FoundFile {
  /** relative to the root, `/` separators */
  file: string;
  absolute: string;
}

/** A walk or glob result before its symlinks are resolved. */
export interface FileMatch {
  /** relative to the root, `/` separators */
  file: string;
  symlink: boolean;
}

/**
 * Every file below the root whose name `accept`s, dot-directories included, except the IGNORED_DIRS; a symlinked
 * directory is never descended (so loops cannot hang), a symlinked file is returned for `resolveMatches`. A
 * directory that cannot be read is skipped, as glob does. Synchronous on purpose: ~600 folders are listed in
 * ~10 ms this way, against ~90 ms of thread-pool round trips with fs/promises. The caller sorts.
 */
export function walkTree(root: string, accept: (name: string) => boolean): FileMatch[] {
  const matches: FileMatch[] = [];
  const walk = (relative: string): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(relative ? path.join(root, relative) : root, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const file = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!IGNORED_DIRS.has(entry.name)) walk(file);
      } else if (accept(entry.name)) {
        matches.push({ file, symlink: entry.isSymbolicLink() });
      }
    }
  };
  walk('');
  return matches;
}

/** A tree walk as the sources ask for it: every file below `root` whose name `accept`s. */
export type TreeWalk = (root: string, accept: (name: string) => boolean) => FileMatch[];

/**
 * One walk per root for all the sources of a run (manifests and Markdown list the same tree: ~25 ms each on a
 * 2,000-file monorepo), each taking the names it accepts, in the walk's order.
 */
export function sharedWalk(): TreeWalk {
  const walked = new Map<string, FileMatch[]>();
  return (root, accept) => {
    let all = walked.get(root);
    if (!all) {
      all = walkTree(root, () => true);
      walked.set(root, all);
    }
    return all.filter((match) => accept(match.file.slice(match.file.lastIndexOf('/') + 1)));
  };
}

/**
 * Turns chosen matches into files to read, sorted by path. A plain file from the default walk costs no system call
 * (its directory entry said it is no symlink); a symlink, or any match of a configured glob (glob may descend one
 * symlinked directory), is resolved by `checkFile`.
 */
export async function resolveMatches(
  root: string,
  matches: readonly FileMatch[],
  resolveEvery: boolean,
  diagnostics: Diagnostic[],
): Promise<FoundFile[]> {
  // sync: once per walk, where a thread-pool round trip only adds start-up time
  const realRoot = realpathSync.native(root);
  const found: FoundFile[] = [];
  const checks: Promise<void>[] = [];
  for (const { file, symlink } of matches) {
    const absolute = path.join(root, file);
    // FIFOs, sockets and devices go on too: the reader opens them without blocking and names them in a warning.
    if (!resolveEvery && !symlink) found.push({ file, absolute });
    else checks.push(checkFile(absolute, file, realRoot, diagnostics).then((checked) => { if (checked) found.push(checked); }));
  }
  await Promise.all(checks);
  return found.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** Resolves symlinks; a target outside the root is never read. */
export async function checkFile(absolute: string, file: string, realRoot: string, diagnostics: Diagnostic[]): Promise<FoundFile | null> {
  try {
    const target = await realpath(absolute);
    if (!isInside(realRoot, target)) {
      diagnostics.push({ file, level: 'note', message: `symlink to ${target}, outside the checked directory; not followed` });
      return null;
    }
    const info = await stat(target);
    return info.isFile() ? { file, absolute: target } : null;
  } catch (error) {
    diagnostics.push({ file, level: 'warning', message: `cannot be read: ${describeError(error)}` });
    return null;
  }
}

/** The path's stat, or undefined when it cannot be had (missing, no permission): for the one check of a root. */
export function statOrUndefined(file: string): Stats | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

export function isInside(realRoot: string, target: string): boolean {
  const relative = path.relative(realRoot, target);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** Is any folder on the file's path one of the IGNORED_DIRS? (glob patterns can name them) */
export function inIgnoredDir(file: string): boolean {
  return file.split('/').some((part) => IGNORED_DIRS.has(part));
}
