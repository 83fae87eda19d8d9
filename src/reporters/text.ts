import type { ChalkInstance } from 'chalk';
import type { Finding, Level } from '../model/finding.js';
import type { ReportData, Reporter } from './types.js';

const LEVEL_WIDTH = 'warning'.length;

/** The few styles the text output uses; without colour each is the identity. */
type Paint = Pick<ChalkInstance, 'bold' | 'dim' | 'red' | 'yellow' | 'cyan' | 'green'>;
const same = (text: string) => text;
const PLAIN = { bold: same, dim: same, red: same, yellow: same, cyan: same, green: same } as unknown as Paint;
let colored: Paint | undefined;

/**
 * chalk costs ~12 ms of start-up, a noticeable share of a tiny pre-push check that (in a hook or a pipe) prints
 * without colour: it loads only when the caller is about to print in colour. Idempotent.
 */
export async function enableColor(): Promise<void> {
  if (!colored) colored = new (await import('chalk')).Chalk({ level: 1 });
}

function painter(color: boolean): Paint {
  if (!color) return PLAIN;
  if (!colored) throw new Error('text reporter: colour asked for before enableColor() loaded it');
  return colored;
}

/**
 * Human output: one line per finding, `file:line:col  level  message  rule-id` (the location first, so
 * terminals and editors make it clickable), grouped by file with a blank line between files, then one
 * summary line. Suppressed findings are counted in the summary, not listed.
 */
export const textReporter: Reporter = (data, { color }) => {
  const paint = painter(color);
  const shown = data.findings.filter((f) => !f.suppressed);
  const groups = new Map<string, Finding[]>();
  for (const finding of shown) {
    const key = finding.location?.file ?? '';
    groups.set(key, [...(groups.get(key) ?? []), finding]);
  }
  const blocks = [...groups.values()].map((findings) => findings.map((f) => findingLine(f, paint)).join('\n'));
  const body = blocks.length ? `${blocks.join('\n\n')}\n\n` : '';
  return `${body}${textSummary(data, { color })}\n`;
};

function findingLine(finding: Finding, paint: Paint): string {
  const where = finding.location
    ? `${finding.location.file}:${finding.location.line}:${finding.location.column}`
    : '(no file)';
  const level = paintLevel(finding.level, finding.level.padEnd(LEVEL_WIDTH), paint);
  return `${paint.bold(where)}  ${level}  ${finding.message}  ${paint.dim(finding.ruleId)}`;
}

function paintLevel(level: Level, text: string, paint: Paint): string {
  return level === 'error' ? paint.red(text) : level === 'warning' ? paint.yellow(text) : paint.cyan(text);
}

/** The one summary line: counts by level, suppressed, the release, rules run and skipped. */
export function textSummary(data: ReportData, { color }: { color: boolean }): string {
  const paint = painter(color);
  const counts = { error: 0, warning: 0, note: 0 };
  let suppressed = 0;
  for (const finding of data.findings) {
    if (finding.suppressed) suppressed++;
    else counts[finding.level]++;
  }
  const total = counts.error + counts.warning + counts.note;
  // Warning diagnostics are printed above the report (a file skipped, nothing identified as own): the
  // summary names them, so "no problems" never reads as a clean bill when less was checked than it seems.
  const warned = (data.diagnostics ?? []).filter((d) => d.level !== 'note').length;
  const problems =
    total === 0
      ? warned ? paint.yellow('no problems') : paint.green('no problems')
      : paintLevel(
          counts.error ? 'error' : counts.warning ? 'warning' : 'note',
          `${plural(total, 'problem')} (${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${plural(counts.note, 'note')})`,
          paint,
        );
  // Image references set aside on purpose (test fixtures, a sibling's version line) are counted, never silent.
  const notChecked = (data.diagnostics ?? []).reduce((sum, d) => sum + (d.notChecked ?? 0), 0);
  const parts = [
    problems,
    ...(suppressed ? [`${suppressed} suppressed`] : []),
    ...(warned ? [`${plural(warned, 'warning diagnostic')} (see above)`] : []),
    ...(notChecked ? [`${plural(notChecked, 'image reference')} not checked (test fixtures, other release lines or versioned apart; --verbose says which)`] : []),
    data.release ? `release ${data.release.tag}` : 'no release tag',
    `${plural(data.rulesRun.length, 'rule')} run${data.rulesSkipped.length ? `, ${data.rulesSkipped.length} skipped` : ''}`,
  ];
  return `${paint.bold('tagcheck:')} ${parts.join('; ')}`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
