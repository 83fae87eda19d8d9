import { defineRule } from '../src/model/rule.js';
import { formatPlatform, platformSatisfies, type Platform } from '../src/model/platform.js';
import type { TagFacts } from '../src/model/registry.js';
import {
  listedTags,
  locateRepository,
  ownRegistryRepositories,
  releaseOrDeployedTags,
  requiredPlatforms,
} from '../src/model/registry-view.js';
import { perArchTagsOf } from '../src/model/tag-conventions.js';

/**
 * The release tag's index (and `latest`'s, which users pull just as much) lacks a required platform, or a
 * tag that must serve several platforms is a single-arch manifest.
 */
export default defineRule({
  id: 'platform-missing',
  scope: 'registry',
  level: 'error',
  summary: "The release tag's index (or latest's) lacks a required platform, or a tag that must be multi-arch is single-arch",
  description:
    'Every platform in `platforms:` (or `--platform`) must be in the image index of the release tag and of `latest`. ' +
    'Variants match exactly (linux/arm/v6 is not linux/arm/v7); Windows entries match on os.version ' +
    '(ltsc2022 = 10.0.20348). A release tag that regressed from an index to a single-arch manifest is reported too.',
  remediation:
    'Rebuild and push the image for every required platform (e.g. `docker buildx build --platform linux/amd64,linux/arm64 --push`), ' +
    'then move `latest` to the new index.',
  check({ model, report }) {
    const facts = model.registry;
    if (!facts) return;
    for (const repository of ownRegistryRepositories(model)) {
      const required = requiredPlatforms(model.config, repository);
      const tags = listedTags(facts, repository);
      if (required.length === 0 || !tags) continue;
      const checked = releaseOrDeployedTags(model, facts, repository);
      if (tags.includes('latest')) checked.push('latest');

      // one finding per image: `latest` that is the release's own index is named beside it, not twice
      const byDigest = new Map<string, { tags: string[]; facts: TagFacts }>();
      for (const tag of checked) {
        const lookup = facts.tag(repository, tag);
        if (lookup?.status !== 'found') continue;
        // a single-arch release tag beside per-arch tags is manifest-index-missing's finding
        if (!lookup.value.isIndex && tag !== 'latest' && perArchTagsOf(tags, tag).length > 0) continue;
        const entry = byDigest.get(lookup.value.digest);
        if (entry) entry.tags.push(tag);
        else byDigest.set(lookup.value.digest, { tags: [tag], facts: lookup.value });
      }
      for (const { tags: named, facts: image } of byDigest.values()) {
        const problem = platformProblem(required, image);
        if (!problem) continue;
        const [first, ...others] = named;
        const name = `${repository}:${first}${others.length ? ` (and ${others.join(', ')})` : ''}`;
        report({
          message: `${name} ${problem}`,
          at: locateRepository(model, repository, first),
          image: repository,
          expected: required.map(formatPlatform).join(', '),
          actual: image.platforms.map(formatPlatform).join(', '),
        });
      }
    }
  },
});

/** Why an image does not serve the required platforms, or null when it does. */
function platformProblem(required: Platform[], image: TagFacts): string | null {
  const have = image.platforms.map(formatPlatform).join(', ') || 'no known platform';
  const wanted = required.map(formatPlatform).join(', ');
  if (!image.isIndex && required.length > 1) return `is a single-arch manifest (${have}), but ${wanted} are required`;
  const missing = required.filter((p) => !image.platforms.some((available) => platformSatisfies(p, available)));
  if (missing.length === 0) return null;
  return `lacks ${missing.map(formatPlatform).join(', ')} (it has ${have})`;
}
