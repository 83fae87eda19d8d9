import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseImageRef } from '../../src/model/image-ref.js';
import { expectedImageTag, expectedReleaseImageTag, imageTagMatchesRelease, parseVersion, sameVersion, tagMatchesRelease } from '../../src/model/version.js';

const identifier = fc.stringMatching(/^[0-9A-Za-z-]{1,6}$/).filter((s) => !/^0\d/.test(s));
const semverText = fc
  .record({
    major: fc.nat(200), minor: fc.nat(200), patch: fc.nat(200),
    pre: fc.array(identifier, { maxLength: 2 }),
    build: fc.array(fc.stringMatching(/^[0-9A-Za-z-]{1,6}$/), { maxLength: 2 }),
    prefix: fc.constantFrom('', 'v', 'V'),
  })
  .map(({ major, minor, patch, pre, build, prefix }) =>
    `${prefix}${major}.${minor}.${patch}${pre.length ? `-${pre.join('.')}` : ''}${build.length ? `+${build.join('.')}` : ''}`);
const tagFormat = fc.constantFrom('same', 'exact', '{version}', 'v{version}', 'release-{version}');
const actualTag = fc.oneof(semverText.map((t) => t.replace('+', '_')), fc.constantFrom('latest', 'main', 'sha-1a2b3c'));

describe('release tag comparison (src/model/version.ts)', () => {
  it('the suggested tag always matches the release, is a valid OCI tag, and is stable', () => {
    fc.assert(fc.property(semverText, tagFormat, actualTag, (tag, format, actual) => {
      const release = { tag, version: parseVersion(tag) };
      expect(release.version).not.toBeNull();
      const expected = expectedReleaseImageTag(release, format, actual);
      expect(imageTagMatchesRelease(expected, release, format)).toBe(true);
      expect(parseImageRef(`ghcr.io/acme/app:${expected}`).ok).toBe(true);
      // asking again with the suggestion gives the suggestion (the user's convention is kept, not flipped)
      expect(expectedReleaseImageTag(release, format, expected)).toBe(expected);
    }), { numRuns: 1000 });
  });

  it('same: a tag matches exactly when it is the same version, prerelease and build included', () => {
    fc.assert(fc.property(semverText, semverText, (a, b) => {
      const release = { tag: a, version: parseVersion(a)! };
      const other = parseVersion(b)!;
      const equal = other.version === release.version.version && other.semver.build.join('.') === release.version.semver.build.join('.');
      expect(imageTagMatchesRelease(b.replace('+', '_'), release, 'same')).toBe(equal);
      expect(sameVersion(b, release.version)).toBe(equal);
    }), { numRuns: 1000 });
  });

  it('a release that is not semver matches its own text only', () => {
    const release = { tag: 'release-2024-06', version: null };
    expect(imageTagMatchesRelease('release-2024-06', release, 'same')).toBe(true);
    expect(imageTagMatchesRelease('release-2024-6', release, 'same')).toBe(false);
    expect(expectedReleaseImageTag(release, 'v{version}', 'v1.0.0')).toBe('release-2024-06');
  });

  // The cases rules/support/versions.ts once corrected on top of src/model, now the model's own behaviour.
  it.each([
    ['same', 'v1.28.3_k3s1', true],
    ['same', '1.28.3_k3s1', true],
    ['same', 'v1.28.3', false],
    ['same', 'v1.28.3_k3s2', false],
    ['exact', 'v1.28.3_k3s1', true],
    ['exact', 'v1.28.3+k3s1', false],
    ['exact', '1.28.3_k3s1', false],
    ['v{version}', 'v1.28.3_k3s1', true],
    ['v{version}', 'v1.28.3', false],
    ['{version}', '1.28.3_k3s1', true],
  ] as const)('release v1.28.3+k3s1 under %s: %s matches = %s', (format, tag, matches) => {
    expect(tagMatchesRelease(tag, parseVersion('v1.28.3+k3s1')!, format)).toBe(matches);
  });

  it.each([
    ['same', undefined, 'v1.28.3_k3s1'],
    ['same', 'v1.28.2_k3s1', 'v1.28.3_k3s1'],
    ['same', '1.28.2', '1.28.3_k3s1'],
    ['same', '1.28.3_k3s1', '1.28.3_k3s1'],
    ['same', 'latest', 'v1.28.3_k3s1'],
    ['exact', 'v1.28.2', 'v1.28.3_k3s1'],
    ['v{version}', 'v1.28.2', 'v1.28.3_k3s1'],
    ['release-{version}', undefined, 'release-1.28.3_k3s1'],
  ] as const)('release v1.28.3+k3s1 under %s, written %s: expects %s', (format, actual, expected) => {
    expect(expectedImageTag(parseVersion('v1.28.3+k3s1')!, format, actual)).toBe(expected);
  });

  it('keeps the user\'s convention without build metadata too: 0.0.0_a reads as 0.0.0+a', () => {
    expect(expectedImageTag(parseVersion('v1.2.3')!, 'same', '0.0.0_a')).toBe('1.2.3');
    expect(expectedImageTag(parseVersion('v1.2.3')!, 'same', 'v0.0.0_a')).toBe('v1.2.3');
    expect(tagMatchesRelease('1.2.3_a', parseVersion('v1.2.3')!, 'same')).toBe(false);
  });
});
