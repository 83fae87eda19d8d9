import { describe, expect, it } from 'vitest';
import rule from '../../rules/image-missing.js';
import { at, imageUse, located, registryFacts, release, testConfig, testModel } from '../support/model.js';
import { check, indexOf, summarize } from '../support/tag-facts.js';

const APP = 'ghcr.io/acme/app';
const API = 'ghcr.io/acme/api';
const TRACE = 'ghcr.io/acme/trace';
const amd64 = (name: string) => indexOf(name, 'linux/amd64', 'linux/arm64');

describe('image-missing', () => {
  it('is silent when the referenced release tag exists', () => {
    const model = testModel({
      release: release('v1.2.3'),
      ownRepositories: [APP],
      imageUses: [imageUse(`${APP}:v1.2.3`, at('deploy/app.yaml', 7, 16), { own: true })],
      registry: registryFacts({ [APP]: { 'v1.2.3': amd64('a'), 'v1.2.2': amd64('b') } }),
    });
    expect(check(rule, model)).toEqual([]);
  });

  it('reports a manifest reference to a tag the registry lacks, at the tag node', () => {
    const model = testModel({
      release: release('v1.2.3'),
      ownRepositories: [APP],
      imageUses: [imageUse(`${APP}:v1.2.3`, at('deploy/app.yaml', 7, 16), { own: true })],
      registry: registryFacts({ [APP]: { 'v1.2.2': amd64('b'), latest: amd64('b') } }),
    });
    const findings = check(rule, model);
    expect(summarize(findings)).toEqual([{ ruleId: 'image-missing', at: 'deploy/app.yaml:7:16', image: APP, actual: 'v1.2.3' }]);
    expect(findings[0].message).toBe('ghcr.io/acme/app:v1.2.3 does not exist in the registry');
  });

  it.each([
    ['a tagged third-party image', 'nginx:1.25', 'docker.io/library/nginx', '1.25'],
    ['an untagged third-party image (latest)', 'quay.io/prometheus/node-exporter', 'quay.io/prometheus/node-exporter', 'latest'],
  ])('reports %s that does not exist', (_name, reference, repository, tag) => {
    const model = testModel({
      imageUses: [imageUse(reference, at('deploy/sidecar.yaml', 12, 18))],
      registry: registryFacts({}),
    });
    expect(summarize(check(rule, model))).toEqual([{ ruleId: 'image-missing', at: 'deploy/sidecar.yaml:12:18', image: repository, actual: tag }]);
  });

  it('ignores digest-pinned references, unreachable hosts and tags nobody asked about', () => {
    const model = testModel({
      imageUses: [
        imageUse(`nginx@sha256:${'a'.repeat(64)}`, at('deploy/a.yaml', 1, 1)),
        imageUse('down.example.com/x/y:1.0', at('deploy/b.yaml', 1, 1)),
      ],
      registry: { tagList: () => undefined, tag: (r) => (r.startsWith('down.') ? { status: 'unreachable', host: 'down.example.com', reason: 'connection refused' } : undefined) },
    });
    expect(check(rule, model)).toEqual([]);
  });

  it('reports one finding per manifest node even when kustomize renders it into several uses', () => {
    const newTag = at('deploy/base/kustomization.yaml', 9, 13);
    const model = testModel({
      release: release('v1.2.3'),
      ownRepositories: [APP],
      imageUses: [
        imageUse(`${APP}:v1.2.3`, at('deploy/base/app.yaml', 5, 10), { own: true, tagAt: newTag, kustomization: 'deploy/overlays/a' }),
        imageUse(`${APP}:v1.2.3`, at('deploy/base/app.yaml', 5, 10), { own: true, tagAt: newTag, kustomization: 'deploy/overlays/b' }),
      ],
      registry: registryFacts({ [APP]: { 'v1.2.2': amd64('b') } }),
    });
    expect(summarize(check(rule, model))).toEqual([{ ruleId: 'image-missing', at: 'deploy/base/kustomization.yaml:9:13', image: APP, actual: 'v1.2.3' }]);
  });

  it('says so when the repository itself does not exist', () => {
    const model = testModel({
      release: release('v1.2.3'),
      ownRepositories: [APP],
      imageUses: [imageUse(`${APP}:v1.2.3`, at('deploy/app.yaml', 3, 12), { own: true })],
      registry: registryFacts({}),
    });
    const [finding] = check(rule, model);
    expect(finding.message).toBe('ghcr.io/acme/app:v1.2.3 does not exist in the registry: the registry has no repository ghcr.io/acme/app');
  });

  it('reports an own image that was never pushed at the release, at its config line, in its tag convention', () => {
    const model = testModel({
      release: release('v1.2.3'),
      config: testConfig({ components: [located(TRACE, '.tagcheck.yaml', 4, 5)] }),
      ownRepositories: [TRACE],
      componentRepositories: [TRACE],
      registry: registryFacts({ [TRACE]: { '1.2.2': amd64('b'), '1.2.1': amd64('c') } }),
    });
    const findings = check(rule, model);
    expect(summarize(findings)).toEqual([{ ruleId: 'image-missing', at: '.tagcheck.yaml:4:5', image: TRACE, expected: '1.2.3' }]);
    expect(findings[0].message).toBe('ghcr.io/acme/trace has no tag 1.2.3 for the release v1.2.3: it has 2 other tags, the newest version 1.2.2');
  });

  it('accepts the release under either spelling with tagFormat same, and only the exact one with exact', () => {
    const facts = registryFacts({ [TRACE]: { '1.2.3': amd64('a') } });
    const same = testModel({ release: release('v1.2.3'), ownRepositories: [TRACE], registry: facts });
    expect(check(rule, same)).toEqual([]);
    const exact = testModel({ release: release('v1.2.3'), config: testConfig({ tagFormat: 'exact' }), ownRepositories: [TRACE], registry: facts });
    expect(summarize(check(rule, exact))).toEqual([{ ruleId: 'image-missing', at: undefined, image: TRACE, expected: 'v1.2.3' }]);
  });

  it('leaves per-arch tags without an index to manifest-index-missing', () => {
    const model = testModel({
      release: release('v1.2.3'),
      ownRepositories: [APP],
      imageUses: [imageUse(`${APP}:v1.2.3`, at('deploy/app.yaml', 7, 16), { own: true })],
      registry: registryFacts({ [APP]: { 'v1.2.3-linux-amd64': amd64('x'), 'v1.2.3-linux-arm64': amd64('y') } }),
    });
    expect(check(rule, model)).toEqual([]);
  });

  it('leaves a component behind its released siblings to components-out-of-sync', () => {
    const model = testModel({
      release: release('v1.2.3'),
      ownRepositories: [API, TRACE],
      componentRepositories: [API, TRACE],
      registry: registryFacts({ [API]: { 'v1.2.3': amd64('a') }, [TRACE]: { 'v1.2.2': amd64('b') } }),
    });
    expect(check(rule, model)).toEqual([]);
  });

  it('with no release tag, checks only the tags the manifests reference', () => {
    const model = testModel({
      ownRepositories: [APP, TRACE],
      imageUses: [imageUse(`${APP}:v1.2.4`, at('deploy/app.yaml', 7, 16), { own: true })],
      registry: registryFacts({ [APP]: { 'v1.2.3': amd64('a') }, [TRACE]: {} }),
    });
    expect(summarize(check(rule, model))).toEqual([{ ruleId: 'image-missing', at: 'deploy/app.yaml:7:16', image: APP, actual: 'v1.2.4' }]);
  });

  it('does nothing when the registry was not asked', () => {
    const model = testModel({ imageUses: [imageUse('nginx:1.25', at('a.yaml', 1, 1))] });
    expect(check(rule, model)).toEqual([]);
  });
});
