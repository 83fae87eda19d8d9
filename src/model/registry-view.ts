import type { TagcheckConfig } from './config.js';
import { isRepositoryGlob, repositoryMatches } from './image-ref.js';
import type { Position } from './located.js';
import type { Platform } from './platform.js';
import type { Lookup, RegistryFacts, TagFacts } from './registry.js';
import type { ImageUse, ReleaseModel } from './release.js';
import { hasReleaseTag, highestStable, isCommitTag, latestCandidates, releaseImageTag } from './tag-conventions.js';
import type { Version } from './version.js';

/**
 * The questions the registry rules and the request plan share: which repositories are the project's,
 * which tag of each is "the release", which platforms each needs, where a finding about one points.
 */


/** Every own repository worth asking about: configured, components and those the manifests use (no globs). */
export function ownRegistryRepositories(model: ReleaseModel): string[] {
  const repositories = new Set<string>();
  for (const repository of [...model.ownRepositories, ...model.componentRepositories]) {
    if (!isRepositoryGlob(repository)) repositories.add(repository);
  }
  for (const use of model.imageUses) if (use.own) repositories.add(use.ref.repository);
  return [...repositories].sort();
}

/** The release's version when there is a release tag that is a version; registry rules compare nothing else. */
export function releaseVersion(model: ReleaseModel): Version | null {
  return model.release?.version ?? null;
}

/** Uses of a repository in file/line order, so "the first use" is stable across runs. */
export function usesOf(model: ReleaseModel, repository: string): ImageUse[] {
  return model.imageUses
    .filter((use) => use.ref.repository === repository)
    .sort((a, b) => comparePositions(a.tagAt ?? a.at, b.tagAt ?? b.at));
}

/** Tags the manifests reference a repository at (digest-pinned references excluded: the digest decides). */
export function referencedTags(model: ReleaseModel, repository: string): string[] {
  const tags = usesOf(model, repository)
    .filter((use) => !use.ref.digest)
    .map((use) => use.ref.tag ?? 'latest');
  return [...new Set(tags)];
}

/**
 * Where a finding about a repository points: the manifest node that decides its tag (preferring a use at
 * `tag`), else the config entry that names it, else nowhere.
 */
export function locateRepository(model: ReleaseModel, repository: string, tag?: string): Position | undefined {
  const uses = usesOf(model, repository);
  const use = uses.find((u) => tag !== undefined && u.ref.tag === tag) ?? uses[0];
  if (use) return position(use.tagAt ?? use.at);
  const entry = [...model.config.images, ...model.config.components].find((e) => repositoryMatches(e.value, repository));
  return entry ? position(entry) : undefined;
}

/** Required platforms for a repository: the first matching pattern wins, `default` applies to the rest. */
export function requiredPlatforms(config: TagcheckConfig, repository: string): Platform[] {
  const specific = config.platforms.find((r) => r.pattern !== 'default' && repositoryMatches(r.pattern, repository));
  return (specific ?? config.platforms.find((r) => r.pattern === 'default'))?.platforms ?? [];
}

/** A repository's tag list when the registry answered; `[]` when the repository does not exist. */
export function listedTags(facts: RegistryFacts, repository: string): string[] | undefined {
  const lookup = facts.tagList(repository);
  if (!lookup || lookup.status === 'unreachable') return undefined;
  return lookup.status === 'found' ? lookup.value : [];
}

export function foundTag(facts: RegistryFacts, repository: string, tag: string): TagFacts | undefined {
  const lookup = facts.tag(repository, tag);
  return lookup?.status === 'found' ? lookup.value : undefined;
}

/**
 * The tag each own repository carries the release under (see releaseImageTag); undefined without a
 * release version or when the repository could not be listed.
 */
export function releaseTagOf(model: ReleaseModel, facts: RegistryFacts, repository: string): string | undefined {
  const version = releaseVersion(model);
  const tags = listedTags(facts, repository);
  if (!version || !tags) return undefined;
  return releaseImageTag(version, model.config.tagFormat, tags, referencedTags(model, repository));
}

/**
 * The tags of an own repository that must be a proper image: with a release, the tag it carries the
 * release under; without one, the tags the manifests deploy (`latest` aside, which has rules of its own).
 */
export function releaseOrDeployedTags(model: ReleaseModel, facts: RegistryFacts, repository: string): string[] {
  return releaseVersion(model)
    ? [releaseTagOf(model, facts, repository)!]
    : referencedTags(model, repository).filter((tag) => tag !== 'latest');
}

/** Whether the manifests deploy a repository at the release tag (so its absence is reported at that reference). */
export function deployedAtRelease(model: ReleaseModel, repository: string): boolean {
  const version = releaseVersion(model);
  return version !== null && hasReleaseTag(version, model.config.tagFormat, referencedTags(model, repository));
}

/** Where `latest` points, as far as the gathered facts tell. */
export type LatestVerdict =
  /** not listed, or the repository could not be asked: nothing to say */
  | { kind: 'absent' | 'unknown' }
  | { kind: 'newest-stable'; tag: string; facts: TagFacts }
  | { kind: 'prerelease'; tag: string; development: boolean; facts: TagFacts }
  /** `latest` is not the highest stable version's image and matches no prerelease or development tag */
  | { kind: 'not-newest-stable'; newest: string; facts: TagFacts }
  /** no stable version exists and `latest` matched no candidate */
  | { kind: 'unmatched'; facts: TagFacts };

/**
 * Compares `latest`'s digest with the highest stable tag first (a promoted release candidate shares its
 * digest with the final tag, which is fine), then with the prerelease, branch and commit candidates.
 * Only tags whose lookups were gathered are compared; a missing answer never turns into a finding.
 */
export function latestVerdict(facts: RegistryFacts, repository: string): LatestVerdict {
  const tags = listedTags(facts, repository);
  if (!tags) return { kind: 'unknown' };
  if (!tags.includes('latest')) return { kind: 'absent' };
  const latest = facts.tag(repository, 'latest');
  if (latest?.status !== 'found') return { kind: 'unknown' };
  const digest = latest.value.digest;

  const stable = highestStable(tags);
  const stableLookups = (stable?.tags ?? []).map((tag) => ({ tag, lookup: facts.tag(repository, tag) }));
  const same = stableLookups.find(({ lookup }) => lookup?.status === 'found' && lookup.value.digest === digest);
  if (same) return { kind: 'newest-stable', tag: same.tag, facts: latest.value };

  const candidates = latestCandidates(tags);
  for (const tag of [...candidates.prereleases, ...candidates.branches, ...candidates.commits]) {
    if (foundTag(facts, repository, tag)?.digest === digest) {
      return { kind: 'prerelease', tag, development: candidates.branches.includes(tag) || isCommitTag(tag), facts: latest.value };
    }
  }
  if (!stable) return { kind: 'unmatched', facts: latest.value };
  // every spelling of the newest version must have answered, or `latest` might be the one not asked
  const answered =
    stableLookups.every(({ lookup }) => lookup !== undefined && lookup.status !== 'unreachable') &&
    stableLookups.some(({ lookup }) => lookup?.status === 'found');
  return answered ? { kind: 'not-newest-stable', newest: stable.tags[0], facts: latest.value } : { kind: 'unknown' };
}

/** Every registry answer that could not be had for a repository's relevant lookups (for registry-unreachable). */
export function unreachableLookups(lookups: (Lookup<unknown> | undefined)[]): { host: string; reason: string }[] {
  const faults: { host: string; reason: string }[] = [];
  for (const lookup of lookups) if (lookup?.status === 'unreachable') faults.push({ host: lookup.host, reason: lookup.reason });
  return faults;
}

export function shortDigest(digest: string): string {
  const [algorithm, hex] = digest.split(':');
  return hex ? `${algorithm}:${hex.slice(0, 12)}` : digest;
}

function position(p: Position): Position {
  return { file: p.file, line: p.line, column: p.column };
}

function comparePositions(a: Position, b: Position): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column;
}
