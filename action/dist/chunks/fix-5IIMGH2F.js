import { createRequire as __tagcheckCreateRequire } from 'node:module';
const require = __tagcheckCreateRequire(import.meta.url);
import {
  assertKnownRules,
  printDiagnostics
} from "./chunk-B5Q6PPR2.js";
import {
  oneOf,
  parseRuleLevels,
  parseStrict,
  resolveRoot
} from "./chunk-STYJWAO3.js";
import "./chunk-XLVXBMJX.js";
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

// src/cli/fix.ts
import { resolve } from "node:path";
var FIX_OPTION_SPEC = {
  tag: { type: "string" },
  config: { type: "string" },
  "dry-run": { type: "boolean" },
  "bump-chart-version": { type: "string" },
  format: { type: "string" },
  rule: { type: "string", multiple: true },
  // check's options that mean nothing to an offline, manifest-only fix are accepted so `check --fix` keeps working
  offline: { type: "boolean" },
  scope: { type: "string" },
  "no-color": { type: "boolean" },
  quiet: { type: "boolean" },
  verbose: { type: "boolean" },
  help: { type: "boolean", short: "h" }
};
var FIX_FORMATS = ["text", "json"];
var BUMPS = ["patch", "minor"];
async function runFixCommand(argv, io, testOptions = {}) {
  const { values, positionals } = parseStrict(argv, FIX_OPTION_SPEC);
  if (values.help) {
    io.stdout.write(COMMAND_USAGE.fix);
    return 0;
  }
  if (positionals.length > 1) throw new InputError(`expected one PATH, got ${positionals.length}: ${positionals.join(" ")}`);
  if (values.scope !== void 0 && values.scope !== "manifests") throw new InputError(`fix only edits manifests; --scope ${values.scope} does not apply`);
  if (values.quiet && values.verbose) throw new InputError("--quiet and --verbose exclude each other");
  const format = oneOf("--format", values.format ?? "text", FIX_FORMATS);
  const bump = values["bump-chart-version"] !== void 0 ? oneOf("--bump-chart-version", values["bump-chart-version"], BUMPS) : void 0;
  const ruleLevels = parseRuleLevels(values.rule ?? []);
  if (values.tag !== void 0 && values.tag.trim() === "") throw new InputError("--tag needs a non-empty value");
  assertKnownRules(ruleLevels);
  const dryRun = values["dry-run"] ?? false;
  const { runFix } = await import("./run-fix-NEAUFV4U.js");
  const result = await runFix({
    root: await resolveRoot(io.cwd, positionals[0] ?? "."),
    env: io.env,
    ruleLevels,
    dryRun,
    ...values.tag !== void 0 ? { tag: values.tag } : {},
    ...values.config !== void 0 ? { configFile: resolve(io.cwd, values.config) } : {},
    ...bump ? { bumpChartVersion: bump } : {},
    ...testOptions
  });
  const quiet = values.quiet ?? false;
  printDiagnostics(result.diagnostics, { quiet, verbose: values.verbose ?? false }, io);
  if (format === "json") {
    io.stdout.write(`${JSON.stringify(fixReport(result, dryRun), null, 2)}
`);
  } else {
    for (const refusal of result.refused) io.stderr.write(`tagcheck: note: ${describeRefusal(refusal)}
`);
    if (dryRun) {
      io.stdout.write(result.diff);
      if (!quiet) io.stderr.write(`tagcheck: ${summary(result, true)}
`);
    } else {
      for (const change of result.changes) io.stdout.write(`${describeChange(change)}
`);
      if (!quiet) io.stdout.write(`${summary(result, false)}
`);
    }
  }
  if (dryRun) return result.changes.length > 0 ? 1 : 0;
  return result.refused.length > 0 ? 1 : 0;
}
function fixReport(result, dryRun) {
  return {
    version: 1,
    dryRun,
    release: result.release ? { tag: result.release.tag } : null,
    changes: result.changes.map((c) => ({ file: c.file, line: c.line, column: c.column, from: c.from, to: c.to, ruleId: c.ruleId, ...c.bump ? { bump: c.bump } : {} })),
    refused: result.refused.map((r) => ({
      ...r.file !== void 0 ? { file: r.file } : {},
      ...r.line !== void 0 ? { line: r.line, column: r.column } : {},
      ruleId: r.ruleId,
      ...r.from !== void 0 ? { from: r.from } : {},
      ...r.to !== void 0 ? { to: r.to } : {},
      reason: r.reason
    }))
  };
}
function describeChange(c) {
  const what = c.bump ? `chart version ${c.bump} bump` : c.ruleId;
  return `${c.file}:${c.line}:${c.column}: ${c.from} \u2192 ${c.to} (${what})`;
}
function describeRefusal(r) {
  const where = r.file ? `${[r.file, r.line, r.column].filter((p) => p !== void 0).join(":")}: ` : "";
  const what = r.from !== void 0 && r.to !== void 0 ? `${r.from} \u2192 ${r.to} ` : "";
  return `${where}${what}not fixed (${r.ruleId}): ${r.reason}`;
}
function summary(result, dryRun) {
  const n = result.changes.length;
  const refused = result.refused.length ? `; ${result.refused.length} not fixed (see the notes above)` : "";
  if (n === 0) return `nothing to fix${refused}`;
  const what = `${n} ${n === 1 ? "change" : "changes"} in ${result.files} ${result.files === 1 ? "file" : "files"}`;
  return dryRun ? `${what} would be made: run tagcheck fix${result.release ? ` --tag ${result.release.tag}` : ""}${refused}` : `fixed: ${what}${refused}`;
}
export {
  fixReport,
  runFixCommand
};
