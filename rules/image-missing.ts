import { defineRule } from '../src/model/rule.js';
import {
  deployedAtRelease,
  listedTags,
  locateRepository,
  ownRegistryRepositories,
  releaseTagOf,
  releaseVersion,
} from '../src/model/registry-view.js';
import { hasReleaseTag, newestVersion, perArchTagsOf } from '../src/model/tag-conventions.js';

/**
 * A tag the manifests deploy, or the release tag of an own image, is not in the registry. Per-arch tags
 * without an index are manifest-index-missing's; an own image missing the release while its sibling
 * components have it is components-out-of-sync's, so each problem is reported once.
 */
export default defineRule({
  id: 'image-missing',
  scope: 'registry',
  level: 'error',
  summary: 'An own image at the release tag, or a referenced image tag, does not exist in the registry',
  description:
    'Every image tag the manifests deploy must exist in its registry, or the rollout ends in ImagePullBackOff; ' +
    "and every own image must have been pushed at the release tag before the release is announced.",
  remediation: 'Push the image at that tag (re-run the release workflow), or fix the tag in the manifest.',
  check({ model, report }) {
    const facts = model.registry;
    if (!facts) return;
    const version = releaseVersion(model);
    const { tagFormat } = model.config;
    const seen = new Set<string>();

    for (const use of model.imageUses) {
      if (use.ref.digest) continue; // the digest decides what runs, not the tag
      const repository = use.ref.repository;
      const tag = use.ref.tag ?? 'latest';
      const at = use.tagAt ?? use.at;
      const key = JSON.stringify([at.file, at.line, at.column, repository, tag]);
      if (seen.has(key)) continue;
      seen.add(key);
      if (facts.tag(repository, tag)?.status !== 'not-found') continue;
      const tags = listedTags(facts, repository);
      if (use.own && tags && perArchTagsOf(tags, tag).length > 0) continue;
      const why = tags && tags.length === 0 && use.own ? `: the registry has no repository ${repository}` : '';
      report({ message: `${repository}:${tag} does not exist in the registry${why}`, at, image: repository, actual: tag });
    }

    if (!version) return;
    const repositories = ownRegistryRepositories(model);
    const released = repositories.filter((r) => {
      const tags = listedTags(facts, r);
      return tags !== undefined && hasReleaseTag(version, tagFormat, tags);
    });
    for (const repository of repositories) {
      const tags = listedTags(facts, repository);
      if (!tags || hasReleaseTag(version, tagFormat, tags)) continue;
      const tag = releaseTagOf(model, facts, repository)!;
      if (perArchTagsOf(tags, tag).length > 0) continue;
      if (deployedAtRelease(model, repository) || released.length > 0) continue;
      const why = tags.length === 0 ? `the registry has no repository ${repository}` : `it has ${describeTags(tags)}`;
      report({
        message: `${repository} has no tag ${tag} for the release ${model.release!.tag}: ${why}`,
        at: locateRepository(model, repository),
        image: repository,
        expected: tag,
      });
    }
  },
});

function describeTags(tags: string[]): string {
  const newest = newestVersion(tags)?.tag;
  const count = `${tags.length} other tag${tags.length === 1 ? '' : 's'}`;
  return newest ? `${count}, the newest version ${newest}` : count;
}
