import { createRequire as __tagcheckCreateRequire } from 'node:module';
const require = __tagcheckCreateRequire(import.meta.url);
import {
  printDiagnostics,
  resolveClusterTarget
} from "./chunk-B5Q6PPR2.js";
import {
  parseCheckCommandLine,
  resolveRoot
} from "./chunk-STYJWAO3.js";
import {
  addCluster,
  buildReleaseModel,
  gatherFromCluster,
  openRegistrySource
} from "./chunk-XLVXBMJX.js";
import "./chunk-5IJPJYX3.js";
import "./chunk-GCMTTL4V.js";
import "./chunk-H552KLEE.js";
import "./chunk-J4PBTIGS.js";
import {
  COMMAND_USAGE
} from "./chunk-272LM65M.js";
import "./chunk-CZ5HT6FU.js";
import "./chunk-L6CATLOV.js";
import "./chunk-43VJKAEJ.js";
import "./chunk-7G6ADTDN.js";
import "./chunk-XXZ2UYBR.js";
import "./chunk-AW26LPCX.js";
import "./chunk-RGLCWCIF.js";
import "./chunk-3ZF5C6TM.js";
import "./chunk-FI5HTOGP.js";
import "./chunk-RCVICTRH.js";
import "./chunk-FQ47HCOD.js";
import {
  InputError
} from "./chunk-RPMDAMUC.js";
import "./chunk-3WXF3ZSY.js";
import "./chunk-EDL2D4W5.js";

// src/cli/snapshot.ts
import { resolve } from "node:path";
async function runSnapshotCommand(argv, io) {
  const line = parseCheckCommandLine(argv);
  if (line.help) {
    io.stdout.write(COMMAND_USAGE.snapshot);
    return 0;
  }
  if (!line.output && !line.clusterOutput) throw new InputError("snapshot needs --output FILE (and/or --cluster CONTEXT --cluster-output FILE)");
  if (line.cluster && !line.clusterOutput) throw new InputError("snapshot --cluster needs --cluster-output FILE for the recorded cluster");
  const model = await buildReleaseModel({
    root: await resolveRoot(io.cwd, line.path),
    env: io.env,
    ...line.configFile ? { configFile: resolve(io.cwd, line.configFile) } : {},
    ...line.tag ? { tag: line.tag } : {},
    ...line.platforms.length ? { platforms: line.platforms } : {}
  });
  const log = line.verbose ? (text) => io.stderr.write(`tagcheck: ${text}
`) : void 0;
  const say = (text) => {
    if (!line.quiet) io.stderr.write(`tagcheck: ${text}
`);
  };
  if (line.cluster || line.clusterSnapshot) {
    const cluster = await gatherFromCluster({
      env: io.env,
      timeoutMs: line.timeoutMs,
      ...line.cluster ? { cluster: resolveClusterTarget(io.cwd, line.cluster) } : {},
      ...line.clusterSnapshot ? { clusterSnapshot: resolve(io.cwd, line.clusterSnapshot) } : {},
      ...line.clusterNamespaces ? { clusterNamespaces: line.clusterNamespaces } : {},
      ...log ? { log } : {}
    });
    await addCluster(model, cluster);
    if (line.clusterOutput) {
      const { writeClusterSnapshot } = await import("./snapshot-FZHEYGEC.js");
      await writeClusterSnapshot(resolve(io.cwd, line.clusterOutput), cluster);
      say(`wrote ${line.clusterOutput} (context ${cluster.context}: ${cluster.workloads.length} workloads, ${cluster.pods.length} pods)`);
      for (const fault of cluster.faults) io.stderr.write(`tagcheck: warning: cluster ${cluster.context}: cannot list ${fault.resource}: ${fault.reason}
`);
    }
  }
  printDiagnostics(model.diagnostics, line, io);
  if (!line.output) return 0;
  const [{ gatherRegistryFacts }, { recordingSource, writeSnapshot }] = await Promise.all([
    import("./registry-facts-KBAA4MCZ.js"),
    import("./snapshot-FMYTMDR6.js")
  ]);
  const inner = await openRegistrySource(model, {
    env: io.env,
    insecureRegistries: line.insecureRegistries,
    concurrency: line.concurrency,
    timeoutMs: line.timeoutMs,
    ...line.registrySnapshot ? { registrySnapshot: resolve(io.cwd, line.registrySnapshot) } : {},
    ...log ? { log } : {}
  });
  const recorder = recordingSource(inner);
  await gatherRegistryFacts(model, recorder);
  const snapshot = recorder.snapshot();
  await writeSnapshot(resolve(io.cwd, line.output), snapshot);
  const count = Object.keys(snapshot.repositories).length;
  say(`wrote ${line.output} (${count} ${count === 1 ? "repository" : "repositories"})`);
  return 0;
}
export {
  runSnapshotCommand
};
