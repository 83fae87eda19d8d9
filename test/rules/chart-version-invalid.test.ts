import { describe, it } from 'vitest';
import rule from '../../rules/chart-version-invalid.js';
import type { HelmChart } from '../../src/model/release.js';
import { at, imageUse, located, testModel } from '../support/model.js';
import { expectRuleFindings, type RuleCase } from './rule-table.js';

function chart(version: string | undefined, fields: Partial<HelmChart> = {}): HelmChart {
  const dir = fields.dir ?? 'charts/app';
  return {
    dir,
    file: `${dir}/Chart.yaml`,
    name: located('app', `${dir}/Chart.yaml`, 2, 7),
    ...(version !== undefined ? { version: located(version, `${dir}/Chart.yaml`, 3, 10) } : {}),
    vendored: false,
    ...fields,
  };
}

const cases: RuleCase[] = [
  ...['1.2.3', '0.1.0', '0.40.0', '1.0.0-rc.1', '1.2.3+build.5', '1.0.0-alpha.beta+exp.sha.5114f85', '0.0.0'].map((version) => ({
    name: `${version} is SemVer 2`,
    model: testModel({ charts: [chart(version)] }),
    findings: [],
  })),
  {
    name: 'a leading v is not SemVer 2: the suggestion drops it',
    model: testModel({ charts: [chart('v0.40.0')] }),
    findings: [{
      at: 'charts/app/Chart.yaml:3:10', actual: 'v0.40.0', expected: '0.40.0', level: 'error',
      message: 'Helm chart app has version v0.40.0, which is not SemVer 2: use 0.40.0',
    }],
  },
  {
    name: 'an uppercase V too, prerelease kept',
    model: testModel({ charts: [chart('V1.0.0-rc.1')] }),
    findings: [{ at: 'charts/app/Chart.yaml:3:10', actual: 'V1.0.0-rc.1', expected: '1.0.0-rc.1' }],
  },
  ...['1.2', '1.02.3', '22-05858181', '2.0.2-01', '1.0.0.0', 'latest', '=1.2.3', 'vv1.2.3'].map((version) => ({
    name: `${JSON.stringify(version)} is not SemVer 2 and has no obvious fix`,
    model: testModel({ charts: [chart(version)] }),
    findings: [{ at: 'charts/app/Chart.yaml:3:10', actual: version, message: /which is not SemVer 2 \(MAJOR\.MINOR\.PATCH/ }],
  })),
  {
    name: 'surrounding white space (a quoted value) is not SemVer 2 either',
    model: testModel({ charts: [chart(' 1.2.3')] }),
    findings: [{ at: 'charts/app/Chart.yaml:3:10', actual: ' 1.2.3', expected: '1.2.3' }],
  },
  {
    name: 'a chart without a version is reported at the top of Chart.yaml, named by its directory when unnamed',
    model: testModel({ charts: [chart(undefined, { name: undefined })] }),
    findings: [{ at: 'charts/app/Chart.yaml:1:1', message: 'Helm chart charts/app has no version' }],
  },
  {
    name: 'no version because Chart.yaml did not parse or held a placeholder (the source says so): not reported',
    model: testModel({
      charts: [chart(undefined, { dir: 'a' }), chart(undefined, { dir: 'b' })],
      diagnostics: [
        { file: 'a/Chart.yaml', line: 3, column: 10, level: 'warning', message: 'invalid YAML' },
        { file: 'b/Chart.yaml', line: 3, column: 10, level: 'note', message: 'version "%CHART_VERSION%" is a placeholder' },
        { file: 'charts/app/values.yaml', level: 'note', message: 'unrelated' },
      ],
    }),
    findings: [],
  },
  {
    name: 'a diagnostic about another file does not hide a missing version',
    model: testModel({
      charts: [chart(undefined)],
      diagnostics: [{ file: 'charts/app/values.yaml', level: 'note', message: 'unrelated' }],
    }),
    findings: [{ at: 'charts/app/Chart.yaml:1:1' }],
  },
  {
    name: 'vendored charts and placeholders are skipped',
    model: testModel({ charts: [chart('v1', { dir: 'charts/app/charts/sub', vendored: true }), chart('%VERSION%'), chart('${CHART_VERSION}', { dir: 'b' })] }),
    findings: [],
  },
  {
    name: 'a chart of only third-party images copied in (argo-cd\'s manifests/ha/base/redis-ha/chart) is not the project\'s',
    model: testModel({
      repositoryName: 'argo-cd',
      charts: [chart('2.0', { dir: 'manifests/ha/base/redis-ha/chart', name: located('redis-ha', 'manifests/ha/base/redis-ha/chart/Chart.yaml', 2, 7) }), chart('1.2', { dir: 'charts/argo-cd' })],
      imageUses: [imageUse('docker.io/library/redis:7.0.15-alpine', at('manifests/ha/base/redis-ha/chart/values.yaml', 3, 10), { kind: 'helm-values', chart: 'manifests/ha/base/redis-ha/chart' })],
    }),
    findings: [{ at: 'charts/argo-cd/Chart.yaml:3:10', actual: '1.2' }],
  },
  {
    name: 'every chart is checked, in order',
    model: testModel({ charts: [chart('1.2', { dir: 'a' }), chart('1.2.3', { dir: 'b' }), chart('v2.0.0', { dir: 'c' })] }),
    findings: [{ at: 'a/Chart.yaml:3:10', actual: '1.2' }, { at: 'c/Chart.yaml:3:10', actual: 'v2.0.0', expected: '2.0.0' }],
  },
  {
    name: 'level from config',
    levels: { 'chart-version-invalid': 'warning' },
    model: testModel({ charts: [chart('v1.0.0')] }),
    findings: [{ at: 'charts/app/Chart.yaml:3:10', actual: 'v1.0.0', expected: '1.0.0', level: 'warning' }],
  },
];

describe('chart-version-invalid', () => {
  it.each(cases.map((row) => [row.name, row] as const))('%s', (_name, row) => {
    expectRuleFindings(rule, row);
  });
});
