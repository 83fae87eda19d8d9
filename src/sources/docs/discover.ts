import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../../model/release.js';
import { folderNamesIn, isTestFixturePath, TEST_FIXTURE_DIRS } from '../../model/test-fixtures.js';
import { IGNORED_DIRS, inIgnoredDir, resolveMatches, walkTree, type FileMatch, type FoundFile, type TreeWalk } from '../file-walk.js';

/**
 * Release notes name old versions on purpose: `CHANGELOG.md`, `CHANGELOG-1.29.md`, `RELEASE.md`,
 * `release-notes/`, `docs/releases/v1.2.md`, `CHANGES.md`, `HISTORY.md`, `NEWS.md`. So do upgrade and migration
 * guides (`UPGRADING.md`, contour's `upgrading.md` with a section per release since 0.15, velero's
 * `upgrade-to-1.17.md`, `migration-guide.md`: the versions they move from) and the release process's own pages
 * (`RELEASING.md`, `MANUAL_RELEASE.md`, `how-to-release.md`: example tags). Any path component that starts like
 * one, or ends in `-release`/`_releasing` (case-insensitive), leaves the file out.
 */
const RELEASE_NOTES = /^(?:changelog|releas(?:e|ing)|upgrad(?:e|ing)|migrat(?:e|ion|ions|ing)(?:[._-]|$)|(?:changes|history|news)(?:[._-]|$))|[._-]releas(?:e|ing)(?:\.|$)/i;

export function isReleaseNotes(file: string): boolean {
  return file.split('/').some((part) => RELEASE_NOTES.test(part));
}

/**
 * Records of their time name the versions of their day too: blog posts (`blog/`, `site/content/posts/`, a file
 * named by its date, `2020-05-27-csi-integration.md`) and design records (`design/`, `proposals/`, `keps/`,
 * `enhancements/`, `rfcs/`, `adr/`). A folder of that name leaves the file out, unless a `docs:` glob names it.
 */
const RECORD_FOLDERS = /^(?:blog|_?posts|designs?|proposals?|keps?|enhancements|rfcs?|adrs?)$/i;
const DATED_NAME = /^\d{4}-\d{2}-\d{2}[-_]/;

/** Whether `file` is such a record; a folder in `named` (the `docs:` globs name it: `"design/**"`) keeps it in. */
export function isDatedRecord(file: string, named: ReadonlySet<string> = new Set()): boolean {
  const parts = file.split('/');
  const folders = parts.slice(0, -1).filter((part) => RECORD_FOLDERS.test(part));
  if (folders.some((folder) => named.has(folder.toLowerCase()))) return false;
  return folders.length > 0 || DATED_NAME.test(parts[parts.length - 1]);
}

export function isMarkdownName(file: string): boolean {
  return /\.(?:md|markdown)$/i.test(file);
}

/**
 * The Markdown files to read. Default: every `*.md`/`*.markdown` below the root outside .git, node_modules, vendor
 * and release notes, by a plain directory walk (glob loads only for configured patterns, as for manifests).
 * Configured globs choose the files (any extension: a pattern for `.mdx` files reads them as Markdown); release
 * notes stay out unless a pattern names the file literally. A plain directory name means the Markdown below it.
 * Markdown in test-fixture folders (kueue's test/performance/…/README.md runs a test image at an old tag) is left
 * out as the manifests there are, with one note, unless a `docs:` glob names the folder (`test/**`, `e2e`).
 */
export async function discoverMarkdown(root: string, globs: string[] | undefined, diagnostics: Diagnostic[], walk: TreeWalk = walkTree): Promise<FoundFile[]> {
  if (globs !== undefined && globs.length === 0) return [];
  const matches: Match[] = globs ? await globMatches(root, globs) : walk(root, isMarkdownName);
  const seen = new Set<string>();
  const named = folderNamesIn(globs ?? []);
  let fixtures = 0;
  const chosen = matches.filter((match) => {
    const { file } = match;
    // configured globs choose the files themselves (an .mdx pattern is read as Markdown); the default takes *.md
    if (seen.has(file) || (!globs && !isMarkdownName(file)) || inIgnoredDir(file)) return false;
    if ((isReleaseNotes(file) || isDatedRecord(file, named)) && !match.literal) return false;
    seen.add(file);
    if (isTestFixturePath(file, named)) {
      fixtures++;
      return false;
    }
    return true;
  });
  const found = await resolveMatches(root, chosen, globs !== undefined, diagnostics);
  if (fixtures > 0) {
    diagnostics.push({
      level: 'note',
      message:
        `${fixtures} Markdown file${fixtures === 1 ? '' : 's'} in test-fixture folders (${TEST_FIXTURE_DIRS.map((d) => `${d}/`).join(', ')}) not read: ` +
        'they document tests, not the release; name the folders in docs: in .tagcheck.yaml (e.g. "test/**/*.md") to check them',
    });
  }
  return found;
}

interface Match extends FileMatch {
  /** named by a pattern without glob characters */
  literal?: boolean;
}

const GLOB_CHARACTERS = /[*?[\]{}]/;

async function globMatches(root: string, globs: string[]): Promise<Match[]> {
  const { glob } = await import('glob');
  const literal = new Set(globs.filter((pattern) => !GLOB_CHARACTERS.test(pattern)).map((pattern) => pattern.replace(/^\.\//, '')));
  const patterns = (await Promise.all(
    globs.map(async (pattern) => {
      if (GLOB_CHARACTERS.test(pattern)) return [pattern];
      const info = await stat(path.join(root, pattern)).catch(() => null);
      const dir = pattern.replace(/\/+$/, '');
      // a folder means the Markdown below it, whatever the case of the extension
      return info?.isDirectory() ? [`${dir}/**/*.[mM][dD]`, `${dir}/**/*.[mM][aA][rR][kK][dD][oO][wW][nN]`] : [pattern];
    }),
  )).flat();
  const found = await glob(patterns, {
    cwd: root,
    ignore: { childrenIgnored: (p) => IGNORED_DIRS.has(p.name) },
    nodir: true,
    dot: true,
    follow: false,
    withFileTypes: true,
  });
  return found.map((m) => {
    const file = m.relativePosix();
    return { file, symlink: m.isSymbolicLink(), literal: literal.has(file) };
  });
}
