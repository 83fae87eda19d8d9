import type { CliIO } from './io.js';

/** `tagcheck init` (stub: helper `surface` replaces it) */
export async function runInitCommand(_argv: string[], io: CliIO): Promise<number> {
  io.stderr.write('tagcheck: `init` is not implemented yet\n');
  return 2;
}
