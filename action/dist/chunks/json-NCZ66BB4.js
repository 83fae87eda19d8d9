import { createRequire as __tagcheckCreateRequire } from 'node:module';
const require = __tagcheckCreateRequire(import.meta.url);
import "./chunk-EDL2D4W5.js";

// src/reporters/json.ts
var jsonReporter = (data) => `${JSON.stringify(jsonReport(data), null, 2)}
`;
function jsonReport(data) {
  const summary = { error: 0, warning: 0, note: 0 };
  for (const finding of data.findings) if (!finding.suppressed) summary[finding.level]++;
  return {
    version: 1,
    tool: { name: data.tool.name, version: data.tool.version },
    release: jsonRelease(data.release),
    summary: { ...summary, rulesRun: data.rulesRun.map((r) => r.id), rulesSkipped: [...data.rulesSkipped] },
    findings: data.findings.map(jsonFinding),
    ...data.diagnostics?.length ? { diagnostics: data.diagnostics.map(jsonDiagnostic) } : {}
  };
}
function jsonRelease(release) {
  if (!release) return null;
  return {
    tag: release.tag,
    version: release.version?.version ?? null,
    prerelease: release.version?.prerelease ?? false,
    source: release.source
  };
}
function jsonFinding(finding) {
  return {
    ruleId: finding.ruleId,
    level: finding.level,
    message: finding.message,
    ...finding.location ? { location: { file: finding.location.file, line: finding.location.line, column: finding.location.column } } : {},
    ...finding.image !== void 0 ? { image: finding.image } : {},
    ...finding.expected !== void 0 ? { expected: finding.expected } : {},
    ...finding.actual !== void 0 ? { actual: finding.actual } : {},
    ...finding.suppressed ? {
      suppressed: {
        kind: finding.suppressed.kind,
        ...finding.suppressed.justification !== void 0 ? { justification: finding.suppressed.justification } : {}
      }
    } : {}
  };
}
function jsonDiagnostic(diagnostic) {
  return {
    level: diagnostic.level,
    message: diagnostic.message,
    ...diagnostic.file !== void 0 ? {
      location: {
        file: diagnostic.file,
        ...diagnostic.line !== void 0 ? { line: diagnostic.line } : {},
        ...diagnostic.column !== void 0 ? { column: diagnostic.column } : {}
      }
    } : {}
  };
}
export {
  jsonReport,
  jsonReporter
};
