import type { Finding, Level, LevelSetting } from '../model/finding.js';
import type { ReleaseModel } from '../model/release.js';
import type { RuleDefinition } from '../model/rule.js';

/**
 * Runs each rule over the model and stamps its findings with the rule id and the configured level.
 * A rule set to `off` does not run. A rule that throws is a bug in tagcheck, so it propagates.
 */
export function runRules(
  rules: readonly RuleDefinition[],
  model: ReleaseModel,
  levels: Record<string, LevelSetting> = {},
): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    const configured = levels[rule.id] ?? rule.level;
    if (configured === 'off') continue;
    rule.check({
      model,
      report(input) {
        const level: Level = input.level ?? configured;
        const { at, level: _ignored, ...rest } = input;
        findings.push({ ruleId: rule.id, level, ...rest, ...(at ? { location: { file: at.file, line: at.line, column: at.column } } : {}) });
      },
    });
  }
  return findings;
}
