import { resolve } from 'node:path';
import { InputError } from '../model/errors.js';
import type { ChartBump, FixChange, FixOptions, FixRefusal, FixResult } from '../engine/fix/run-fix.js';
import { assertKnownRules, printDiagnostics } from './check.js';
import { oneOf, parseRuleLevels, parseStrict, resolveRoot } from './check-options.js';
import type { CliIO } from './io.js';
import { COMMAND_USAGE } from './usage.js';

const FIX_OPTION_SPEC = {
  tag: { type: 'string' },
  config: { type: 'string' },
  'dry-run': { type: 'boolean' },
  'bump-chart-version': { type: 'string' },
  format: { type: 'string' },
  rule: { type: 'string', multiple: true },
  // check's options that mean nothing to an offline, manifest-only fix are accepted so `check --fix` keeps working
  offline: { type: 'boolean' },
  scope: { type: 'string' },
  'no-color': { type: 'boolean' },
  quiet: { type: 'boolean' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const FIX_FORMATS = ['text', 'json'] as const;
const BUMPS: readonly ChartBump[] = ['patch', 'minor'];

/**
 * `tagcheck fix [PATH]` (and `check --fix`): rewrites the stale tags the manifest rules report.
 * Exit 0: nothing left to fix; 1: `--dry-run` would change something, or (without it) a finding could not be
 * fixed (each refusal is printed with its reason); 2: the run failed and no file was written.
 */
export async function runFixCommand(argv: string[], io: CliIO, testOptions: Partial<FixOptions> = {}): Promise<number> {
  const { values, positionals } = parseStrict(argv, FIX_OPTION_SPEC);
  if (values.help) {
    io.stdout.write(COMMAND_USAGE.fix);
    return 0;
  }
  if (positionals.length > 1) throw new InputError(`expected one PATH, got ${positionals.length}: ${positionals.join(' ')}`);
  if (values.scope !== undefined && values.scope !== 'manifests') throw new InputError(`fix only edits manifests; --scope ${values.scope} does not apply`);
  if (values.quiet && values.verbose) throw new InputError('--quiet and --verbose exclude each other');
  const format = oneOf('--format', values.format ?? 'text', FIX_FORMATS);
  const bump = values['bump-chart-version'] !== undefined ? oneOf('--bump-chart-version', values['bump-chart-version'], BUMPS) : undefined;
  const ruleLevels = parseRuleLevels(values.rule ?? []);
  if (values.tag !== undefined && values.tag.trim() === '') throw new InputError('--tag needs a non-empty value');
  assertKnownRules(ruleLevels);
  const dryRun = values['dry-run'] ?? false;

  const { runFix } = await import('../engine/fix/run-fix.js');
  const result = await runFix({
    root: await resolveRoot(io.cwd, positionals[0] ?? '.'),
    env: io.env,
    ruleLevels,
    dryRun,
    ...(values.tag !== undefined ? { tag: values.tag } : {}),
    ...(values.config !== undefined ? { configFile: resolve(io.cwd, values.config) } : {}),
    ...(bump ? { bumpChartVersion: bump } : {}),
    ...testOptions,
  });
  const quiet = values.quiet ?? false;
  printDiagnostics(result.diagnostics, { quiet, verbose: values.verbose ?? false }, io);

  if (format === 'json') {
    io.stdout.write(`${JSON.stringify(fixReport(result, dryRun), null, 2)}\n`);
  } else {
    for (const refusal of result.refused) io.stderr.write(`tagcheck: note: ${describeRefusal(refusal)}\n`);
    if (dryRun) {
      // the diff alone on stdout, so `tagcheck fix --dry-run | git apply` works
      io.stdout.write(result.diff);
      if (!quiet) io.stderr.write(`tagcheck: ${summary(result, true)}\n`);
    } else {
      for (const change of result.changes) io.stdout.write(`${describeChange(change)}\n`);
      if (!quiet) io.stdout.write(`${summary(result, false)}\n`);
    }
  }
  if (dryRun) return result.changes.length > 0 ? 1 : 0;
  return result.refused.length > 0 ? 1 : 0;
}

/** The JSON shape: `changes` as in issue 10, plus `dryRun`, the release, the refusals and the suppressed count (extensions). */
export function fixReport(result: FixResult, dryRun: boolean) {
  return {
    version: 1,
    dryRun,
    release: result.release ? { tag: result.release.tag } : null,
    changes: result.changes.map((c) => ({ file: c.file, line: c.line, column: c.column, from: c.from, to: c.to, ruleId: c.ruleId, ...(c.bump ? { bump: c.bump } : {}) })),
    refused: result.refused.map((r) => ({
      ...(r.file !== undefined ? { file: r.file } : {}),
      ...(r.line !== undefined ? { line: r.line, column: r.column } : {}),
      ruleId: r.ruleId,
      ...(r.from !== undefined ? { from: r.from } : {}),
      ...(r.to !== undefined ? { to: r.to } : {}),
      reason: r.reason,
    })),
    suppressed: result.suppressed,
  };
}

function describeChange(c: FixChange): string {
  const what = c.bump ? `chart version ${c.bump} bump` : c.ruleId;
  return `${c.file}:${c.line}:${c.column}: ${c.from} → ${c.to} (${what})`;
}

function describeRefusal(r: FixRefusal): string {
  const where = r.file ? `${[r.file, r.line, r.column].filter((p) => p !== undefined).join(':')}: ` : '';
  const what = r.from !== undefined && r.to !== undefined ? `${r.from} → ${r.to} ` : '';
  return `${where}${what}not fixed (${r.ruleId}): ${r.reason}`;
}

function summary(result: FixResult, dryRun: boolean): string {
  const n = result.changes.length;
  const refused =
    (result.refused.length ? `; ${result.refused.length} not fixed (see the notes above)` : '') +
    (result.suppressed ? `; ${result.suppressed} suppressed, not touched` : '');
  if (n === 0) return `nothing to fix${refused}`;
  const what = `${n} ${n === 1 ? 'change' : 'changes'} in ${result.files} ${result.files === 1 ? 'file' : 'files'}`;
  return dryRun ? `${what} would be made: run tagcheck fix${result.release ? ` --tag ${result.release.tag}` : ''}${refused}` : `fixed: ${what}${refused}`;
}
