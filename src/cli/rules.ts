import { rules as allRules } from '../../rules/index.js';
import { ruleHelpUri } from '../model/rule.js';
import { oneOf, parseStrict } from './check-options.js';
import type { CliIO } from './io.js';
import { COMMAND_USAGE } from './usage.js';
import { InputError } from '../model/errors.js';

/** `tagcheck rules [--format text|json]`: every rule with id, default level, scope and summary. */
export async function runRulesCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseStrict(argv, {
    format: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(COMMAND_USAGE.rules);
    return 0;
  }
  if (positionals.length) throw new InputError(`rules takes no arguments, got ${positionals.join(' ')}`);
  const format = oneOf('--format', values.format ?? 'text', ['text', 'json'] as const);
  const sorted = [...allRules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (format === 'json') {
    const list = sorted.map((r) => ({ id: r.id, level: r.level, scope: r.scope, summary: r.summary, helpUri: ruleHelpUri(r.id) }));
    io.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
    return 0;
  }
  const idWidth = Math.max(2, ...sorted.map((r) => r.id.length));
  const rows = [
    `${'ID'.padEnd(idWidth)}  LEVEL    SCOPE      SUMMARY`,
    ...sorted.map((r) => `${r.id.padEnd(idWidth)}  ${r.level.padEnd(7)}  ${r.scope.padEnd(9)}  ${r.summary}`),
  ];
  io.stdout.write(`${rows.join('\n')}\n`);
  return 0;
}
