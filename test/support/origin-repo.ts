import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { tempDir } from './temp-dir.js';

/**
 * A new git repository called `name` (the folder name is the repository name without a remote) whose `origin` is
 * `origin`, without commits, in a temp folder removed after the test.
 */
export function originRepository(name: string, origin: string): string {
  const root = path.join(tempDir('tagcheck-repo-'), name);
  mkdirSync(root);
  execFileSync('git', ['init', '-q'], { cwd: root });
  execFileSync('git', ['remote', 'add', 'origin', origin], { cwd: root });
  return root;
}

/** Writes each file (a path relative to `root` → its text), making its folders. */
export async function writeFiles(root: string, files: Record<string, string>): Promise<void> {
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  }
}
