import { afterAll, describe, expect, it } from 'vitest';
import { runFix } from '../../src/engine/fix/run-fix.js';
import { defineRule } from '../../src/model/rule.js';
import { readTree, removeTemps, repoOf } from './support.js';

afterAll(removeTemps);

/**
 * Any rule's `fix` is applied, not only the three manifest rules': a rule that reports Markdown edits at the
 * exact start of the version text (as docs-version-stale does) gets them written, with no YAML parsing and no
 * `manifests:` filter (that filter is for manifests; such a rule chooses its own files).
 */
const readmeRule = defineRule({
  id: 'test-readme-version',
  scope: 'manifests',
  level: 'warning',
  summary: 'test rule',
  description: 'reports every v0.30.1 in README.md at its exact position',
  remediation: 'run fix',
  check({ report }) {
    const lines = readme.split('\n');
    lines.forEach((line, i) => {
      for (let column = line.indexOf('v0.30.1'); column >= 0; column = line.indexOf('v0.30.1', column + 1)) {
        const at = { file: 'README.md', line: i + 1, column: column + 1 };
        report({ message: 'stale', at, fix: { at, from: 'v0.30.1', to: 'v0.31.0' } });
      }
    });
  },
});

/** the README as the rule reads it: positions never count the byte-order mark the file starts with */
const readme = '# Shop\r\n\r\n```sh\r\nkubectl apply -f https://github.com/acme/shop/releases/download/v0.30.1/shop.yaml\r\n```\r\n\r\nThe image is `ghcr.io/acme/shop:v0.30.1` (see v0.30.1 notes).\r\n';

describe('literal edits from any rule (Markdown)', () => {
  it('are applied byte-exact, CRLF and BOM kept, outside manifests: globs', async () => {
    const root = await repoOf('shop', { '.tagcheck.yaml': 'manifests: [deploy/**]\n', 'README.md': `\ufeff${readme}`, 'deploy/a.yaml': 'kind: Pod\n' });
    const result = await runFix({ root, env: {}, rules: [readmeRule] });
    expect(result.refused).toEqual([]);
    expect(result.changes.map((c) => `${c.file}:${c.line}:${c.column} ${c.ruleId}`)).toEqual([
      'README.md:4:65 test-readme-version',
      'README.md:7:33 test-readme-version',
      'README.md:7:47 test-readme-version',
    ]);
    expect((await readTree(root)).get('README.md')).toBe(`\ufeff${readme.replaceAll('v0.30.1', 'v0.31.0')}`);
  });

  it('a position that no longer reads `from` is refused, the rest applied', async () => {
    const root = await repoOf('shop', { 'README.md': readme });
    const shifted = defineRule({ ...readmeRule, check: (context) => readmeRule.check({ ...context, report: (input) => context.report(input.at!.line === 7 && input.at!.column === 33 ? { ...input, fix: { ...input.fix!, at: { ...input.fix!.at, column: 32 } } } : input) }) });
    const result = await runFix({ root, env: {}, rules: [shifted] });
    expect(result.changes).toHaveLength(2);
    expect(result.refused).toEqual([
      { file: 'README.md', line: 7, column: 33, ruleId: 'test-readme-version', reason: 'the text at 7:32 no longer reads "v0.30.1" (changed since the check?)' },
    ]);
    expect((await readTree(root)).get('README.md')).toBe(readme.replace('/v0.30.1/', '/v0.31.0/').replace('(see v0.30.1', '(see v0.31.0'));
  });
});
