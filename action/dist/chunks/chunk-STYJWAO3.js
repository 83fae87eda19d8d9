import { createRequire as __tagcheckCreateRequire } from 'node:module';
const require = __tagcheckCreateRequire(import.meta.url);
import {
  parsePlatform
} from "./chunk-RCVICTRH.js";
import {
  InputError
} from "./chunk-RPMDAMUC.js";

// src/cli/check-options.ts
import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
var FORMATS = ["text", "json", "sarif", "github"];
var SCOPES = ["manifests", "registry", "cluster", "all"];
var FAIL_ON = ["error", "warning", "note", "none"];
var LEVEL_SETTINGS = ["off", "note", "warning", "error"];
var CHECK_OPTION_SPEC = {
  tag: { type: "string" },
  config: { type: "string" },
  scope: { type: "string" },
  offline: { type: "boolean" },
  "registry-snapshot": { type: "string" },
  "insecure-registry": { type: "string", multiple: true },
  platform: { type: "string", multiple: true },
  rule: { type: "string", multiple: true },
  format: { type: "string" },
  output: { type: "string" },
  "fail-on": { type: "string" },
  concurrency: { type: "string" },
  timeout: { type: "string" },
  "no-color": { type: "boolean" },
  "no-cache": { type: "boolean" },
  quiet: { type: "boolean" },
  verbose: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  // `--cluster [CONTEXT]` takes an optional value, which parseArgs cannot express: see takeClusterFlag
  cluster: { type: "string", multiple: true },
  kubeconfig: { type: "string" },
  namespace: { type: "string", multiple: true },
  "cluster-snapshot": { type: "string" },
  "cluster-output": { type: "string" }
};
var CURRENT_CONTEXT = "\0current-context";
function parseStrict(argv, options) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new InputError(describeParseError(error));
  }
}
function describeParseError(error) {
  const { code, message } = error;
  const text = String(message ?? error);
  const quoted = /'([^']+)'/.exec(text)?.[1];
  switch (code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `unknown option ${quoted ?? text} (see --help)`;
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return /argument missing/.test(text) ? `option ${quoted?.split(" ")[0] ?? ""} needs a value` : `${text.split(". ")[0]}`;
    default:
      return text.split(". ")[0];
  }
}
function takeClusterFlag(argv) {
  const result = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--") {
      result.push(...argv.slice(i));
      break;
    }
    if (arg === "--cluster") {
      const next = argv[i + 1];
      if (next !== void 0 && !next.startsWith("-")) {
        result.push(`--cluster=${next}`);
        i++;
      } else result.push(`--cluster=${CURRENT_CONTEXT}`);
    } else if (arg === "--cluster=") result.push(`--cluster=${CURRENT_CONTEXT}`);
    else result.push(arg);
  }
  return result;
}
function parseCluster(values) {
  const given = values.cluster ?? [];
  if (given.length > 1) throw new InputError("--cluster is given more than once (one context per run)");
  const namespaces = clusterNamespaces(values.namespace);
  if (given.length === 0) {
    if (values.kubeconfig !== void 0) throw new InputError("--kubeconfig needs --cluster [CONTEXT]");
    if (namespaces.length && values["cluster-snapshot"] === void 0) throw new InputError("--namespace needs --cluster [CONTEXT] or --cluster-snapshot FILE");
    return void 0;
  }
  if (values["cluster-snapshot"] !== void 0) throw new InputError("--cluster and --cluster-snapshot exclude each other");
  const context = given[0] === CURRENT_CONTEXT ? void 0 : nonEmpty("--cluster", given[0]);
  return {
    ...context !== void 0 ? { context } : {},
    ...values.kubeconfig !== void 0 ? { kubeconfig: nonEmpty("--kubeconfig", values.kubeconfig) } : {},
    ...namespaces.length ? { namespaces } : {}
  };
}
function clusterNamespaces(values) {
  return [...new Set(values ?? [])].map((ns) => {
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(ns)) throw new InputError(`--namespace "${ns}" is not a Kubernetes namespace name`);
    return ns;
  });
}
function parseCheckCommandLine(argv) {
  const { values, positionals } = parseStrict(takeClusterFlag(argv), CHECK_OPTION_SPEC);
  if (positionals.length > 1) throw new InputError(`expected one PATH, got ${positionals.length}: ${positionals.join(" ")}`);
  const scope = values.offline ? "manifests" : oneOf("--scope", values.scope ?? "all", SCOPES);
  if (values.offline && values.scope && values.scope !== "manifests") {
    throw new InputError(`--offline contradicts --scope ${values.scope}`);
  }
  const cluster = parseCluster(values);
  const clusterSnapshot = values["cluster-snapshot"] !== void 0 ? nonEmpty("--cluster-snapshot", values["cluster-snapshot"]) : void 0;
  const clusterFlag = cluster ? "--cluster" : clusterSnapshot !== void 0 ? "--cluster-snapshot" : void 0;
  if (clusterFlag && values.offline) throw new InputError(`--offline skips the cluster rules: drop ${clusterFlag} or --offline`);
  if (clusterFlag && scope !== "all" && scope !== "cluster") throw new InputError(`${clusterFlag} needs --scope all or cluster (not ${scope})`);
  if (!clusterFlag && scope === "cluster") throw new InputError("--scope cluster needs --cluster [CONTEXT] or --cluster-snapshot FILE");
  if (values["cluster-output"] !== void 0 && !cluster) throw new InputError("--cluster-output needs --cluster [CONTEXT]");
  if (values.quiet && values.verbose) throw new InputError("--quiet and --verbose exclude each other");
  return {
    path: positionals[0] ?? ".",
    help: values.help ?? false,
    ...values.tag !== void 0 ? { tag: nonEmpty("--tag", values.tag) } : {},
    ...values.config !== void 0 ? { configFile: nonEmpty("--config", values.config) } : {},
    scope,
    ...values["registry-snapshot"] !== void 0 ? { registrySnapshot: nonEmpty("--registry-snapshot", values["registry-snapshot"]) } : {},
    insecureRegistries: (values["insecure-registry"] ?? []).map((host) => parseHost(host)),
    platforms: (values.platform ?? []).map(parsePlatformFlag),
    ruleLevels: parseRuleLevels(values.rule ?? []),
    format: oneOf("--format", values.format ?? "text", FORMATS),
    ...values.output !== void 0 ? { output: nonEmpty("--output", values.output) } : {},
    failOn: oneOf("--fail-on", values["fail-on"] ?? "error", FAIL_ON),
    concurrency: positiveInteger("--concurrency", values.concurrency ?? "8"),
    timeoutMs: positiveInteger("--timeout", values.timeout ?? "10000"),
    noColor: values["no-color"] ?? false,
    noCache: values["no-cache"] ?? false,
    quiet: values.quiet ?? false,
    verbose: values.verbose ?? false,
    ...cluster ? { cluster } : {},
    ...clusterSnapshot !== void 0 ? { clusterSnapshot } : {},
    ...clusterSnapshot !== void 0 && values.namespace?.length ? { clusterNamespaces: clusterNamespaces(values.namespace) } : {},
    ...values["cluster-output"] !== void 0 ? { clusterOutput: nonEmpty("--cluster-output", values["cluster-output"]) } : {}
  };
}
function oneOf(flag, value, allowed) {
  if (allowed.includes(value)) return value;
  throw new InputError(`${flag} "${value}" is not one of ${allowed.join(", ")}`);
}
function nonEmpty(flag, value) {
  if (value.trim() === "") throw new InputError(`${flag} needs a non-empty value`);
  return value;
}
function positiveInteger(flag, value) {
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) throw new InputError(`${flag} "${value}" is not a positive whole number`);
  return Number(value);
}
function parseHost(value) {
  const host = value.trim().toLowerCase();
  if (!/^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d+)?$/.test(host)) {
    throw new InputError(`--insecure-registry "${value}" is not HOST or HOST:PORT`);
  }
  return host;
}
function parsePlatformFlag(value) {
  const platform = parsePlatform(value);
  if (!platform) throw new InputError(`--platform "${value}" is not OS/ARCH[/VARIANT] (e.g. linux/arm64)`);
  return platform;
}
function parseRuleLevels(values) {
  const levels = {};
  for (const value of values) {
    const match = /^([^=\s]+)=([^=\s]+)$/.exec(value.trim());
    if (!match) throw new InputError(`--rule "${value}" is not ID=off|note|warning|error`);
    levels[match[1]] = oneOf(`--rule ${match[1]}`, match[2], LEVEL_SETTINGS);
  }
  return levels;
}
async function resolveRoot(cwd, path) {
  const root = resolve(cwd, path);
  const info = await stat(root).catch(() => null);
  if (!info) {
    const hint = /^[a-z-]+$/.test(path) ? " (and it is not a command: check, fix, rules, snapshot, init, hook)" : "";
    throw new InputError(`PATH "${path}" does not exist${hint}`);
  }
  if (!info.isDirectory()) throw new InputError(`PATH "${path}" is not a directory`);
  return root;
}

export {
  parseStrict,
  parseCheckCommandLine,
  oneOf,
  parseRuleLevels,
  resolveRoot
};
