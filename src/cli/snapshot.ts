import { resolve } from 'node:path';
import { addCluster, gatherFromCluster, openRegistrySource } from '../engine/check.js';
import { buildReleaseModel } from '../engine/release-model.js';
import { InputError } from '../model/errors.js';
import { printDiagnostics, resolveClusterTarget } from './check.js';
import { parseCheckCommandLine, resolveRoot } from './check-options.js';
import type { CliIO } from './io.js';
import { COMMAND_USAGE } from './usage.js';

/**
 * `tagcheck snapshot [PATH] --output FILE`: builds the same release model as the check, asks the registry
 * exactly what the registry rules would ask (through a recording source), and writes the answers.
 * With `--cluster [CONTEXT] --cluster-output FILE2` it also records the cluster, and the registry snapshot then
 * holds the tags the cluster runs too, so `check --cluster-snapshot FILE2 --registry-snapshot FILE` gives the
 * findings of `check --cluster` without a cluster or a network.
 */
export async function runSnapshotCommand(argv: string[], io: CliIO): Promise<number> {
  const line = parseCheckCommandLine(argv);
  if (line.help) {
    io.stdout.write(COMMAND_USAGE.snapshot);
    return 0;
  }
  if (!line.output && !line.clusterOutput) throw new InputError('snapshot needs --output FILE (and/or --cluster CONTEXT --cluster-output FILE)');
  if (line.cluster && !line.clusterOutput) throw new InputError('snapshot --cluster needs --cluster-output FILE for the recorded cluster');
  const model = await buildReleaseModel({
    root: await resolveRoot(io.cwd, line.path),
    env: io.env,
    ...(line.configFile ? { configFile: resolve(io.cwd, line.configFile) } : {}),
    ...(line.tag ? { tag: line.tag } : {}),
    ...(line.platforms.length ? { platforms: line.platforms } : {}),
  });
  const log = line.verbose ? (text: string) => io.stderr.write(`tagcheck: ${text}\n`) : undefined;
  const say = (text: string) => {
    if (!line.quiet) io.stderr.write(`tagcheck: ${text}\n`);
  };

  if (line.cluster || line.clusterSnapshot) {
    const cluster = await gatherFromCluster({
      env: io.env,
      timeoutMs: line.timeoutMs,
      ...(line.cluster ? { cluster: resolveClusterTarget(io.cwd, line.cluster) } : {}),
      ...(line.clusterSnapshot ? { clusterSnapshot: resolve(io.cwd, line.clusterSnapshot) } : {}),
      ...(line.clusterNamespaces ? { clusterNamespaces: line.clusterNamespaces } : {}),
      ...(log ? { log } : {}),
    });
    await addCluster(model, cluster);
    if (line.clusterOutput) {
      const { writeClusterSnapshot } = await import('../sources/cluster/snapshot.js');
      await writeClusterSnapshot(resolve(io.cwd, line.clusterOutput), cluster);
      say(`wrote ${line.clusterOutput} (context ${cluster.context}: ${cluster.workloads.length} workloads, ${cluster.pods.length} pods)`);
      // recorded as they are, so a replay reports the same cluster-unreachable findings; said here as well
      for (const fault of cluster.faults) io.stderr.write(`tagcheck: warning: cluster ${cluster.context}: cannot list ${fault.resource}: ${fault.reason}\n`);
    }
  }
  // The same diagnostics the check prints: a snapshot taken while nothing is identified as own records
  // none of the project's images, and says so.
  printDiagnostics(model.diagnostics, line, io);
  if (!line.output) return 0;

  const [{ gatherRegistryFacts }, { recordingSource, writeSnapshot }] = await Promise.all([
    import('../engine/registry-facts.js'),
    import('../sources/registry/snapshot.js'),
  ]);
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
  const count = Object.keys(snapshot.repositories).length;
  say(`wrote ${line.output} (${count} ${count === 1 ? 'repository' : 'repositories'})`);
  return 0;
}
