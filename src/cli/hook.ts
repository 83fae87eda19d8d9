import type { CliIO } from './io.js';

/** `tagcheck hook` (stub: helper `surface` replaces it) */
export async function runHookCommand(_argv: string[], io: CliIO): Promise<number> {
  io.stderr.write('tagcheck: `hook` is not implemented yet\n');
  return 2;
}
