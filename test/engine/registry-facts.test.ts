import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { gatherRegistryFacts } from '../../src/engine/registry-facts.js';
import { runRules } from '../../src/engine/run-rules.js';
import type { PlatformRequirement } from '../../src/model/config.js';
import { parsePlatform } from '../../src/model/platform.js';
import type { Lookup, TagFacts } from '../../src/model/registry.js';
import type { ReleaseModel } from '../../src/model/release.js';
import type { RegistrySource } from '../../src/sources/registry/source.js';
import { at, imageUse, registryFacts, release, testConfig, testModel } from '../support/model.js';
import { indexOf, singleArch } from '../support/tag-facts.js';

type Repositories = Record<string, Record<string, TagFacts>>;

/**
 * An in-memory RegistrySource that counts every question and answers after a tick, so concurrent
 * questions really overlap. It tests the request plan, not HTTP (the real client is tested elsewhere).
 */
function countingSource(repositories: Repositories, unreachableHosts: Record<string, string> = {}) {
  const asked: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const answer = async <T>(question: string, repository: string, value: () => Lookup<T>): Promise<Lookup<T>> => {
    asked.push(question);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await new Promise((resolve) => setTimeout(resolve, 2));
    inFlight--;
    const host = repository.split('/')[0];
    if (unreachableHosts[host]) return { status: 'unreachable', host, reason: unreachableHosts[host] };
    return value();
  };
  const source: RegistrySource = {
    listTags: (repository) =>
      answer<string[]>(`list ${repository}`, repository, () =>
        repositories[repository] ? { status: 'found', value: Object.keys(repositories[repository]) } : { status: 'not-found' },
      ),
    getTag: (repository, tag) =>
      answer<TagFacts>(`tag ${repository}:${tag}`, repository, () => {
        const facts = repositories[repository]?.[tag];
        return facts ? { status: 'found', value: facts } : { status: 'not-found' };
      }),
  };
  return { source, asked, maxInFlight: () => maxInFlight };
}

const APP = 'ghcr.io/acme/app';
const API = 'ghcr.io/acme/api';
const TRACE = 'ghcr.io/acme/trace';
const both = (name: string) => indexOf(name, 'linux/amd64', 'linux/arm64');
const twoPlatforms: PlatformRequirement[] = [{ pattern: 'default', platforms: ['linux/amd64', 'linux/arm64'].map((p) => parsePlatform(p)!) }];

function ownModel(fields: Partial<ReleaseModel> = {}, platforms: PlatformRequirement[] = twoPlatforms): ReleaseModel {
  return testModel({
    release: release('v1.2.3'),
    config: testConfig({ platforms }),
    ownRepositories: [APP],
    imageUses: [imageUse(`${APP}:v1.2.3`, at('deploy/app.yaml', 7, 16), { own: true })],
    ...fields,
  });
}

async function gather(model: ReleaseModel, repositories: Repositories, unreachable: Record<string, string> = {}) {
  const counting = countingSource(repositories, unreachable);
  const facts = await gatherRegistryFacts(model, counting.source);
  return { facts, asked: counting.asked.sort(), maxInFlight: counting.maxInFlight() };
}

const older = { 'v1.2.0': both('v1.2.0'), 'v1.2.1': both('v1.2.1'), 'v1.2.2': both('v1.2.2') };

describe('gatherRegistryFacts: the request plan', () => {
  it('asks a clean release with latest three questions per own repository: tag list, release tag, latest', async () => {
    const { asked, facts } = await gather(ownModel(), { [APP]: { ...older, 'v1.2.3': both('r'), latest: both('r') } });
    expect(asked).toEqual([`list ${APP}`, `tag ${APP}:latest`, `tag ${APP}:v1.2.3`]);
    expect(facts.tag(APP, 'v1.2.3')).toEqual({ status: 'found', value: both('r') });
  });

  it('asks only the tag list when nothing needs a manifest (no platforms, no latest, no per-arch tags)', async () => {
    const { asked, facts } = await gather(ownModel({}, []), { [APP]: { ...older, 'v1.2.3': both('r') } });
    expect(asked).toEqual([`list ${APP}`]);
    // tags are answered from the list: listed ones were not asked, unlisted ones are not found
    expect(facts.tag(APP, 'v1.2.3')).toBeUndefined();
    expect(facts.tag(APP, 'v9.9.9')).toEqual({ status: 'not-found' });
  });

  it('asks the release tag without platforms when per-arch tags of it are listed', async () => {
    const { asked } = await gather(ownModel({}, []), { [APP]: { 'v1.2.3': singleArch('r'), 'v1.2.3-linux-amd64': singleArch('r'), 'v1.2.3-linux-arm64': singleArch('a') } });
    expect(asked).toEqual([`list ${APP}`, `tag ${APP}:v1.2.3`]);
  });

  it('asks nothing more of a repository that does not exist or cannot be listed', async () => {
    const model = ownModel({ ownRepositories: [APP, 'quay.io/acme/api'] });
    const { asked, facts } = await gather(model, { 'quay.io/acme/api': older }, { 'quay.io': 'connection refused' });
    expect(asked).toEqual([`list ${APP}`, 'list quay.io/acme/api']);
    expect(facts.tag(APP, 'v1.2.3')).toEqual({ status: 'not-found' });
    expect(facts.tag('quay.io/acme/api', 'v1.2.3')).toEqual({ status: 'unreachable', host: 'quay.io', reason: 'connection refused' });
  });

  it('asks the highest stable tag when it is not the release, and nothing more when latest is it', async () => {
    const { asked } = await gather(ownModel({ release: release('v1.1.9') }, []), { [APP]: { ...older, 'v1.1.9': both('p'), latest: both('v1.2.2') } });
    expect(asked).toEqual([`list ${APP}`, `tag ${APP}:latest`, `tag ${APP}:v1.2.2`]);
  });

  it('compares latest with other spellings, newer prereleases and branch tags only when it is not the newest stable', async () => {
    const tags = {
      ...older,
      '1.2.2': both('v1.2.2-plain'),
      'v1.2.3-rc.1': both('rc1'),
      'v1.2.1-rc.1': both('old-rc'),
      main: both('main'),
      'sha-0000001': both('c1'),
      latest: both('main'),
    };
    const { asked } = await gather(ownModel({ release: null, imageUses: [] }, []), { [APP]: tags });
    expect(asked).toEqual([`list ${APP}`, `tag ${APP}:1.2.2`, `tag ${APP}:latest`, `tag ${APP}:main`, `tag ${APP}:v1.2.2`, `tag ${APP}:v1.2.3-rc.1`]);
  });

  it('asks a bounded number of commit tags, and only when nothing else matched latest', async () => {
    const commits = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`sha-${String(i).padStart(7, '0')}`, both(`c${i}`)]));
    const { asked } = await gather(ownModel({ release: null, imageUses: [] }, []), { [APP]: { ...older, ...commits, latest: both('c19') } });
    const askedCommits = asked.filter((q) => q.includes(':sha-'));
    expect(askedCommits).toHaveLength(8);
    expect(askedCommits).toContain(`tag ${APP}:sha-0000019`);
    expect(asked).toHaveLength(1 + 2 + 8);
  });

  it('bounds the prerelease candidates to the five newest above the highest stable', async () => {
    const rcs = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`v1.3.0-rc.${i + 1}`, both(`rc${i + 1}`)]));
    const { asked } = await gather(ownModel({ release: null, imageUses: [] }, []), { [APP]: { ...older, ...rcs, latest: both('elsewhere') } });
    expect(asked.filter((q) => q.includes('-rc.'))).toEqual(['v1.3.0-rc.10', 'v1.3.0-rc.11', 'v1.3.0-rc.12', 'v1.3.0-rc.8', 'v1.3.0-rc.9'].map((t) => `tag ${APP}:${t}`));
  });

  it('asks each third-party image tag once; an untagged reference is latest; a digest-pinned one is not asked', async () => {
    const model = ownModel({
      imageUses: [
        imageUse('nginx:1.25', at('a.yaml', 1, 1)),
        imageUse('docker.io/library/nginx:1.25', at('b.yaml', 1, 1)),
        imageUse('quay.io/prometheus/node-exporter', at('c.yaml', 1, 1)),
        imageUse(`busybox@sha256:${'b'.repeat(64)}`, at('d.yaml', 1, 1)),
      ],
    });
    const { asked } = await gather(model, {});
    expect(asked).toEqual(['list ghcr.io/acme/app', 'tag docker.io/library/nginx:1.25', 'tag quay.io/prometheus/node-exporter:latest']);
  });

  it('answers own tags the manifests use from the tag list, without a request', async () => {
    const model = ownModel({ release: null, imageUses: [imageUse(`${APP}:v1.2.9`, at('a.yaml', 1, 1), { own: true })] }, []);
    const { asked, facts } = await gather(model, { [APP]: older });
    expect(asked).toEqual([`list ${APP}`]);
    expect(facts.tag(APP, 'v1.2.9')).toEqual({ status: 'not-found' });
  });

  it('asks every repository concurrently and never the same question twice', async () => {
    const repositories: Repositories = {};
    const own = Array.from({ length: 10 }, (_, i) => `ghcr.io/acme/c${i}`);
    for (const r of own) repositories[r] = { ...older, 'v1.2.3': both(r), latest: both(r) };
    const model = ownModel({ ownRepositories: own, componentRepositories: own, imageUses: own.map((r) => imageUse(`${r}:v1.2.3`, at('a.yaml', 1, 1), { own: true })) });
    const { asked, maxInFlight } = await gather(model, repositories);
    expect(asked).toHaveLength(30);
    expect(new Set(asked).size).toBe(30);
    expect(maxInFlight).toBeGreaterThanOrEqual(10);
  });

  it('turns a source that throws into an unreachable answer', async () => {
    const source: RegistrySource = {
      listTags: async () => {
        throw new Error('socket hang up');
      },
      getTag: async () => ({ status: 'not-found' }),
    };
    const facts = await gatherRegistryFacts(ownModel(), source);
    expect(facts.tagList(APP)).toEqual({ status: 'unreachable', host: 'ghcr.io', reason: 'socket hang up' });
  });
});

/** The registry states of the integration scenarios, in memory. */
const scenarios: Record<string, { model: ReleaseModel; repositories: Repositories; expected: string[] }> = {
  'release tag missing': { model: ownModel(), repositories: { [APP]: { ...older, latest: both('v1.2.2') } }, expected: ['image-missing'] },
  'per-arch tags without index': {
    model: ownModel(),
    repositories: { [APP]: { ...older, latest: both('v1.2.2'), 'v1.2.3-linux-amd64': singleArch('a'), 'v1.2.3-linux-arm64': singleArch('b', 'linux/arm64') } },
    expected: ['manifest-index-missing'],
  },
  'arm64 missing from the index': { model: ownModel(), repositories: { [APP]: { ...older, 'v1.2.3': indexOf('r', 'linux/amd64'), latest: indexOf('r', 'linux/amd64') } }, expected: ['platform-missing'] },
  'latest is an -rc tag': { model: ownModel(), repositories: { [APP]: { ...older, 'v1.2.3': both('r'), 'v1.3.0-rc.1': both('rc'), latest: both('rc') } }, expected: ['latest-is-prerelease'] },
  'latest is main': { model: ownModel(), repositories: { [APP]: { ...older, 'v1.2.3': both('r'), main: both('m'), 'sha-1234567': both('m'), latest: both('m') } }, expected: ['latest-is-prerelease'] },
  'latest absent': { model: ownModel(), repositories: { [APP]: { ...older, 'v1.2.3': both('r') } }, expected: ['latest-missing'] },
  'latest left at an older release': { model: ownModel(), repositories: { [APP]: { ...older, 'v1.2.3': both('r'), latest: both('v1.2.1') } }, expected: ['latest-not-newest-stable'] },
  'two of three components at the old release': {
    model: ownModel({ ownRepositories: [API, APP, TRACE], componentRepositories: [API, TRACE] }),
    repositories: { [APP]: { ...older, 'v1.2.3': both('r'), latest: both('r') }, [API]: { ...older, latest: both('v1.2.2') }, [TRACE]: { ...older, latest: both('v1.2.2') } },
    expected: ['components-out-of-sync', 'components-out-of-sync'],
  },
  'registry down': { model: ownModel(), repositories: {}, expected: ['registry-unreachable'] },
  'clean release': {
    model: ownModel({ ownRepositories: [API, APP], componentRepositories: [API] }),
    repositories: { [APP]: { ...older, 'v1.2.3': both('r'), latest: both('r') }, [API]: { ...older, 'v1.2.3': both('a'), latest: both('a') } },
    expected: [],
  },
};

describe('gatherRegistryFacts: gathers everything the rules need', () => {
  it.each(Object.entries(scenarios))('%s: the gathered facts give the same findings as the full registry state', async (name, { model, repositories, expected }) => {
    const down: Record<string, string> = name === 'registry down' ? { 'ghcr.io': 'connection refused' } : {};
    const gathered = await gatherRegistryFacts(model, countingSource(repositories, down).source);
    const fromGathered = runRules(rules, { ...model, registry: gathered });
    const fromEverything = runRules(rules, { ...model, registry: registryFacts(repositories, down) });
    expect(fromGathered).toEqual(fromEverything);
    expect(fromGathered.map((f) => f.ruleId)).toEqual(expected);
  });
});
