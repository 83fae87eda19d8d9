import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { RULE_DOCS_BASE, ruleHelpUri } from '../../src/model/rule.js';

// ESLint's checkRuleFiles: a rule is its module, its page and its test under one basename.
const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The contract's rule table (CONTRACT.md lives outside the repository, so the test holds its own copy). */
const CONTRACT_RULES: readonly { id: string; scope: 'manifests' | 'registry'; level: 'error' | 'warning' | 'note' }[] = [
  { id: 'release-tag-invalid', scope: 'manifests', level: 'error' },
  { id: 'image-tag-mismatch', scope: 'manifests', level: 'error' },
  { id: 'image-tag-inconsistent', scope: 'manifests', level: 'error' },
  { id: 'chart-app-version-mismatch', scope: 'manifests', level: 'error' },
  { id: 'chart-version-invalid', scope: 'manifests', level: 'error' },
  { id: 'kustomize-image-unmatched', scope: 'manifests', level: 'error' },
  { id: 'mutable-image-tag', scope: 'manifests', level: 'warning' },
  { id: 'image-missing', scope: 'registry', level: 'error' },
  { id: 'manifest-index-missing', scope: 'registry', level: 'error' },
  { id: 'platform-missing', scope: 'registry', level: 'error' },
  { id: 'latest-is-prerelease', scope: 'registry', level: 'error' },
  { id: 'latest-not-newest-stable', scope: 'registry', level: 'error' },
  { id: 'latest-missing', scope: 'registry', level: 'error' },
  { id: 'components-out-of-sync', scope: 'registry', level: 'error' },
  { id: 'registry-unreachable', scope: 'registry', level: 'error' },
];
/** Rules beyond the contract, each documented in README.md (extensions only: none may replace a contract rule). */
const EXTENSION_RULES: readonly { id: string; scope: 'manifests' | 'registry' | 'cluster'; level: 'error' | 'warning' | 'note' }[] = [
  { id: 'cluster-unreachable', scope: 'cluster', level: 'error' },
  { id: 'deployed-digest-drift', scope: 'cluster', level: 'error' },
  { id: 'deployed-image-mismatch', scope: 'cluster', level: 'error' },
  { id: 'docs-version-stale', scope: 'manifests', level: 'warning' },
  { id: 'signature-missing', scope: 'registry', level: 'error' },
  { id: 'attestation-missing', scope: 'registry', level: 'error' },
];

describe('rules index', () => {
  const ids = rules.map((r) => r.id);

  it('is sorted by id and ids are unique', () => {
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('holds every rule of the contract, with its scope and default level', () => {
    expect(CONTRACT_RULES).toHaveLength(15);
    // 3 cluster rules, 2 require: rules, docs-version-stale
    expect(EXTENSION_RULES).toHaveLength(6);
    for (const { id, scope, level } of CONTRACT_RULES) {
      const rule = rules.find((r) => r.id === id);
      expect(rule, id).toBeDefined();
      expect({ id, scope: rule!.scope, level: rule!.level }).toEqual({ id, scope, level });
    }
  });

  it('holds nothing but the contract rules and the documented extensions, each extension with its scope, level and README row', () => {
    expect(EXTENSION_RULES.filter((e) => CONTRACT_RULES.some((c) => c.id === e.id))).toEqual([]);
    expect([...ids].sort()).toEqual([...CONTRACT_RULES, ...EXTENSION_RULES].map((r) => r.id).sort());
    const readme = readFileSync(join(repo, 'README.md'), 'utf8');
    for (const { id, scope, level } of EXTENSION_RULES) {
      const rule = rules.find((r) => r.id === id)!;
      expect({ id, scope: rule.scope, level: rule.level }).toEqual({ id, scope, level });
      expect(readme, `README rules table row for ${id}`).toMatch(new RegExp(`^\\| \\[?\`${id}\`.*\\| ${scope} \\| ${level} \\|`, 'm'));
    }
  });

  it('has a row in the README rules table for every rule, contract ones too, linking its page', () => {
    const readme = readFileSync(join(repo, 'README.md'), 'utf8');
    for (const rule of rules) {
      expect(readme, rule.id).toContain(`| [\`${rule.id}\`](rules/${rule.id}.md) | ${rule.scope} | ${rule.level} |`);
    }
  });

  it('imports rules in the same order as it lists them', () => {
    const source = readFileSync(join(repo, 'rules', 'index.ts'), 'utf8');
    const imported = [...source.matchAll(/^import \w+ from '\.\/([a-z0-9-]+)\.js';$/gm)].map((m) => m[1]);
    expect(imported).toEqual(ids);
  });
});

describe.each(rules.map((r) => [r.id, r] as const))('%s', (id, rule) => {
  it('is a kebab-case id with the metadata every reporter needs', () => {
    expect(id).toMatch(/^[a-z]+(?:-[a-z]+)*$/);
    expect(['error', 'warning', 'note']).toContain(rule.level);
    for (const text of [rule.summary, rule.description, rule.remediation]) expect(text.trim().length).toBeGreaterThan(10);
  });

  it('lives in rules/<id>.ts as the default export', async () => {
    const module = (await import(pathToFileURL(join(repo, 'rules', `${id}.ts`)).href)) as { default: typeof rule };
    expect(module.default).toBe(rule);
  });

  it('has rules/<id>.md whose first heading is the id, with what, why, how to fix and an example', () => {
    const page = join(repo, 'rules', `${id}.md`);
    expect(existsSync(page), page).toBe(true);
    const text = readFileSync(page, 'utf8');
    expect(text.split('\n').find((line) => line.startsWith('#'))).toBe(`# ${id}`);
    expect(text).toMatch(/^## What it finds$/m);
    const why = text.split(/^## Why$/m)[1]?.split(/^## /m)[0] ?? '';
    expect(why, 'a ## Why section').not.toBe('');
    // every page links the incident its rule comes from and shows the mistake beside its fix
    expect(why, 'the Why section cites a real incident').toMatch(/\]\(https:\/\/github\.com\/[^)]+\/(issues|pull)\/\d+\)/);
    expect(text, 'the example shows a bad and a good version').toMatch(/# bad[\s\S]*# good/);
    expect(text).toMatch(/^## How to fix$/m);
    expect(text).toMatch(/^## Example$/m);
    expect(text).toContain(`**Default level:** ${rule.level}`);
  });

  it('has a test file test/rules/<id>.test.ts', () => {
    expect(existsSync(join(repo, 'test', 'rules', `${id}.test.ts`))).toBe(true);
  });

  it('has a helpUri ending in rules/<id>.md that exists in the repository', () => {
    const uri = ruleHelpUri(id);
    expect(uri.endsWith(`rules/${id}.md`)).toBe(true);
    expect(uri.startsWith(RULE_DOCS_BASE)).toBe(true);
    expect(existsSync(join(repo, uri.slice(RULE_DOCS_BASE.length - 'rules/'.length)))).toBe(true);
  });
});
