import { describe, it } from 'vitest';
import rule from '../../rules/chart-app-version-mismatch.js';
import type { HelmChart } from '../../src/model/release.js';
import { at, imageUse, located, release, testConfig, testModel } from '../support/model.js';
import { expectRuleFindings, type RuleCase } from './rule-table.js';

function chart(appVersion: string | undefined, fields: Partial<HelmChart> = {}): HelmChart {
  const dir = fields.dir ?? 'charts/app';
  return {
    dir,
    file: `${dir}/Chart.yaml`,
    name: located('app', `${dir}/Chart.yaml`, 2, 7),
    version: located('1.0.0', `${dir}/Chart.yaml`, 3, 10),
    ...(appVersion !== undefined ? { appVersion: located(appVersion, `${dir}/Chart.yaml`, 4, 13) } : {}),
    vendored: false,
    ...fields,
  };
}

const cases: RuleCase[] = [
  {
    name: 'appVersion one release behind: at the appVersion node, suggestion in its own convention',
    model: testModel({ release: release('v0.29.0', 'git'), charts: [chart('0.28.1')] }),
    findings: [{
      at: 'charts/app/Chart.yaml:4:13', expected: '0.29.0', actual: '0.28.1', level: 'error',
      message: 'Helm chart app has appVersion 0.28.1, but the release is 0.29.0',
    }],
  },
  {
    name: 'appVersion 0.29.0 with tag v0.29.0, and v0.40.0 with v0.40.0, are fine',
    model: testModel({
      release: release('v0.29.0'),
      charts: [chart('0.29.0'), chart('v0.29.0', { dir: 'charts/other' }), chart('V0.29.0', { dir: 'charts/third' })],
    }),
    findings: [],
  },
  {
    name: 'a v appVersion keeps its v in the suggestion',
    model: testModel({ release: release('0.40.0'), charts: [chart('v0.39.2')] }),
    findings: [{ at: 'charts/app/Chart.yaml:4:13', expected: 'v0.40.0', actual: 'v0.39.2' }],
  },
  {
    name: 'tagFormat exact does not apply to appVersion (Helm convention: no v)',
    model: testModel({ release: release('v0.29.0'), config: testConfig({ tagFormat: 'exact' }), charts: [chart('0.29.0')] }),
    findings: [],
  },
  {
    name: 'prereleases: rc.1 is not the final release, and the final is not rc.1',
    model: testModel({
      release: release('v0.45.0'),
      charts: [chart('0.45.0-rc.1'), chart('0.45.0', { dir: 'charts/b' })],
    }),
    findings: [{ at: 'charts/app/Chart.yaml:4:13', expected: '0.45.0', actual: '0.45.0-rc.1' }],
  },
  {
    name: 'a prerelease release expects its prerelease appVersion',
    model: testModel({ release: release('v0.45.0-rc.2'), charts: [chart('0.45.0-rc.2'), chart('0.45.0-rc.1', { dir: 'charts/b' })] }),
    findings: [{ at: 'charts/b/Chart.yaml:4:13', expected: '0.45.0-rc.2', actual: '0.45.0-rc.1' }],
  },
  {
    name: 'build metadata must match (appVersion is a string, + is allowed there)',
    model: testModel({ release: release('v1.28.3+k3s1'), charts: [chart('1.28.3+k3s1'), chart('1.28.3', { dir: 'charts/b' })] }),
    findings: [{ at: 'charts/b/Chart.yaml:4:13', expected: '1.28.3+k3s1', actual: '1.28.3' }],
  },
  {
    name: 'vendored charts are skipped',
    model: testModel({ release: release('v0.29.0'), charts: [chart('7.2.4', { dir: 'charts/app/charts/redis', vendored: true })] }),
    findings: [],
  },
  {
    name: 'a chart that only deploys third-party images is not the project\'s; one with an own image is',
    model: testModel({
      release: release('v0.29.0'),
      charts: [chart('7.2.4', { dir: 'deploy/redis' }), chart('0.28.0')],
      imageUses: [
        imageUse('docker.io/library/redis:7.2.4', at('deploy/redis/values.yaml', 2, 15), { kind: 'helm-values', chart: 'deploy/redis' }),
        imageUse('docker.io/library/redis:7.2.4', at('charts/app/values.yaml', 9, 15), { kind: 'helm-values', chart: 'charts/app' }),
        imageUse('ghcr.io/acme/app:0.28.0', at('charts/app/values.yaml', 2, 15), { own: true, kind: 'helm-values', chart: 'charts/app' }),
      ],
    }),
    findings: [{ at: 'charts/app/Chart.yaml:4:13', expected: '0.29.0', actual: '0.28.0' }],
  },
  {
    name: 'a chart that deploys no image is the project\'s when it has templates; one that only wraps dependencies is not',
    model: testModel({
      repositoryName: 'argo-cd',
      release: release('v2.12.0'),
      charts: [
        // argo-cd's applicationset/examples/…/prometheus-operator: Chart.yaml, requirements.yaml, values.yaml only
        chart('1.0', { dir: 'examples/prometheus-operator', name: located('helm-prometheus-operator', 'examples/prometheus-operator/Chart.yaml', 2, 7), templates: false }),
        chart('2.11.0', { dir: 'charts/tool', name: located('tool', 'charts/tool/Chart.yaml', 2, 7) }),
      ],
    }),
    findings: [{ at: 'charts/tool/Chart.yaml:4:13', expected: '2.12.0', actual: '2.11.0' }],
  },
  {
    name: 'a chart named after the repository is the project\'s whatever images it deploys (not once images: is configured)',
    model: testModel({
      repositoryName: 'orbit',
      release: release('v2.1.0'),
      charts: [chart('2.0.0', { dir: 'charts/orbit', name: located('orbit', 'charts/orbit/Chart.yaml', 2, 7) })],
      imageUses: [imageUse('ghcr.io/acme/api:2.0.0', at('charts/orbit/values.yaml', 2, 15), { kind: 'helm-values', chart: 'charts/orbit' })],
    }),
    findings: [{ at: 'charts/orbit/Chart.yaml:4:13', expected: '2.1.0', actual: '2.0.0' }],
  },
  {
    name: 'with images: configured, the chart name says nothing: a chart of only unlisted images is not checked',
    model: testModel({
      repositoryName: 'orbit',
      config: testConfig({ images: [located('ghcr.io/acme/web', '.tagcheck.yaml', 2, 5)] }),
      release: release('v2.1.0'),
      charts: [chart('2.0.0', { dir: 'charts/orbit', name: located('orbit', 'charts/orbit/Chart.yaml', 2, 7) })],
      imageUses: [imageUse('ghcr.io/acme/api:2.0.0', at('charts/orbit/values.yaml', 2, 15), { kind: 'helm-values', chart: 'charts/orbit' })],
    }),
    findings: [],
  },
  {
    name: 'no appVersion, a placeholder appVersion, or no release: nothing to say',
    model: testModel({ release: release('v0.29.0'), charts: [chart(undefined), chart('%APP_VERSION%', { dir: 'b' }), chart('${VERSION}', { dir: 'c' })] }),
    findings: [],
  },
  {
    name: 'no release tag',
    model: testModel({ charts: [chart('0.1.0')] }),
    findings: [],
  },
  {
    name: 'a release that is not semver is compared as text',
    model: testModel({ release: release('2024.06'), charts: [chart('2024.06'), chart('2024.05', { dir: 'b', name: undefined })] }),
    findings: [{ at: 'b/Chart.yaml:4:13', expected: '2024.06', actual: '2024.05', message: 'Helm chart b has appVersion 2024.05, but the release is 2024.06' }],
  },
  {
    name: 'level from config',
    levels: { 'chart-app-version-mismatch': 'note' },
    model: testModel({ release: release('v2.0.0'), charts: [chart('1.0.0')] }),
    findings: [{ at: 'charts/app/Chart.yaml:4:13', expected: '2.0.0', actual: '1.0.0', level: 'note' }],
  },
];

describe('chart-app-version-mismatch', () => {
  it.each(cases.map((row) => [row.name, row] as const))('%s', (_name, row) => {
    expectRuleFindings(rule, row);
  });
});
