import type { TagcheckConfig } from '../model/config.js';
import { isRepositoryGlob as isGlob, normalizeRepository, repositoryPattern } from '../model/image-ref.js';
import { isProjectChart, mentionsRepositoryName } from '../model/ownership.js';
import type { Position } from '../model/located.js';
import type { Diagnostic, HelmChart, ImageUse, Release, ReleaseModel } from '../model/release.js';
import { compareVersions, parseVersion, type Version } from '../model/version.js';

/** Decides which repositories are the project's own, the ones that must follow the release tag. */
export interface OwnershipMatcher {
  isOwn(repository: string): boolean;
  /** configured exact repositories and components, normalized (globs are not repositories) */
  declared: string[];
  components: string[];
}

/**
 * With `images:` configured, only those (exact or glob) and `components` are own. Without it, the contract's
 * fallback: an image is own when its path (not the registry host) contains the repository's name, so
 * `registry.k8s.io/descheduler/descheduler` belongs to a clone named `descheduler` with no config at all.
 */
export function ownershipMatcher(config: TagcheckConfig, repositoryName: string): OwnershipMatcher {
  const components = unique(config.components.map((c) => normalizeRepository(c.value.trim())));
  const declared = unique([
    ...config.images.filter((i) => !isGlob(i.value)).map((i) => normalizeRepository(i.value.trim())),
    ...components,
  ]);
  const patterns = config.images.filter((i) => isGlob(i.value)).map((i) => repositoryPattern(i.value));
  const exact = new Set(declared);

  const isOwn = (repository: string): boolean => {
    if (exact.has(repository) || patterns.some((p) => p.test(repository))) return true;
    if (config.images.length > 0) return false;
    // the path without the registry host: `ghcr` must not own everything on ghcr.io
    return mentionsRepositoryName(repository.slice(repository.indexOf('/') + 1), repositoryName);
  };
  return { isOwn, declared, components };
}

/** Returns the uses with `own` set, and every own repository (declared ones plus those found in manifests). */
export function markOwnImages(
  uses: ImageUse[],
  matcher: OwnershipMatcher,
): { imageUses: ImageUse[]; ownRepositories: string[] } {
  const imageUses = uses.map((use) => ({ ...use, own: matcher.isOwn(use.ref.repository) }));
  const found = imageUses.filter((u) => u.own).map((u) => u.ref.repository);
  return { imageUses, ownRepositories: unique([...matcher.declared, ...found]) };
}

/** Which image uses are the project's own, after the name test's two known over-reaches are set apart. */
export interface Ownership {
  imageUses: ImageUse[];
  ownRepositories: string[];
  /** repositories the name test matched but that are set apart with a note: not own anywhere (docs, cluster) */
  apart: Set<string>;
  /** the matcher without the set-apart repositories */
  matcher: OwnershipMatcher;
  diagnostics: Diagnostic[];
}

/**
 * The matcher, then the namesakes and the sibling version lines set apart. The version line is the release's;
 * at a chart release, which has no image version of its own, the released chart's appVersion.
 */
export function decideOwnership(
  uses: ImageUse[],
  config: TagcheckConfig,
  repositoryName: string,
  release: Release | null,
  chartRelease: (Release & { chart: string }) | undefined,
  charts: readonly HelmChart[],
): Ownership {
  const matcher = ownershipMatcher(config, repositoryName);
  const marked = markOwnImages(uses, matcher);
  const namesakes = setApartNamesakes(marked.imageUses, config, repositoryName);
  const releasedChart = chartRelease ? charts.find((c) => !c.vendored && c.name?.value === chartRelease.chart) : undefined;
  const appVersion = releasedChart?.appVersion ? parseVersion(releasedChart.appVersion.value) : null;
  const line = release ?? (appVersion && chartRelease ? { tag: appVersion.tag, version: appVersion, source: chartRelease.source } : null);
  const separate = setApartSeparatelyVersioned(namesakes.imageUses, line, config, repositoryName);
  const apart = new Set([...namesakes.apart, ...separate.apart]);
  return {
    imageUses: separate.imageUses,
    ownRepositories: marked.ownRepositories.filter((repository) => !apart.has(repository)),
    apart,
    matcher: { ...matcher, isOwn: (repository) => !apart.has(repository) && matcher.isOwn(repository) },
    diagnostics: [...namesakes.diagnostics, ...separate.diagnostics],
  };
}

function unique(values: string[]): string[] {
  return [...new Set(values)].sort();
}

/**
 * The warning that keeps a zero-config run from passing silently: with a release to check, images in the
 * manifests and none of them identified as the project's (and no project chart), the release rules have
 * nothing to compare and "no problems" would be a lie. Likewise when `images:` is configured and matches
 * none of the images the manifests use (a renamed image, a typo).
 */
export function ownershipDiagnostics(model: ReleaseModel): Diagnostic[] {
  // No image read at all (none deployed, or all filled in at release time, which the notes say) is not an
  // ownership problem: there is nothing to list under images:, and configured images are asked of the registry.
  if (model.imageUses.length === 0 || model.imageUses.some((use) => use.own)) return [];
  const images = model.config.images;
  if (images.length > 0) {
    const first = images[0];
    const listed = images.map((image) => image.value).join(', ');
    return [
      {
        file: first.file,
        line: first.line,
        column: first.column,
        level: 'warning',
        message: `no image in the manifests matches images: in ${first.file} (${listed}); fix the list, or run tagcheck init --force to rediscover them`,
      },
    ];
  }
  // A chart release checks its chart; without a release the rules compare the own images with each other.
  if (!model.release || model.charts.some((chart) => isProjectChart(chart, model))) return [];
  const source = model.repositoryNameSource ?? 'folder name';
  return [
    {
      level: 'warning',
      message:
        `no image in the manifests belongs to this project (repository name "${model.repositoryName}" from ${source}); ` +
        'list them under images: in .tagcheck.yaml or run tagcheck init',
    },
  ];
}

/**
 * Without `images:`, an image whose repository name only shows in its namespace (`quay.io/metallb/frr-k8s` in
 * `metallb`, `registry.k8s.io/ingress-nginx/kube-webhook-certgen`, `ghcr.io/kyverno/test-verify-image`) may be a
 * sibling project's image with its own version line, released from another repository or another tag. Such an
 * image is set apart (not own, one note each) when every reference of it is plainly on another line than the
 * version under check, while another own image is at that version's major.minor. "Plainly another line": a
 * tag that is not a version (`signed`, a date) but not a mutable tag either; another major; a newer version;
 * or two minors or more behind (`v0.0.16`, `v1.4.3` against `v1.11.2`). One minor behind is what a missed bump
 * looks like, so `worker:v1.3.2` beside `api:v1.4.0` stays own and is reported. The version under check is the
 * release's; without a release, the newest version of an image whose last path component names the
 * repository. An image named after the repository is never set apart this way. An image tagged only with words
 * (`v1`, `sidecar`: no `1.2` in any tag, none mutable or a development build's) is set apart even when nothing
 * follows the release, unless its name is the repository's.
 */
export function setApartSeparatelyVersioned(
  uses: ImageUse[],
  release: Release | null,
  config: TagcheckConfig,
  repositoryName: string,
): { imageUses: ImageUse[]; apart: string[]; diagnostics: Diagnostic[] } {
  const own = uses.filter((use) => use.own).map(taggedUse);
  const { apart, diagnostics } = versionedApart(own, own, release, config, repositoryName);
  if (apart.length === 0) return { imageUses: uses, apart: [], diagnostics: [] };
  const apartSet = new Set(apart);
  return { imageUses: uses.map((use) => (apartSet.has(use.ref.repository) ? { ...use, own: false } : use)), apart, diagnostics };
}

/** One reference of an own image, with where its tag is written: an image use, or an occurrence in the docs. */
export interface TaggedReference {
  repository: string;
  tag: string | undefined;
  at: Position;
}

export function taggedUse(use: ImageUse): TaggedReference {
  return { repository: use.ref.repository, tag: use.ref.tag, at: use.tagAt ?? use.at };
}

/**
 * The repositories of `candidates` versioned apart (setApartSeparatelyVersioned), one note each; `followers` are the
 * own references whose versions show the release's line (the candidates themselves, or the manifests' for the docs).
 */
export function versionedApart(
  candidates: readonly TaggedReference[],
  followers: readonly TaggedReference[],
  release: Release | null,
  config: TagcheckConfig,
  repositoryName: string,
): { apart: string[]; diagnostics: Diagnostic[] } {
  const none = { apart: [], diagnostics: [] };
  if (config.images.length > 0) return none;
  const named = (repository: string): boolean => mentionsRepositoryName(repository.slice(repository.lastIndexOf('/') + 1), repositoryName);
  const reference = release ? release.version : newest(followers.filter((tagged) => named(tagged.repository)));
  if (!reference) return none;
  const mutableTags = new Set(config.mutableTags);
  const onLine = (tagged: TaggedReference): boolean => {
    const version = tagged.tag === undefined ? null : parseVersion(tagged.tag);
    return version !== null && version.semver.major === reference.semver.major && version.semver.minor === reference.semver.minor;
  };
  const plainlyAnotherLine = (tagged: TaggedReference): boolean => {
    if (tagged.tag === undefined) return false;
    const version = parseVersion(tagged.tag);
    // a development build's tag (`sha-…`, `pr-12`, `release-0.9`) is a missed bump too, not another line
    if (!version) return !mutableTags.has(tagged.tag) && !DEVELOPMENT_TAG.test(tagged.tag);
    if (version.semver.major !== reference.semver.major || compareVersions(version, reference) > 0) return true;
    return reference.semver.minor - version.semver.minor >= 2;
  };
  // Tags that are words, not versions (`v1`, `v2`, `sidecar`: kruise's guestbook demo, contour's authserver at
  // `v4`): no release bump leaves those behind, so they mark another line even when nothing follows the release,
  // and even in an image whose name only carries the repository's (`contour-authserver`)
  const wordsOnly = (list: TaggedReference[]): boolean =>
    list.every(({ tag }) => tag !== undefined && !/\d\.\d/.test(tag) && !mutableTags.has(tag) && !DEVELOPMENT_TAG.test(tag));
  const isTheRepository = (repository: string): boolean => bareName(repository.slice(repository.lastIndexOf('/') + 1)) === bareName(repositoryName);
  const byRepository = new Map<string, TaggedReference[]>();
  for (const tagged of candidates) byRepository.set(tagged.repository, [...(byRepository.get(tagged.repository) ?? []), tagged]);
  const onTheLine = [...new Set(followers.filter(onLine).map((tagged) => tagged.repository))];
  const apart = [...byRepository]
    .filter(([repository, list]) => (onTheLine.length > 0 && !named(repository) && list.every(plainlyAnotherLine)) || (!isTheRepository(repository) && wordsOnly(list)))
    .map(([repository]) => repository)
    .sort();
  const sibling = onTheLine.find(named) ?? onTheLine[0];
  const diagnostics: Diagnostic[] = apart.map((repository) => {
    const list = byRepository.get(repository)!;
    const where = list.find((tagged) => tagged.tag !== undefined)!.at;
    const tags = [...new Set(list.flatMap(({ tag }) => (tag === undefined ? [] : [tag])))].sort();
    return {
      file: where.file,
      line: where.line,
      column: where.column,
      level: 'note',
      notChecked: list.length,
      message:
        `${repository} is versioned apart from ${reference.tag} (tagged ${tags.join(', ')}${sibling ? `; ${sibling} follows ${reference.tag}` : ''}): ` +
        'not checked as one of the release\'s own images; list the own images under images: in .tagcheck.yaml to decide',
    };
  });
  return { apart, diagnostics };
}

const DEVELOPMENT_TAG = /^(sha|git|commit|pr|dev|devel|develop|main|master|nightly|edge|canary|snapshot|release|head)([-_.]|$)/i;

function newest(tagged: readonly TaggedReference[]): Version | null {
  let best: Version | null = null;
  for (const { tag } of tagged) {
    const version = tag === undefined ? null : parseVersion(tag);
    if (version && !version.prerelease && (!best || compareVersions(version, best) > 0)) best = version;
  }
  return best;
}

/**
 * Without `images:`, the name test also owns someone else's image that merely embeds the repository's name
 * (`docker.io/purtontech/cloak-external-secrets` in `external-secrets`). When the project's images are evident,
 * ones whose namespace names the repository or whose name is the repository's (`ghcr.io/external-secrets/…`),
 * an image that matches only inside a longer image name, in a namespace none of those live in, is set apart as
 * third-party, with a note. With no evident image the plain name test stands (`ghcr.io/acme/descheduler-operator`).
 */
export function setApartNamesakes(
  uses: ImageUse[],
  config: TagcheckConfig,
  repositoryName: string,
): { imageUses: ImageUse[]; apart: string[]; diagnostics: Diagnostic[] } {
  const none = { imageUses: uses, apart: [], diagnostics: [] };
  if (config.images.length > 0) return none;
  const name = bareName(repositoryName);
  const split = (repository: string) => ({ namespace: repository.slice(0, repository.lastIndexOf('/')), image: repository.slice(repository.lastIndexOf('/') + 1) });
  const repositories = [...new Set(uses.filter((use) => use.own).map((use) => use.ref.repository))];
  const evident = repositories.filter((repository) => {
    const { namespace, image } = split(repository);
    return bareName(image) === name || mentionsRepositoryName(namespace.slice(namespace.indexOf('/') + 1), repositoryName);
  });
  if (evident.length === 0) return none;
  // a namespace is compared without its registry host: ghcr.io/acme and quay.io/acme are the same home
  const pathOf = (namespace: string) => namespace.slice(namespace.indexOf('/') + 1);
  const homes = new Set(evident.map((repository) => split(repository).namespace));
  const homePaths = new Set([...homes].map(pathOf));
  const apart = repositories.filter((repository) => !evident.includes(repository) && !homePaths.has(pathOf(split(repository).namespace))).sort();
  if (apart.length === 0) return none;
  const apartSet = new Set(apart);
  const diagnostics: Diagnostic[] = apart.map((repository) => {
    const first = uses.find((use) => use.ref.repository === repository)!;
    return {
      file: first.at.file,
      line: first.at.line,
      column: first.at.column,
      level: 'note',
      notChecked: uses.filter((use) => use.ref.repository === repository).length,
      message:
        `${repository} only has "${repositoryName}" inside its image name and lives apart from the project's images (${[...homes].sort().map((h) => `${h}/…`).join(', ')}): ` +
        'treated as third-party; list the own images under images: in .tagcheck.yaml to decide',
    };
  });
  return { imageUses: uses.map((use) => (apartSet.has(use.ref.repository) ? { ...use, own: false } : use)), apart, diagnostics };
}

function bareName(text: string): string {
  return text.toLowerCase().replace(/[-_.]/g, '');
}
