import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FixChange } from '../../src/engine/fix/run-fix.js';

export const fixturesDir = path.resolve(import.meta.dirname, '../../fixtures');

const temps: string[] = [];

/** Removes every folder made by the helpers below (call from afterAll). */
export async function removeTemps(): Promise<void> {
  await Promise.all(temps.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

/**
 * A clone-like copy of a fixture outside this repository (inside it, this clone's `origin` and tags would decide
 * ownership and the release): the folder is named after the repository and `origin` points at GitHub.
 */
/** `fixture` is a folder of fixtures/realworld. */
export async function cloneOf(fixture: string, repo: string): Promise<string> {
  const parent = await mkdtemp(path.join(tmpdir(), 'tagcheck-fix-'));
  temps.push(parent);
  const root = path.join(parent, repo.split('/')[1]);
  await cp(path.join(fixturesDir, 'realworld', fixture), root, { recursive: true });
  execFileSync('git', ['init', '-q'], { cwd: root });
  execFileSync('git', ['remote', 'add', 'origin', `https://github.com/${repo}.git`], { cwd: root });
  return root;
}

/** A repository written from a file map (text as given, byte for byte), with `origin` set to acme/<name>. */
export async function repoOf(name: string, files: Record<string, string>): Promise<string> {
  const parent = await mkdtemp(path.join(tmpdir(), 'tagcheck-fix-'));
  temps.push(parent);
  const root = path.join(parent, name);
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  }
  execFileSync('git', ['init', '-q'], { cwd: root });
  execFileSync('git', ['remote', 'add', 'origin', `https://github.com/acme/${name}.git`], { cwd: root });
  return root;
}

/** Every file under root except .git, as text (the fixtures are UTF-8). */
export async function readTree(root: string): Promise<Map<string, string>> {
  const tree = new Map<string, string>();
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (entry.name === '.git') continue;
      const absolute = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(absolute);
      else tree.set(path.relative(root, absolute).split(path.sep).join('/'), await readFile(absolute, 'utf8'));
    }
  };
  await walk(root);
  return tree;
}

/**
 * The tree `fix` must produce: the original with each reported change applied at its exact line and column and
 * nothing else, so a comparison of whole texts proves every other byte unchanged. A change whose position does
 * not hold `from` throws: the report itself would be wrong.
 */
export function applyChanges(tree: Map<string, string>, changes: readonly FixChange[]): Map<string, string> {
  const result = new Map(tree);
  const byFile = new Map<string, FixChange[]>();
  for (const c of changes) byFile.set(c.file, [...(byFile.get(c.file) ?? []), c]);
  for (const [file, fileChanges] of byFile) {
    const original = tree.get(file);
    if (original === undefined) throw new Error(`change in unknown file ${file}`);
    const bom = original.startsWith('\ufeff') ? '\ufeff' : '';
    let text = original.slice(bom.length);
    const lineStarts = [0, ...[...text.matchAll(/\n/g)].map((m) => m.index! + 1)];
    const placed = fileChanges.map((c) => ({ ...c, offset: lineStarts[c.line - 1] + c.column - 1 })).sort((a, b) => b.offset - a.offset);
    for (const c of placed) {
      if (!text.startsWith(c.from, c.offset)) throw new Error(`${file}:${c.line}:${c.column} does not read ${c.from}`);
      text = text.slice(0, c.offset) + c.to + text.slice(c.offset + c.from.length);
    }
    result.set(file, bom + text);
  }
  return result;
}

/** The files that differ between two trees. */
export function changedFiles(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...new Set([...before.keys(), ...after.keys()])].filter((f) => before.get(f) !== after.get(f)).sort();
}
