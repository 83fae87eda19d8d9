import { defineRule } from '../src/model/rule.js';
import { latestVerdict, listedTags, locateRepository, ownRegistryRepositories } from '../src/model/registry-view.js';
import { highestStable } from '../src/model/tag-conventions.js';

/** `latest` is the image of a prerelease or development tag (compared by digest, see latestVerdict). */
export default defineRule({
  id: 'latest-is-prerelease',
  scope: 'registry',
  level: 'error',
  summary: '`latest` must not point at a prerelease or development build',
  description:
    '`latest` resolves to the same digest as a prerelease tag (`-rc.1`, `-beta.2`, …) or a development tag ' +
    '(`main`, `master`, `dev`, `edge`, `nightly`, `sha-…`): everyone who pulls the default tag runs an unreleased build.',
  remediation: 'Move `latest` to the newest stable release, e.g. `crane tag IMAGE:v1.2.3 latest`, and push `latest` only from stable release tags.',
  check({ model, report }) {
    const facts = model.registry;
    if (!facts) return;
    for (const repository of ownRegistryRepositories(model)) {
      const verdict = latestVerdict(facts, repository);
      if (verdict.kind !== 'prerelease') continue;
      const kind = verdict.development ? 'a development build' : 'a prerelease';
      const stable = highestStable(listedTags(facts, repository) ?? []);
      const advice = stable ? `; the newest stable release is ${stable.tags[0]}` : '';
      report({
        message: `${repository}:latest is the same image as ${verdict.tag}, ${kind}${advice}`,
        at: locateRepository(model, repository, 'latest'),
        image: repository,
        ...(stable ? { expected: stable.tags[0] } : {}),
        actual: verdict.tag,
      });
    }
  },
});
