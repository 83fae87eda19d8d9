import type { ReleaseModel } from '../src/model/release.js';
import { defineRule } from '../src/model/rule.js';
import { expectedReleaseImageTag, imageTagMatchesRelease } from '../src/model/version.js';
import { appVersionDriftNodes, positionKey, tagNode, uniqueByTagNode } from './support/image-uses.js';

/** A deploy manifest runs an image by a mutable tag (`latest`, `main`, …) or by no tag at all. */
export default defineRule({
  id: 'mutable-image-tag',
  scope: 'manifests',
  level: 'warning',
  summary: 'Deploy manifests must not use a mutable tag (`latest`, `main`, …) or no tag',
  description:
    'A tag listed in `mutableTags` (default: latest, main, master, dev, edge, nightly), or no tag at all (which ' +
    'means `latest`), makes what runs depend on when a node pulls the image: two replicas can run different ' +
    'code, a rollback does not roll back, and `imagePullPolicy` defaults to `Always`. Every image is checked, ' +
    'own or third-party. A reference pinned by digest is immutable and fine. The effective reference counts: an ' +
    'untagged resource image that a kustomization gives a `newTag` is not a finding. An own image at a mutable ' +
    'tag while a release is checked is reported once, by image-tag-mismatch (by this rule when that one is off).',
  remediation: 'Pin a version tag (for own images, the release tag) or a digest: `image: nginx:1.27.0` or `image: nginx@sha256:…`.',
  check({ model, report, runs }) {
    const release = model.release;
    const mutableTags = new Set(model.config.mutableTags);
    const overridden = imagesRewrittenByABuild(model);
    // Nodes another rule reports already, while it runs: a drifting appVersion, an own image's tag that is not
    // the release.
    const reportedElsewhere = runs?.('chart-app-version-mismatch') === false ? new Set<string>() : appVersionDriftNodes(model);
    const mismatchRuns = runs?.('image-tag-mismatch') !== false;
    for (const use of model.imageUses) {
      if (mismatchRuns && use.own && release && use.ref.tag !== undefined && !imageTagMatchesRelease(use.ref.tag, release, model.config.tagFormat)) {
        reportedElsewhere.add(positionKey(tagNode(use)));
      }
    }
    for (const use of uniqueByTagNode(model.imageUses)) {
      if (use.ref.digest || reportedElsewhere.has(positionKey(tagNode(use)))) continue;
      const tag = use.ref.tag;
      const ownRelease = use.own && release ? expectedReleaseImageTag(release, model.config.tagFormat, tag) : undefined;
      if (tag === undefined) {
        if (use.kustomization === undefined && overridden.has(positionKey(use.at))) continue;
        // With no appVersion to default to (missing, or a placeholder filled in at release time), or a template
        // default only rendering knows (`.tag | default $kubeVersion`), the tag the chart renders is unknown rather
        // than absent.
        if (use.kind === 'helm-values' && (use.renderedTag || chartWithoutAppVersion(use.chart, model))) continue;
        report({
          message: use.kind === 'helm-values'
            ? `${use.ref.repository} has no tag in the chart's values and the chart's templates give it no default`
            : `${use.ref.repository} has no tag, so it runs whatever latest points at when a node pulls it`,
          at: tagNode(use),
          image: use.ref.repository,
          ...(ownRelease ? { expected: ownRelease } : {}),
        });
        continue;
      }
      if (!mutableTags.has(tag)) continue;
      report({
        message: `${use.ref.repository} is tagged ${tag}, a mutable tag: what runs changes whenever the tag moves`,
        at: tagNode(use),
        image: use.ref.repository,
        actual: tag,
        ...(ownRelease ? { expected: ownRelease } : {}),
      });
    }
  },
});

/** Image nodes whose effective reference in some kustomize build carries a tag or digest set by `images:`. */
function imagesRewrittenByABuild(model: ReleaseModel): Set<string> {
  const keys = new Set<string>();
  for (const use of model.imageUses) {
    if (use.tagSource === 'kustomize' && (use.ref.tag !== undefined || use.ref.digest)) keys.add(positionKey(use.at));
  }
  return keys;
}

function chartWithoutAppVersion(dir: string | undefined, model: ReleaseModel): boolean {
  const chart = model.charts.find((c) => c.dir === dir);
  return chart !== undefined && chart.appVersion === undefined;
}
