import type { Finding, Level, LevelSetting } from '../model/finding.js';
import type { ReleaseModel } from '../model/release.js';
import type { RuleDefinition } from '../model/rule.js';

/**
 * Runs each rule over the model and stamps its findings with the rule id and the configured level.
 * A rule set to `off` does not run. A rule that throws is a bug in tagcheck, so it propagates.
 * `running`: the ids of every rule this check runs (check.ts passes them), for rules that leave a node to
 * another's finding; without it (one rule under test) a rule assumes the others run.
 */
export function runRules(
  rules: readonly RuleDefinition[],
  model: ReleaseModel,
  levels: Record<string, LevelSetting> = {},
  running?: ReadonlySet<string>,
): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    const configured = levels[rule.id] ?? rule.level;
    if (configured === 'off') continue;
    rule.check({
      model,
      ...(running ? { runs: (ruleId: string) => running.has(ruleId) } : {}),
      report(input) {
        const level: Level = input.level ?? configured;
        const { at, level: _ignored, ...rest } = input;
        findings.push({ ruleId: rule.id, level, ...rest, ...(at ? { location: { file: at.file, line: at.line, column: at.column } } : {}) });
      },
    });
  }
  return findings;
}
