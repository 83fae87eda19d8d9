import type { TagcheckConfig } from '../model/config.js';
import { isRepositoryGlob as isGlob, normalizeRepository, repositoryPattern } from '../model/image-ref.js';
import type { ImageUse } from '../model/release.js';

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
  const name = repositoryName.trim().toLowerCase();
  const bareName = withoutSeparators(name);

  const isOwn = (repository: string): boolean => {
    if (exact.has(repository) || patterns.some((p) => p.test(repository))) return true;
    if (config.images.length > 0 || name === '') return false;
    const path = repository.slice(repository.indexOf('/') + 1).toLowerCase();
    // a substring also covers the whole-component case (`descheduler/descheduler`)
    if (path.includes(name)) return true;
    // Separators are spelling, not identity: the `argo-cd` repository publishes `quay.io/argoproj/argocd`.
    // Compared within one path component, so pieces of two components never join into a match.
    return bareName.length >= 3 && path.split('/').some((component) => withoutSeparators(component).includes(bareName));
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

function withoutSeparators(text: string): string {
  return text.replace(/[-_.]/g, '');
}

function unique(values: string[]): string[] {
  return [...new Set(values)].sort();
}
