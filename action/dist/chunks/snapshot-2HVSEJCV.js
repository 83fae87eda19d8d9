import { createRequire as __tagcheckCreateRequire } from 'node:module';
const require = __tagcheckCreateRequire(import.meta.url);
import {
  buildReleaseModel,
  openRegistrySource
} from "./chunk-EHRJKFJE.js";
import "./chunk-ZTBEPIAR.js";
import "./chunk-7FXDDKJ2.js";
import "./chunk-KUNS46D5.js";
import "./chunk-5IJPJYX3.js";
import {
  parseCheckCommandLine,
  resolveRoot
} from "./chunk-M654CFUO.js";
import "./chunk-35YV25Z5.js";
import {
  COMMAND_USAGE
} from "./chunk-AMVAU3TV.js";
import "./chunk-ACRTRP2G.js";
import "./chunk-43VJKAEJ.js";
import "./chunk-I6FDX5FP.js";
import "./chunk-AW26LPCX.js";
import "./chunk-3YZXT6BL.js";
import "./chunk-HVUMOPXY.js";
import "./chunk-LDBPO2W7.js";
import {
  InputError
} from "./chunk-RPMDAMUC.js";
import "./chunk-RCVICTRH.js";
import "./chunk-FQ47HCOD.js";
import "./chunk-EDL2D4W5.js";

// src/cli/snapshot.ts
import { resolve } from "node:path";
async function runSnapshotCommand(argv, io) {
  const line = parseCheckCommandLine(argv);
  if (line.help) {
    io.stdout.write(COMMAND_USAGE.snapshot);
    return 0;
  }
  if (!line.output) throw new InputError("snapshot needs --output FILE");
  const model = await buildReleaseModel({
    root: await resolveRoot(io.cwd, line.path),
    env: io.env,
    ...line.configFile ? { configFile: resolve(io.cwd, line.configFile) } : {},
    ...line.tag ? { tag: line.tag } : {},
    ...line.platforms.length ? { platforms: line.platforms } : {}
  });
  const log = line.verbose ? (text) => io.stderr.write(`tagcheck: ${text}
`) : void 0;
  const [{ gatherRegistryFacts }, { recordingSource, writeSnapshot }] = await Promise.all([
    import("./registry-facts-MRTMCQOM.js"),
    import("./snapshot-BF4SQD4N.js")
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
  if (!line.quiet) {
    const count = Object.keys(snapshot.repositories).length;
    io.stderr.write(`tagcheck: wrote ${line.output} (${count} ${count === 1 ? "repository" : "repositories"})
`);
  }
  return 0;
}
export {
  runSnapshotCommand
};
