import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import rule from '../../rules/mutable-image-tag.js';
import { runCheck } from '../../src/engine/check.js';
import type { LevelSetting } from '../../src/model/finding.js';
import { tempDir } from '../support/temp-dir.js';
import { at, imageUse, located, release, testConfig, testModel } from '../support/model.js';
import { expectRuleFindings, type RuleCase } from './rule-table.js';

const DIGEST = `sha256:${'b'.repeat(64)}`;
const k = 'deploy/overlays/prod/kustomization.yaml';

const cases: RuleCase[] = [
  {
    name: 'a third-party image at latest: warning at the image, with the tag as actual',
    model: testModel({ imageUses: [imageUse('nginx:latest', at('deploy/web.yaml', 18, 18))] }),
    findings: [{
      at: 'deploy/web.yaml:18:18', actual: 'latest', level: 'warning', image: 'docker.io/library/nginx',
      message: 'docker.io/library/nginx is tagged latest, a mutable tag: what runs changes whenever the tag moves',
    }],
  },
  {
    name: 'every default mutable tag; version tags are fine; tags compare exactly',
    model: testModel({
      imageUses: ['main', 'master', 'dev', 'edge', 'nightly', '1.27.0', 'Latest', 'latest-1.2'].map((tag, i) =>
        imageUse(`quay.io/x/y:${tag}`, at('a.yaml', i + 1, 12))),
    }),
    findings: ['main', 'master', 'dev', 'edge', 'nightly'].map((tag, i) => ({ at: `a.yaml:${i + 1}:12`, actual: tag })),
  },
  {
    name: 'config mutableTags replaces the list',
    model: testModel({
      config: testConfig({ mutableTags: ['stable'] }),
      imageUses: [imageUse('quay.io/x/y:latest', at('a.yaml', 1, 12)), imageUse('quay.io/x/y:stable', at('a.yaml', 2, 12))],
    }),
    findings: [{ at: 'a.yaml:2:12', actual: 'stable' }],
  },
  {
    name: 'no tag at all: reported at the image; a digest pins the image even beside latest',
    model: testModel({
      imageUses: [
        imageUse('ghcr.io/acme/agent', at('a.yaml', 1, 12)),
        imageUse(`nginx@${DIGEST}`, at('a.yaml', 2, 12)),
        imageUse(`nginx:latest@${DIGEST}`, at('a.yaml', 3, 12)),
      ],
    }),
    findings: [{ at: 'a.yaml:1:12', message: 'ghcr.io/acme/agent has no tag, so it runs whatever latest points at when a node pulls it' }],
  },
  {
    name: 'an untagged resource image given a newTag by kustomize is not a finding (the effective ref counts)',
    model: testModel({
      imageUses: [
        imageUse('ghcr.io/acme/app:v1.2.3', at('deploy/base/deployment.yaml', 20, 18), {
          tagAt: at(k, 7, 13), tagSource: 'kustomize', kustomization: 'deploy/overlays/prod',
        }),
        imageUse('ghcr.io/acme/app:v1.2.3', at(k, 6, 11), { kind: 'kustomize', tagAt: at(k, 7, 13), tagSource: 'kustomize', kustomization: 'deploy/overlays/prod' }),
        // the same resource read as a plain file, before any build
        imageUse('ghcr.io/acme/app', at('deploy/base/deployment.yaml', 20, 18)),
      ],
    }),
    findings: [],
  },
  {
    name: 'a build that does not override it still runs it untagged',
    model: testModel({
      imageUses: [
        imageUse('ghcr.io/acme/app:v1.2.3', at('deploy/base/deployment.yaml', 20, 18), { tagAt: at(k, 7, 13), tagSource: 'kustomize', kustomization: 'deploy/overlays/prod' }),
        imageUse('ghcr.io/acme/app', at('deploy/base/deployment.yaml', 20, 18), { kustomization: 'deploy/overlays/dev' }),
      ],
    }),
    findings: [{ at: 'deploy/base/deployment.yaml:20:18' }],
  },
  {
    name: 'a newTag of latest: one finding at the newTag, however many resources it reaches',
    model: testModel({
      imageUses: [
        imageUse('ghcr.io/acme/app:latest', at(k, 6, 11), { kind: 'kustomize', tagAt: at(k, 7, 13), tagSource: 'kustomize' }),
        imageUse('ghcr.io/acme/app:latest', at('a.yaml', 20, 18), { tagAt: at(k, 7, 13), tagSource: 'kustomize', kustomization: 'deploy/overlays/prod' }),
        imageUse('ghcr.io/acme/app:latest', at('b.yaml', 20, 18), { tagAt: at(k, 7, 13), tagSource: 'kustomize', kustomization: 'deploy/overlays/prod' }),
      ],
    }),
    findings: [{ at: `${k}:7:13`, actual: 'latest' }],
  },
  {
    name: 'a kustomize override with only newName leaves the image untagged: reported at the resource image',
    model: testModel({
      imageUses: [imageUse('ghcr.io/acme/app', at('deploy/base/d.yaml', 20, 18), { kind: 'kustomize', tagSource: 'inline', kustomization: 'deploy/overlays/prod' })],
    }),
    findings: [{ at: 'deploy/base/d.yaml:20:18' }],
  },
  {
    name: 'Helm values: tag latest at the tag node; an empty tag with no template default at the values tag',
    model: testModel({
      imageUses: [
        imageUse('docker.io/bitnami/redis:latest', at('chart/values.yaml', 3, 15), { kind: 'helm-values', tagAt: at('chart/values.yaml', 4, 10), tagSource: 'helm-values', chart: 'chart' }),
        imageUse('ghcr.io/acme/sidecar', at('chart/values.yaml', 8, 15), { kind: 'helm-values', tagAt: at('chart/values.yaml', 9, 10), tagSource: 'none', chart: 'chart' }),
        imageUse('ghcr.io/acme/app:0.3.0', at('chart/values.yaml', 12, 15), { kind: 'helm-values', tagAt: at('chart/Chart.yaml', 5, 13), tagSource: 'helm-app-version', chart: 'chart' }),
      ],
    }),
    findings: [
      { at: 'chart/values.yaml:4:10', actual: 'latest' },
      { at: 'chart/values.yaml:9:10', message: 'ghcr.io/acme/sidecar has no tag in the chart\'s values and the chart\'s templates give it no default' },
    ],
  },
  {
    name: 'Helm values without a tag that a template defaults to what only rendering knows (the cluster\'s version): unknown, not reported',
    model: testModel({
      imageUses: [
        imageUse('registry.k8s.io/kubectl', at('chart/values.yaml', 52, 21), { kind: 'helm-values', tagAt: at('chart/values.yaml', 53, 14), tagSource: 'none', chart: 'chart', renderedTag: true }),
        imageUse('ghcr.io/acme/sidecar', at('chart/values.yaml', 8, 15), { kind: 'helm-values', tagAt: at('chart/values.yaml', 9, 10), tagSource: 'none', chart: 'chart' }),
      ],
    }),
    findings: [{ at: 'chart/values.yaml:9:10' }],
  },
  {
    name: 'Helm values without a tag in a chart whose appVersion is a placeholder (dropped by the source): unknown, not reported',
    model: testModel({
      charts: [
        { dir: 'chart', file: 'chart/Chart.yaml', vendored: false },
        { dir: 'other', file: 'other/Chart.yaml', appVersion: located('1.0.0', 'other/Chart.yaml', 4, 13), vendored: false },
      ],
      imageUses: [
        imageUse('ghcr.io/acme/app', at('chart/values.yaml', 2, 15), { kind: 'helm-values', tagSource: 'helm-values', chart: 'chart' }),
        imageUse('ghcr.io/acme/app', at('other/values.yaml', 2, 15), { kind: 'helm-values', tagSource: 'helm-values', chart: 'other' }),
      ],
    }),
    findings: [{ at: 'other/values.yaml:2:15' }],
  },
  {
    name: 'own image at latest during a release: image-tag-mismatch reports that node, not this rule',
    model: testModel({
      release: release('v1.0.0'),
      imageUses: [imageUse('ghcr.io/acme/app:latest', at('a.yaml', 1, 12), { own: true }), imageUse('nginx:latest', at('a.yaml', 2, 12))],
    }),
    findings: [{ at: 'a.yaml:2:12', actual: 'latest' }],
  },
  {
    name: 'the same with image-tag-mismatch off (--rule image-tag-mismatch=off): this rule reports the own image too',
    running: ['chart-app-version-mismatch'],
    model: testModel({
      release: release('v1.0.0'),
      imageUses: [imageUse('ghcr.io/acme/app:latest', at('a.yaml', 1, 12), { own: true }), imageUse('nginx:latest', at('a.yaml', 2, 12))],
    }),
    findings: [{ at: 'a.yaml:1:12', actual: 'latest', expected: 'v1.0.0' }, { at: 'a.yaml:2:12', actual: 'latest' }],
  },
  {
    name: 'own image at latest without a release, and own untagged during a release (with the release as expected)',
    model: testModel({
      imageUses: [imageUse('ghcr.io/acme/app:main', at('a.yaml', 1, 12), { own: true })],
    }),
    findings: [{ at: 'a.yaml:1:12', actual: 'main' }],
  },
  {
    name: 'own untagged during a release: expected is the release tag in tagFormat',
    model: testModel({
      release: release('v1.0.0'), config: testConfig({ tagFormat: '{version}' }),
      imageUses: [imageUse('ghcr.io/acme/app', at('a.yaml', 1, 12), { own: true })],
    }),
    findings: [{ at: 'a.yaml:1:12', expected: '1.0.0' }],
  },
  {
    name: 'a Chart appVersion of latest feeding an image (no release): at the appVersion',
    model: testModel({
      charts: [{ dir: 'chart', file: 'chart/Chart.yaml', appVersion: located('latest', 'chart/Chart.yaml', 5, 13), vendored: false }],
      imageUses: [imageUse('ghcr.io/acme/app:latest', at('chart/values.yaml', 2, 15), { own: true, kind: 'helm-values', tagAt: at('chart/Chart.yaml', 5, 13), tagSource: 'helm-app-version', chart: 'chart' })],
    }),
    findings: [{ at: 'chart/Chart.yaml:5:13', actual: 'latest' }],
  },
  {
    name: 'level from config: error, and off',
    levels: { 'mutable-image-tag': 'error' },
    model: testModel({ imageUses: [imageUse('nginx', at('a.yaml', 1, 12))] }),
    findings: [{ at: 'a.yaml:1:12', level: 'error' }],
  },
  {
    name: 'off',
    levels: { 'mutable-image-tag': 'off' },
    model: testModel({ imageUses: [imageUse('nginx', at('a.yaml', 1, 12))] }),
    findings: [],
  },
];

describe('mutable-image-tag', () => {
  it.each(cases.map((row) => [row.name, row] as const))('%s', (_name, row) => {
    expectRuleFindings(rule, row);
  });
});

describe('in a whole check, rules that leave a node to another rule see whether it runs', () => {
  it('--rule image-tag-mismatch=off: the own image at a mutable tag is reported by mutable-image-tag instead', async () => {
    const root = tempDir('tagcheck-mutable-');
    writeFileSync(join(root, '.tagcheck.yaml'), 'images:\n  - ghcr.io/acme/app\n');
    writeFileSync(join(root, 'app.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers:\n    - {name: a, image: ghcr.io/acme/app:main}\n');
    const ruleIds = async (ruleLevels: Record<string, LevelSetting>) =>
      (await runCheck({ root, env: {}, tag: 'v1.0.0', scope: 'manifests', ruleLevels })).report.findings.map((f) => f.ruleId);
    expect(await ruleIds({})).toEqual(['image-tag-mismatch']);
    expect(await ruleIds({ 'image-tag-mismatch': 'off' })).toEqual(['mutable-image-tag']);
  });
});
