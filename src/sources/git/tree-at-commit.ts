import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keyText, quote } from '../../config/quote.js';
import { InputError } from '../../model/errors.js';
import { firstLine, gitEnvironment, runGit } from './run-git.js';

export { tagsAtHead, tagsPointingAt } from './tags.js';

/** A copy of the repository's files at one commit, and how to remove it. */
export interface TreeCheckout {
  /** the directory that corresponds to `root` at that commit */
  dir: string;
  cleanup(): Promise<void>;
}

/**
 * Extracts the tree at `commit` (a commit, a tag or a tag object id) into a temporary directory with
 * `git archive`, so the pre-push hook checks what is pushed, not the working tree with its uncommitted edits.
 * When `root` is a subdirectory of the repository only that subdirectory is extracted, as `git archive` does.
 * `name` is the folder's base name: give it the repository's name, which the ownership heuristic relies on
 * when there is no `origin` remote to read it from.
 */
export async function checkoutTreeAt(root: string, commit: string, options: { name?: string } = {}): Promise<TreeCheckout> {
  if (commit.startsWith('-') || commit.trim() === '') throw new InputError(`not a commit: ${quote(commit)}`);
  let resolved: string;
  try {
    resolved = (await runGit(root, ['rev-parse', '--verify', '--quiet', `${commit}^{commit}`])).trim();
  } catch {
    throw new InputError(`${keyText(commit)}: no such commit in the repository at ${root}`);
  }
  const parent = await mkdtemp(join(tmpdir(), 'tagcheck-tree-'));
  // The name is one folder inside our temp dir, never a path that could lead out of it.
  const safeName = (options.name ?? '').replace(/[/\\\0]/g, '-');
  const dir = join(parent, safeName === '' || safeName === '.' || safeName === '..' ? 'tree' : safeName);
  const cleanup = () => rm(parent, { recursive: true, force: true });
  try {
    await mkdir(dir);
    await archiveInto(root, resolved, dir);
  } catch (error) {
    await cleanup();
    throw new InputError(`cannot read the tree at ${commit}: ${(error as Error).message}`);
  }
  return { dir, cleanup };
}

/** `git archive --format=tar COMMIT | tar -x -C DIR`, piped in-process: no shell, no temporary tar file. */
function archiveInto(root: string, commit: string, dir: string): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const archive = spawn('git', ['-C', root, 'archive', '--format=tar', commit], { env: gitEnvironment(), stdio: ['ignore', 'pipe', 'pipe'] });
    const extract = spawn('tar', ['-x', '-f', '-', '-C', dir], { stdio: ['pipe', 'ignore', 'pipe'] });
    let archiveErrors = '';
    let extractErrors = '';
    archive.stderr.on('data', (chunk: Buffer) => { archiveErrors += chunk.toString(); });
    extract.stderr.on('data', (chunk: Buffer) => { extractErrors += chunk.toString(); });
    archive.stdout.pipe(extract.stdin);
    // A closed tar stdin after tar failed is reported through tar's exit code, not as an unhandled EPIPE.
    extract.stdin.on('error', () => undefined);
    Promise.all([outcome(archive, 'git archive', () => archiveErrors), outcome(extract, 'tar', () => extractErrors)]).then((problems) => {
      const problem = problems.find((p) => p !== undefined);
      if (problem) reject(new Error(problem));
      else resolvePromise();
    });
  });
}

/** Resolves once per process, with undefined on success or a one-line reason. */
function outcome(child: ReturnType<typeof spawn>, name: string, errors: () => string): Promise<string | undefined> {
  return new Promise((resolvePromise) => {
    child.once('error', (error) => resolvePromise(`${name}: ${error.message}`));
    child.once('close', (code) => resolvePromise(code === 0 ? undefined : firstLine(errors()) || `${name} exited with ${code}`));
  });
}
