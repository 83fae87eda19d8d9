import { describe, expect, it } from 'vitest';
import rule from '../../rules/latest-missing.js';
import type { LatestPolicy } from '../../src/model/config.js';
import type { TagFacts } from '../../src/model/registry.js';
import { at, imageUse, registryFacts, release, testConfig, testModel } from '../support/model.js';
import { check, indexOf, summarize } from '../support/tag-facts.js';

const APP = 'ghcr.io/acme/app';
const image = (name: string) => indexOf(name, 'linux/amd64');

function model(policy: LatestPolicy, tags: Record<string, TagFacts> | undefined) {
  return testModel({
    release: release('v1.2.3'),
    config: testConfig({ latest: policy }),
    ownRepositories: [APP],
    imageUses: [imageUse(`${APP}:v1.2.3`, at('deploy/app.yaml', 7, 16), { own: true })],
    registry: registryFacts(tags ? { [APP]: tags } : {}),
  });
}

describe('latest-missing', () => {
  it.each([
    ['required', 'latest exists', { 'v1.2.3': image('a'), latest: image('a') }],
    ['required', 'only prereleases exist', { 'v1.2.3-rc.1': image('a'), main: image('m') }],
    ['required', 'the repository does not exist (image-missing says so)', undefined],
    ['optional', 'latest is absent', { 'v1.2.3': image('a') }],
    ['optional', 'latest exists', { 'v1.2.3': image('a'), latest: image('a') }],
    ['forbidden', 'latest is absent', { 'v1.2.3': image('a') }],
  ] as const)('is silent with latest: %s when %s', (policy, _name, tags) => {
    expect(check(rule, model(policy, tags))).toEqual([]);
  });

  it('reports a missing latest when a stable release exists (required)', () => {
    const findings = check(rule, model('required', { 'v1.2.2': image('a'), 'v1.2.3': image('b'), 'v1.3.0-rc.1': image('c') }));
    expect(summarize(findings)).toEqual([{ ruleId: 'latest-missing', at: 'deploy/app.yaml:7:16', image: APP, expected: 'latest' }]);
    expect(findings[0].message).toBe('ghcr.io/acme/app has no latest tag, although it has stable releases (the newest is v1.2.3)');
  });

  it('reports a latest tag that the config forbids', () => {
    const findings = check(rule, model('forbidden', { 'v1.2.3': image('a'), latest: image('a') }));
    expect(summarize(findings)).toEqual([{ ruleId: 'latest-missing', at: 'deploy/app.yaml:7:16', image: APP, actual: 'latest' }]);
    expect(findings[0].message).toBe('ghcr.io/acme/app has a latest tag, but the config says latest: forbidden');
  });

  it('stays silent for an unreachable host', () => {
    const m = model('required', undefined);
    expect(check(rule, { ...m, registry: registryFacts({ [APP]: { 'v1.2.3': image('a') } }, { 'ghcr.io': 'DNS: ENOTFOUND ghcr.io' }) })).toEqual([]);
  });
});
