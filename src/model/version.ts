// The three functions, not the package index: the index loads every range and comparator module (~50 files),
// a measurable share of an offline check's start-up.
import type { SemVer } from 'semver';
import compareSemver from 'semver/functions/compare.js';
import equalSemver from 'semver/functions/eq.js';
import parseSemver from 'semver/functions/parse.js';

/** A git or image tag read as a semantic version; `v`/`V` prefixes are accepted, as real projects use both. */
export interface Version {
  /** the tag exactly as written, e.g. `v0.29.0` */
  tag: string;
  /** the normalized SemVer string without prefix, e.g. `0.29.0` */
  version: string;
  prerelease: boolean;
  vPrefix: boolean;
  semver: SemVer;
}

export function parseVersion(tag: string): Version | null {
  const trimmed = tag.trim();
  const vPrefix = /^[vV]/.test(trimmed);
  const body = vPrefix ? trimmed.slice(1) : trimmed;
  // semver.parse itself strips one more `v` or `=` (`vv1.2.3`, `=1.2.3`): not versions anyone tags.
  if (!/^[0-9]/.test(body)) return null;
  const parsed = parseSemver(body);
  if (!parsed) return null;
  return { tag, version: parsed.version, prerelease: parsed.prerelease.length > 0, vPrefix, semver: parsed };
}

/** SemVer precedence (never lexical): `v0.45.0-rc.1` < `v0.45.0` < `v0.100.0`. */
export function compareVersions(a: Version, b: Version): number {
  return compareSemver(a.semver, b.semver);
}

/**
 * Whether an image tag is the release under the configured `tagFormat`:
 * `same` ignores a `v` prefix on either side, `exact` compares text, a template like `v{version}` is filled in.
 */
export function tagMatchesRelease(imageTag: string, release: Version, tagFormat: string): boolean {
  if (tagFormat === 'same') {
    const parsed = parseVersion(imageTag);
    return parsed !== null && equalSemver(parsed.semver, release.semver) && parsed.semver.build.join('.') === release.semver.build.join('.');
  }
  return imageTag === expectedImageTag(release, tagFormat, imageTag);
}

/**
 * The tag an own image should carry. Under `same` it keeps the prefix convention of the tag the user wrote
 * (`0.28.1` → `0.29.0`, `v0.28.1` → `v0.29.0`), so the suggestion is what they would type.
 */
export function expectedImageTag(release: Version, tagFormat: string, actualTag?: string): string {
  if (tagFormat === 'exact') return release.tag;
  if (tagFormat === 'same') {
    const actual = actualTag === undefined ? null : parseVersion(actualTag);
    if (!actual) return release.tag;
    return actual.vPrefix ? `${actualTag!.trim()[0]}${release.version}` : release.version;
  }
  return tagFormat.replaceAll('{version}', release.version);
}
