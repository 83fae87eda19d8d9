import { defineRule } from '../src/model/rule.js';
import { expectedReleaseImageTag, imageTagMatchesRelease } from '../src/model/version.js';
import { appVersionDriftNodes, positionKey, tagFix, tagNode, uniqueByTagNode } from './support/image-uses.js';

/** An own image referenced at a tag other than the release tag. */
export default defineRule({
  id: 'image-tag-mismatch',
  scope: 'manifests',
  level: 'error',
  summary: 'The project\'s own images must be referenced at the release tag',
  description:
    'Every place that decides the tag of one of the project\'s own images (a plain manifest `image:`, a kustomize ' +
    '`images:` `newTag`, a Helm values `tag`) must name the release tag under the configured `tagFormat`. ' +
    'Otherwise users who install the release run the previous version. Third-party images are never checked; ' +
    'references pinned only by digest are not compared; an untagged reference is `mutable-image-tag`\'s finding.',
  remediation: 'Set the tag to the release tag at the reported line, e.g. `newTag: v0.29.0`, or automate the bump in the release script.',
  check({ model, report, runs }) {
    const release = model.release;
    if (!release) return;
    // a tag defaulted from a drifting appVersion is chart-app-version-mismatch's finding, while that rule runs
    const appVersionFindings = runs?.('chart-app-version-mismatch') === false ? new Set<string>() : appVersionDriftNodes(model);
    for (const use of uniqueByTagNode(model.imageUses.filter((u) => u.own))) {
      const actual = use.ref.tag;
      // digest-only and untagged references have no tag to compare
      if (actual === undefined) continue;
      const node = tagNode(use);
      if (use.tagSource === 'helm-app-version' && appVersionFindings.has(positionKey(node))) continue;
      if (imageTagMatchesRelease(actual, release, model.config.tagFormat)) continue;
      const expected = expectedReleaseImageTag(release, model.config.tagFormat, actual);
      const fix = tagFix(use, model, actual, expected);
      report({
        message: `${use.ref.repository} is tagged ${actual}, but the release is ${expected}`,
        at: node,
        image: use.ref.repository,
        expected,
        actual,
        ...(fix ? { fix } : {}),
      });
    }
  },
});
