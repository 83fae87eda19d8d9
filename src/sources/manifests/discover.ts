import { readdirSync, type Dirent } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Path } from 'glob';
import type { Diagnostic } from '../../model/release.js';
import { describeError } from './yaml-file.js';

/**
 * The default patterns are answered by a plain directory walk (`walkDefault`) that lists exactly what
 * the pattern `{*.yaml,*.yml,Kustomization,Chart.yaml.tmpl,Chart.yml.tmpl}` under `**` with dotfiles would: glob and its
 * matcher cost ~45 ms of start-up, a third of a tiny pre-push check, so they load only for custom patterns.
 */
const IGNORED_DIRS = new Set(['.git', 'node_modules', 'vendor']);
// tagcheck's own config is YAML but never a manifest: listing it would put it in `init`'s globs and reports.
const TAGCHECK_CONFIGS = new Set(['.tagcheck.yaml', '.tagcheck.yml']);

/** A file found under the root that is safe to read. */
export interface FoundFile {
  /** relative to the root, `/` separators */
  file: string;
  absolute: string;
}

/**
 * Lists manifest candidates. Symlinked directories are not descended by the default patterns, so loops cannot
 * hang; a symlinked file is read only when its target stays inside the root. With the default patterns this costs
 * no system call per file (the directory entries say what is a symlink), which matters at 2,000 files.
 */
export async function discoverFiles(root: string, globs: string[] | undefined, diagnostics: Diagnostic[]): Promise<FoundFile[]> {
  const custom = globs !== undefined && globs.length > 0;
  const matches = custom ? await globMatches(root, globs) : await walkDefault(root);
  const realRoot = await realpath(root);
  const seen = new Set<string>();
  const found: FoundFile[] = [];
  const checks: Promise<void>[] = [];
  for (const match of matches) {
    const file = match.file;
    if (seen.has(file) || !isManifestName(file) || file.split('/').some((part) => IGNORED_DIRS.has(part))) continue;
    seen.add(file);
    const absolute = path.join(root, file);
    // A custom pattern such as `deploy/**` lets glob descend one symlinked directory: then every file is resolved.
    if (!custom && !match.symlink) {
      // FIFOs, sockets and devices go on too: the reader opens them without blocking and names them in a warning.
      found.push({ file, absolute });
      continue;
    }
    checks.push(checkFile(absolute, file, realRoot, diagnostics).then((checked) => { if (checked) found.push(checked); }));
  }
  await Promise.all(checks);
  return found.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

interface Match {
  /** relative to the root, `/` separators */
  file: string;
  symlink: boolean;
}

/** The config's own `manifests:` patterns: only then is glob loaded. */
async function globMatches(root: string, globs: string[]): Promise<Match[]> {
  const { glob } = await import('glob');
  const matches = await glob(await expandDirectories(root, globs), {
    cwd: root,
    ignore: { ignored: (p: Path) => TAGCHECK_CONFIGS.has(p.name), childrenIgnored: (p: Path) => IGNORED_DIRS.has(p.name) },
    nodir: true,
    dot: true,
    follow: false,
    withFileTypes: true,
  });
  return matches.map((m) => ({ file: m.relativePosix(), symlink: m.isSymbolicLink() }));
}

/**
 * The default patterns: every directory below the root, dot-directories included, except .git, node_modules and
 * vendor; a symlinked directory is never descended (so loops cannot hang), a symlinked file is returned for
 * `checkFile`. A directory that cannot be read is skipped, as glob does. The caller sorts.
 */
async function walkDefault(root: string): Promise<Match[]> {
  const matches: Match[] = [];
  // Synchronous on purpose: ~600 folders are listed in ~10 ms this way, against ~90 ms of thread-pool round
  // trips with fs/promises (a warm cached run of the bench corpus is mostly file system calls).
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
      } else if (isDefaultManifestName(entry.name) && !TAGCHECK_CONFIGS.has(entry.name)) {
        matches.push({ file, symlink: entry.isSymbolicLink() });
      }
    }
  };
  walk('');
  return matches;
}

/** What the default glob matches by name: case-sensitive, as glob is on Linux. */
function isDefaultManifestName(name: string): boolean {
  return name.endsWith('.yaml') || name.endsWith('.yml') || name === 'Kustomization' || name === 'Chart.yaml.tmpl' || name === 'Chart.yml.tmpl';
}

/** `manifests: [deploy]` means the folder: a plain directory name becomes `deploy/**`. */
async function expandDirectories(root: string, globs: string[]): Promise<string[]> {
  return Promise.all(
    globs.map(async (pattern) => {
      if (/[*?[\]{}]/.test(pattern)) return pattern;
      try {
        return (await stat(path.join(root, pattern))).isDirectory() ? `${pattern.replace(/\/+$/, '')}/**` : pattern;
      } catch {
        return pattern;
      }
    }),
  );
}

/** Names worth reading: YAML, kustomize's extension-less `Kustomization`, and chart templates to skip with a note. */
export function isManifestName(file: string): boolean {
  const base = file.slice(file.lastIndexOf('/') + 1);
  return /\.ya?ml$/i.test(base) || base === 'Kustomization' || /^Chart\.ya?ml\.tmpl$/.test(base);
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

export function isInside(realRoot: string, target: string): boolean {
  const relative = path.relative(realRoot, target);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
