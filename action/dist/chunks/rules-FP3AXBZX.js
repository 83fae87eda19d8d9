import { createRequire as __tagcheckCreateRequire } from 'node:module';
const require = __tagcheckCreateRequire(import.meta.url);
import {
  oneOf,
  parseStrict
} from "./chunk-STYJWAO3.js";
import {
  COMMAND_USAGE
} from "./chunk-272LM65M.js";
import {
  rules
} from "./chunk-L6CATLOV.js";
import {
  ruleHelpUri
} from "./chunk-43VJKAEJ.js";
import "./chunk-7G6ADTDN.js";
import "./chunk-3ZF5C6TM.js";
import "./chunk-FI5HTOGP.js";
import "./chunk-RCVICTRH.js";
import "./chunk-FQ47HCOD.js";
import {
  InputError
} from "./chunk-RPMDAMUC.js";
import "./chunk-3WXF3ZSY.js";
import "./chunk-EDL2D4W5.js";

// src/cli/rules.ts
async function runRulesCommand(argv, io) {
  const { values, positionals } = parseStrict(argv, {
    format: { type: "string" },
    help: { type: "boolean", short: "h" }
  });
  if (values.help) {
    io.stdout.write(COMMAND_USAGE.rules);
    return 0;
  }
  if (positionals.length) throw new InputError(`rules takes no arguments, got ${positionals.join(" ")}`);
  const format = oneOf("--format", values.format ?? "text", ["text", "json"]);
  const sorted = [...rules].sort((a, b) => a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  if (format === "json") {
    const list = sorted.map((r) => ({ id: r.id, level: r.level, scope: r.scope, summary: r.summary, helpUri: ruleHelpUri(r.id) }));
    io.stdout.write(`${JSON.stringify(list, null, 2)}
`);
    return 0;
  }
  const idWidth = Math.max(2, ...sorted.map((r) => r.id.length));
  const rows = [
    `${"ID".padEnd(idWidth)}  LEVEL    SCOPE      SUMMARY`,
    ...sorted.map((r) => `${r.id.padEnd(idWidth)}  ${r.level.padEnd(7)}  ${r.scope.padEnd(9)}  ${r.summary}`)
  ];
  io.stdout.write(`${rows.join("\n")}
`);
  return 0;
}
export {
  runRulesCommand
};
