import { describe, expect, it } from 'vitest';
import rule from '../../rules/manifest-index-missing.js';
import type { TagFacts } from '../../src/model/registry.js';
import { at, imageUse, located, registryFacts, release, testConfig, testModel } from '../support/model.js';
import { check, indexOf, singleArch, summarize } from '../support/tag-facts.js';

const APP = 'ghcr.io/acme/app';
const use = imageUse(`${APP}:v1.2.3`, at('deploy/app.yaml', 7, 16), { own: true });

function model(tags: Record<string, TagFacts>, fields: Parameters<typeof testModel>[0] = {}) {
  return testModel({ release: release('v1.2.3'), ownRepositories: [APP], imageUses: [use], registry: registryFacts({ [APP]: tags }), ...fields });
}

describe('manifest-index-missing', () => {
  it.each([
    ['the index exists over the per-arch tags', { 'v1.2.3': indexOf('i', 'linux/amd64', 'linux/arm64'), 'v1.2.3-linux-amd64': singleArch('a'), 'v1.2.3-linux-arm64': singleArch('b', 'linux/arm64') }],
    ['there are no per-arch tags', { 'v1.2.3': singleArch('a') }],
    ['per-arch tags belong to another version', { 'v1.2.3': indexOf('i', 'linux/amd64'), 'v1.2.2-linux-amd64': singleArch('a') }],
    ['the release tag lookup was not gathered', { 'v1.2.3-amd64': singleArch('a') }],
  ] as const)('is silent when %s', (name, tags) => {
    const facts = registryFacts({ [APP]: tags });
    const registry = name.includes('not gathered') ? { tagList: facts.tagList, tag: () => undefined } : facts;
    expect(check(rule, model(tags, { registry }))).toEqual([]);
  });

  it.each([
    ['-linux-<arch>', ['v1.2.3-linux-amd64', 'v1.2.3-linux-arm64']],
    ['-<arch>', ['v1.2.3-amd64', 'v1.2.3-arm64', 'v1.2.3-arm']],
    ['-windows-ltsc2022-<arch>', ['v1.2.3-linux-amd64', 'v1.2.3-windows-ltsc2022-amd64']],
  ])('reports %s tags without the release tag, at the manifest use', (_name, perArch) => {
    const tags = Object.fromEntries(perArch.map((tag) => [tag, singleArch(tag)]));
    const findings = check(rule, model(tags));
    expect(summarize(findings)).toEqual([{ ruleId: 'manifest-index-missing', at: 'deploy/app.yaml:7:16', image: APP, expected: 'v1.2.3' }]);
    expect(findings[0].message).toBe(`ghcr.io/acme/app has per-arch tags ${[...perArch].sort().join(', ')} but no v1.2.3: the multi-arch index was not pushed`);
  });

  it('reports a release tag that is a single-arch manifest beside per-arch tags', () => {
    const findings = check(rule, model({ 'v1.2.3': singleArch('a'), 'v1.2.3-linux-amd64': singleArch('a'), 'v1.2.3-linux-arm64': singleArch('b', 'linux/arm64') }));
    expect(summarize(findings)).toEqual([
      { ruleId: 'manifest-index-missing', at: 'deploy/app.yaml:7:16', image: APP, expected: 'multi-arch index', actual: 'single-arch manifest (linux/amd64)' },
    ]);
  });

  it('finds the per-arch spelling of an unprefixed convention and points at the config line of an unreferenced component', () => {
    const findings = check(
      rule,
      model(
        { '1.2.3-amd64': singleArch('a'), '1.2.3-arm64': singleArch('b', 'linux/arm64'), '1.2.2': indexOf('old', 'linux/amd64') },
        { imageUses: [], config: testConfig({ components: [located(APP, '.tagcheck.yaml', 3, 5)] }), componentRepositories: [APP] },
      ),
    );
    expect(summarize(findings)).toEqual([{ ruleId: 'manifest-index-missing', at: '.tagcheck.yaml:3:5', image: APP, expected: '1.2.3' }]);
  });

  it('without a release, checks the tags the manifests deploy', () => {
    const findings = check(rule, model({ 'v1.2.3-linux-amd64': singleArch('a') }, { release: null }));
    expect(summarize(findings)).toEqual([{ ruleId: 'manifest-index-missing', at: 'deploy/app.yaml:7:16', image: APP, expected: 'v1.2.3' }]);
  });

  it('stays silent for a repository on an unreachable host', () => {
    const registry = registryFacts({ [APP]: { 'v1.2.3-amd64': singleArch('a') } }, { 'ghcr.io': 'timeout after 10000 ms' });
    expect(check(rule, model({}, { registry }))).toEqual([]);
  });
});
