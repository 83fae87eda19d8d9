import { describe, expect, it } from 'vitest';
import rule from '../../rules/latest-not-newest-stable.js';
import type { RegistryFacts, TagFacts } from '../../src/model/registry.js';
import { at, imageUse, located, registryFacts, release, testConfig, testModel } from '../support/model.js';
import { check, digest, indexOf, summarize } from '../support/tag-facts.js';

const APP = 'ghcr.io/acme/app';
const image = (name: string) => indexOf(name, 'linux/amd64');

function model(tags: Record<string, TagFacts>, fields: Parameters<typeof testModel>[0] = {}) {
  return testModel({
    release: release('v1.2.3'),
    ownRepositories: [APP],
    imageUses: [imageUse(`${APP}:v1.2.3`, at('deploy/app.yaml', 7, 16), { own: true })],
    registry: registryFacts({ [APP]: tags }),
    ...fields,
  });
}

describe('latest-not-newest-stable', () => {
  it.each([
    ['latest is the highest stable tag', { 'v1.2.2': image('a'), 'v1.2.3': image('b'), latest: image('b') }],
    ['v0.45.0 outranks v0.45.0-rc.1', { 'v0.45.0-rc.1': image('rc'), 'v0.45.0': image('f'), latest: image('f') }],
    ['v0.100.0 outranks v0.99.0 (not lexical)', { 'v0.99.0': image('a'), 'v0.100.0': image('b'), latest: image('b') }],
    ['tags that are not versions are ignored', { stable: image('x'), '2024-01-01': image('y'), '1.2': image('b'), 'v1.2.3': image('b'), latest: image('b') }],
    ['latest is the unprefixed spelling of the newest version', { 'v1.2.3': image('v'), '1.2.3': image('plain'), latest: image('plain') }],
    ['latest is a prerelease (latest-is-prerelease says so)', { 'v1.2.3': image('b'), 'v1.3.0-rc.1': image('rc'), latest: image('rc') }],
    ['there is no latest', { 'v1.2.3': image('b') }],
    ['there is no stable tag', { 'v1.0.0-alpha.1': image('a'), latest: image('z') }],
  ])('is silent when %s', (_name, tags) => {
    expect(check(rule, model(tags))).toEqual([]);
  });

  it('reports latest left at an older release, by SemVer precedence', () => {
    const findings = check(rule, model({ 'v0.9.0': image('new'), 'v0.10.0': image('newer'), 'v0.45.0-rc.1': image('rc'), latest: image('new') }, { release: null }));
    expect(summarize(findings)).toEqual([
      { ruleId: 'latest-not-newest-stable', at: 'deploy/app.yaml:7:16', image: APP, expected: 'v0.10.0', actual: `${digest('new').slice(0, 19)}` },
    ]);
    expect(findings[0].message).toBe(`ghcr.io/acme/app:latest is ${digest('new').slice(0, 19)}, not v0.10.0, the highest stable tag`);
  });

  it('names the release when latest was moved to a patch of an older line', () => {
    const findings = check(rule, model({ 'v1.1.5': image('patch'), 'v1.2.0': image('b'), latest: image('patch') }, { release: release('v1.1.5') }));
    expect(findings.map((f) => f.message)).toEqual(['ghcr.io/acme/app:latest is v1.1.5, not v1.2.0, the highest stable tag']);
  });

  it('points at the config line of a component no manifest references', () => {
    const findings = check(
      rule,
      model({ 'v1.2.3': image('b'), 'v1.2.2': image('a'), latest: image('a') }, {
        imageUses: [],
        config: testConfig({ components: [located(APP, '.tagcheck.yaml', 5, 5)] }),
        componentRepositories: [APP],
      }),
    );
    expect(summarize(findings).map((f) => f.at)).toEqual(['.tagcheck.yaml:5:5']);
  });

  it('stays silent when the newest tag was not gathered or the host is unreachable', () => {
    const tags = { 'v1.2.3': image('b'), 'v1.2.2': image('a'), latest: image('a') };
    const full = registryFacts({ [APP]: tags });
    const partial: RegistryFacts = { tagList: full.tagList, tag: (r, t) => (t === 'v1.2.3' ? undefined : full.tag(r, t)) };
    expect(check(rule, model(tags, { registry: partial }))).toEqual([]);
    expect(check(rule, model(tags, { registry: registryFacts({ [APP]: tags }, { 'ghcr.io': 'TLS: self-signed certificate' }) }))).toEqual([]);
  });
});
