import { createHash } from 'node:crypto';
import type { Finding, Level } from '../model/finding.js';
import { levelRank } from '../model/finding.js';
import { ruleHelpUri } from '../model/rule.js';
import type { ReportData, Reporter, RuleMetadata } from './types.js';

/** GitHub code scanning rejects a run with more results than this. */
export const SARIF_MAX_RESULTS = 25_000;
export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
export const TOOL_INFORMATION_URI = 'https://github.com/tagcheck/tagcheck';
/** The partialFingerprints key; bump the suffix if the hashed fields ever change, so old alerts are not mismatched. */
export const FINGERPRINT_KEY = 'tagcheck/v1';
const SRCROOT = '%SRCROOT%';

/** The subset of SARIF 2.1.0 tagcheck writes; the schema test checks it against the official schema. */
export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: [SarifRun];
}

interface SarifMessage {
  text: string;
  markdown?: string;
}

interface SarifRule {
  id: string;
  shortDescription: SarifMessage;
  fullDescription: SarifMessage;
  helpUri: string;
  help: SarifMessage;
  defaultConfiguration: { level: Level };
  properties: { tags: string[] };
}

interface SarifLocation {
  physicalLocation: {
    artifactLocation: { uri: string; uriBaseId: string };
    region: { startLine: number; startColumn: number };
  };
}

interface SarifNotification {
  level: Level;
  message: SarifMessage;
  locations?: SarifLocation[];
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: Level;
  message: SarifMessage;
  locations: [SarifLocation];
  partialFingerprints: Record<string, string>;
  suppressions?: { kind: 'inSource' | 'external'; status: 'accepted'; justification?: string }[];
  properties?: Record<string, string>;
}

interface SarifRun {
  tool: {
    driver: { name: string; version: string; semanticVersion: string; informationUri: string; rules: SarifRule[] };
  };
  columnKind: 'utf16CodeUnits';
  invocations: {
    executionSuccessful: true;
    toolExecutionNotifications?: SarifNotification[];
  }[];
  results: SarifResult[];
  properties: { release: string | null; rulesSkipped: string[] };
}

/** `--format sarif`: SARIF 2.1.0 that the official schema and GitHub code scanning accept. */
export const sarifReporter: Reporter = (data) => `${JSON.stringify(buildSarifLog(data), null, 2)}\n`;

export function buildSarifLog(data: ReportData): SarifLog {
  const rules = data.rulesRun.map(sarifRule);
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  // A finding from a rule the engine did not list (say, a load diagnostic) still needs a driver rule:
  // GitHub rejects results whose ruleId is not among them.
  for (const finding of data.findings) {
    if (!ruleIndex.has(finding.ruleId)) {
      ruleIndex.set(finding.ruleId, rules.length);
      rules.push(sarifRule(placeholderRule(finding)));
    }
  }

  const { kept, omitted } = capResults(data.findings, SARIF_MAX_RESULTS);
  const occurrences = new Map<string, number>();
  const results = kept.map((finding) => sarifResult(finding, data, ruleIndex.get(finding.ruleId)!, occurrences));

  // Files that could not be read or were skipped are not results (no rule found them) but the tool's own notes.
  const notifications: SarifNotification[] = (data.diagnostics ?? []).map((diagnostic) => {
    const uri = diagnostic.file === undefined ? undefined : relativeUri(diagnostic.file);
    return {
      level: diagnostic.level,
      message: { text: diagnostic.file === undefined ? diagnostic.message : `${diagnostic.file}: ${diagnostic.message}` },
      ...(uri
        ? { locations: [{ physicalLocation: { artifactLocation: { uri, uriBaseId: SRCROOT }, region: { startLine: Math.max(1, diagnostic.line ?? 1), startColumn: Math.max(1, diagnostic.column ?? 1) } } }] }
        : {}),
    };
  });
  if (omitted > 0) {
    notifications.push({ level: 'warning', message: { text: `${omitted} lower-severity results were omitted: a SARIF run may hold at most ${SARIF_MAX_RESULTS} results.` } });
  }
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: data.tool.name,
            version: data.tool.version,
            semanticVersion: data.tool.version,
            informationUri: TOOL_INFORMATION_URI,
            rules,
          },
        },
        // Columns come from `yaml`'s LineCounter, which counts JavaScript string indices.
        columnKind: 'utf16CodeUnits',
        invocations: [{ executionSuccessful: true, ...(notifications.length ? { toolExecutionNotifications: notifications } : {}) }],
        results,
        properties: { release: data.release?.tag ?? null, rulesSkipped: [...data.rulesSkipped] },
      },
    ],
  };
}

function sarifRule(rule: RuleMetadata): SarifRule {
  return {
    id: rule.id,
    shortDescription: { text: rule.summary },
    fullDescription: { text: rule.description || rule.summary },
    helpUri: ruleHelpUri(rule.id),
    help: {
      text: `${rule.description || rule.summary}\n\nHow to fix: ${rule.remediation}`,
      markdown: `${rule.description || rule.summary}\n\n**How to fix:** ${rule.remediation}\n\n[Rule documentation](${ruleHelpUri(rule.id)})`,
    },
    defaultConfiguration: { level: rule.level },
    properties: { tags: [rule.scope] },
  };
}

function placeholderRule(finding: Finding): RuleMetadata {
  return {
    id: finding.ruleId,
    scope: 'manifests',
    level: finding.level,
    summary: finding.ruleId,
    description: finding.ruleId,
    remediation: `See ${ruleHelpUri(finding.ruleId)}.`,
  };
}

/** Keeps the most severe findings when there are too many, in their original order. */
function capResults(findings: Finding[], max: number): { kept: Finding[]; omitted: number } {
  if (findings.length <= max) return { kept: findings, omitted: 0 };
  const ranked = findings
    .map((finding, index) => ({ finding, index }))
    .sort((a, b) => levelRank(b.finding.level) - levelRank(a.finding.level) || a.index - b.index)
    .slice(0, max)
    .sort((a, b) => a.index - b.index);
  return { kept: ranked.map((entry) => entry.finding), omitted: findings.length - max };
}

function sarifResult(finding: Finding, data: ReportData, ruleIndex: number, occurrences: Map<string, number>): SarifResult {
  const location = resultLocation(finding, data);
  const properties: Record<string, string> = {};
  if (finding.image !== undefined) properties.image = finding.image;
  if (finding.expected !== undefined) properties.expected = finding.expected;
  if (finding.actual !== undefined) properties.actual = finding.actual;
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: finding.level,
    message: { text: finding.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: location.uri, uriBaseId: SRCROOT },
          region: { startLine: location.line, startColumn: location.column },
        },
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(finding, location.uri, occurrences) },
    ...(finding.suppressed
      ? {
          suppressions: [
            {
              kind: finding.suppressed.kind,
              status: 'accepted' as const,
              ...(finding.suppressed.justification ? { justification: finding.suppressed.justification } : {}),
            },
          ],
        }
      : {}),
    ...(Object.keys(properties).length > 0 ? { properties } : {}),
  };
}

/**
 * Where a result points. GitHub needs a location on every result, relative to the repository root:
 * findings without a usable file fall back to the config file, then to the first manifest, at line 1.
 */
function resultLocation(finding: Finding, data: ReportData): { uri: string; line: number; column: number } {
  const own = finding.location ? relativeUri(finding.location.file) : undefined;
  if (own && finding.location) {
    return { uri: own, line: Math.max(1, finding.location.line), column: Math.max(1, finding.location.column) };
  }
  const fallback = [data.configFile, data.firstManifest].map((file) => (file ? relativeUri(file) : undefined)).find(Boolean);
  // With neither a config nor a manifest there is no file to blame; the repository root is the honest answer.
  return { uri: fallback ?? '.', line: 1, column: 1 };
}

/** A root-relative URI with `/` separators, percent-encoded; undefined for paths that are not relative. */
export function relativeUri(file: string): string | undefined {
  const slashed = file.replaceAll('\\', '/').replace(/^(\.\/)+/, '');
  if (slashed === '' || slashed.startsWith('/') || /^[A-Za-z]:\//.test(slashed) || /^[a-z][a-z0-9+.-]*:/i.test(slashed)) return undefined;
  if (slashed.split('/').includes('..')) return undefined;
  return slashed.split('/').map(encodeURIComponent).join('/');
}

/**
 * A fingerprint made of what the finding is about, never of line numbers, so it survives unrelated edits that
 * move lines; identical findings in one file are told apart by an occurrence counter.
 */
function fingerprint(finding: Finding, uri: string, occurrences: Map<string, number>): string {
  const message = withoutPositions(finding.message);
  const identity = JSON.stringify([finding.ruleId, uri, finding.image ?? '', finding.expected ?? '', finding.actual ?? '', message]);
  const hash = createHash('sha256').update(identity).digest('hex').slice(0, 32);
  const seen = occurrences.get(hash) ?? 0;
  occurrences.set(hash, seen + 1);
  return `${hash}:${seen + 1}`;
}

/** Messages may cite another place (`charts/shop/values.yaml:7`); its line moves with unrelated edits. */
export function withoutPositions(message: string): string {
  return message.replace(/(\.[A-Za-z0-9]+)(?::\d+){1,2}\b/g, '$1').replace(/\b(lines?|column) \d+/gi, '$1');
}
