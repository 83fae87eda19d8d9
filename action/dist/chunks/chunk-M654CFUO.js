import { createRequire as __tagcheckCreateRequire } from 'node:module';
const require = __tagcheckCreateRequire(import.meta.url);
import {
  InputError
} from "./chunk-RPMDAMUC.js";
import {
  parsePlatform
} from "./chunk-RCVICTRH.js";

// src/cli/check-options.ts
import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
var FORMATS = ["text", "json", "sarif", "github"];
var SCOPES = ["manifests", "registry", "all"];
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
  help: { type: "boolean", short: "h" }
};
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
function parseCheckCommandLine(argv) {
  const { values, positionals } = parseStrict(argv, CHECK_OPTION_SPEC);
  if (positionals.length > 1) throw new InputError(`expected one PATH, got ${positionals.length}: ${positionals.join(" ")}`);
  const scope = values.offline ? "manifests" : oneOf("--scope", values.scope ?? "all", SCOPES);
  if (values.offline && values.scope && values.scope !== "manifests") {
    throw new InputError(`--offline contradicts --scope ${values.scope}`);
  }
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
    verbose: values.verbose ?? false
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
    const hint = /^[a-z-]+$/.test(path) ? " (and it is not a command: check, rules, snapshot, init, hook)" : "";
    throw new InputError(`PATH "${path}" does not exist${hint}`);
  }
  if (!info.isDirectory()) throw new InputError(`PATH "${path}" is not a directory`);
  return root;
}

export {
  parseStrict,
  parseCheckCommandLine,
  oneOf,
  resolveRoot
};
