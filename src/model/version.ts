// The two functions, not the package index: the index loads every range and comparator module (~50 files),
// a measurable share of an offline check's start-up.
import type { SemVer } from 'semver';
import compareSemver from 'semver/functions/compare.js';
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
 * Build metadata in image tags: a tag cannot contain `+`, so, as Helm does when it pushes a chart `1.2.3+build`
 * to an OCI registry, `_` stands for `+` (release `v1.28.3+k3s1` → image tag `v1.28.3_k3s1`).
 */

/** `1.2.3+build.5` (semver's own `version` drops the build metadata). */
export function versionWithBuild(release: Version): string {
  const build = release.semver.build.join('.');
  return build ? `${release.version}+${build}` : release.version;
}

/** `v1.2.3+b1` → `v1.2.3_b1`: the spelling a registry accepts. */
export function ociTagSpelling(tag: string): string {
  return tag.replace('+', '_');
}

/** `v1.2.3_b1` → `v1.2.3+b1`: an image tag read back as the version it spells. */
function versionSpellingOfTag(tag: string): string {
  return tag.replace('_', '+');
}

/** `same` semantics for plain strings such as a Chart `appVersion`: v-prefix insensitive, build metadata compared. */
export function sameVersion(text: string, release: Version): boolean {
  const parsed = parseVersion(text);
  return parsed !== null && text === text.trim() && parsed.version === release.version && parsed.semver.build.join('.') === release.semver.build.join('.');
}

/** The release written in the prefix convention of `actual` (`0.28.1` → `0.29.0`, `v0.28.1` → `v0.29.0`), build included. */
export function releaseInConventionOf(release: Version, actual: string): string {
  const parsed = parseVersion(actual);
  const prefix = parsed?.vPrefix ? actual.trim()[0] : '';
  return `${prefix}${versionWithBuild(release)}`;
}

/**
 * Whether an image tag is the release under the configured `tagFormat`:
 * `same` ignores a `v` prefix on either side, `exact` compares text, a template like `v{version}` is filled in.
 * Build metadata counts everywhere, spelled `_` in the image tag.
 */
export function tagMatchesRelease(imageTag: string, release: Version, tagFormat: string): boolean {
  if (tagFormat === 'same') return sameVersion(versionSpellingOfTag(imageTag), release);
  return imageTag === expectedImageTag(release, tagFormat, imageTag);
}

/**
 * The tag an own image should carry, a valid OCI tag. Under `same` it keeps the prefix convention of the tag the
 * user wrote (`0.28.1` → `0.29.0`, `v0.28.1` → `v0.29.0`, `0.0.0_a` like `0.0.0`), so the suggestion is what they
 * would type, and asking again with the suggestion gives the suggestion.
 */
export function expectedImageTag(release: Version, tagFormat: string, actualTag?: string): string {
  if (tagFormat === 'exact') return ociTagSpelling(release.tag);
  if (tagFormat === 'same') {
    const written = actualTag === undefined ? undefined : versionSpellingOfTag(actualTag);
    const convention = written !== undefined && parseVersion(written) ? releaseInConventionOf(release, written) : release.tag;
    return ociTagSpelling(convention);
  }
  return tagFormat.replaceAll('{version}', ociTagSpelling(versionWithBuild(release)));
}

/** A release as the rules see it: its tag, and its version when the tag is one. */
export interface ReleaseTag {
  tag: string;
  version: Version | null;
}

/** tagMatchesRelease for any release tag; a release that is not semver compares text. */
export function imageTagMatchesRelease(tag: string, release: ReleaseTag, tagFormat: string): boolean {
  return release.version ? tagMatchesRelease(tag, release.version, tagFormat) : tag === release.tag;
}

/** expectedImageTag for any release tag; a release that is not semver is its own tag. */
export function expectedReleaseImageTag(release: ReleaseTag, tagFormat: string, actual?: string): string {
  return release.version ? expectedImageTag(release.version, tagFormat, actual) : release.tag;
}

/**
 * A release tag: a version, or a version after a component prefix, as monorepos and chart releasers tag
 * (`controller-v1.12.2`, `api/v1.2.3`, `external-dns-helm-chart-1.10.1`). The returned `tag` is the version
 * part, the text an image of that component is tagged with.
 */
export function parseReleaseTag(tag: string): Version | null {
  const direct = parseVersion(tag);
  if (direct) return direct;
  const prefixed = /^[A-Za-z][\w./-]*?[-/_]([vV]?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)$/.exec(tag.trim());
  return prefixed ? parseVersion(prefixed[1]) : null;
}
