import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { InputError } from '../../model/errors.js';

const run = promisify(execFile);

/** A copy of the repository's files at one commit, and how to remove it. */
export interface TreeCheckout {
  dir: string;
  cleanup(): Promise<void>;
}

/**
 * Writes the tree of `commit` (a commit, or a tag that points at one) to a temporary folder, so the pre-push
 * hook checks what the tag really holds, not the working tree. It goes through a private index
 * (`read-tree` + `checkout-index`) rather than `git archive`, which would drop `export-ignore` files.
 * (Minimal version by helper `surface`; helper `cfggit` owns this file and its version replaces this one.)
 */
export async function checkoutTreeAt(root: string, commit: string): Promise<TreeCheckout> {
  const parent = await mkdtemp(join(tmpdir(), 'tagcheck-tree-'));
  const dir = join(parent, 'tree');
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_INDEX_FILE: join(parent, 'index') };
  delete env.GIT_DIR;
  delete env.GIT_WORK_TREE;
  try {
    await mkdir(dir);
    await run('git', ['-C', root, 'read-tree', `${commit}^{tree}`], { env });
    await run('git', ['-C', root, 'checkout-index', '--all', '--force', `--prefix=${dir}/`], { env, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    await rm(parent, { recursive: true, force: true });
    const detail = (error as { stderr?: string }).stderr?.trim().split('\n')[0] || (error as Error).message;
    throw new InputError(`cannot read the tree of ${commit} in ${root}: ${detail}`);
  }
  return { dir, cleanup: () => rm(parent, { recursive: true, force: true }) };
}
