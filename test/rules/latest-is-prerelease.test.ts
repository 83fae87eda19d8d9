import { describe, expect, it } from 'vitest';
import rule from '../../rules/latest-is-prerelease.js';
import type { RegistryFacts, TagFacts } from '../../src/model/registry.js';
import { at, imageUse, registryFacts, release, testModel } from '../support/model.js';
import { check, indexOf, summarize } from '../support/tag-facts.js';

const APP = 'ghcr.io/acme/app';
const image = (name: string) => indexOf(name, 'linux/amd64', 'linux/arm64');

function model(tags: Record<string, TagFacts>, registry: RegistryFacts = registryFacts({ [APP]: tags })) {
  return testModel({
    release: release('v1.2.3'),
    ownRepositories: [APP],
    imageUses: [imageUse(`${APP}:v1.2.3`, at('deploy/app.yaml', 7, 16), { own: true })],
    registry,
  });
}

describe('latest-is-prerelease', () => {
  it.each([
    ['latest is the newest stable release', { 'v1.2.3': image('s'), 'v1.3.0-rc.1': image('rc'), main: image('m'), latest: image('s') }],
    ['a promoted release candidate shares the final digest', { 'v1.2.3-rc.1': image('s'), 'v1.2.3': image('s'), latest: image('s') }],
    ['main was built from the released commit', { 'v1.2.3': image('s'), main: image('s'), latest: image('s') }],
    ['latest is an older stable release (latest-not-newest-stable says so)', { 'v1.2.2': image('o'), 'v1.2.3': image('s'), latest: image('o') }],
    ['latest is absent', { 'v1.2.3': image('s'), 'v1.3.0-rc.1': image('rc') }],
  ])('is silent when %s', (_name, tags) => {
    expect(check(rule, model(tags))).toEqual([]);
  });

  it.each([
    ['an -rc tag above the newest stable', 'v1.3.0-rc.1', 'a prerelease'],
    ['main', 'main', 'a development build'],
    ['nightly', 'nightly', 'a development build'],
    ['a sha- commit tag', 'sha-3f2a1b9', 'a development build'],
  ])('reports latest equal to %s, at the manifest use', (_name, tag, kind) => {
    const findings = check(rule, model({ 'v1.2.2': image('o'), 'v1.2.3': image('s'), [tag]: image('dev'), latest: image('dev') }));
    expect(summarize(findings)).toEqual([{ ruleId: 'latest-is-prerelease', at: 'deploy/app.yaml:7:16', image: APP, expected: 'v1.2.3', actual: tag }]);
    expect(findings[0].message).toBe(`ghcr.io/acme/app:latest is the same image as ${tag}, ${kind}; the newest stable release is v1.2.3`);
  });

  it('reports a prerelease when no stable release exists yet', () => {
    const findings = check(rule, model({ 'v0.1.0-beta.1': image('b'), 'v0.1.0-beta.2': image('b2'), latest: image('b2') }));
    expect(summarize(findings)).toEqual([{ ruleId: 'latest-is-prerelease', at: 'deploy/app.yaml:7:16', image: APP, actual: 'v0.1.0-beta.2' }]);
  });

  it('stays silent when the candidate tags were not gathered or the host is unreachable', () => {
    const tags = { 'v1.2.3': image('s'), main: image('dev'), latest: image('dev') };
    const full = registryFacts({ [APP]: tags });
    const partial: RegistryFacts = { tagList: full.tagList, tag: (r, t) => (t === 'main' ? undefined : full.tag(r, t)) };
    expect(check(rule, model(tags, partial))).toEqual([]);
    expect(check(rule, model(tags, registryFacts({ [APP]: tags }, { 'ghcr.io': 'connection refused' })))).toEqual([]);
  });
});
