import { describe, expect, it } from 'vitest';
import rule from '../../rules/platform-missing.js';
import type { PlatformRequirement } from '../../src/model/config.js';
import { parsePlatform } from '../../src/model/platform.js';
import type { TagFacts } from '../../src/model/registry.js';
import { at, imageUse, registryFacts, release, testConfig, testModel } from '../support/model.js';
import { check, indexOf, singleArch, summarize } from '../support/tag-facts.js';

const APP = 'ghcr.io/acme/app';
const AGENT = 'ghcr.io/acme/agent';
const INIT = 'ghcr.io/acme/agent-init';

function requirement(pattern: string, ...platforms: string[]): PlatformRequirement {
  return { pattern, platforms: platforms.map((p) => parsePlatform(p)!) };
}

function model(tags: Record<string, TagFacts>, platforms: PlatformRequirement[] = [requirement('default', 'linux/amd64', 'linux/arm64')]) {
  return testModel({
    release: release('v1.2.3'),
    config: testConfig({ platforms }),
    ownRepositories: [APP],
    imageUses: [imageUse(`${APP}:v1.2.3`, at('deploy/app.yaml', 7, 16), { own: true })],
    registry: registryFacts({ [APP]: tags }),
  });
}

describe('platform-missing', () => {
  it.each([
    ['the index has every required platform', { 'v1.2.3': indexOf('r', 'linux/amd64', 'linux/arm64') }, undefined],
    ['arm64 comes with the implicit v8 variant', { 'v1.2.3': indexOf('r', 'linux/amd64', 'linux/arm64/v8') }, undefined],
    ['no platforms are required', { 'v1.2.3': singleArch('r') }, []],
    ['one platform is required and the single-arch image is it', { 'v1.2.3': singleArch('r') }, [requirement('default', 'linux/amd64')]],
    ['a Windows build of the required os.version is present', { 'v1.2.3': indexOf('r', 'windows/amd64:10.0.20348.2227') }, [requirement('default', 'windows/amd64:ltsc2022')]],
    ['the release tag is missing (image-missing says so)', { 'v1.2.2': indexOf('o', 'linux/amd64') }, undefined],
  ] as const)('is silent when %s', (_name, tags, platforms) => {
    expect(check(rule, model(tags, platforms as PlatformRequirement[] | undefined))).toEqual([]);
  });

  it('reports a platform missing from the release index once, naming latest when it is the same index', () => {
    const findings = check(rule, model({ 'v1.2.3': indexOf('r', 'linux/amd64'), latest: indexOf('r', 'linux/amd64') }));
    expect(summarize(findings)).toEqual([
      { ruleId: 'platform-missing', at: 'deploy/app.yaml:7:16', image: APP, expected: 'linux/amd64, linux/arm64', actual: 'linux/amd64' },
    ]);
    expect(findings[0].message).toBe('ghcr.io/acme/app:v1.2.3 (and latest) lacks linux/arm64 (it has linux/amd64)');
  });

  it('checks latest for the same platforms when it is another image', () => {
    const findings = check(rule, model({ 'v1.2.3': indexOf('r', 'linux/amd64', 'linux/arm64'), latest: indexOf('l', 'linux/amd64') }));
    expect(findings.map((f) => f.message)).toEqual(['ghcr.io/acme/app:latest lacks linux/arm64 (it has linux/amd64)']);
  });

  it('reports a release tag that is a single-arch manifest while several platforms are required', () => {
    const findings = check(rule, model({ 'v1.2.3': singleArch('r') }));
    expect(findings.map((f) => f.message)).toEqual(['ghcr.io/acme/app:v1.2.3 is a single-arch manifest (linux/amd64), but linux/amd64, linux/arm64 are required']);
  });

  it('leaves a single-arch release tag beside per-arch tags to manifest-index-missing', () => {
    expect(check(rule, model({ 'v1.2.3': singleArch('r'), 'v1.2.3-linux-amd64': singleArch('r'), 'v1.2.3-linux-arm64': singleArch('a', 'linux/arm64') }))).toEqual([]);
  });

  it.each([
    ['variants match exactly', 'linux/arm/v7', indexOf('r', 'linux/arm/v6'), 'linux/arm/v7'],
    ['Windows os.version must match', 'windows/amd64:ltsc2022', indexOf('r', 'windows/amd64:10.0.17763.5329'), 'windows/amd64:10.0.20348'],
  ])('%s', (_name, required, image, missing) => {
    const findings = check(rule, model({ 'v1.2.3': image }, [requirement('default', required)]));
    expect(findings.map((f) => f.message)).toEqual([expect.stringContaining(`lacks ${missing} (`)]);
  });

  it('applies the first matching pattern and `default` to the rest', () => {
    const platforms = [
      requirement(AGENT, 'linux/amd64', 'windows/amd64:ltsc2022'),
      requirement('ghcr.io/acme/agent-*', 'linux/amd64'),
      requirement('default', 'linux/amd64', 'linux/arm64'),
    ];
    const amd64Only = indexOf('x', 'linux/amd64');
    const base = testModel({
      release: release('v1.2.3'),
      config: testConfig({ platforms }),
      ownRepositories: [AGENT, APP, INIT],
      registry: registryFacts({ [AGENT]: { 'v1.2.3': amd64Only }, [INIT]: { 'v1.2.3': amd64Only }, [APP]: { 'v1.2.3': amd64Only } }),
    });
    expect(summarize(check(rule, base)).map((f) => [f.image, f.expected])).toEqual([
      [AGENT, 'linux/amd64, windows/amd64:10.0.20348'],
      [APP, 'linux/amd64, linux/arm64'],
    ]);
  });

  it('without a release, checks the deployed tag and latest', () => {
    const m = model({ 'v1.2.3': indexOf('r', 'linux/amd64'), latest: indexOf('l', 'linux/arm64') });
    const findings = check(rule, { ...m, release: null });
    expect(findings.map((f) => f.message)).toEqual([
      'ghcr.io/acme/app:v1.2.3 lacks linux/arm64 (it has linux/amd64)',
      'ghcr.io/acme/app:latest lacks linux/amd64 (it has linux/arm64)',
    ]);
  });

  it('stays silent for an unreachable host', () => {
    const m = model({});
    expect(check(rule, { ...m, registry: registryFacts({ [APP]: { 'v1.2.3': singleArch('r') } }, { 'ghcr.io': '401 Unauthorized' }) })).toEqual([]);
  });
});
