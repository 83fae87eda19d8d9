import { defineRule } from '../src/model/rule.js';
import { listedTags, locateRepository, ownRegistryRepositories } from '../src/model/registry-view.js';
import { highestStable } from '../src/model/tag-conventions.js';

/** The config's `latest:` policy: `required` wants it once a stable release exists, `forbidden` never. */
export default defineRule({
  id: 'latest-missing',
  scope: 'registry',
  level: 'error',
  summary: 'A stable release exists and `latest` does not (when `latest: required`)',
  description:
    'With `latest: required` (the default), every own image that has a stable version tag must also have `latest`. ' +
    'With `latest: forbidden`, an own image must have no `latest` tag at all; `optional` checks nothing.',
  remediation: 'Push `latest` from the release workflow for stable tags (`crane tag IMAGE:v1.2.3 latest`), or set `latest: optional`.',
  check({ model, report }) {
    const facts = model.registry;
    const policy = model.config.latest;
    if (!facts || policy === 'optional') return;
    for (const repository of ownRegistryRepositories(model)) {
      const tags = listedTags(facts, repository);
      if (!tags) continue;
      const at = locateRepository(model, repository, 'latest');
      if (policy === 'forbidden') {
        if (tags.includes('latest')) {
          report({ message: `${repository} has a latest tag, but the config says latest: forbidden`, at, image: repository, actual: 'latest' });
        }
        continue;
      }
      const stable = highestStable(tags);
      if (stable && !tags.includes('latest')) {
        report({
          message: `${repository} has no latest tag, although it has stable releases (the newest is ${stable.tags[0]})`,
          at,
          image: repository,
          expected: 'latest',
        });
      }
    }
  },
});
