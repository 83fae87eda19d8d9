import { defineRule } from '../src/model/rule.js';
import { foundTag, latestVerdict, locateRepository, ownRegistryRepositories, releaseTagOf, shortDigest } from '../src/model/registry-view.js';

/**
 * `latest` exists but is not the image of the highest stable version by SemVer precedence. When it is a
 * prerelease or development build, latest-is-prerelease reports it instead, with the more useful cause.
 */
export default defineRule({
  id: 'latest-not-newest-stable',
  scope: 'registry',
  level: 'error',
  summary: '`latest` must be the image of the highest stable tag by SemVer precedence',
  description:
    '`latest` exists but does not have the digest of the highest stable version tag. Versions are ordered by ' +
    'SemVer precedence (`v0.45.0-rc.1` < `v0.45.0` < `v0.100.0`), never lexically or by `sort -V`; tags that are ' +
    'not versions are ignored, and `v1.2.3` and `1.2.3` are the same version.',
  remediation: 'Point `latest` at the highest stable release, e.g. `crane tag IMAGE:v1.2.3 latest`.',
  check({ model, report }) {
    const facts = model.registry;
    if (!facts) return;
    for (const repository of ownRegistryRepositories(model)) {
      const verdict = latestVerdict(facts, repository);
      if (verdict.kind !== 'not-newest-stable') continue;
      // name the image latest is, when it is one the plan asked about anyway (a patch of an older line)
      const releaseTag = releaseTagOf(model, facts, repository);
      const same = releaseTag !== undefined && foundTag(facts, repository, releaseTag)?.digest === verdict.facts.digest;
      const actual = same ? releaseTag : shortDigest(verdict.facts.digest);
      report({
        message: `${repository}:latest is ${actual}, not ${verdict.newest}, the highest stable tag`,
        at: locateRepository(model, repository, 'latest'),
        image: repository,
        expected: verdict.newest,
        actual,
      });
    }
  },
});
