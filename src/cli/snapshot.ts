import { resolve } from 'node:path';
import { openRegistrySource } from '../engine/check.js';
import { buildReleaseModel } from '../engine/release-model.js';
import { InputError } from '../model/errors.js';
import { parseCheckCommandLine, resolveRoot } from './check-options.js';
import type { CliIO } from './io.js';
import { COMMAND_USAGE } from './usage.js';

/**
 * `tagcheck snapshot [PATH] --output FILE`: builds the same release model as the check, asks the registry
 * exactly what the registry rules would ask (through a recording source), and writes the answers.
 */
export async function runSnapshotCommand(argv: string[], io: CliIO): Promise<number> {
  const line = parseCheckCommandLine(argv);
  if (line.help) {
    io.stdout.write(COMMAND_USAGE.snapshot);
    return 0;
  }
  if (!line.output) throw new InputError('snapshot needs --output FILE');
  const model = await buildReleaseModel({
    root: await resolveRoot(io.cwd, line.path),
    env: io.env,
    ...(line.configFile ? { configFile: resolve(io.cwd, line.configFile) } : {}),
    ...(line.tag ? { tag: line.tag } : {}),
    ...(line.platforms.length ? { platforms: line.platforms } : {}),
  });
  const log = line.verbose ? (text: string) => io.stderr.write(`tagcheck: ${text}\n`) : undefined;
  const [{ gatherRegistryFacts }, { recordingSource, writeSnapshot }, { printDiagnostics }] = await Promise.all([
    import('../engine/registry-facts.js'),
    import('../sources/registry/snapshot.js'),
    import('./check.js'),
  ]);
  // The same diagnostics the check prints: a snapshot taken while nothing is identified as own records
  // none of the project's images, and says so.
  printDiagnostics(model.diagnostics, line, io);
  const inner = await openRegistrySource(model, {
    env: io.env,
    insecureRegistries: line.insecureRegistries,
    concurrency: line.concurrency,
    timeoutMs: line.timeoutMs,
    ...(line.registrySnapshot ? { registrySnapshot: resolve(io.cwd, line.registrySnapshot) } : {}),
    ...(log ? { log } : {}),
  });
  const recorder = recordingSource(inner);
  await gatherRegistryFacts(model, recorder);
  const snapshot = recorder.snapshot();
  await writeSnapshot(resolve(io.cwd, line.output), snapshot);
  if (!line.quiet) {
    const count = Object.keys(snapshot.repositories).length;
    io.stderr.write(`tagcheck: wrote ${line.output} (${count} ${count === 1 ? 'repository' : 'repositories'})\n`);
  }
  return 0;
}
