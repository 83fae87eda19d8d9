import type { Finding, Level } from '../model/finding.js';
import type { Reporter } from './types.js';

const COMMAND: Record<Level, string> = { error: 'error', warning: 'warning', note: 'notice' };

/**
 * `--format github`: one GitHub Actions workflow command per finding, which the runner turns into an
 * annotation on the file and line. Suppressed findings are not annotated: they do not count.
 */
export const githubReporter: Reporter = (data) =>
  data.findings
    .filter((finding) => !finding.suppressed)
    .map((finding) => `${workflowCommand(finding)}\n`)
    .join('');

function workflowCommand(finding: Finding): string {
  const properties: [string, string | number][] = [];
  if (finding.location) {
    properties.push(['file', finding.location.file.replaceAll('\\', '/')], ['line', finding.location.line], ['col', finding.location.column]);
  }
  properties.push(['title', finding.ruleId]);
  const list = properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',');
  return `::${COMMAND[finding.level]} ${list}::${escapeData(finding.message)}`;
}

/** The runner decodes these in a command's message; anything else would end or corrupt the command. */
export function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

/** Property values also end at `,` and `:`, so those are encoded too. */
export function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}
