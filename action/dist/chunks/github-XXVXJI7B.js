import { createRequire as __tagcheckCreateRequire } from 'node:module';
const require = __tagcheckCreateRequire(import.meta.url);
import "./chunk-EDL2D4W5.js";

// src/reporters/github.ts
var COMMAND = { error: "error", warning: "warning", note: "notice" };
var githubReporter = (data) => data.findings.filter((finding) => !finding.suppressed).map((finding) => `${workflowCommand(finding)}
`).join("");
function workflowCommand(finding) {
  const properties = [];
  if (finding.location) {
    properties.push(["file", finding.location.file.replaceAll("\\", "/")], ["line", finding.location.line], ["col", finding.location.column]);
  }
  properties.push(["title", finding.ruleId]);
  const list = properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(",");
  return `::${COMMAND[finding.level]} ${list}::${escapeData(finding.message)}`;
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
