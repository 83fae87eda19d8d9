import { defineRule } from '../src/model/rule.js';
import {
  deployedAtRelease,
  listedTags,
  locateRepository,
  ownRegistryRepositories,
  releaseTagOf,
  releaseVersion,
} from '../src/model/registry-view.js';
import { hasReleaseTag, highestStable, newestVersion, perArchTagsOf } from '../src/model/tag-conventions.js';
import { compareVersions } from '../src/model/version.js';

/**
 * Images released together drifted apart: some have the release tag and others do not (with no release
 * tag: their newest stable versions differ). An image a manifest deploys at the release tag is
 * image-missing's finding, and per-arch tags without an index are manifest-index-missing's.
 */
export default defineRule({
  id: 'components-out-of-sync',
  scope: 'registry',
  level: 'error',
  summary: 'Some components have the release tag (or an updated latest) and others do not',
  description:
    'The project\'s own images and `components` are released together. When the release tag exists for some of them ' +
    'and not for others, a partial release went out: the lagging images were not built or not pushed. Without a ' +
    'release tag, their newest stable versions are compared instead. A `latest` left behind on one image is ' +
    'reported by latest-not-newest-stable.',
  remediation: 'Re-run the release jobs of the lagging components so every component is pushed at the release tag.',
  check({ model, report }) {
    const facts = model.registry;
    if (!facts) return;
    const version = releaseVersion(model);
    const { tagFormat } = model.config;
    const members = ownRegistryRepositories(model)
      .map((repository) => ({ repository, tags: listedTags(facts, repository) }))
      .filter((m): m is { repository: string; tags: string[] } => m.tags !== undefined);
    if (members.length < 2) return;

    if (version) {
      const released = members.filter((m) => hasReleaseTag(version, tagFormat, m.tags)).map((m) => m.repository);
      if (released.length === 0 || released.length === members.length) return;
      for (const { repository, tags } of members) {
        if (released.includes(repository)) continue;
        const tag = releaseTagOf(model, facts, repository)!;
        if (perArchTagsOf(tags, tag).length > 0) continue;
        if (deployedAtRelease(model, repository)) continue;
        const newest = newestVersion(tags);
        const where = newest ? `it is at ${newest.tag}` : tags.length === 0 ? 'it does not exist in the registry' : 'it has no version tag';
        report({
          message: `${repository} has no tag ${tag}, but ${listNames(released)} ${released.length === 1 ? 'was' : 'were'} released at it; ${where}`,
          at: locateRepository(model, repository),
          image: repository,
          expected: tag,
          ...(newest ? { actual: newest.tag } : {}),
        });
      }
      return;
    }

    // no release tag: the members' newest stable versions must agree
    const newestStable = members.map((m) => ({ ...m, stable: highestStable(m.tags) }));
    const ahead = newestStable
      .filter((m) => m.stable)
      .reduce<(typeof newestStable)[number] | undefined>((best, m) => (!best || compareVersions(m.stable!.version, best.stable!.version) > 0 ? m : best), undefined);
    if (!ahead) return;
    for (const member of newestStable) {
      if (member.stable && compareVersions(member.stable.version, ahead.stable!.version) === 0) continue;
      const where = member.stable ? `is at ${member.stable.tags[0]}` : 'has no stable version';
      report({
        message: `${member.repository} ${where}, but ${ahead.repository} is at ${ahead.stable!.tags[0]}`,
        at: locateRepository(model, member.repository),
        image: member.repository,
        expected: ahead.stable!.tags[0],
        ...(member.stable ? { actual: member.stable.tags[0] } : {}),
      });
    }
  },
});

function listNames(names: string[]): string {
  return names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
}
