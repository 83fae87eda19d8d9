import { describe, expect, it } from 'vitest';
import { jsonReporter } from '../../src/reporters/json.js';
import { parseVersion } from '../../src/model/version.js';
import { chartLag, mutableTag, reportData, tagMismatch, unreachable } from './fixtures.js';

describe('json reporter', () => {
  it('writes the contract example exactly, key order included', () => {
    const text = jsonReporter(reportData([tagMismatch], { rulesRun: [reportData([]).rulesRun[0]], rulesSkipped: [] }), { color: true });
    // byte-for-byte the contract's example (pretty-printed with two spaces)
    expect(text).toBe(`${JSON.stringify({
      version: 1,
      tool: { name: 'tagcheck', version: '0.1.0' },
      release: { tag: 'v0.29.0', version: '0.29.0', prerelease: false, source: 'git' },
      summary: { error: 1, warning: 0, note: 0, rulesRun: ['image-tag-mismatch'], rulesSkipped: [] },
      findings: [
        {
          ruleId: 'image-tag-mismatch',
          level: 'error',
          message: 'registry.k8s.io/descheduler/descheduler is tagged v0.28.1, but the release is v0.29.0',
          location: { file: 'kubernetes/base/kustomization.yaml', line: 9, column: 13 },
          image: 'registry.k8s.io/descheduler/descheduler',
          expected: 'v0.29.0',
          actual: 'v0.28.1',
        },
      ],
    }, null, 2)}\n`);
    const parsed = JSON.parse(text);
    expect(Object.keys(parsed)).toEqual(['version', 'tool', 'release', 'summary', 'findings']);
    expect(Object.keys(parsed.summary)).toEqual(['error', 'warning', 'note', 'rulesRun', 'rulesSkipped']);
    expect(Object.keys(parsed.findings[0])).toEqual(['ruleId', 'level', 'message', 'location', 'image', 'expected', 'actual']);
    expect(Object.keys(parsed.findings[0].location)).toEqual(['file', 'line', 'column']);
  });

  it('release is null without a release tag; a non-version tag has version null', () => {
    expect(JSON.parse(jsonReporter(reportData([], { release: null }), { color: false })).release).toBeNull();
    const bad = JSON.parse(jsonReporter(reportData([], { release: { tag: 'release-7', version: null, source: 'flag' } }), { color: false }));
    expect(bad.release).toEqual({ tag: 'release-7', version: null, prerelease: false, source: 'flag' });
    const rc = JSON.parse(jsonReporter(reportData([], { release: { tag: 'v1.0.0-rc.1', version: parseVersion('v1.0.0-rc.1'), source: 'github' } }), { color: false }));
    expect(rc.release).toEqual({ tag: 'v1.0.0-rc.1', version: '1.0.0-rc.1', prerelease: true, source: 'github' });
  });

  it('counts levels, omits absent fields, and keeps findings without a location', () => {
    const parsed = JSON.parse(jsonReporter(reportData([chartLag, tagMismatch, mutableTag, unreachable]), { color: false }));
    expect(parsed.summary).toEqual({ error: 3, warning: 1, note: 0, rulesRun: ['image-tag-mismatch', 'mutable-image-tag'], rulesSkipped: ['image-missing'] });
    expect(parsed.findings[0]).not.toHaveProperty('image');
    expect(parsed.findings[2]).not.toHaveProperty('expected');
    expect(parsed.findings[3]).toEqual({ ruleId: 'registry-unreachable', level: 'error', message: unreachable.message });
  });

  it('marks suppressed findings and leaves them out of the summary', () => {
    const suppressed = { ...tagMismatch, suppressed: { kind: 'inSource' as const, justification: 'pinned until the rollout' } };
    const parsed = JSON.parse(jsonReporter(reportData([suppressed, mutableTag]), { color: false }));
    expect(parsed.summary.error).toBe(0);
    expect(parsed.summary.warning).toBe(1);
    expect(Object.keys(parsed.findings[0]).at(-1)).toBe('suppressed');
    expect(parsed.findings[0].suppressed).toEqual({ kind: 'inSource', justification: 'pinned until the rollout' });
    const external = JSON.parse(jsonReporter(reportData([{ ...mutableTag, suppressed: { kind: 'external' } }]), { color: false }));
    expect(external.findings[0].suppressed).toEqual({ kind: 'external' });
  });

  it('adds diagnostics as an extra top-level array only when there are some', () => {
    const parsed = JSON.parse(jsonReporter(reportData([], {
      diagnostics: [
        { file: 'deploy/broken.yaml', line: 3, column: 7, level: 'warning', message: 'not valid YAML: bad indentation' },
        { file: 'charts/app/Chart.yaml.tmpl', level: 'note', message: 'template skipped' },
      ],
    }), { color: false }));
    expect(Object.keys(parsed)).toEqual(['version', 'tool', 'release', 'summary', 'findings', 'diagnostics']);
    expect(parsed.diagnostics).toEqual([
      { level: 'warning', message: 'not valid YAML: bad indentation', location: { file: 'deploy/broken.yaml', line: 3, column: 7 } },
      { level: 'note', message: 'template skipped', location: { file: 'charts/app/Chart.yaml.tmpl' } },
    ]);
    expect(Object.keys(JSON.parse(jsonReporter(reportData([], { diagnostics: [] }), { color: false })))).not.toContain('diagnostics');
  });
});
