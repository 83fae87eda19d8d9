import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/model/finding.js';
import { ruleHelpUri } from '../../src/model/rule.js';
import { FINGERPRINT_KEY, SARIF_MAX_RESULTS, buildSarifLog, sarifReporter, withoutPositions } from '../../src/reporters/sarif.js';
import { reportData as baseReportData, ruleMeta, tagMismatch } from './fixtures.js';
import { githubCodeScanningErrors, sarifSchemaErrors } from './sarif-validation.js';

// every rule that ran becomes a driver rule; a registry rule among them has no manifest position of its own
const rulesRun = [...baseReportData([]).rulesRun, ruleMeta('image-missing', { scope: 'registry' })];
const reportData: typeof baseReportData = (findings, fields = {}) => baseReportData(findings, { rulesRun, rulesSkipped: [], ...fields });

function fingerprints(log: ReturnType<typeof buildSarifLog>): string[] {
  return log.runs[0].results.map((result) => result.partialFingerprints[FINGERPRINT_KEY]);
}

describe('sarif reporter', () => {
  it('writes one run with the driver and every rule that ran', () => {
    const log = JSON.parse(sarifReporter(reportData([tagMismatch]), { color: false }));
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(githubCodeScanningErrors(log)).toEqual([]);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const driver = log.runs[0].tool.driver;
    expect(driver).toMatchObject({ name: 'tagcheck', version: '0.1.0', informationUri: 'https://github.com/tagcheck/tagcheck' });
    expect(driver.rules.map((rule: { id: string }) => rule.id)).toEqual(['image-tag-mismatch', 'mutable-image-tag', 'image-missing']);
    expect(driver.rules[1]).toEqual({
      id: 'mutable-image-tag',
      shortDescription: { text: 'mutable-image-tag summary' },
      fullDescription: { text: 'mutable-image-tag is a problem because releases drift.' },
      helpUri: ruleHelpUri('mutable-image-tag'),
      help: {
        text: expect.stringContaining('Fix mutable-image-tag by editing the tag.'),
        markdown: expect.stringContaining('**How to fix:** Fix mutable-image-tag by editing the tag.'),
      },
      defaultConfiguration: { level: 'warning' },
      properties: { tags: ['manifests'] },
    });
  });

  it('writes each result with rule index, level, message and a %SRCROOT%-relative region', () => {
    const warning: Finding = { ruleId: 'mutable-image-tag', level: 'warning', message: 'nginx uses latest', location: { file: 'deploy/web.yaml', line: 20, column: 16 } };
    const log = buildSarifLog(reportData([tagMismatch, warning]));
    const [first, second] = log.runs[0].results;
    expect(first).toMatchObject({
      ruleId: 'image-tag-mismatch',
      ruleIndex: 0,
      level: 'error',
      message: { text: tagMismatch.message },
      locations: [{ physicalLocation: { artifactLocation: { uri: 'kubernetes/base/kustomization.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 9, startColumn: 13 } } }],
      properties: { image: tagMismatch.image, expected: 'v0.29.0', actual: 'v0.28.1' },
    });
    expect(second).toMatchObject({ ruleId: 'mutable-image-tag', ruleIndex: 1, level: 'warning' });
    expect(first.suppressions).toBeUndefined();
  });

  it('turns Windows separators into / and percent-encodes unusual characters', () => {
    const finding: Finding = { ...tagMismatch, location: { file: '.\\deploy\\my app\\web.yaml', line: 3, column: 5 } };
    const log = buildSarifLog(reportData([finding]));
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('deploy/my%20app/web.yaml');
    expect(sarifSchemaErrors(log)).toEqual([]);
  });

  it('places results without a file at the config file, else the first manifest, never an absolute path', () => {
    const registry: Finding = { ruleId: 'image-missing', level: 'error', message: 'ghcr.io/acme/trace:v1 does not exist' };
    const absolute: Finding = { ...registry, location: { file: '/home/me/repo/deploy/app.yaml', line: 4, column: 2 } };
    const uriOf = (log: ReturnType<typeof buildSarifLog>, index = 0) => log.runs[0].results[index].locations[0].physicalLocation;

    const withConfig = buildSarifLog(reportData([registry, absolute], { configFile: '.tagcheck.yaml', firstManifest: 'deploy/app.yaml' }));
    expect(uriOf(withConfig)).toEqual({ artifactLocation: { uri: '.tagcheck.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 1, startColumn: 1 } });
    expect(uriOf(withConfig, 1).artifactLocation.uri).toBe('.tagcheck.yaml');

    const withManifest = buildSarifLog(reportData([registry], { firstManifest: 'deploy/app.yaml' }));
    expect(uriOf(withManifest).artifactLocation.uri).toBe('deploy/app.yaml');

    const withNothing = buildSarifLog(reportData([registry]));
    expect(uriOf(withNothing).artifactLocation.uri).toBe('.');
    for (const log of [withConfig, withManifest, withNothing]) {
      expect(sarifSchemaErrors(log)).toEqual([]);
      expect(githubCodeScanningErrors(log)).toEqual([]);
      expect(JSON.stringify(log)).not.toContain('/home/me');
    }
  });

  it('marks suppressed findings with SARIF suppressions instead of dropping them', () => {
    const inSource: Finding = { ...tagMismatch, suppressed: { kind: 'inSource', justification: 'pinned until the migration' } };
    const external: Finding = { ...tagMismatch, location: { file: 'legacy/app.yaml', line: 2, column: 3 }, suppressed: { kind: 'external' } };
    const log = buildSarifLog(reportData([inSource, external]));
    expect(log.runs[0].results.map((result) => result.suppressions)).toEqual([
      [{ kind: 'inSource', status: 'accepted', justification: 'pinned until the migration' }],
      [{ kind: 'external', status: 'accepted' }],
    ]);
    expect(sarifSchemaErrors(log)).toEqual([]);
  });

  it('adds a driver rule for a finding whose rule is not listed, so ruleId always resolves', () => {
    const stray: Finding = { ruleId: 'manifest-unreadable', level: 'warning', message: 'deploy/x.yaml: bad indentation', location: { file: 'deploy/x.yaml', line: 1, column: 1 } };
    const log = buildSarifLog(reportData([stray]));
    expect(log.runs[0].results[0].ruleIndex).toBe(3);
    expect(log.runs[0].tool.driver.rules[3].id).toBe('manifest-unreadable');
    expect(githubCodeScanningErrors(log)).toEqual([]);
    expect(sarifSchemaErrors(log)).toEqual([]);
  });

  it('keeps fingerprints identical across runs and when unrelated lines move', () => {
    const moved: Finding = { ...tagMismatch, location: { ...tagMismatch.location!, line: tagMismatch.location!.line + 1 } };
    const first = fingerprints(buildSarifLog(reportData([tagMismatch])));
    expect(fingerprints(buildSarifLog(reportData([tagMismatch])))).toEqual(first);
    expect(fingerprints(buildSarifLog(reportData([moved])))).toEqual(first);
    expect(first[0]).toMatch(/^[0-9a-f]{32}:1$/);
  });

  it('ignores positions a message cites, which move with unrelated edits', () => {
    const cites = (line: number): Finding => ({ ...tagMismatch, message: `app is v1, but web is v2 (charts/shop/values.yaml:${line}:3, line ${line})` });
    expect(fingerprints(buildSarifLog(reportData([cites(7)])))).toEqual(fingerprints(buildSarifLog(reportData([cites(8)]))));
    expect(withoutPositions('see charts/a.yaml:7 and b.yml:3:9, line 4')).toBe('see charts/a.yaml and b.yml, line');
    expect(withoutPositions('nginx:1.25 is pinned')).toBe('nginx:1.25 is pinned');
  });

  it('gives different findings different fingerprints, and identical ones an occurrence counter', () => {
    const otherFile: Finding = { ...tagMismatch, location: { file: 'kubernetes/overlays/prod/kustomization.yaml', line: 9, column: 13 } };
    const otherActual: Finding = { ...tagMismatch, actual: 'v0.27.0', message: tagMismatch.message.replace('v0.28.1', 'v0.27.0') };
    const twin: Finding = { ...tagMismatch, location: { ...tagMismatch.location!, line: 30 } };
    const prints = fingerprints(buildSarifLog(reportData([tagMismatch, otherFile, otherActual, twin])));
    expect(new Set(prints).size).toBe(4);
    expect(prints[3]).toBe(prints[0].replace(/:1$/, ':2'));
  });

  it('caps a run at 25,000 results, keeping the most severe and saying how many were left out', () => {
    const notes: Finding[] = Array.from({ length: SARIF_MAX_RESULTS }, (_, index) => ({
      ruleId: 'mutable-image-tag', level: 'note', message: `image ${index} uses latest`, location: { file: `deploy/${index}.yaml`, line: 1, column: 1 },
    }));
    const log = buildSarifLog(reportData([...notes, tagMismatch]));
    const results = log.runs[0].results;
    expect(results).toHaveLength(SARIF_MAX_RESULTS);
    expect(results.at(-1)!.ruleId).toBe('image-tag-mismatch');
    expect(log.runs[0].invocations[0].toolExecutionNotifications?.[0].message.text).toContain('1 lower-severity results were omitted');
    expect(githubCodeScanningErrors(log)).toEqual([]);
  });

  it('writes a valid log with no findings and lists skipped rules', () => {
    const log = buildSarifLog(reportData([], { release: null, rulesSkipped: ['image-missing'], rulesRun: [ruleMeta('image-tag-mismatch')] }));
    expect(log.runs[0].results).toEqual([]);
    expect(log.runs[0].properties).toEqual({ release: null, rulesSkipped: ['image-missing'] });
    expect(sarifSchemaErrors(log)).toEqual([]);
  });

  it('reports unreadable or skipped files as tool notifications, not results', () => {
    const log = buildSarifLog(reportData([], {
      diagnostics: [
        { file: 'deploy/broken.yaml', line: 3, column: 7, level: 'warning', message: 'bad indentation of a mapping entry' },
        { file: 'charts/app/Chart.yaml.tmpl', level: 'note', message: 'template placeholder, skipped' },
      ],
    }));
    expect(log.runs[0].results).toEqual([]);
    expect(log.runs[0].invocations[0].toolExecutionNotifications).toEqual([
      {
        level: 'warning',
        message: { text: 'deploy/broken.yaml: bad indentation of a mapping entry' },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'deploy/broken.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 3, startColumn: 7 } } }],
      },
      {
        level: 'note',
        message: { text: 'charts/app/Chart.yaml.tmpl: template placeholder, skipped' },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'charts/app/Chart.yaml.tmpl', uriBaseId: '%SRCROOT%' }, region: { startLine: 1, startColumn: 1 } } }],
      },
    ]);
    expect(sarifSchemaErrors(log)).toEqual([]);
  });

  it('the validators catch what GitHub and the schema reject', () => {
    const log = buildSarifLog(reportData([tagMismatch])) as any;
    log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri = 'file:///abs/x.yaml';
    log.runs[0].results[0].ruleIndex = 2;
    expect(githubCodeScanningErrors(log)).toHaveLength(2);
    log.runs[0].results[0].level = 'fatal';
    expect(sarifSchemaErrors(log).length).toBeGreaterThan(0);
  });
});
