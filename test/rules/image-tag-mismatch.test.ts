import { describe, it } from 'vitest';
import rule from '../../rules/image-tag-mismatch.js';
import { at, imageUse, located, release, testConfig, testModel } from '../support/model.js';
import { expectRuleFindings, type RuleCase } from './rule-table.js';

const DIGEST = `sha256:${'a'.repeat(64)}`;
const own = { own: true };
const kustomization = 'deploy/kustomization.yaml';
/** A values image whose tag defaults to the chart's appVersion, which drifted from the release. */
const driftingAppVersion = testModel({
  release: release('v0.29.0'),
  charts: [{ dir: 'chart', file: 'chart/Chart.yaml', appVersion: located('0.28.1', 'chart/Chart.yaml', 4, 13), vendored: false }],
  imageUses: [imageUse('ghcr.io/acme/app:v0.28.1', at('chart/values.yaml', 2, 15), {
    ...own, kind: 'helm-values', tagAt: at('chart/Chart.yaml', 4, 13), tagSource: 'helm-app-version', chart: 'chart',
  })],
});

const cases: RuleCase[] = [
  {
    name: 'kustomize newTag one release behind: reported at the newTag, with the contract message',
    model: testModel({
      release: release('v0.29.0', 'git'),
      imageUses: [
        imageUse('registry.k8s.io/descheduler/descheduler:v0.28.1', at('deploy/cronjob.yaml', 20, 20), {
          ...own, tagAt: at('kubernetes/base/kustomization.yaml', 9, 13), tagSource: 'kustomize', kustomization: 'kubernetes/base',
        }),
      ],
    }),
    findings: [{
      at: 'kubernetes/base/kustomization.yaml:9:13', expected: 'v0.29.0', actual: 'v0.28.1', level: 'error',
      image: 'registry.k8s.io/descheduler/descheduler',
      message: 'registry.k8s.io/descheduler/descheduler is tagged v0.28.1, but the release is v0.29.0',
    }],
  },
  {
    name: 'the release tag itself is fine',
    model: testModel({ release: release('v0.29.0'), imageUses: [imageUse('ghcr.io/acme/app:v0.29.0', at('a.yaml', 3, 16), own)] }),
    findings: [],
  },
  {
    name: 'third-party images never trigger it',
    model: testModel({ release: release('v0.29.0'), imageUses: [imageUse('docker.io/library/redis:7.2', at('a.yaml', 3, 16))] }),
    findings: [],
  },
  {
    name: 'same: a values tag without v keeps its convention in the suggestion',
    model: testModel({
      release: release('v0.29.0'),
      imageUses: [imageUse('ghcr.io/acme/app:0.28.1', at('chart/values.yaml', 2, 15), {
        ...own, kind: 'helm-values', tagAt: at('chart/values.yaml', 3, 8), tagSource: 'helm-values', chart: 'chart',
      })],
    }),
    findings: [{ at: 'chart/values.yaml:3:8', expected: '0.29.0', actual: '0.28.1' }],
  },
  {
    name: 'same: v-prefix insensitive (0.29.0, v0.29.0 and V0.29.0 all match v0.29.0)',
    model: testModel({
      release: release('v0.29.0'),
      imageUses: [
        imageUse('ghcr.io/acme/app:0.29.0', at('a.yaml', 1, 8), own),
        imageUse('ghcr.io/acme/app:v0.29.0', at('a.yaml', 2, 8), own),
        imageUse('ghcr.io/acme/app:V0.29.0', at('a.yaml', 3, 8), own),
      ],
    }),
    findings: [],
  },
  {
    name: 'same: an uppercase V is kept in the suggestion; a release without v matches a v tag',
    model: testModel({ release: release('0.29.0'), imageUses: [imageUse('ghcr.io/acme/app:V0.28.0', at('a.yaml', 1, 8), own), imageUse('ghcr.io/acme/app:v0.29.0', at('a.yaml', 2, 8), own)] }),
    findings: [{ at: 'a.yaml:1:8', expected: 'V0.29.0', actual: 'V0.28.0' }],
  },
  {
    name: 'exact: 0.29.0 is not v0.29.0',
    model: testModel({
      release: release('v0.29.0'), config: testConfig({ tagFormat: 'exact' }),
      imageUses: [imageUse('ghcr.io/acme/app:0.29.0', at('a.yaml', 4, 16), own), imageUse('ghcr.io/acme/api:v0.29.0', at('a.yaml', 9, 16), own)],
    }),
    findings: [{ at: 'a.yaml:4:16', expected: 'v0.29.0', actual: '0.29.0' }],
  },
  {
    name: 'template {version}: image tags carry no v even though the git tag does',
    model: testModel({
      release: release('v0.29.0'), config: testConfig({ tagFormat: '{version}' }),
      imageUses: [imageUse('ghcr.io/acme/app:v0.29.0', at('a.yaml', 4, 16), own), imageUse('ghcr.io/acme/api:0.29.0', at('a.yaml', 9, 16), own)],
    }),
    findings: [{ at: 'a.yaml:4:16', expected: '0.29.0', actual: 'v0.29.0' }],
  },
  {
    name: 'template v{version} with a git tag without v',
    model: testModel({
      release: release('1.4.0'), config: testConfig({ tagFormat: 'v{version}' }),
      imageUses: [imageUse('ghcr.io/acme/app:1.4.0', at('a.yaml', 4, 16), own)],
    }),
    findings: [{ at: 'a.yaml:4:16', expected: 'v1.4.0', actual: '1.4.0' }],
  },
  {
    name: 'prereleases are different versions, both ways',
    model: testModel({
      release: release('v0.45.0'),
      imageUses: [imageUse('ghcr.io/acme/app:v0.45.0-rc.1', at('a.yaml', 1, 8), own)],
    }),
    findings: [{ at: 'a.yaml:1:8', expected: 'v0.45.0', actual: 'v0.45.0-rc.1' }],
  },
  {
    name: 'a prerelease release matches its own prerelease tag and not the final',
    model: testModel({
      release: release('v0.45.0-rc.2'),
      imageUses: [imageUse('ghcr.io/acme/app:v0.45.0-rc.2', at('a.yaml', 1, 8), own), imageUse('ghcr.io/acme/app:v0.45.0', at('a.yaml', 2, 8), own)],
    }),
    findings: [{ at: 'a.yaml:2:8', expected: 'v0.45.0-rc.2', actual: 'v0.45.0' }],
  },
  {
    name: 'build metadata: OCI tags spell + as _, and the build must match',
    model: testModel({
      release: release('v1.28.3+k3s1'),
      imageUses: [
        imageUse('ghcr.io/acme/app:v1.28.3_k3s1', at('a.yaml', 1, 8), own),
        imageUse('ghcr.io/acme/app:v1.28.3', at('a.yaml', 2, 8), own),
        imageUse('ghcr.io/acme/app:v1.28.3_k3s2', at('a.yaml', 3, 8), own),
      ],
    }),
    findings: [
      { at: 'a.yaml:2:8', expected: 'v1.28.3_k3s1', actual: 'v1.28.3' },
      { at: 'a.yaml:3:8', expected: 'v1.28.3_k3s1', actual: 'v1.28.3_k3s2' },
    ],
  },
  {
    name: 'build metadata under exact and a template',
    model: testModel({
      release: release('v1.2.3+b7'), config: testConfig({ tagFormat: '{version}' }),
      imageUses: [imageUse('ghcr.io/acme/app:1.2.3_b7', at('a.yaml', 1, 8), own), imageUse('ghcr.io/acme/app:1.2.3', at('a.yaml', 2, 8), own)],
    }),
    findings: [{ at: 'a.yaml:2:8', expected: '1.2.3_b7', actual: '1.2.3' }],
  },
  {
    name: 'digest-only and untagged references are not mismatches; a tag beside a digest still is',
    model: testModel({
      release: release('v0.29.0'),
      imageUses: [
        imageUse(`ghcr.io/acme/app@${DIGEST}`, at('a.yaml', 1, 8), own),
        imageUse('ghcr.io/acme/app', at('a.yaml', 2, 8), own),
        imageUse(`ghcr.io/acme/app:v0.28.0@${DIGEST}`, at('a.yaml', 3, 8), own),
      ],
    }),
    findings: [{ at: 'a.yaml:3:8', expected: 'v0.29.0', actual: 'v0.28.0' }],
  },
  {
    name: 'no tagAt: located at the image node',
    model: testModel({ release: release('v0.29.0'), imageUses: [imageUse('ghcr.io/acme/app:v0.1.0', at('a.yaml', 7, 14), { ...own, tagAt: undefined })] }),
    findings: [{ at: 'a.yaml:7:14', expected: 'v0.29.0', actual: 'v0.1.0' }],
  },
  {
    name: 'one node reached twice (a newTag applied to two resources) is one finding',
    model: testModel({
      release: release('v0.29.0'),
      imageUses: [
        imageUse('ghcr.io/acme/app:v0.28.1', at(kustomization, 5, 9), { ...own, kind: 'kustomize', tagAt: at(kustomization, 6, 13), tagSource: 'kustomize' }),
        imageUse('ghcr.io/acme/app:v0.28.1', at('deploy/a.yaml', 12, 16), { ...own, tagAt: at(kustomization, 6, 13), tagSource: 'kustomize' }),
        imageUse('ghcr.io/acme/app:v0.28.1', at('deploy/b.yaml', 30, 16), { ...own, tagAt: at(kustomization, 6, 13), tagSource: 'kustomize' }),
      ],
    }),
    findings: [{ at: `${kustomization}:6:13`, expected: 'v0.29.0', actual: 'v0.28.1' }],
  },
  {
    name: 'a tag from a drifting appVersion is chart-app-version-mismatch\'s finding, not this rule\'s',
    model: driftingAppVersion,
    findings: [],
  },
  {
    name: 'the same with chart-app-version-mismatch off: reported here, at the appVersion, so the drift never passes silently',
    running: ['mutable-image-tag'],
    model: driftingAppVersion,
    findings: [{ at: 'chart/Chart.yaml:4:13', expected: 'v0.29.0', actual: 'v0.28.1' }],
  },
  {
    name: 'appVersion right but the template makes a tag tagFormat rejects: reported here, once',
    model: testModel({
      release: release('v0.29.0'), config: testConfig({ tagFormat: 'exact' }),
      charts: [{ dir: 'chart', file: 'chart/Chart.yaml', appVersion: located('0.29.0', 'chart/Chart.yaml', 4, 13), vendored: false }],
      imageUses: [imageUse('ghcr.io/acme/app:0.29.0', at('chart/values.yaml', 2, 15), {
        ...own, kind: 'helm-values', tagAt: at('chart/Chart.yaml', 4, 13), tagSource: 'helm-app-version', chart: 'chart',
      })],
    }),
    findings: [{ at: 'chart/Chart.yaml:4:13', expected: 'v0.29.0', actual: '0.29.0' }],
  },
  {
    name: 'an own image in a vendored chart that follows its appVersion: no chart finding, so reported here',
    model: testModel({
      release: release('v0.29.0'),
      charts: [{ dir: 'chart/charts/sub', file: 'chart/charts/sub/Chart.yaml', appVersion: located('0.28.1', 'chart/charts/sub/Chart.yaml', 4, 13), vendored: true }],
      imageUses: [imageUse('ghcr.io/acme/app:0.28.1', at('chart/charts/sub/values.yaml', 2, 15), {
        ...own, kind: 'helm-values', tagAt: at('chart/charts/sub/Chart.yaml', 4, 13), tagSource: 'helm-app-version', chart: 'chart/charts/sub',
      })],
    }),
    findings: [{ at: 'chart/charts/sub/Chart.yaml:4:13', expected: '0.29.0', actual: '0.28.1' }],
  },
  {
    name: 'a release that is not semver compares exact text',
    model: testModel({
      release: release('release-2024-06'),
      imageUses: [imageUse('ghcr.io/acme/app:release-2024-06', at('a.yaml', 1, 8), own), imageUse('ghcr.io/acme/app:release-2024-05', at('a.yaml', 2, 8), own)],
    }),
    findings: [{ at: 'a.yaml:2:8', expected: 'release-2024-06', actual: 'release-2024-05' }],
  },
  {
    name: 'no release tag: nothing to compare against (image-tag-inconsistent takes over)',
    model: testModel({ imageUses: [imageUse('ghcr.io/acme/app:v0.28.1', at('a.yaml', 1, 8), own)] }),
    findings: [],
  },
  {
    name: 'config level warning is applied',
    levels: { 'image-tag-mismatch': 'warning' },
    model: testModel({ release: release('v2.0.0'), imageUses: [imageUse('ghcr.io/acme/app:v1.0.0', at('a.yaml', 1, 8), own)] }),
    findings: [{ at: 'a.yaml:1:8', expected: 'v2.0.0', actual: 'v1.0.0', level: 'warning' }],
  },
  {
    name: 'config level off: the rule does not run',
    levels: { 'image-tag-mismatch': 'off' },
    model: testModel({ release: release('v2.0.0'), imageUses: [imageUse('ghcr.io/acme/app:v1.0.0', at('a.yaml', 1, 8), own)] }),
    findings: [],
  },
];

describe('image-tag-mismatch', () => {
  it.each(cases.map((row) => [row.name, row] as const))('%s', (_name, row) => {
    expectRuleFindings(rule, row);
  });
});
