import { describe, it } from 'vitest';
import rule from '../../rules/image-tag-inconsistent.js';
import { at, imageUse, release, testConfig, testModel } from '../support/model.js';
import { expectRuleFindings, type RuleCase } from './rule-table.js';

const DIGEST = `sha256:${'c'.repeat(64)}`;
const own = { own: true };
const k = 'deploy/kustomization.yaml';

const cases: RuleCase[] = [
  {
    name: 'one reference lags: reported against the newest, message names both tags and where the newest is',
    model: testModel({
      imageUses: [
        imageUse('ghcr.io/acme/api:v1.3.0', at('deploy/api.yaml', 5, 9), { ...own, kind: 'kustomize', tagAt: at(k, 4, 13), tagSource: 'kustomize' }),
        imageUse('ghcr.io/acme/app:v1.2.0', at('charts/app/values.yaml', 2, 15), { ...own, kind: 'helm-values', tagAt: at('charts/app/values.yaml', 3, 8), tagSource: 'helm-values' }),
      ],
    }),
    findings: [{
      at: 'charts/app/values.yaml:3:8', expected: 'v1.3.0', actual: 'v1.2.0', level: 'error', image: 'ghcr.io/acme/app',
      message: 'ghcr.io/acme/app is tagged v1.2.0, but ghcr.io/acme/api is tagged v1.3.0 (deploy/kustomization.yaml:4); the project\'s own images should agree on one version',
    }],
  },
  {
    name: 'the newest wins over the majority: the two lagging references are reported',
    model: testModel({
      imageUses: [
        imageUse('ghcr.io/acme/app:v0.28.1', at('a.yaml', 1, 8), own),
        imageUse('ghcr.io/acme/api:v0.29.0', at('b.yaml', 1, 8), own),
        imageUse('ghcr.io/acme/web:v0.28.1', at('c.yaml', 1, 8), own),
      ],
    }),
    findings: [{ at: 'a.yaml:1:8', expected: 'v0.29.0', actual: 'v0.28.1' }, { at: 'c.yaml:1:8', expected: 'v0.29.0', actual: 'v0.28.1' }],
  },
  {
    name: 'semver precedence, not text: v0.100.0 > v0.9.0, and v0.45.0 > v0.45.0-rc.1',
    model: testModel({
      imageUses: [
        imageUse('ghcr.io/acme/app:v0.9.0', at('a.yaml', 1, 8), own),
        imageUse('ghcr.io/acme/app:v0.100.0', at('a.yaml', 2, 8), own),
        imageUse('ghcr.io/acme/api:v0.45.0-rc.1', at('a.yaml', 3, 8), own),
      ],
    }),
    findings: [{ at: 'a.yaml:1:8', expected: 'v0.100.0', actual: 'v0.9.0' }, { at: 'a.yaml:3:8', expected: 'v0.100.0', actual: 'v0.45.0-rc.1' }],
  },
  {
    name: 'the final release is newer than its rc',
    model: testModel({
      imageUses: [imageUse('ghcr.io/acme/app:v0.45.0-rc.1', at('a.yaml', 1, 8), own), imageUse('ghcr.io/acme/app:v0.45.0', at('a.yaml', 2, 8), own)],
    }),
    findings: [{ at: 'a.yaml:1:8', expected: 'v0.45.0', actual: 'v0.45.0-rc.1' }],
  },
  {
    name: 'same: v0.29.0, 0.29.0 and V0.29.0 agree; the suggestion keeps each reference\'s convention',
    model: testModel({
      imageUses: [
        imageUse('ghcr.io/acme/app:v0.29.0', at('a.yaml', 1, 8), own),
        imageUse('ghcr.io/acme/app:0.29.0', at('a.yaml', 2, 8), own),
        imageUse('ghcr.io/acme/app:V0.29.0', at('a.yaml', 3, 8), own),
        imageUse('ghcr.io/acme/app:0.28.0', at('a.yaml', 4, 8), own),
      ],
    }),
    findings: [{ at: 'a.yaml:4:8', expected: '0.29.0', actual: '0.28.0' }],
  },
  {
    name: 'exact: v0.29.0 and 0.29.0 differ; ties go to the most used spelling',
    model: testModel({
      config: testConfig({ tagFormat: 'exact' }),
      imageUses: [
        imageUse('ghcr.io/acme/app:0.29.0', at('a.yaml', 1, 8), own),
        imageUse('ghcr.io/acme/app:v0.29.0', at('a.yaml', 2, 8), own),
        imageUse('ghcr.io/acme/api:v0.29.0', at('a.yaml', 3, 8), own),
      ],
    }),
    findings: [{ at: 'a.yaml:1:8', expected: 'v0.29.0', actual: '0.29.0' }],
  },
  {
    name: 'template: the spelling that fits the template wins a tie even when outnumbered',
    model: testModel({
      config: testConfig({ tagFormat: '{version}' }),
      imageUses: [
        imageUse('ghcr.io/acme/app:v0.29.0', at('a.yaml', 1, 8), own),
        imageUse('ghcr.io/acme/api:v0.29.0', at('a.yaml', 2, 8), own),
        imageUse('ghcr.io/acme/web:0.29.0', at('a.yaml', 3, 8), own),
      ],
    }),
    findings: [{ at: 'a.yaml:1:8', expected: '0.29.0', actual: 'v0.29.0' }, { at: 'a.yaml:2:8', expected: '0.29.0', actual: 'v0.29.0' }],
  },
  {
    name: 'build metadata (OCI _ spelling) counts as a difference',
    model: testModel({
      imageUses: [imageUse('ghcr.io/acme/app:v1.28.3_k3s1', at('a.yaml', 1, 8), own), imageUse('ghcr.io/acme/app:v1.28.3_k3s2', at('a.yaml', 2, 8), own)],
    }),
    findings: [{ at: 'a.yaml:1:8', expected: 'v1.28.3_k3s2', actual: 'v1.28.3_k3s1' }],
  },
  {
    name: 'versions beat non-version tags; non-versions are reported with the version as expected',
    model: testModel({
      imageUses: [imageUse('ghcr.io/acme/app:sha-1a2b3c', at('a.yaml', 1, 8), own), imageUse('ghcr.io/acme/app:v2.0.0', at('a.yaml', 2, 8), own)],
    }),
    findings: [{ at: 'a.yaml:1:8', expected: 'v2.0.0', actual: 'sha-1a2b3c' }],
  },
  {
    name: 'only non-version tags: the most used wins, then text order (deterministic)',
    model: testModel({
      imageUses: [
        imageUse('ghcr.io/acme/app:build-7', at('a.yaml', 1, 8), own),
        imageUse('ghcr.io/acme/app:build-3', at('a.yaml', 2, 8), own),
        imageUse('ghcr.io/acme/api:build-3', at('a.yaml', 3, 8), own),
        imageUse('ghcr.io/acme/web:build-1', at('a.yaml', 4, 8), own),
      ],
    }),
    findings: [{ at: 'a.yaml:1:8', expected: 'build-3', actual: 'build-7' }, { at: 'a.yaml:4:8', expected: 'build-3', actual: 'build-1' }],
  },
  {
    name: 'third-party images, mutable tags, untagged and digest-only references are not compared',
    model: testModel({
      imageUses: [
        imageUse('ghcr.io/acme/app:v1.0.0', at('a.yaml', 1, 8), own),
        imageUse('docker.io/library/redis:7.2', at('a.yaml', 2, 8)),
        imageUse('ghcr.io/acme/app:latest', at('a.yaml', 3, 8), own),
        imageUse('ghcr.io/acme/app', at('a.yaml', 4, 8), own),
        imageUse(`ghcr.io/acme/app@${DIGEST}`, at('a.yaml', 5, 8), own),
      ],
    }),
    findings: [],
  },
  {
    name: 'one node reached by several resources is one finding',
    model: testModel({
      imageUses: [
        imageUse('ghcr.io/acme/api:v2.0.0', at('a.yaml', 1, 8), own),
        imageUse('ghcr.io/acme/app:v1.0.0', at('b.yaml', 1, 8), { ...own, tagAt: at(k, 6, 13), tagSource: 'kustomize' }),
        imageUse('ghcr.io/acme/app:v1.0.0', at('c.yaml', 1, 8), { ...own, tagAt: at(k, 6, 13), tagSource: 'kustomize' }),
      ],
    }),
    findings: [{ at: `${k}:6:13`, expected: 'v2.0.0', actual: 'v1.0.0' }],
  },
  {
    name: 'with a release tag this rule is silent (image-tag-mismatch compares with the release)',
    model: testModel({
      release: release('v3.0.0'),
      imageUses: [imageUse('ghcr.io/acme/app:v1.0.0', at('a.yaml', 1, 8), own), imageUse('ghcr.io/acme/api:v2.0.0', at('a.yaml', 2, 8), own)],
    }),
    findings: [],
  },
  {
    name: 'level from config',
    levels: { 'image-tag-inconsistent': 'warning' },
    model: testModel({
      imageUses: [imageUse('ghcr.io/acme/app:v1.0.0', at('a.yaml', 1, 8), own), imageUse('ghcr.io/acme/api:v2.0.0', at('a.yaml', 2, 8), own)],
    }),
    findings: [{ at: 'a.yaml:1:8', expected: 'v2.0.0', actual: 'v1.0.0', level: 'warning' }],
  },
];

describe('image-tag-inconsistent', () => {
  it.each(cases.map((row) => [row.name, row] as const))('%s', (_name, row) => {
    expectRuleFindings(rule, row);
  });
});
