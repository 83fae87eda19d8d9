import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Path } from 'glob';
import type { Diagnostic } from '../../model/release.js';
import { IGNORED_DIRS, inIgnoredDir, resolveMatches, walkTree, type FileMatch, type FoundFile, type TreeWalk } from '../file-walk.js';

// tagcheck's own config is YAML but never a manifest: listing it would put it in `init`'s globs and reports.
const TAGCHECK_CONFIGS = new Set(['.tagcheck.yaml', '.tagcheck.yml']);

/**
 * Lists manifest candidates. The default patterns are answered by a plain directory walk (`walkTree`) that lists
 * exactly what `{*.yaml,*.yml,Kustomization,Chart.yaml.tmpl,Chart.yml.tmpl}` under `**` with dotfiles would: glob
 * and its matcher cost ~45 ms of start-up, a third of a tiny pre-push check, so they load only for custom patterns.
 * Symlinked directories are not descended by the default patterns, so loops cannot
 * hang; a symlinked file is read only when its target stays inside the root. With the default patterns this costs
 * no system call per file (the directory entries say what is a symlink), which matters at 2,000 files.
 */
export async function discoverFiles(root: string, globs: string[] | undefined, diagnostics: Diagnostic[], walk: TreeWalk = walkTree): Promise<FoundFile[]> {
  const custom = globs !== undefined && globs.length > 0;
  const matches = custom ? await globMatches(root, globs) : walk(root, (name) => isDefaultManifestName(name) && !TAGCHECK_CONFIGS.has(name));
  const seen = new Set<string>();
  const chosen = matches.filter(({ file }) => {
    if (seen.has(file) || !isManifestName(file) || inIgnoredDir(file)) return false;
    seen.add(file);
    return true;
  });
  // A custom pattern such as `deploy/**` lets glob descend one symlinked directory: then every file is resolved.
  return resolveMatches(root, chosen, custom, diagnostics);
}

/** The config's own `manifests:` patterns: only then is glob loaded. */
async function globMatches(root: string, globs: string[]): Promise<FileMatch[]> {
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

export type { FoundFile };
