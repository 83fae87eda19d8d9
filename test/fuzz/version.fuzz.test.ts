import fc from 'fast-check';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import {
  compareVersions, expectedImageTag, expectedReleaseImageTag, imageTagMatchesRelease, parseVersion, tagMatchesRelease, type Version,
} from '../../src/model/version.js';
import { highestTag } from '../../src/sources/git/tags.js';

const RUNS = 5000;

const numeric = fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 200 })).map(String);
const prereleaseId = fc.oneof(fc.constantFrom('rc', 'alpha', 'beta', 'dev'), numeric, fc.stringMatching(/^[0-9A-Za-z-]{1,6}$/).filter((id) => !/^0\d/.test(id)));
const versionText = fc
  .record({
    core: fc.tuple(numeric, numeric, numeric),
    prerelease: fc.option(fc.array(prereleaseId, { minLength: 1, maxLength: 3 }), { nil: undefined }),
    build: fc.option(fc.array(fc.stringMatching(/^[0-9A-Za-z-]{1,6}$/), { minLength: 1, maxLength: 2 }), { nil: undefined }),
  })
  .map(({ core, prerelease, build }) => `${core.join('.')}${prerelease ? `-${prerelease.join('.')}` : ''}${build ? `+${build.join('.')}` : ''}`);
const prefixed = fc.tuple(fc.constantFrom('', 'v', 'V'), versionText).map(([prefix, text]) => `${prefix}${text}`);

function version(text: string): Version {
  const parsed = parseVersion(text);
  if (!parsed) throw new Error(`generated an invalid version: ${text}`);
  return parsed;
}

describe('parseVersion under random input', () => {
  it('never throws on any text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 80 }), (text) => { parseVersion(text); }), { numRuns: RUNS });
  });

  it('accepts every generated SemVer, with or without a v prefix, and keeps the tag as written', () => {
    fc.assert(fc.property(prefixed, (text) => {
      const parsed = version(text);
      expect(parsed.tag).toBe(text);
      expect(parsed.vPrefix).toBe(/^[vV]/.test(text));
      expect(parsed.prerelease).toBe(semver.prerelease(parsed.version) !== null);
    }), { numRuns: RUNS });
  });
});

describe('compareVersions is a total order consistent with SemVer precedence', () => {
  it('is reflexive and antisymmetric', () => {
    fc.assert(fc.property(prefixed, prefixed, (a, b) => {
      expect(compareVersions(version(a), version(a))).toBe(0);
      // antisymmetric: the signs cancel (a sum, not toBe(-x): toBe tells -0 from 0 when the two are equal)
      expect(Math.sign(compareVersions(version(a), version(b))) + Math.sign(compareVersions(version(b), version(a)))).toBe(0);
    }), { numRuns: RUNS });
  });

  it('is transitive', () => {
    fc.assert(fc.property(prefixed, prefixed, prefixed, (a, b, c) => {
      const [x, y, z] = [a, b, c].map(version).sort(compareVersions);
      expect(compareVersions(x, y)).toBeLessThanOrEqual(0);
      expect(compareVersions(y, z)).toBeLessThanOrEqual(0);
      expect(compareVersions(x, z)).toBeLessThanOrEqual(0);
    }), { numRuns: RUNS });
  });

  it('agrees with SemVer precedence and ignores the v prefix', () => {
    fc.assert(fc.property(versionText, versionText, fc.constantFrom('', 'v'), fc.constantFrom('', 'v'), (a, b, pa, pb) => {
      expect(Math.sign(compareVersions(version(pa + a), version(pb + b)))).toBe(Math.sign(semver.compare(a, b)));
    }), { numRuns: RUNS });
  });

  it('puts every prerelease below its release: v0.45.0-rc.1 < v0.45.0', () => {
    expect(compareVersions(version('v0.45.0-rc.1'), version('v0.45.0'))).toBeLessThan(0);
    expect(compareVersions(version('v0.100.0'), version('v0.45.0'))).toBeGreaterThan(0);
    fc.assert(fc.property(fc.tuple(numeric, numeric, numeric), fc.array(prereleaseId, { minLength: 1, maxLength: 3 }), (core, pre) => {
      const release = core.join('.');
      expect(compareVersions(version(`v${release}-${pre.join('.')}`), version(`v${release}`))).toBeLessThan(0);
    }), { numRuns: RUNS });
  });

  it('makes highestTag independent of the order git lists tags in', () => {
    fc.assert(fc.property(fc.array(fc.oneof(prefixed, fc.constantFrom('latest', 'nightly', 'main')), { maxLength: 8 }), (tags) => {
      const best = highestTag(tags);
      expect(highestTag([...tags].reverse())).toBe(best);
      const versions = tags.map(parseVersion).filter((v): v is Version => v !== null);
      if (versions.length) for (const other of versions) expect(compareVersions(version(best!), other)).toBeGreaterThanOrEqual(0);
    }), { numRuns: RUNS });
  });
});

describe('tagMatchesRelease under tagFormat same', () => {
  it('is symmetric with respect to a v prefix on either side', () => {
    fc.assert(fc.property(versionText, versionText, (image, releaseText) => {
      const answer = tagMatchesRelease(image, version(releaseText), 'same');
      expect(tagMatchesRelease(`v${image}`, version(releaseText), 'same')).toBe(answer);
      expect(tagMatchesRelease(image, version(`v${releaseText}`), 'same')).toBe(answer);
      expect(tagMatchesRelease(`v${image}`, version(`v${releaseText}`), 'same')).toBe(answer);
    }), { numRuns: RUNS });
  });

  it('matches a release to itself and to the suggested tag, and never matches a different precedence', () => {
    // build metadata included: the suggestion spells `+b1` as `_b1`, which no longer matches without it
    fc.assert(fc.property(prefixed, prefixed, (image, releaseText) => {
      const release = version(releaseText);
      expect(tagMatchesRelease(releaseText, release, 'same')).toBe(true);
      expect(tagMatchesRelease(expectedImageTag(release, 'same', image), release, 'same')).toBe(true);
      if (compareVersions(version(image), release) !== 0) expect(tagMatchesRelease(image, release, 'same')).toBe(false);
    }), { numRuns: RUNS });
  });

  it('matches the suggested tag under every format, build metadata included (what the rules use)', () => {
    fc.assert(fc.property(prefixed, prefixed, fc.constantFrom('same', 'exact', 'v{version}', '{version}'), (image, releaseText, format) => {
      const release = { tag: releaseText, version: version(releaseText) };
      const suggested = expectedReleaseImageTag(release, format, image);
      expect(suggested).toMatch(/^[\w][\w.-]*$/);
      expect(imageTagMatchesRelease(suggested, release, format)).toBe(true);
    }), { numRuns: RUNS });
  });

  it('never throws on arbitrary image tags, under any format', () => {
    fc.assert(fc.property(fc.string({ maxLength: 40 }), prefixed, fc.constantFrom('same', 'exact', 'v{version}', '{version}'), (image, releaseText, format) => {
      tagMatchesRelease(image, version(releaseText), format);
    }), { numRuns: RUNS });
  });
});
