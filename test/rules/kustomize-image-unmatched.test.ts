import { describe, it } from 'vitest';
import rule from '../../rules/kustomize-image-unmatched.js';
import type { KustomizeImageOverride } from '../../src/model/release.js';
import { at, imageUse, located, testModel } from '../support/model.js';
import { expectRuleFindings, type RuleCase } from './rule-table.js';

function override(name: string, fields: Partial<KustomizeImageOverride> = {}): KustomizeImageOverride {
  const file = fields.file ?? 'kustomize/kustomization.yaml';
  return { file, name: located(name, file, 5, 11), newTag: located('v0.13.1', file, 6, 13), matched: false, incomplete: false, ...fields };
}

const cases: RuleCase[] = [
  {
    name: 'a renamed registry: reported at the name, with the image the resources use',
    model: testModel({
      kustomizeOverrides: [override('registry.k8s.io/external-dns/external-dns')],
      imageUses: [imageUse('k8s.gcr.io/external-dns/external-dns:v0.12.0', at('kustomize/external-dns-deployment.yaml', 19, 16), { kustomization: 'kustomize' })],
    }),
    findings: [{
      at: 'kustomize/kustomization.yaml:5:11', actual: 'registry.k8s.io/external-dns/external-dns', expected: 'k8s.gcr.io/external-dns/external-dns',
      level: 'error', image: 'registry.k8s.io/external-dns/external-dns',
      message: 'kustomize images entry registry.k8s.io/external-dns/external-dns matches no container image of its resources, so it changes nothing; the resources use k8s.gcr.io/external-dns/external-dns',
    }],
  },
  {
    name: 'no similar image in the build: no suggestion',
    model: testModel({
      kustomizeOverrides: [override('ghcr.io/acme/old-name')],
      imageUses: [imageUse('ghcr.io/acme/app:v1', at('kustomize/d.yaml', 3, 16), { kustomization: 'kustomize' })],
    }),
    findings: [{ at: 'kustomize/kustomization.yaml:5:11', actual: 'ghcr.io/acme/old-name', message: /changes nothing$/ }],
  },
  {
    name: 'an image of another kustomization, or two candidates, is no suggestion; Docker Hub names are short',
    model: testModel({
      kustomizeOverrides: [override('app'), override('quay.io/x/web', { file: 'kustomization.yaml' })],
      imageUses: [
        imageUse('ghcr.io/acme/app:v1', at('other/d.yaml', 3, 16), { kustomization: 'other' }),
        imageUse('ghcr.io/a/app:v1', at('kustomize/d.yaml', 3, 16), { kustomization: 'kustomize' }),
        imageUse('ghcr.io/b/app:v1', at('kustomize/e.yaml', 3, 16), { kustomization: 'kustomize' }),
        imageUse('docker.io/acme/web:v1', at('d.yaml', 3, 16), { kustomization: '' }),
      ],
    }),
    findings: [
      { at: 'kustomize/kustomization.yaml:5:11', actual: 'app' },
      { at: 'kustomization.yaml:5:11', actual: 'quay.io/x/web', expected: 'acme/web' },
    ],
  },
  {
    name: 'matched entries and entries of incomplete kustomizations are not reported',
    model: testModel({ kustomizeOverrides: [override('ghcr.io/acme/app', { matched: true }), override('ghcr.io/acme/remote', { incomplete: true })] }),
    findings: [],
  },
  {
    name: 'level from config',
    levels: { 'kustomize-image-unmatched': 'warning' },
    model: testModel({ kustomizeOverrides: [override('ghcr.io/acme/gone')] }),
    findings: [{ at: 'kustomize/kustomization.yaml:5:11', actual: 'ghcr.io/acme/gone', level: 'warning' }],
  },
];

describe('kustomize-image-unmatched', () => {
  it.each(cases.map((row) => [row.name, row] as const))('%s', (_name, row) => {
    expectRuleFindings(rule, row);
  });
});
