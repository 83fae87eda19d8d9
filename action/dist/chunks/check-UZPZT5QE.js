import { createRequire as __tagcheckCreateRequire } from 'node:module';
const require = __tagcheckCreateRequire(import.meta.url);
import {
  runCheck
} from "./chunk-EHRJKFJE.js";
import {
  CONTRACT_RULE_IDS
} from "./chunk-ZTBEPIAR.js";
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
import {
  rules
} from "./chunk-ACRTRP2G.js";
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

// src/cli/check.ts
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";

// src/cli/color.ts
function useColor(stream, env, noColorFlag) {
  if (noColorFlag) return false;
  if (env.NO_COLOR !== void 0 && env.NO_COLOR !== "") return false;
  const force = env.FORCE_COLOR;
  if (force !== void 0) return force !== "0" && force !== "false";
  return stream.isTTY === true;
}

// src/cli/check.ts
async function runCheckCommand(argv, io) {
  const line = parseCheckCommandLine(argv);
  if (line.help) {
    io.stdout.write(COMMAND_USAGE.check);
    return 0;
  }
  assertKnownRules(line.ruleLevels);
  const log = line.verbose ? (text) => io.stderr.write(`tagcheck: ${text}
`) : void 0;
  const progress = line.verbose || io.stderr.isTTY && !line.quiet ? (text) => io.stderr.write(`tagcheck: ${text}
`) : void 0;
  const result = await runCheck({
    root: await resolveRoot(io.cwd, line.path),
    env: io.env,
    scope: line.scope,
    ruleLevels: line.ruleLevels,
    failOn: line.failOn,
    insecureRegistries: line.insecureRegistries,
    concurrency: line.concurrency,
    timeoutMs: line.timeoutMs,
    cache: !line.noCache,
    ...line.configFile ? { configFile: resolve(io.cwd, line.configFile) } : {},
    ...line.tag ? { tag: line.tag } : {},
    ...line.platforms.length ? { platforms: line.platforms } : {},
    ...line.registrySnapshot ? { registrySnapshot: resolve(io.cwd, line.registrySnapshot) } : {},
    ...log ? { log } : {},
    ...progress ? { progress } : {}
  });
  if (log) log(describeModel(result));
  printDiagnostics(result.diagnostics, line, io);
  const reporter = await reporterFor(line.format);
  const stdoutColor = useColor(io.stdout, io.env, line.noColor);
  const stderrColor = useColor(io.stderr, io.env, line.noColor);
  const { textSummary, enableColor } = await import("./text-PRJBVNZC.js");
  if (stdoutColor || stderrColor) await enableColor();
  if (line.output) {
    const report = reporter(result.report, { color: false });
    const target = resolve(io.cwd, line.output);
    await mkdir(dirname(target), { recursive: true }).then(() => writeFile(target, report)).catch((error) => {
      throw new InputError(`cannot write the report to ${line.output}: ${error.code ?? error.message}`);
    });
    if (!line.quiet) io.stderr.write(`${textSummary(result.report, { color: stderrColor })}
`);
  } else {
    io.stdout.write(reporter(result.report, { color: stdoutColor }));
    if (line.format !== "text" && !line.quiet && io.stderr.isTTY) {
      io.stderr.write(`${textSummary(result.report, { color: stderrColor })}
`);
    }
  }
  return result.exitCode;
}
function describeModel({ model }) {
  const own = model.imageUses.filter((u) => u.own).length;
  const release = model.chartRelease ? `chart release ${model.chartRelease.tag} of chart ${model.chartRelease.chart} (from ${model.chartRelease.source}): images checked against each other` : model.release ? `release ${model.release.tag} (from ${model.release.source})` : "no release tag";
  const config = model.config.file ? `config ${model.config.file}` : "no config file";
  return `${release}; ${config}; ${model.files.length} files, ${model.imageUses.length} image uses (${own} own), ${model.charts.length} charts, ${model.kustomizeOverrides.length} kustomize image overrides; own repositories: ${model.ownRepositories.join(", ") || "none"}`;
}
function assertKnownRules(levels) {
  const known = /* @__PURE__ */ new Set([...CONTRACT_RULE_IDS, ...rules.map((r) => r.id)]);
  for (const id of Object.keys(levels)) {
    if (!known.has(id)) throw new InputError(`--rule: unknown rule "${id}" (see \`tagcheck rules\`)`);
  }
}
function printDiagnostics(diagnostics, line, io) {
  for (const d of diagnostics) {
    const shown = d.level === "error" || d.level === "warning" && !line.quiet || d.level === "note" && line.verbose;
    if (!shown) continue;
    const where = [d.file, d.line, d.line !== void 0 ? d.column : void 0].filter((p) => p !== void 0).join(":");
    const text = d.message.startsWith(d.file) ? d.message : `${where}: ${d.message}`;
    io.stderr.write(`tagcheck: ${d.level}: ${text}
`);
  }
}
async function reporterFor(format) {
  switch (format) {
    case "text":
      return (await import("./text-PRJBVNZC.js")).textReporter;
    case "json":
      return (await import("./json-IMGNYP5A.js")).jsonReporter;
    case "sarif":
      return (await import("./sarif-KUAF6EZP.js")).sarifReporter;
    case "github":
      return (await import("./github-XXVXJI7B.js")).githubReporter;
  }
}
export {
  assertKnownRules,
  printDiagnostics,
  reporterFor,
  runCheckCommand
};
