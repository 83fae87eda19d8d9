import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { glob, type Path } from 'glob';
import type { Diagnostic } from '../../model/release.js';
import { describeError } from './yaml-file.js';

/** One pattern, so the tree is walked once; a leading `**` never descends a symlinked directory (as in bash). */
const DEFAULT_GLOBS = ['**/{*.yaml,*.yml,Kustomization,Chart.yaml.tmpl,Chart.yml.tmpl}'];
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
  const patterns = custom ? await expandDirectories(root, globs) : DEFAULT_GLOBS;
  const matches = await glob(patterns, {
    cwd: root,
    ignore: { ignored: (p: Path) => TAGCHECK_CONFIGS.has(p.name), childrenIgnored: (p: Path) => IGNORED_DIRS.has(p.name) },
    nodir: true,
    dot: true,
    follow: false,
    withFileTypes: true,
  });
  const realRoot = await realpath(root);
  const seen = new Set<string>();
  const found: FoundFile[] = [];
  const checks: Promise<void>[] = [];
  for (const match of matches) {
    const file = match.relativePosix();
    if (seen.has(file) || !isManifestName(file) || file.split('/').some((part) => IGNORED_DIRS.has(part))) continue;
    seen.add(file);
    const absolute = path.join(root, file);
    // A custom pattern such as `deploy/**` lets glob descend one symlinked directory: then every file is resolved.
    if (!custom && !match.isSymbolicLink()) {
      // FIFOs, sockets and devices go on too: the reader opens them without blocking and names them in a warning.
      found.push({ file, absolute });
      continue;
    }
    checks.push(checkFile(absolute, file, realRoot, diagnostics).then((checked) => { if (checked) found.push(checked); }));
  }
  await Promise.all(checks);
  return found.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
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
