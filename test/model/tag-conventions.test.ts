import { describe, expect, it } from 'vitest';
import {
  hasReleaseTag,
  highestStable,
  isDevelopmentTag,
  latestCandidates,
  perArchTagsOf,
  releaseImageTag,
  splitPerArchTag,
} from '../../src/model/tag-conventions.js';
import { parseVersion } from '../../src/model/version.js';

describe('per-arch tag conventions', () => {
  it.each([
    ['v1.2.3-linux-amd64', 'v1.2.3', 'linux-amd64'],
    ['v1.2.3-windows-ltsc2022-amd64', 'v1.2.3', 'windows-ltsc2022-amd64'],
    ['v1.2.3-amd64', 'v1.2.3', 'amd64'],
    ['v1.2.3-arm64', 'v1.2.3', 'arm64'],
    ['v1.2.3-arm', 'v1.2.3', 'arm'],
    ['v1.2.3-linux-arm-v7', 'v1.2.3', 'linux-arm-v7'],
    ['1.2.3-rc.1-linux-arm64', '1.2.3-rc.1', 'linux-arm64'],
    ['latest-amd64', 'latest', 'amd64'],
  ])('splits %s into %s and %s', (tag, base, suffix) => {
    expect(splitPerArchTag(tag)).toEqual({ base, suffix });
  });

  it.each(['v1.2.3', 'v1.2.3-rc.1', 'main', 'sha-3f2a1b9', 'v1.2.3-alpine', 'amd64'])('does not take %s for a per-arch tag', (tag) => {
    expect(splitPerArchTag(tag)).toBeNull();
  });

  it('finds the per-arch tags of one base only', () => {
    expect(perArchTagsOf(['v1.2.3-amd64', 'v1.2.3-rc.1-amd64', 'v1.2.30-arm64', 'v1.2.3-linux-arm64', 'v1.2.3'], 'v1.2.3')).toEqual(['v1.2.3-amd64', 'v1.2.3-linux-arm64']);
  });
});

describe('versions among tags', () => {
  it('orders by SemVer precedence, ignores non-versions and per-arch tags, and keeps both spellings', () => {
    const tags = ['v0.9.0', 'v0.10.0', '0.10.0', 'v0.45.0-rc.1', 'v0.10.0-amd64', 'stable', '1.2', 'latest'];
    expect(highestStable(tags)).toMatchObject({ version: { version: '0.10.0' }, tags: ['v0.10.0', '0.10.0'] });
    expect(highestStable(['main', 'v1.0.0-rc.1'])).toBeNull();
  });

  it('bounds the latest candidates: newer prereleases, branch tags, the last commit tags', () => {
    const tags = ['v1.0.0', 'v1.1.0-rc.1', 'v1.1.0-rc.2', 'v0.9.0-rc.1', 'main', 'nightly', 'feature-x', ...Array.from({ length: 12 }, (_, i) => `sha-${String(i).padStart(7, 'a')}`)];
    const candidates = latestCandidates(tags);
    expect(candidates.prereleases).toEqual(['v1.1.0-rc.2', 'v1.1.0-rc.1']);
    expect(candidates.branches).toEqual(['main', 'nightly']);
    expect(candidates.commits).toHaveLength(8);
    expect(candidates.commits.at(-1)).toBe('sha-aaaaa11');
  });

  it.each([
    ['main', true],
    ['edge', true],
    ['sha-3f2a1b9', true],
    ['3f2a1b93f2a1b93f2a1b93f2a1b93f2a1b93f2a1', true],
    ['v1.2.3', false],
    ['latest', false],
  ])('isDevelopmentTag(%s) is %s', (tag, expected) => {
    expect(isDevelopmentTag(tag)).toBe(expected);
  });
});

describe('releaseImageTag', () => {
  const release = parseVersion('v1.2.3')!;
  it.each([
    ['the listed spelling of the release tag first', ['1.2.3', 'v1.2.3'], [], 'same', 'v1.2.3'],
    ['the other spelling when only it is listed', ['1.2.3', '1.2.2'], [], 'same', '1.2.3'],
    ['the spelling the manifests use', ['1.2.2'], ['1.2.3'], 'same', '1.2.3'],
    ['the base of per-arch tags', ['1.2.3-amd64', '1.2.3-arm64'], [], 'same', '1.2.3'],
    ['the repository convention', ['1.2.1', '1.2.2'], [], 'same', '1.2.3'],
    ['the release tag itself with no convention', [], [], 'same', 'v1.2.3'],
    ['the template of tagFormat', ['v1.2.2'], [], '{version}', '1.2.3'],
  ])('picks %s', (_name, listed, referenced, tagFormat, expected) => {
    expect(releaseImageTag(release, tagFormat, listed, referenced)).toBe(expected);
  });
});

describe('build metadata in the release (`_` spells `+` in an image tag)', () => {
  const release = parseVersion('v1.28.3+k3s1')!;
  it.each([
    ['the listed spelling', ['v1.28.2_k3s1', 'v1.28.3_k3s1'], 'same', 'v1.28.3_k3s1'],
    ['the convention of the repository', ['1.28.2', 'latest'], 'same', '1.28.3_k3s1'],
    ['the template of tagFormat', ['v1.28.2'], 'v{version}', 'v1.28.3_k3s1'],
    ['the exact release tag in OCI spelling', [], 'exact', 'v1.28.3_k3s1'],
  ])('picks %s', (_name, listed, tagFormat, expected) => {
    expect(releaseImageTag(release, tagFormat, listed)).toBe(expected);
  });
  it('counts only a tag with the same build as the release', () => {
    expect(hasReleaseTag(release, 'same', ['v1.28.3', 'v1.28.3_k3s2'])).toBe(false);
    expect(hasReleaseTag(release, 'same', ['v1.28.3_k3s1'])).toBe(true);
  });
});
