import type { DocReference } from '../model/docs.js';
import type { OwnershipMatcher } from './ownership.js';

/** Who this repository is, for the GitHub URLs the docs name. */
export interface RepositoryIdentity {
  /** `OWNER/REPO` from the `origin` remote, when there is one */
  slug?: string;
  /** the repository's name (the remote's, else the folder's): compared alone when there is no remote */
  name: string;
}

/**
 * Marks the docs' references that are the project's own. Images follow the manifests' rules (the same matcher);
 * a reference written without a namespace (`app:v1`, Docker Hub's `library/app`) only when `images:` names it
 * exactly, since a bare name in a code block is as often a local build as the project's image. A GitHub URL is
 * own when its `OWNER/REPO` is the `origin` remote's, case-insensitively (GitHub's own rule); without a remote,
 * when its REPO is the repository's name.
 */
export function markOwnDocReferences(references: DocReference[], matcher: OwnershipMatcher, identity: RepositoryIdentity): DocReference[] {
  const slug = identity.slug?.toLowerCase();
  const name = identity.name.toLowerCase();
  return references.map((reference) => {
    if (reference.kind === 'image') {
      const namespaced = reference.written.split('@')[0].includes('/');
      const own = namespaced ? matcher.isOwn(reference.repository) : matcher.declared.includes(reference.repository);
      return { ...reference, own };
    }
    if (reference.kind === 'git-ref') {
      const repository = reference.repository.toLowerCase();
      const own = slug !== undefined ? repository === slug : repository.slice(repository.indexOf('/') + 1) === name;
      return { ...reference, own };
    }
    return reference;
  });
}
