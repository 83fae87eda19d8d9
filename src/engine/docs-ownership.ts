import type { TagcheckConfig } from '../model/config.js';
import { forEachOccurrence, type DocsSet } from '../model/docs.js';
import type { Diagnostic, ImageUse, Release } from '../model/release.js';
import { taggedUse, versionedApart, type OwnershipMatcher, type TaggedReference } from './ownership.js';

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

/**
 * An own image that the docs name and the manifests never use is versioned apart as the manifests' images are
 * (versionedApart), against the manifests' own images: contour's guides run `ghcr.io/projectcontour/yages:v0.1.0`,
 * a demo from a repository of its own, own only by its namespace. Its references stop being own, with one note
 * each. An image the manifests use was decided with them.
 */
export function setApartDocsOnlyImages(docs: DocsSet, uses: readonly ImageUse[], release: Release | null, config: TagcheckConfig, repositoryName: string): Diagnostic[] {
  const followers = uses.filter((use) => use.own).map(taggedUse);
  // the same image on another registry or mirror path (`us-central1-docker.pkg.dev/k8s-staging-images/ingress-nginx/controller`
  // beside `registry.k8s.io/ingress-nginx/controller`) is the manifests' image, decided with them
  const paths = [...new Set(uses.map((use) => pathOf(use.ref.repository)))];
  const inManifests = memo((repository: string) => {
    const path = pathOf(repository);
    return paths.some((known) => known === path || path.endsWith(`/${known}`) || known.endsWith(`/${path}`));
  });
  const candidates: TaggedReference[] = [];
  for (const markdown of docs.markdown) {
    forEachOccurrence(markdown, (index, line, column) => {
      const reference = markdown.references[index];
      if (reference.kind === 'image' && reference.own && !inManifests(reference.repository)) {
        candidates.push({ repository: reference.repository, tag: reference.version, at: { file: markdown.file, line, column } });
      }
    });
  }
  if (candidates.length === 0) return [];
  const { apart, diagnostics } = versionedApart(candidates, followers, release, config, repositoryName);
  const apartSet = new Set(apart);
  for (const reference of docs.markdown.flatMap((markdown) => markdown.references)) {
    if (reference.kind === 'image' && apartSet.has(reference.repository)) reference.own = false;
  }
  return diagnostics;
}

/** A repository without its registry host. */
function pathOf(repository: string): string {
  return repository.slice(repository.indexOf('/') + 1);
}

/** `decide`, once per argument (an install guide names the same repository thousands of times). */
function memo(decide: (repository: string) => boolean): (repository: string) => boolean {
  const known = new Map<string, boolean>();
  return (repository) => {
    let answer = known.get(repository);
    if (answer === undefined) known.set(repository, (answer = decide(repository)));
    return answer;
  };
}
