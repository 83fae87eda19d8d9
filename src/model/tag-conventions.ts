import { compareVersions, expectedImageTag, parseVersion, tagMatchesRelease, type Version } from './version.js';

/**
 * How real projects name their image tags, shared by the registry request plan (src/engine/registry-facts.ts)
 * and the registry rules, so both agree on which tags matter and the rules never need a tag nobody asked for.
 */

/** Branch-named tags that CI pushes on every commit: `latest` must never be one of these builds. */
export const DEVELOPMENT_TAGS: readonly string[] = ['main', 'master', 'dev', 'develop', 'edge', 'nightly', 'canary'];

/** `sha-3f2a1b9` (docker/metadata-action) or a bare 40-hex commit id. */
const COMMIT_TAG = /^(?:sha-[0-9a-f]{7,64}|[0-9a-f]{40})$/;

/** At most this many prerelease tags above the newest stable one are compared with `latest`. */
export const MAX_PRERELEASE_CANDIDATES = 5;
/** At most this many commit tags are compared with `latest` (the last ones listed; see latestCandidates). */
export const MAX_COMMIT_CANDIDATES = 8;

const ARCHITECTURE = '(?:amd64|x86_64|arm64|aarch64|arm(?:32)?(?:v[5-8])?|386|i386|ppc64le|s390x|riscv64)';
const OS_PREFIX = '(?:linux-|windows-(?:ltsc\\d{4}-|\\d+(?:\\.\\d+){2,3}-|nanoserver-[a-z0-9]+-|servercore-[a-z0-9]+-)?)?';
/**
 * Per-architecture tags pushed before (or instead of) the multi-arch index: `v1.2.3-linux-amd64`,
 * `v1.2.3-windows-ltsc2022-amd64`, `v1.2.3-amd64`, `v1.2.3-arm64`, `v1.2.3-arm`, `v1.2.3-linux-arm-v7`.
 * The base is matched lazily so the longest suffix wins (`-linux-amd64`, not `-amd64` on a `…-linux` base).
 */
const PER_ARCH_TAG = new RegExp(`^(.+?)-(${OS_PREFIX}${ARCHITECTURE}(?:-v[5-8])?)$`);

export function isCommitTag(tag: string): boolean {
  return COMMIT_TAG.test(tag);
}

export function isDevelopmentTag(tag: string): boolean {
  return DEVELOPMENT_TAGS.includes(tag) || isCommitTag(tag);
}

/** Splits `v1.2.3-linux-amd64` into its base tag and per-arch suffix; null for any other tag. */
export function splitPerArchTag(tag: string): { base: string; suffix: string } | null {
  const match = PER_ARCH_TAG.exec(tag);
  return match ? { base: match[1], suffix: match[2] } : null;
}

/** The per-arch tags in `tags` whose base is `base` (`v1.2.3` → `v1.2.3-linux-amd64`, `v1.2.3-arm64`, …). */
export function perArchTagsOf(tags: readonly string[], base: string): string[] {
  return tags.filter((tag) => splitPerArchTag(tag)?.base === base).sort();
}

/** Semantic-version tags, per-arch tags excluded (their suffix parses as a prerelease but is not one). */
export function versionTags(tags: readonly string[]): Version[] {
  const versions: Version[] = [];
  for (const tag of tags) {
    if (splitPerArchTag(tag)) continue;
    const version = parseVersion(tag);
    if (version) versions.push(version);
  }
  return versions;
}

/** The highest version tag by SemVer precedence, prereleases included (the first listed of equal ones). */
export function newestVersion(tags: readonly string[]): Version | undefined {
  return newest(versionTags(tags));
}

function newest(versions: readonly Version[]): Version | undefined {
  return versions.reduce<Version | undefined>((best, v) => (!best || compareVersions(v, best) > 0 ? v : best), undefined);
}

/**
 * The highest stable version by SemVer precedence and every tag spelling it (`v1.2.3` and `1.2.3` often
 * both exist), preferred spelling first; null when the repository has no stable version tag.
 */
export function highestStable(tags: readonly string[]): { version: Version; tags: string[] } | null {
  const stable = versionTags(tags).filter((v) => !v.prerelease);
  if (stable.length === 0) return null;
  const top = newest(stable)!;
  const spellings = stable.filter((v) => compareVersions(v, top) === 0).map((v) => v.tag);
  // prefer the `v` spelling, the one a release workflow usually pushes first; the order only decides which is asked first
  spellings.sort((a, b) => Number(/^[vV]/.test(b)) - Number(/^[vV]/.test(a)) || (a < b ? -1 : a > b ? 1 : 0));
  return { version: top, tags: spellings };
}

/** Tags that `latest` must not equal, in the order they are asked: prereleases, branch tags, then commit tags. */
export interface LatestCandidates {
  /** prereleases above the highest stable version (all prereleases when there is none), newest first, bounded */
  prereleases: string[];
  /** branch-named development tags present in the list */
  branches: string[];
  /**
   * commit tags, bounded: a tag list carries no dates, so the last ones listed are taken (registries that
   * list in push order put the recent ones there); asked only when nothing else matched `latest`.
   */
  commits: string[];
}

export function latestCandidates(tags: readonly string[]): LatestCandidates {
  const stable = highestStable(tags);
  const prereleases = versionTags(tags)
    .filter((v) => v.prerelease && (!stable || compareVersions(v, stable.version) > 0))
    .sort((a, b) => compareVersions(b, a) || (a.tag < b.tag ? -1 : 1))
    .slice(0, MAX_PRERELEASE_CANDIDATES)
    .map((v) => v.tag);
  const branches = DEVELOPMENT_TAGS.filter((tag) => tags.includes(tag));
  const commits = tags.filter(isCommitTag).slice(-MAX_COMMIT_CANDIDATES);
  return { prereleases, branches, commits };
}

/**
 * The name the release carries in one repository: a listed tag that is the release under `tagFormat`
 * (the release tag's own spelling first), else a tag the manifests use for it, else the base of its
 * per-arch tags, else the name the repository's convention predicts (`1.2.2` listed → `1.2.3`; `v1.2.2` → `v1.2.3`).
 */
export function releaseImageTag(
  release: Version,
  tagFormat: string,
  listedTags: readonly string[],
  referencedTags: readonly string[] = [],
): string {
  const listed = listedTags.filter((tag) => tagMatchesRelease(tag, release, tagFormat));
  if (listed.includes(release.tag)) return release.tag;
  if (listed.length > 0) return listed.sort()[0];
  const referenced = referencedTags.find((tag) => tagMatchesRelease(tag, release, tagFormat));
  if (referenced !== undefined) return referenced;
  // per-arch tags pushed without their index still tell the spelling (`1.2.3-amd64` → `1.2.3`)
  const perArchBase = listedTags
    .map((tag) => splitPerArchTag(tag)?.base)
    .find((base) => base !== undefined && tagMatchesRelease(base, release, tagFormat));
  if (perArchBase !== undefined) return perArchBase;
  const convention = newestVersion(listedTags)?.tag;
  return expectedImageTag(release, tagFormat, convention);
}

/** Whether any listed tag is the release under `tagFormat` (`v1.2.3` and `1.2.3` both count under `same`). */
export function hasReleaseTag(release: Version, tagFormat: string, listedTags: readonly string[]): boolean {
  return listedTags.some((tag) => tagMatchesRelease(tag, release, tagFormat));
}
