import { createRequire as __tagcheckCreateRequire } from 'node:module';
const require = __tagcheckCreateRequire(import.meta.url);
import "./chunk-EDL2D4W5.js";

// src/reporters/text.ts
var LEVEL_WIDTH = "warning".length;
var same = (text) => text;
var PLAIN = { bold: same, dim: same, red: same, yellow: same, cyan: same, green: same };
var colored;
async function enableColor() {
  if (!colored) colored = new (await import("./source-V5VWNZZO.js")).Chalk({ level: 1 });
}
function painter(color) {
  if (!color) return PLAIN;
  if (!colored) throw new Error("text reporter: colour asked for before enableColor() loaded it");
  return colored;
}
var textReporter = (data, { color }) => {
  const paint = painter(color);
  const shown = data.findings.filter((f) => !f.suppressed);
  const groups = /* @__PURE__ */ new Map();
  for (const finding of shown) {
    const key = finding.location?.file ?? "";
    groups.set(key, [...groups.get(key) ?? [], finding]);
  }
  const blocks = [...groups.values()].map((findings) => findings.map((f) => findingLine(f, paint)).join("\n"));
  const body = blocks.length ? `${blocks.join("\n\n")}

` : "";
  return `${body}${textSummary(data, { color })}
`;
};
function findingLine(finding, paint) {
  const where = finding.location ? `${finding.location.file}:${finding.location.line}:${finding.location.column}` : "(no file)";
  const level = paintLevel(finding.level, finding.level.padEnd(LEVEL_WIDTH), paint);
  return `${paint.bold(where)}  ${level}  ${finding.message}  ${paint.dim(finding.ruleId)}`;
}
function paintLevel(level, text, paint) {
  return level === "error" ? paint.red(text) : level === "warning" ? paint.yellow(text) : paint.cyan(text);
}
function textSummary(data, { color }) {
  const paint = painter(color);
  const counts = { error: 0, warning: 0, note: 0 };
  let suppressed = 0;
  for (const finding of data.findings) {
    if (finding.suppressed) suppressed++;
    else counts[finding.level]++;
  }
  const total = counts.error + counts.warning + counts.note;
  const warned = (data.diagnostics ?? []).filter((d) => d.level !== "note").length;
  const problems = total === 0 ? warned ? paint.yellow("no problems") : paint.green("no problems") : paintLevel(
    counts.error ? "error" : counts.warning ? "warning" : "note",
    `${plural(total, "problem")} (${plural(counts.error, "error")}, ${plural(counts.warning, "warning")}, ${plural(counts.note, "note")})`,
    paint
  );
  const notChecked = (data.diagnostics ?? []).reduce((sum, d) => sum + (d.notChecked ?? 0), 0);
  const parts = [
    problems,
    ...suppressed ? [`${suppressed} suppressed`] : [],
    ...warned ? [`${plural(warned, "warning diagnostic")} (see above)`] : [],
    ...notChecked ? [`${plural(notChecked, "image reference")} not checked (test fixtures or versioned apart; --verbose says which)`] : [],
    data.release ? `release ${data.release.tag}` : "no release tag",
    `${plural(data.rulesRun.length, "rule")} run${data.rulesSkipped.length ? `, ${data.rulesSkipped.length} skipped` : ""}`
  ];
  return `${paint.bold("tagcheck:")} ${parts.join("; ")}`;
}
function plural(count, noun) {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
export {
  enableColor,
  textReporter,
  textSummary
};
