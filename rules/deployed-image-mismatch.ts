import { describeObject, type DeployedImage } from '../src/model/cluster.js';
import {
  deployedExpectation,
  describeContainer,
  describePods,
  groupBy,
  ownDeployedImages,
  templateImageOf,
} from '../src/model/cluster-view.js';
import { foundTag, locateRepository, shortDigest } from '../src/model/registry-view.js';
import { defineRule } from '../src/model/rule.js';

/**
 * A workload in the cluster runs an own image at another tag than the release (without a release: than the
 * manifests deploy). Workload templates are compared; a Pod only when it runs something its template does not
 * say (a stuck rollout, a bare Pod, a ReplicaSet nobody owns), so one stale Deployment is one finding.
 */
export default defineRule({
  id: 'deployed-image-mismatch',
  scope: 'cluster',
  level: 'error',
  summary: 'A workload in the cluster runs an own image at another tag than the release (or than the manifests)',
  description:
    'With --cluster, tagcheck reads the Deployments, StatefulSets, DaemonSets, CronJobs and Pods of the cluster and compares ' +
    "the tag each runs of the project's own images with the release tag (with no release tag: with the tags the manifests " +
    'deploy). A mismatch is a release that was tagged but never rolled out, a rollout that stopped half-way, or a hand-edited workload.',
  remediation:
    'Roll the release out (`kubectl apply -k …`, `helm upgrade`, or let the GitOps controller sync), or find out why the rollout ' +
    'stopped (`kubectl rollout status deployment/NAME -n NAMESPACE`).',
  check({ model, report }) {
    if (!model.cluster) return;
    const candidates: DeployedImage[] = [];
    for (const image of ownDeployedImages(model)) {
      if (image.object.kind === 'Pod' && templateImageOf(model, image.object, image.container.name) === image.container.image) continue;
      candidates.push(image);
    }
    // replicas of one owner running one image are one finding
    const groups = groupBy(candidates, (i) =>
      JSON.stringify([i.object.kind, i.object.namespace, i.object.owner ? `${i.object.owner.kind}/${i.object.owner.name}` : i.object.name, i.container.name, i.container.image]),
    );
    for (const group of groups) {
      const image = group[0];
      const repository = image.ref.repository;
      const expected = deployedExpectation(model, repository);
      if (!expected) continue;
      const who = `${image.object.kind === 'Pod' ? describePods(group.map((g) => g.object)) : describeObject(image.object)} ${describeContainer(image)}`;
      const runs = group.length > 1 ? 'run' : 'runs';
      const at = locateRepository(model, repository, expected.tag);
      if (image.ref.tag === undefined && image.ref.digest) {
        // pinned by digest only: the registry's digest of the release tag decides
        const release = model.registry ? foundTag(model.registry, repository, expected.tag) : undefined;
        if (release?.digest === image.ref.digest) continue;
        const digest = shortDigest(image.ref.digest);
        report(
          release
            ? { message: `${who} ${runs} ${repository}@${digest}, but ${expected.describe} (${expected.tag} is ${shortDigest(release.digest)} in the registry)`, at, image: repository, expected: expected.tag, actual: image.ref.digest }
            : { message: `${who} ${runs} ${repository}@${digest}: pinned by digest, it could not be compared with ${expected.tag} (the registry's digest of it is unknown)`, at, image: repository, expected: expected.tag, actual: image.ref.digest, level: 'note' },
        );
        continue;
      }
      const tag = image.ref.tag ?? 'latest';
      if (expected.matches(tag)) continue;
      report({
        message: `${who} ${runs} ${image.ref.tag !== undefined ? `${repository}:${tag}` : `${repository} (no tag: latest)`}, but ${expected.describe}`,
        at,
        image: repository,
        expected: expected.tag,
        actual: tag,
      });
    }
  },
});
