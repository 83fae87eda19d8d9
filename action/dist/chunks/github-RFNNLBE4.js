import { createRequire as __tagcheckCreateRequire } from 'node:module';
const require = __tagcheckCreateRequire(import.meta.url);
import "./chunk-EDL2D4W5.js";

// src/reporters/github.ts
var COMMAND = { error: "error", warning: "warning", note: "notice" };
var githubReporter = (data) => {
  const findings = data.findings.filter((finding) => !finding.suppressed).map((finding) => workflowCommand(finding.level, finding.ruleId, finding.message, finding.location));
  const diagnostics = (data.diagnostics ?? []).filter((d) => d.level !== "note").map((d) => workflowCommand(d.level, "tagcheck", d.message, d.file !== void 0 ? { file: d.file, line: d.line, column: d.column } : void 0));
  return [...diagnostics, ...findings].map((line) => `${line}
`).join("");
};
function workflowCommand(level, title, message, location) {
  const properties = [];
  if (location) {
    properties.push(["file", location.file.replaceAll("\\", "/")]);
    if (location.line !== void 0) properties.push(["line", location.line]);
    if (location.line !== void 0 && location.column !== void 0) properties.push(["col", location.column]);
  }
  properties.push(["title", title]);
  const list = properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(",");
  return `::${COMMAND[level]} ${list}::${escapeData(message)}`;
}
function escapeData(text) {
  return text.replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A");
}
function escapeProperty(text) {
  return escapeData(text).replaceAll(":", "%3A").replaceAll(",", "%2C");
}
export {
  escapeData,
  escapeProperty,
  githubReporter
};
