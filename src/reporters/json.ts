import type { Finding } from '../model/finding.js';
import type { Diagnostic, Release } from '../model/release.js';
import type { ReportData, Reporter } from './types.js';

/**
 * The contract's JSON report, with keys in the contract's order. Extensions, which consumers may ignore:
 * `suppressed` on suppressed findings and a top-level `diagnostics` array (files skipped or unreadable;
 * without `location` for one about the whole run, such as nothing identified as the project's own).
 * `summary` counts only findings that are not suppressed.
 */
export const jsonReporter: Reporter = (data) => `${JSON.stringify(jsonReport(data), null, 2)}\n`;

export function jsonReport(data: ReportData) {
  const summary = { error: 0, warning: 0, note: 0 };
  for (const finding of data.findings) if (!finding.suppressed) summary[finding.level]++;
  return {
    version: 1,
    tool: { name: data.tool.name, version: data.tool.version },
    release: jsonRelease(data.release),
    summary: { ...summary, rulesRun: data.rulesRun.map((r) => r.id), rulesSkipped: [...data.rulesSkipped] },
    findings: data.findings.map(jsonFinding),
    ...(data.diagnostics?.length ? { diagnostics: data.diagnostics.map(jsonDiagnostic) } : {}),
  };
}

function jsonRelease(release: Release | null) {
  if (!release) return null;
  return {
    tag: release.tag,
    version: release.version?.version ?? null,
    prerelease: release.version?.prerelease ?? false,
    source: release.source,
  };
}

function jsonFinding(finding: Finding) {
  return {
    ruleId: finding.ruleId,
    level: finding.level,
    message: finding.message,
    ...(finding.location
      ? { location: { file: finding.location.file, line: finding.location.line, column: finding.location.column } }
      : {}),
    ...(finding.image !== undefined ? { image: finding.image } : {}),
    ...(finding.expected !== undefined ? { expected: finding.expected } : {}),
    ...(finding.actual !== undefined ? { actual: finding.actual } : {}),
    ...(finding.suppressed
      ? {
          suppressed: {
            kind: finding.suppressed.kind,
            ...(finding.suppressed.justification !== undefined ? { justification: finding.suppressed.justification } : {}),
          },
        }
      : {}),
  };
}

function jsonDiagnostic(diagnostic: Diagnostic) {
  return {
    level: diagnostic.level,
    message: diagnostic.message,
    ...(diagnostic.file !== undefined
      ? {
          location: {
            file: diagnostic.file,
            ...(diagnostic.line !== undefined ? { line: diagnostic.line } : {}),
            ...(diagnostic.column !== undefined ? { column: diagnostic.column } : {}),
          },
        }
      : {}),
  };
}
