import type { DocsSet } from '../model/docs.js';
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
 *
 * `own` is set on each file's distinct references themselves (the docs source builds them for this run, with
 * `own: false` for the engine to decide): once per distinct reference, not per occurrence.
 */
export function markOwnDocReferences(docs: DocsSet, matcher: OwnershipMatcher, identity: RepositoryIdentity): DocsSet {
  const slug = identity.slug?.toLowerCase();
  const name = identity.name.toLowerCase();
  // an install guide names the same few repositories thousands of times: each is decided once
  const ownImages = new Map<string, boolean>();
  const ownRepositories = new Map<string, boolean>();
  for (const reference of docs.markdown.flatMap((markdown) => markdown.references)) {
    if (reference.kind === 'image') {
      const { written, repository } = reference;
      // a namespace is a `/` before any digest
      const slash = written.indexOf('/');
      const digest = written.indexOf('@');
      if (slash < 0 || (digest >= 0 && digest < slash)) {
        reference.own = matcher.declared.includes(repository);
        continue;
      }
      let own = ownImages.get(repository);
      if (own === undefined) ownImages.set(repository, (own = matcher.isOwn(repository)));
      reference.own = own;
    } else if (reference.kind === 'git-ref') {
      let own = ownRepositories.get(reference.repository);
      if (own === undefined) {
        const repository = reference.repository.toLowerCase();
        own = slug !== undefined ? repository === slug : repository.slice(repository.indexOf('/') + 1) === name;
        ownRepositories.set(reference.repository, own);
      }
      reference.own = own;
    }
  }
  return docs;
}
