import { expect } from 'vitest';
import { runRules } from '../../src/engine/run-rules.js';
import type { Finding, LevelSetting } from '../../src/model/finding.js';
import type { ReleaseModel } from '../../src/model/release.js';
import type { RuleDefinition } from '../../src/model/rule.js';

/** What a table case expects of one finding; `at` is `file:line:column`, or null for no location. */
export interface ExpectedFinding {
  at: string | null;
  expected?: string;
  actual?: string;
  level?: string;
  image?: string;
  message?: string | RegExp;
}

/** A row of a rule's table test (ESLint RuleTester style): a model and the exact findings it must give. */
export interface RuleCase {
  name: string;
  model: ReleaseModel;
  findings: ExpectedFinding[];
  levels?: Record<string, LevelSetting>;
  /** the ids of every rule the check runs (runRules' `running`); absent, the rule assumes the others run */
  running?: string[];
}

/** Runs one rule through the real runRules and requires exactly the expected findings, in order. */
export function expectRuleFindings(rule: RuleDefinition, row: RuleCase): Finding[] {
  const findings = runRules([rule], row.model, row.levels, row.running ? new Set([rule.id, ...row.running]) : undefined);
  const shape = findings.map((f) => ({
    ruleId: f.ruleId,
    at: f.location ? `${f.location.file}:${f.location.line}:${f.location.column}` : null,
    expected: f.expected,
    actual: f.actual,
  }));
  expect(shape).toEqual(
    row.findings.map((want) => ({ ruleId: rule.id, at: want.at, expected: want.expected, actual: want.actual })),
  );
  row.findings.forEach((want, i) => {
    const got = findings[i];
    if (want.level !== undefined) expect(got.level).toBe(want.level);
    if (want.image !== undefined) expect(got.image).toBe(want.image);
    if (typeof want.message === 'string') expect(got.message).toBe(want.message);
    else if (want.message) expect(got.message).toMatch(want.message);
  });
  return findings;
}
