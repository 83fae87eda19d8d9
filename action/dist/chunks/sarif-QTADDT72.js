import { createRequire as __tagcheckCreateRequire } from 'node:module';
const require = __tagcheckCreateRequire(import.meta.url);
import {
  levelRank
} from "./chunk-5IJPJYX3.js";
import {
  ruleHelpUri
} from "./chunk-43VJKAEJ.js";
import "./chunk-EDL2D4W5.js";

// src/reporters/sarif.ts
import { createHash } from "node:crypto";
var SARIF_MAX_RESULTS = 25e3;
var SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
var TOOL_INFORMATION_URI = "https://github.com/tagcheck/tagcheck";
var FINGERPRINT_KEY = "tagcheck/v1";
var SRCROOT = "%SRCROOT%";
var sarifReporter = (data) => `${JSON.stringify(buildSarifLog(data), null, 2)}
`;
function buildSarifLog(data) {
  const rules = data.rulesRun.map(sarifRule);
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  for (const finding of data.findings) {
    if (!ruleIndex.has(finding.ruleId)) {
      ruleIndex.set(finding.ruleId, rules.length);
      rules.push(sarifRule(placeholderRule(finding)));
    }
  }
  const { kept, omitted } = capResults(data.findings, SARIF_MAX_RESULTS);
  const occurrences = /* @__PURE__ */ new Map();
  const results = kept.map((finding) => sarifResult(finding, data, ruleIndex.get(finding.ruleId), occurrences));
  const notifications = (data.diagnostics ?? []).map((diagnostic) => {
    const uri = diagnostic.file === void 0 ? void 0 : relativeUri(diagnostic.file);
    return {
      level: diagnostic.level,
      message: { text: diagnostic.file === void 0 ? diagnostic.message : `${diagnostic.file}: ${diagnostic.message}` },
      ...uri ? { locations: [{ physicalLocation: { artifactLocation: { uri, uriBaseId: SRCROOT }, region: { startLine: Math.max(1, diagnostic.line ?? 1), startColumn: Math.max(1, diagnostic.column ?? 1) } } }] } : {}
    };
  });
  if (omitted > 0) {
    notifications.push({ level: "warning", message: { text: `${omitted} lower-severity results were omitted: a SARIF run may hold at most ${SARIF_MAX_RESULTS} results.` } });
  }
  return {
    $schema: SARIF_SCHEMA_URI,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: data.tool.name,
            version: data.tool.version,
            semanticVersion: data.tool.version,
            informationUri: TOOL_INFORMATION_URI,
            rules
          }
        },
        // Columns come from `yaml`'s LineCounter, which counts JavaScript string indices.
        columnKind: "utf16CodeUnits",
        invocations: [{ executionSuccessful: true, ...notifications.length ? { toolExecutionNotifications: notifications } : {} }],
        results,
        properties: { release: data.release?.tag ?? null, rulesSkipped: [...data.rulesSkipped] }
      }
    ]
  };
}
function sarifRule(rule) {
  return {
    id: rule.id,
    shortDescription: { text: rule.summary },
    fullDescription: { text: rule.description || rule.summary },
    helpUri: ruleHelpUri(rule.id),
    help: {
      text: `${rule.description || rule.summary}

How to fix: ${rule.remediation}`,
      markdown: `${rule.description || rule.summary}

**How to fix:** ${rule.remediation}

[Rule documentation](${ruleHelpUri(rule.id)})`
    },
    defaultConfiguration: { level: rule.level },
    properties: { tags: [rule.scope] }
  };
}
function placeholderRule(finding) {
  return {
    id: finding.ruleId,
    scope: "manifests",
    level: finding.level,
    summary: finding.ruleId,
    description: finding.ruleId,
    remediation: `See ${ruleHelpUri(finding.ruleId)}.`
  };
}
function capResults(findings, max) {
  if (findings.length <= max) return { kept: findings, omitted: 0 };
  const ranked = findings.map((finding, index) => ({ finding, index })).sort((a, b) => levelRank(b.finding.level) - levelRank(a.finding.level) || a.index - b.index).slice(0, max).sort((a, b) => a.index - b.index);
  return { kept: ranked.map((entry) => entry.finding), omitted: findings.length - max };
}
function sarifResult(finding, data, ruleIndex, occurrences) {
  const location = resultLocation(finding, data);
  const properties = {};
  if (finding.image !== void 0) properties.image = finding.image;
  if (finding.expected !== void 0) properties.expected = finding.expected;
  if (finding.actual !== void 0) properties.actual = finding.actual;
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: finding.level,
    message: { text: finding.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: location.uri, uriBaseId: SRCROOT },
          region: { startLine: location.line, startColumn: location.column }
        }
      }
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(finding, location.uri, occurrences) },
    ...finding.suppressed ? {
      suppressions: [
        {
          kind: finding.suppressed.kind,
          status: "accepted",
          ...finding.suppressed.justification ? { justification: finding.suppressed.justification } : {}
        }
      ]
    } : {},
    ...Object.keys(properties).length > 0 ? { properties } : {}
  };
}
function resultLocation(finding, data) {
  const own = finding.location ? relativeUri(finding.location.file) : void 0;
  if (own && finding.location) {
    return { uri: own, line: Math.max(1, finding.location.line), column: Math.max(1, finding.location.column) };
  }
  const fallback = [data.configFile, data.firstManifest].map((file) => file ? relativeUri(file) : void 0).find(Boolean);
  return { uri: fallback ?? ".", line: 1, column: 1 };
}
function relativeUri(file) {
  const slashed = file.replaceAll("\\", "/").replace(/^(\.\/)+/, "");
  if (slashed === "" || slashed.startsWith("/") || /^[A-Za-z]:\//.test(slashed) || /^[a-z][a-z0-9+.-]*:/i.test(slashed)) return void 0;
  if (slashed.split("/").includes("..")) return void 0;
  return slashed.split("/").map(encodeURIComponent).join("/");
}
function fingerprint(finding, uri, occurrences) {
  const message = withoutPositions(finding.message);
  const identity = JSON.stringify([finding.ruleId, uri, finding.image ?? "", finding.expected ?? "", finding.actual ?? "", message]);
  const hash = createHash("sha256").update(identity).digest("hex").slice(0, 32);
  const seen = occurrences.get(hash) ?? 0;
  occurrences.set(hash, seen + 1);
  return `${hash}:${seen + 1}`;
}
function withoutPositions(message) {
  return message.replace(/(\.[A-Za-z0-9]+)(?::\d+){1,2}\b/g, "$1").replace(/\b(lines?|column) \d+/gi, "$1");
}
export {
  FINGERPRINT_KEY,
  SARIF_MAX_RESULTS,
  SARIF_SCHEMA_URI,
  TOOL_INFORMATION_URI,
  buildSarifLog,
  relativeUri,
  sarifReporter,
  withoutPositions
};
