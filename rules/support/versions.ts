import type { Version } from '../../src/model/version.js';
import { parseVersion, tagMatchesRelease } from '../../src/model/version.js';

/**
 * Version comparisons shared by the release rules. They wrap src/model's tagMatchesRelease/expectedImageTag
 * and add the one thing an OCI tag needs: build metadata. A tag cannot contain `+`, so, as Helm does when it
 * pushes a chart `1.2.3+build` to an OCI registry, `_` stands for `+` in image tags.
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

/** Whether an image tag is the release under `tagFormat`; a release that is not semver compares text. */
export function imageTagMatchesRelease(tag: string, release: { tag: string; version: Version | null }, tagFormat: string): boolean {
  if (!release.version) return tag === release.tag;
  if (release.version.semver.build.length === 0) return tagMatchesRelease(tag, release.version, tagFormat);
  // src/model drops build metadata from templates; with a build, compare against the full OCI spelling.
  if (tagFormat === 'same') return sameVersion(tag.replace('_', '+'), release.version);
  return tag === expectedReleaseImageTag(release, tagFormat, tag);
}

/** The tag an own image should carry, in the convention of the tag the user wrote (`0.28.1` → `0.29.0`). */
export function expectedReleaseImageTag(release: { tag: string; version: Version | null }, tagFormat: string, actual?: string): string {
  if (!release.version) return release.tag;
  if (tagFormat === 'exact') return ociTagSpelling(release.tag);
  if (tagFormat === 'same') {
    // read the user's tag with `_` as `+`, so `0.0.0_a` keeps its convention like `0.0.0` does
    const written = actual === undefined ? undefined : actual.replace('_', '+');
    const convention = written !== undefined && parseVersion(written) ? releaseInConventionOf(release.version, written) : release.tag;
    return ociTagSpelling(convention);
  }
  // src/model's expectedImageTag fills in semver's `version`, which has no build metadata: use the full one.
  return ociTagSpelling(tagFormat.replaceAll('{version}', versionWithBuild(release.version)));
}

/** `same` semantics for plain strings such as a Chart `appVersion`: v-prefix insensitive, build metadata compared. */
export function sameVersion(text: string, release: Version): boolean {
  const parsed = parseVersion(text);
  return parsed !== null && text === text.trim() && parsed.version === release.version && parsed.semver.build.join('.') === release.semver.build.join('.');
}

/** The release written in the prefix convention of `actual` (`0.28.1` → `0.29.0`, `v0.28.1` → `v0.29.0`). */
export function releaseInConventionOf(release: Version, actual: string): string {
  const parsed = parseVersion(actual);
  const prefix = parsed?.vPrefix ? actual.trim()[0] : '';
  return `${prefix}${versionWithBuild(release)}`;
}

/**
 * A value a release script fills in later (`%APP_VERSION%`, `${VERSION}`, `{{ .Version }}`, `@VERSION@`):
 * not a version yet, and not wrong either.
 */
export function isPlaceholder(text: string): boolean {
  return /%[A-Za-z_]+%|\$\{?[A-Za-z_]|\{\{|@[A-Za-z_]+@/.test(text);
}
