import { descriptorOutput } from './descriptor-output.js';

/** What a command may touch besides the file system: in-process tests pass their own. */
export interface CliIO {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  stdin?: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** set by `hook pre-push` for the checks it runs: the remote being pushed to names the repository */
  pushRemote?: { name?: string; url: string };
  /** set by `hook pre-push`: the real path of the repository folder the checked temp tree is a copy of (its cache file, its git history) */
  cacheKey?: string;
}

/** One subcommand: parses its own arguments and returns the exit code (0, 1 or 2). */
export type Command = (argv: string[], io: CliIO) => Promise<number>;

export function processIO(): CliIO {
  return {
    stdout: descriptorOutput(1, () => process.stdout),
    stderr: descriptorOutput(2, () => process.stderr),
    // process.stdin builds a stream (a TTY or pipe handle) on first access: only `hook pre-push` reads it,
    // so every other command skips that start-up cost.
    get stdin() {
      return process.stdin;
    },
    env: process.env,
    cwd: process.cwd(),
  };
}
