import type { TagcheckConfig } from '../model/config.js';
import { isRepositoryGlob as isGlob, normalizeRepository, repositoryPattern } from '../model/image-ref.js';
import { isProjectChart, mentionsRepositoryName } from '../model/ownership.js';
import type { Diagnostic, ImageUse, ReleaseModel } from '../model/release.js';

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
