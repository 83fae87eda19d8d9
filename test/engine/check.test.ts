import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exitCodeFor, runCheck, selectRules, sortFindings } from '../../src/engine/check.js';
import type { Requirements } from '../../src/model/config.js';
import type { Finding } from '../../src/model/finding.js';
import { testConfig } from '../support/model.js';
import { defineRule, type RuleDefinition } from '../../src/model/rule.js';
import type { RegistrySource } from '../../src/sources/registry/source.js';

/** Rules that report fixed findings, so the engine is tested without the real rules. */
function fixedRule(id: string, scope: RuleDefinition['scope'], findings: { line: number; level?: Finding['level'] }[]): RuleDefinition {
  return defineRule({
    id,
    scope,
    level: 'error',
    summary: `${id} summary`,
    description: `${id} description`,
    remediation: `${id} remediation`,
    check({ report }) {
      for (const f of findings) report({ message: `${id} at ${f.line}`, at: { file: 'deploy.yaml', line: f.line, column: 3 }, ...(f.level ? { level: f.level } : {}) });
    },
  });
}

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'tagcheck-engine-'));
  await writeFile(join(root, 'deploy.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n');
});
afterAll(() => rm(root, { recursive: true, force: true }));

const env = {};
const manifestRule = fixedRule('b-manifest-rule', 'manifests', [{ line: 7 }, { line: 2, level: 'warning' }]);
const registrySeen: { registry: boolean }[] = [];
const registryRule = defineRule({
  ...fixedRule('a-registry-rule', 'registry', []),
  check({ model }) {
    registrySeen.push({ registry: model.registry !== undefined });
  },
});

describe('runCheck', () => {
  it('runs the rules, sorts findings by place and fails on errors', async () => {
    const result = await runCheck({ root, env, scope: 'manifests', rules: [manifestRule, registryRule] });
    expect(result.report.findings.map((f) => [f.ruleId, f.level, f.location?.line])).toEqual([
      ['b-manifest-rule', 'warning', 2],
      ['b-manifest-rule', 'error', 7],
    ]);
    expect(result.exitCode).toBe(1);
    expect(result.report.rulesRun.map((r) => r.id)).toEqual(['b-manifest-rule']);
    expect(result.report.rulesSkipped).toEqual(['a-registry-rule']);
    // rule metadata for reporters never carries the check function
    expect(result.report.rulesRun[0]).not.toHaveProperty('check');
    expect(result.report.tool.name).toBe('tagcheck');
  });

  it('--fail-on decides the exit code', async () => {
    const warningsOnly = fixedRule('w', 'manifests', [{ line: 1, level: 'warning' }]);
    expect((await runCheck({ root, env, scope: 'manifests', rules: [warningsOnly] })).exitCode).toBe(0);
    expect((await runCheck({ root, env, scope: 'manifests', rules: [warningsOnly], failOn: 'warning' })).exitCode).toBe(1);
    expect((await runCheck({ root, env, scope: 'manifests', rules: [warningsOnly], failOn: 'note' })).exitCode).toBe(1);
    expect((await runCheck({ root, env, scope: 'manifests', rules: [manifestRule], failOn: 'none' })).exitCode).toBe(0);
  });

  it('--rule levels change a rule’s level or turn it off', async () => {
    const asWarning = await runCheck({ root, env, scope: 'manifests', rules: [manifestRule], ruleLevels: { 'b-manifest-rule': 'warning' } });
    // a level the rule set on one finding is its own choice; the default-level finding follows the flag
    expect(asWarning.report.findings.map((f) => f.level)).toEqual(['warning', 'warning']);
    expect(asWarning.exitCode).toBe(0);
    const off = await runCheck({ root, env, rules: [manifestRule], ruleLevels: { 'b-manifest-rule': 'off' } });
    expect(off.report.findings).toEqual([]);
    expect(off.report.rulesSkipped).toEqual(['b-manifest-rule']);
  });

  it('gathers registry facts only when a registry rule runs, from the given source', async () => {
    const source: RegistrySource = {
      listTags: async () => ({ status: 'not-found' }),
      getTag: async () => ({ status: 'not-found' }),
    };
    registrySeen.length = 0;
    await runCheck({ root, env, scope: 'manifests', rules: [registryRule, manifestRule], registrySource: source });
    expect(registrySeen).toEqual([]);
    const all = await runCheck({ root, env, rules: [registryRule, manifestRule], registrySource: source });
    expect(registrySeen).toEqual([{ registry: true }]);
    expect(all.report.rulesRun.map((r) => r.id)).toEqual(['a-registry-rule', 'b-manifest-rule']);
    const registryOnly = await runCheck({ root, env, scope: 'registry', rules: [registryRule, manifestRule], registrySource: source });
    expect(registryOnly.report.rulesSkipped).toEqual(['b-manifest-rule']);
  });

  it('--platform replaces the config’s platform requirements for every image', async () => {
    const platforms = [{ os: 'linux', architecture: 'arm', variant: 'v7' }];
    const result = await runCheck({ root, env, scope: 'manifests', rules: [], platforms });
    expect(result.model.config.platforms).toEqual([{ pattern: 'default', platforms }]);
    const without = await runCheck({ root, env, scope: 'manifests', rules: [] });
    expect(without.model.config.platforms).not.toEqual([{ pattern: 'default', platforms }]);
  });

  it('a PATH that is not a directory is an InputError', async () => {
    await expect(runCheck({ root: join(root, 'deploy.yaml'), env })).rejects.toThrow(/is not a directory/);
    await expect(runCheck({ root: join(root, 'missing'), env })).rejects.toMatchObject({ name: 'InputError' });
  });
});

describe('exitCodeFor', () => {
  const finding = (level: Finding['level'], suppressed = false): Finding => ({
    ruleId: 'r', level, message: 'm', ...(suppressed ? { suppressed: { kind: 'inSource' as const } } : {}),
  });
  it.each([
    [['error'], 'error', 1],
    [['warning'], 'error', 0],
    [['warning'], 'warning', 1],
    [['note'], 'warning', 0],
    [['note'], 'note', 1],
    [['error'], 'none', 0],
    [[], 'note', 0],
  ] as const)('%j with --fail-on %s → %d', (levels, failOn, code) => {
    expect(exitCodeFor(levels.map((l) => finding(l)), failOn)).toBe(code);
  });

  it('suppressed findings never count', () => {
    expect(exitCodeFor([finding('error', true)], 'note')).toBe(0);
  });
});

describe('selectRules and sortFindings', () => {
  it('sorts rules by id and skips out-of-scope and off rules', () => {
    const { active, skipped } = selectRules([manifestRule, registryRule], 'all', { 'a-registry-rule': 'off' });
    expect(active.map((r) => r.id)).toEqual(['b-manifest-rule']);
    expect(skipped.map((r) => r.id)).toEqual(['a-registry-rule']);
  });

  it('runs a rule the config must ask for only when it asks, or when its level is set explicitly', async () => {
    const { rules } = await import('../../rules/index.js');
    const { effectiveRequirements } = await import('../../src/engine/check.js');
    const active = (levels: Record<string, 'off' | 'error'>, require: Requirements) =>
      selectRules(rules, 'all', levels, { cluster: false, config: testConfig({ require }) }).active.map((r) => r.id).filter((id) => id.endsWith('-missing') && /signature|attestation/.test(id));
    expect(active({}, {})).toEqual([]);
    expect(active({}, { signatures: { platforms: false } })).toEqual(['signature-missing']);
    expect(active({}, { attestations: { kinds: ['sbom'], platforms: true } })).toEqual(['attestation-missing']);
    expect(active({ 'attestation-missing': 'error' }, {})).toEqual(['attestation-missing']);
    expect(active({ 'signature-missing': 'off' }, { signatures: { platforms: true } })).toEqual([]);
    // without a config, such a rule does not run
    expect(selectRules(rules, 'all', {}).active.map((r) => r.id)).not.toContain('signature-missing');

    // what the run checks: the configured requirement, the defaults for a rule turned on by level, nothing for a rule off
    expect(effectiveRequirements({ signatures: { platforms: true } }, ['signature-missing'])).toEqual({ signatures: { platforms: true } });
    expect(effectiveRequirements({}, ['signature-missing', 'attestation-missing'])).toEqual({
      signatures: { platforms: false },
      attestations: { kinds: ['sbom', 'provenance'], platforms: false },
    });
    expect(effectiveRequirements({ signatures: { platforms: true }, attestations: { kinds: ['sbom'], platforms: false } }, ['image-missing'])).toEqual({});
  });

  it('orders by file, line, column, rule, with unlocated findings last', () => {
    const f = (ruleId: string, file?: string, line = 1, column = 1): Finding => ({
      ruleId, level: 'error', message: ruleId, ...(file ? { location: { file, line, column } } : {}),
    });
    const sorted = sortFindings([f('z'), f('b', 'b.yaml', 1), f('a', 'a.yaml', 10), f('c', 'a.yaml', 2, 5), f('a', 'a.yaml', 2, 5), f('a')]);
    expect(sorted.map((x) => `${x.ruleId}@${x.location ? `${x.location.file}:${x.location.line}:${x.location.column}` : '-'}`)).toEqual([
      'a@a.yaml:2:5', 'c@a.yaml:2:5', 'a@a.yaml:10:1', 'b@b.yaml:1:1', 'a@-', 'z@-',
    ]);
  });
});

describe('dropDuplicates', () => {
  it('collapses identical findings (same rule, place and words) and keeps the rest', async () => {
    const { dropDuplicates } = await import('../../src/engine/check.js');
    const a: Finding = { ruleId: 'r', level: 'error', message: 'm', location: { file: 'k.yaml', line: 8, column: 13 }, expected: 'v2', actual: 'v1' };
    expect(dropDuplicates([a, { ...a, location: { ...a.location! } }, { ...a, message: 'other' }, { ...a, location: { file: 'k.yaml', line: 9, column: 13 } }])).toHaveLength(3);
  });
});
