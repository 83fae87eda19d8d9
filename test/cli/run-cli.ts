import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/io.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with captured streams (actionlint's Command{Stdout, Stderr}); no TTY unless asked. */
export async function runCli(
  argv: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; tty?: boolean } = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  // The facts cache goes to a folder of this run's own, never into the repository or the user's ~/.cache.
  const cacheHome = await mkdtemp(join(tmpdir(), 'tagcheck-cache-'));
  const io: CliIO = {
    stdout: { write: (text: string) => (stdout += text), isTTY: options.tty ?? false },
    stderr: { write: (text: string) => (stderr += text), isTTY: options.tty ?? false },
    // a clean environment: no CI tag variables or colour settings leak in from the machine running the tests
    env: options.env ?? { PATH: process.env.PATH, HOME: process.env.HOME, XDG_CACHE_HOME: cacheHome },
    cwd: options.cwd ?? process.cwd(),
  };
  try {
    const code = await main(argv, io);
    return { code, stdout, stderr };
  } finally {
    await rm(cacheHome, { recursive: true, force: true });
  }
}

/** A temp directory removed after the callback, for repositories built by a test. */
export async function withTempDir<T>(callback: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'tagcheck-cli-'));
  try {
    return await callback(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
