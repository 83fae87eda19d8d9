import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/model/finding.js';
import type { IgnoreEntry } from '../../src/model/config.js';
import { applySuppressions, globMatcher, parseIgnoreComment } from '../../src/engine/suppressions.js';
import { testConfig } from '../support/model.js';

const KUSTOMIZATION = [
  'apiVersion: kustomize.config.k8s.io/v1beta1', // 1
  'kind: Kustomization', // 2
  'images:', // 3
  '  - name: ghcr.io/acme/app', // 4
  '    newTag: v0.28.1  # tagcheck-ignore image-tag-mismatch -- hotfix branch keeps the old build', // 5
  '  - name: ghcr.io/acme/worker', // 6
  '    # tagcheck-ignore mutable-image-tag, image-tag-mismatch -- worker follows its own cadence', // 7
  '    newTag: v0.28.1', // 8
  '  - name: ghcr.io/acme/cron', // 9
  '    # tagcheck-ignore mutable-image-tag -- only this rule', // 10
  '    newTag: v0.28.1', // 11
  '  # tagcheck-ignore image-tag-mismatch -- too far above', // 12
  '  - name: ghcr.io/acme/api', // 13
  '    newTag: v0.28.1', // 14
  '    # tagcheck-ignore image-tag-mismatch', // 15
  '    # a second comment line between', // 16
  '    newTag: v0.28.1', // 17
].join('\n');

function finding(line: number, fields: Partial<Finding> = {}): Finding {
  return { ruleId: 'image-tag-mismatch', level: 'error', message: `line ${line}`, location: { file: 'deploy/kustomization.yaml', line, column: 13 }, ...fields };
}

function run(findings: Finding[], ignore: IgnoreEntry[] = [], files: Record<string, string> = { 'deploy/kustomization.yaml': KUSTOMIZATION }) {
  const reads: string[] = [];
  const result = applySuppressions(findings, {
    config: testConfig({ ignore }),
    readFile: async (file) => {
      reads.push(file);
      return files[file];
    },
  });
  return { result, reads };
}

describe('in-source suppressions', () => {
  it('honours a comment at the end of the offending line, with its reason', async () => {
    const [suppressed] = await run([finding(5)]).result;
    expect(suppressed.suppressed).toEqual({ kind: 'inSource', justification: 'hotfix branch keeps the old build' });
  });

  it('honours a comment on the line above, listing several rule ids', async () => {
    const [a, b] = await run([finding(8), finding(8, { ruleId: 'mutable-image-tag', level: 'warning' })]).result;
    expect(a.suppressed).toEqual({ kind: 'inSource', justification: 'worker follows its own cadence' });
    expect(b.suppressed?.kind).toBe('inSource');
  });

  it('does not suppress other rules, lines further away, or lines below', async () => {
    const results = await run([finding(11), finding(14), finding(6), finding(4)]).result;
    expect(results.map((f) => f.suppressed)).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('looks through a block of comment lines right above the finding', async () => {
    const [result] = await run([finding(17)]).result;
    expect(result.suppressed).toEqual({ kind: 'inSource' });
  });

  it('keeps suppressed findings in the list and does not change the others', async () => {
    const input = [finding(5), finding(14)];
    const output = await run(input).result;
    expect(output).toHaveLength(2);
    expect(output[1]).toBe(input[1]);
    expect(input[0].suppressed).toBeUndefined();
  });

  it('reads each file once, and ignores files that cannot be read and findings without a location', async () => {
    const { result, reads } = run([finding(5), finding(8), finding(3, { location: { file: 'missing.yaml', line: 3, column: 1 } }), finding(0, { location: undefined })]);
    const output = await result;
    expect(reads.sort()).toEqual(['deploy/kustomization.yaml', 'missing.yaml']);
    expect(output.map((f) => f.suppressed?.kind)).toEqual(['inSource', 'inSource', undefined, undefined]);
  });

  it('reads the HTML-comment form in Markdown, at the end of the line or on the comment lines above', async () => {
    const readme = ['# app', 'Pull `ghcr.io/acme/app:v1.0.0` <!-- tagcheck-ignore docs-version-stale -- the first release -->', '<!-- tagcheck-ignore docs-version-stale -->', 'Then `ghcr.io/acme/app:v1.1.0`.', '# tagcheck-ignore docs-version-stale -- a shell comment above a command in a code block', 'Last `ghcr.io/acme/app:v1.2.0`.'].join('\n');
    const at = (line: number) => finding(line, { ruleId: 'docs-version-stale', level: 'warning', location: { file: 'README.md', line, column: 7 } });
    const results = await run([at(2), at(4), at(6)], [], { 'README.md': readme }).result;
    expect(results.map((f) => f.suppressed)).toEqual([{ kind: 'inSource', justification: 'the first release' }, { kind: 'inSource' }, { kind: 'inSource', justification: 'a shell comment above a command in a code block' }]);
  });

  it('handles CRLF files', async () => {
    const [result] = await run([finding(5)], [], { 'deploy/kustomization.yaml': KUSTOMIZATION.replaceAll('\n', '\r\n') }).result;
    expect(result.suppressed?.justification).toBe('hotfix branch keeps the old build');
  });
});

describe('parseIgnoreComment', () => {
  it.each([
    ['# tagcheck-ignore image-tag-mismatch -- reason here', { rules: ['image-tag-mismatch'], reason: 'reason here' }],
    ['image: x:1 #tagcheck-ignore a,b', { rules: ['a', 'b'] }],
    ['#   tagcheck-ignore a , b --  why -- really ', { rules: ['a', 'b'], reason: 'why -- really' }],
    ['# tagcheck-ignore -- no rule', null],
    ['# tagcheck-ignored a', null],
    ['Pull `app:v1`. <!-- tagcheck-ignore docs-version-stale -- the old release on purpose -->', { rules: ['docs-version-stale'], reason: 'the old release on purpose' }],
    ['<!--tagcheck-ignore docs-version-stale-->', { rules: ['docs-version-stale'] }],
    ['<!-- tagcheck-ignore -->', null],
    ['image: x:1', null],
  ])('%s', (line, expected) => {
    expect(parseIgnoreComment(line)).toEqual(expected);
  });
});

describe('config ignore entries', () => {
  it('suppress by rule and path glob with the reason as justification', async () => {
    const legacy = finding(3, { location: { file: 'legacy/apps/web.yaml', line: 3, column: 1 } });
    const other = finding(3, { location: { file: 'deploy/web.yaml', line: 3, column: 1 } });
    const otherRule = { ...legacy, ruleId: 'mutable-image-tag' };
    const output = await run([legacy, other, otherRule], [{ rule: 'image-tag-mismatch', path: 'legacy/**/*.yaml', reason: 'legacy stack, frozen' }]).result;
    expect(output.map((f) => f.suppressed)).toEqual([{ kind: 'external', justification: 'legacy stack, frozen' }, undefined, undefined]);
  });

  it('without a path, suppress the rule everywhere, including findings without a location', async () => {
    const registry: Finding = { ruleId: 'latest-missing', level: 'error', message: 'no latest' };
    const [result] = await run([registry], [{ rule: 'latest-missing' }]).result;
    expect(result.suppressed).toEqual({ kind: 'external' });
  });

  it('a path entry does not match findings without a location', async () => {
    const registry: Finding = { ruleId: 'latest-missing', level: 'error', message: 'no latest' };
    const [result] = await run([registry], [{ rule: 'latest-missing', path: '**' }]).result;
    expect(result.suppressed).toBeUndefined();
  });

  it('an in-source comment wins over a config entry', async () => {
    const [result] = await run([finding(5)], [{ rule: 'image-tag-mismatch', reason: 'config' }]).result;
    expect(result.suppressed?.kind).toBe('inSource');
  });
});

describe('globMatcher', () => {
  it.each([
    ['legacy/**/*.yaml', 'legacy/a/b/c.yaml', true],
    ['legacy/**/*.yaml', 'legacy/c.yaml', true],
    ['legacy/**/*.yaml', 'legacy/c.yml', false],
    ['legacy/*.yaml', 'legacy/a/c.yaml', false],
    ['legacy', 'legacy/a/c.yaml', true],
    ['legacy/', 'legacy/a/c.yaml', true],
    ['legacy', 'legacy-2/c.yaml', false],
    ['./deploy/*.{yaml,yml}', 'deploy/x.yml', true],
    ['deploy/app-?.yaml', 'deploy/app-1.yaml', true],
    ['deploy/app-[ab].yaml', 'deploy/app-c.yaml', false],
    ['deploy/app.yaml', 'deploy/appxyaml', false],
    ['**', 'any/thing.yaml', true],
    ['charts/**', 'charts/app/values.yaml', true],
  ])('%s vs %s → %s', (pattern, file, expected) => {
    expect(globMatcher(pattern)(file)).toBe(expected);
  });
});
