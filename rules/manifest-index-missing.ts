import { defineRule } from '../src/model/rule.js';
import {
  listedTags,
  locateRepository,
  ownRegistryRepositories,
  releaseOrDeployedTags,
} from '../src/model/registry-view.js';
import { formatPlatform } from '../src/model/platform.js';
import { perArchTagsOf } from '../src/model/tag-conventions.js';

/**
 * Per-arch tags (`v1.2.3-linux-amd64`, …) exist but the tag users pull is absent or a single-arch manifest:
 * the step that assembles the multi-arch index failed or never ran.
 */
export default defineRule({
  id: 'manifest-index-missing',
  scope: 'registry',
  level: 'error',
  summary: 'Per-arch tags such as v1.2.3-linux-amd64 exist but the release tag is missing or not a multi-arch index',
  description:
    'Projects that build each architecture separately push per-arch tags and then assemble the release tag as an ' +
    'image index over them. When that last step fails, the per-arch tags exist but the tag users pull does not, ' +
    'or it is a single-arch image that breaks every other architecture.',
  remediation:
    'Assemble the index from the per-arch images and push it at the release tag, e.g. ' +
    '`docker buildx imagetools create -t IMAGE:v1.2.3 IMAGE:v1.2.3-linux-amd64 IMAGE:v1.2.3-linux-arm64`.',
  check({ model, report }) {
    const facts = model.registry;
    if (!facts) return;
    for (const repository of ownRegistryRepositories(model)) {
      const tags = listedTags(facts, repository);
      if (!tags) continue;
      for (const tag of releaseOrDeployedTags(model, facts, repository)) {
        const perArch = perArchTagsOf(tags, tag);
        if (perArch.length === 0) continue;
        const lookup = facts.tag(repository, tag);
        const at = locateRepository(model, repository, tag);
        const listing = perArch.join(', ');
        if (lookup?.status === 'not-found') {
          report({
            message: `${repository} has per-arch tags ${listing} but no ${tag}: the multi-arch index was not pushed`,
            at,
            image: repository,
            expected: tag,
          });
        } else if (lookup?.status === 'found' && !lookup.value.isIndex) {
          const platform = lookup.value.platforms.map(formatPlatform).join(', ') || 'unknown platform';
          report({
            message: `${repository}:${tag} is a single-arch manifest (${platform}) although per-arch tags ${listing} exist: it should be an index over them`,
            at,
            image: repository,
            expected: 'multi-arch index',
            actual: `single-arch manifest (${platform})`,
          });
        }
      }
    }
  },
});
