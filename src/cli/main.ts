import { InputError } from '../model/errors.js';
import { toolVersion } from '../engine/tool.js';
import { processIO, type CliIO, type Command } from './io.js';
import { MAIN_USAGE } from './usage.js';

/**
 * Each command loads on demand, so `tagcheck hook pre-push` on a branch push or `tagcheck --version`
 * never loads the manifest parser, and a plain check never loads the hook or init code.
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  check: async () => (await import('./check.js')).runCheckCommand,
  fix: async () => (await import('./fix.js')).runFixCommand,
  rules: async () => (await import('./rules.js')).runRulesCommand,
  snapshot: async () => (await import('./snapshot.js')).runSnapshotCommand,
  init: async () => (await import('./init.js')).runInitCommand,
  hook: async () => (await import('./hook.js')).runHookCommand,
};

/** The whole CLI; returns the exit code. Every failure ends as one `tagcheck: …` line and exit 2. */
export async function main(argv: string[], io?: CliIO): Promise<number> {
  if (!io) {
    guardProcess();
    io = processIO();
  }
  try {
    return await dispatch(argv, io);
  } catch (error) {
    io.stderr.write(`tagcheck: ${describeFailure(error)}\n`);
    return 2;
  }
}

async function dispatch(argv: string[], io: CliIO): Promise<number> {
  const [first, ...rest] = argv;
  if (first === '--version' || first === '-v') {
    io.stdout.write(`${toolVersion()}\n`);
    return 0;
  }
  // `tagcheck help check` is `tagcheck check --help`: each command owns its usage text.
  if (first === 'help' && rest[0] !== undefined && Object.hasOwn(COMMANDS, rest[0])) return dispatch([rest[0], '--help'], io);
  if (first === '--help' || first === '-h' || first === 'help') {
    io.stdout.write(MAIN_USAGE);
    return 0;
  }
  // `check` is the default command: `tagcheck`, `tagcheck PATH`, `tagcheck --offline` all lint.
  const named = first !== undefined && Object.hasOwn(COMMANDS, first);
  const name = named ? first : 'check';
  const args = named ? rest : argv;
  const command = await COMMANDS[name]();
  return await command(args, io);
}

/**
 * For a real process only: errors that escape every await (a stream's 'error' event, a stray rejection)
 * still end as one line and exit 2. A closed stdout (`tagcheck | head -1`) ends the output quietly instead
 * (src/cli/descriptor-output.ts).
 */
function guardProcess(): void {
  const fail = (error: unknown) => {
    process.stderr.write(`tagcheck: ${describeFailure(error)}\n`);
    process.exit(2);
  };
  process.on('uncaughtException', fail);
  process.on('unhandledRejection', fail);
}

/** InputError messages are written for users; anything else is a tagcheck bug, still one line, no stack. */
function describeFailure(error: unknown): string {
  if (error instanceof InputError || (error as Error | undefined)?.name === 'InputError') return firstLine((error as Error).message);
  const message = error instanceof Error ? error.message : String(error);
  return `internal error: ${firstLine(message)}`;
}

function firstLine(text: string): string {
  return text.split('\n')[0].trim() || 'unknown error';
}
