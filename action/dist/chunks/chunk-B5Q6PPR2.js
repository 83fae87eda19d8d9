import { createRequire as __tagcheckCreateRequire } from 'node:module';
const require = __tagcheckCreateRequire(import.meta.url);
import {
  parseCheckCommandLine,
  resolveRoot
} from "./chunk-STYJWAO3.js";
import {
  runCheck
} from "./chunk-XLVXBMJX.js";
import {
  CONTRACT_RULE_IDS
} from "./chunk-GCMTTL4V.js";
import {
  COMMAND_USAGE
} from "./chunk-272LM65M.js";
import {
  rules
} from "./chunk-L6CATLOV.js";
import {
  InputError
} from "./chunk-RPMDAMUC.js";

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
  const separator = argv.indexOf("--");
  const flags = separator < 0 ? argv : argv.slice(0, separator);
  if (flags.includes("--fix")) return (await import("./fix-5IIMGH2F.js")).runFixCommand(argv.filter((arg, i) => !(arg === "--fix" && (separator < 0 || i < separator))), io);
  const line = parseCheckCommandLine(argv);
  if (line.help) {
    io.stdout.write(COMMAND_USAGE.check);
    return 0;
  }
  assertKnownRules(line.ruleLevels);
  if (line.clusterOutput) throw new InputError("--cluster-output belongs to `tagcheck snapshot` (check reads a recording with --cluster-snapshot FILE)");
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
    ...line.cluster ? { cluster: resolveClusterTarget(io.cwd, line.cluster) } : {},
    ...line.clusterSnapshot ? { clusterSnapshot: resolve(io.cwd, line.clusterSnapshot) } : {},
    ...line.clusterNamespaces ? { clusterNamespaces: line.clusterNamespaces } : {},
    ...log ? { log } : {},
    ...progress ? { progress } : {},
    ...io.pushRemote ? { pushRemote: io.pushRemote } : {},
    ...io.cacheKey ? { cacheKey: io.cacheKey } : {}
  });
  if (log) log(describeModel(result));
  printDiagnostics(result.diagnostics, line, io);
  const reporter = await reporterFor(line.format);
  const stdoutColor = useColor(io.stdout, io.env, line.noColor);
  const stderrColor = useColor(io.stderr, io.env, line.noColor);
  const { textSummary, enableColor } = await import("./text-XB6GSNUB.js");
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
function resolveClusterTarget(cwd, target) {
  return target.kubeconfig ? { ...target, kubeconfig: resolve(cwd, target.kubeconfig) } : target;
}
function describeModel({ model }) {
  const own = model.imageUses.filter((u) => u.own).length;
  const release = model.chartRelease ? `chart release ${model.chartRelease.tag} of chart ${model.chartRelease.chart} (from ${model.chartRelease.source}): images checked against each other` : model.release ? `release ${model.release.tag} (from ${model.release.source})` : "no release tag";
  const config = model.config.file ? `config ${model.config.file}` : "no config file";
  const ownership = model.config.images.length ? `own images from images: in ${model.config.file}` : `own images by repository name "${model.repositoryName}" (from ${model.repositoryNameSource ?? "folder name"})`;
  const cluster = model.cluster ? `; cluster ${model.cluster.context}: ${model.cluster.workloads.length} workloads, ${model.cluster.pods.length} pods, ${(model.deployedImages ?? []).filter((i) => i.own).length} own container images` : "";
  return `${release}; ${config}; ${ownership}; ${model.files.length} files, ${model.imageUses.length} image uses (${own} own), ${model.charts.length} charts, ${model.kustomizeOverrides.length} kustomize image overrides; own repositories: ${model.ownRepositories.join(", ") || "none"}${cluster}`;
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
    const text = d.file === void 0 || d.message.startsWith(d.file) ? d.message : `${where}: ${d.message}`;
    io.stderr.write(`tagcheck: ${d.level}: ${text}
`);
  }
}
async function reporterFor(format) {
  switch (format) {
    case "text":
      return (await import("./text-XB6GSNUB.js")).textReporter;
    case "json":
      return (await import("./json-NCZ66BB4.js")).jsonReporter;
    case "sarif":
      return (await import("./sarif-QTADDT72.js")).sarifReporter;
    case "github":
      return (await import("./github-RFNNLBE4.js")).githubReporter;
  }
}

export {
  runCheckCommand,
  resolveClusterTarget,
  assertKnownRules,
  printDiagnostics,
  reporterFor
};
