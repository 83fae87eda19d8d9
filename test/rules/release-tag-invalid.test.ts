import { describe, it } from 'vitest';
import rule from '../../rules/release-tag-invalid.js';
import type { Release } from '../../src/model/release.js';
import { at, release, testModel } from '../support/model.js';
import { expectRuleFindings, type RuleCase } from './rule-table.js';

const fromFile: Release = { ...release('%APP_VERSION%x', 'config'), location: at('charts/app/Chart.yaml', 5, 13) };

const cases: RuleCase[] = [
  ...['v1.2.3', '1.2.3', 'V1.2.3', 'v0.45.0-rc.1', 'v1.2.3+build.5', '1.0.0-alpha.beta+exp.sha.5114f85'].map((tag) => ({
    name: `${tag} is a version`,
    model: testModel({ release: release(tag) }),
    findings: [],
  })),
  ...['v1.2', '1.02.3', 'release-2024-06', 'plugin-validator/v0.42.0', 'latest', 'vv1.2.3', '=1.2.3', 'v=1.2.3', 'v1.2.3.4', ''].map((tag) => ({
    name: `${tag} is not a version: reported without a location (it came from a flag)`,
    model: testModel({ release: release(tag, 'flag') }),
    findings: [{ at: null, actual: tag, level: 'error', message: `the release tag ${tag} is not a semantic version such as v1.2.3` }],
  })),
  {
    name: 'a tag read from version.from is located at that value',
    model: testModel({ release: fromFile }),
    findings: [{ at: 'charts/app/Chart.yaml:5:13', actual: '%APP_VERSION%x' }],
  },
  {
    name: 'no release tag: nothing to check',
    model: testModel({ release: null }),
    findings: [],
  },
  {
    name: 'level from config',
    levels: { 'release-tag-invalid': 'warning' },
    model: testModel({ release: release('nightly') }),
    findings: [{ at: null, actual: 'nightly', level: 'warning' }],
  },
];

describe('release-tag-invalid', () => {
  it.each(cases.map((row) => [row.name, row] as const))('%s', (_name, row) => {
    expectRuleFindings(rule, row);
  });
});
