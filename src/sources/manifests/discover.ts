import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { glob } from 'glob';
import type { Diagnostic } from '../../model/release.js';
import { describeError } from './yaml-file.js';

const DEFAULT_GLOBS = ['**/*.yaml', '**/*.yml', '**/Kustomization', '**/Chart.yaml.tmpl', '**/Chart.yml.tmpl'];
const IGNORED_DIRS = ['**/.git/**', '**/node_modules/**', '**/vendor/**'];
// tagcheck's own config is YAML but never a manifest: listing it would put it in `init`'s globs and reports.
const TAGCHECK_CONFIGS = ['.tagcheck.yaml', '.tagcheck.yml'];

/** A file found under the root that is safe to read. */
export interface FoundFile {
  /** relative to the root, `/` separators */
  file: string;
  absolute: string;
  size: number;
}

/**
 * Lists manifest candidates. Symlinked directories are not descended (glob's default), so loops cannot hang;
 * a symlinked file is read only when its target stays inside the root.
 */
export async function discoverFiles(root: string, globs: string[] | undefined, diagnostics: Diagnostic[]): Promise<FoundFile[]> {
  const patterns = globs && globs.length > 0 ? globs : DEFAULT_GLOBS;
  const matches = await glob(patterns, { cwd: root, ignore: [...IGNORED_DIRS, ...TAGCHECK_CONFIGS], nodir: true, dot: true, follow: false, posix: true });
  const realRoot = await realpath(root);
  const relevant = [...new Set(matches.map((m) => m.replaceAll('\\', '/')))].filter(isManifestName).sort();
  const found: FoundFile[] = [];
  await Promise.all(
    relevant.map(async (file) => {
      const absolute = path.join(root, file);
      const checked = await checkFile(absolute, file, realRoot, diagnostics);
      if (checked) found.push(checked);
    }),
  );
  return found.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** Names worth reading: YAML, kustomize's extension-less `Kustomization`, and chart templates to skip with a note. */
export function isManifestName(file: string): boolean {
  const base = file.slice(file.lastIndexOf('/') + 1);
  return /\.ya?ml$/i.test(base) || base === 'Kustomization' || /^Chart\.ya?ml\.tmpl$/.test(base);
}

/**
 * realpath on every file, not only on symlinked ones: a pattern like `deploy/**` lets glob descend one symlinked
 * directory, and a file under it is no symlink itself yet may live outside the root.
 */
export async function checkFile(absolute: string, file: string, realRoot: string, diagnostics: Diagnostic[]): Promise<FoundFile | null> {
  try {
    const target = await realpath(absolute);
    if (!isInside(realRoot, target)) {
      diagnostics.push({ file, level: 'note', message: `${file} resolves to ${target}, outside the checked directory (a symlink); not followed` });
      return null;
    }
    const info = await stat(target);
    return info.isFile() ? { file, absolute: target, size: info.size } : null;
  } catch (error) {
    diagnostics.push({ file, level: 'warning', message: `${file} cannot be read: ${describeError(error)}` });
    return null;
  }
}

export function isInside(realRoot: string, target: string): boolean {
  const relative = path.relative(realRoot, target);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
