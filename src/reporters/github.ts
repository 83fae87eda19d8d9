import type { Level } from '../model/finding.js';
import type { Reporter } from './types.js';

const COMMAND: Record<Level, string> = { error: 'error', warning: 'warning', note: 'notice' };

/**
 * `--format github`: one GitHub Actions workflow command per finding, which the runner turns into an
 * annotation on the file and line. Suppressed findings are not annotated: they do not count. Warning
 * diagnostics (a file skipped, nothing identified as the project's own) are annotated too, titled
 * `tagcheck`, so a run that checked less than it seems is visible on the pull request, not only in the log.
 */
export const githubReporter: Reporter = (data) => {
  const findings = data.findings
    .filter((finding) => !finding.suppressed)
    .map((finding) => workflowCommand(finding.level, finding.ruleId, finding.message, finding.location));
  const diagnostics = (data.diagnostics ?? [])
    .filter((d) => d.level !== 'note')
    .map((d) => workflowCommand(d.level, 'tagcheck', d.message, d.file !== undefined ? { file: d.file, line: d.line, column: d.column } : undefined));
  return [...diagnostics, ...findings].map((line) => `${line}\n`).join('');
};

function workflowCommand(level: Level, title: string, message: string, location?: { file: string; line?: number; column?: number }): string {
  const properties: [string, string | number][] = [];
  if (location) {
    properties.push(['file', location.file.replaceAll('\\', '/')]);
    if (location.line !== undefined) properties.push(['line', location.line]);
    if (location.line !== undefined && location.column !== undefined) properties.push(['col', location.column]);
  }
  properties.push(['title', title]);
  const list = properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',');
  return `::${COMMAND[level]} ${list}::${escapeData(message)}`;
}

/** The runner decodes these in a command's message; anything else would end or corrupt the command. */
export function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

/** Property values also end at `,` and `:`, so those are encoded too. */
export function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}
