import { registryDigestOf, type DeployedImage } from '../src/model/cluster.js';
import { describeContainer, describePods, groupBy, ownDeployedImages } from '../src/model/cluster-view.js';
import { locateRepository, shortDigest } from '../src/model/registry-view.js';
import { defineRule } from '../src/model/rule.js';

/**
 * A Pod runs an own image by tag, and the digest its runtime pulled (`status.containerStatuses[].imageID`) is no
 * longer the registry's digest of that tag: the tag was moved (re-pushed) after the Pod started, so the same
 * manifest now means two different images, and the next reschedule silently changes what runs.
 */
export default defineRule({
  id: 'deployed-digest-drift',
  scope: 'cluster',
  level: 'error',
  readsRegistry: true,
  summary: "A Pod runs an own image whose digest is no longer the registry's digest for the same tag (the tag moved)",
  description:
    'With --cluster, tagcheck compares the digest each Pod actually runs (its container status imageID) with what the registry ' +
    'holds now under the tag the Pod was started with. A difference means the tag was re-pushed after the deploy: Pods of one ' +
    'workload may run different code, and a restart changes what runs without any manifest change. A tag deleted since is reported too.',
  remediation:
    'Never re-push a release tag: push a new version and deploy it, or pin the image by digest (`image: REPO:TAG@sha256:…`). To ' +
    'converge now, restart the workload (`kubectl rollout restart deployment/NAME -n NAMESPACE`) once the tag holds the intended image.',
  check({ model, report }) {
    const facts = model.registry;
    if (!model.cluster || !facts) return;
    const running: { image: DeployedImage; digest: string }[] = [];
    const localIds: DeployedImage[] = [];
    for (const image of ownDeployedImages(model)) {
      // a spec pinned by digest runs that digest whatever the tag says
      if (image.object.kind !== 'Pod' || image.ref.digest) continue;
      const pulled = registryDigestOf(image.container.imageID);
      if ('digest' in pulled) running.push({ image, digest: pulled.digest });
      else if (pulled.none !== 'empty') localIds.push(image); // 'empty': not pulled yet, nothing runs
    }

    const unreachable = new Map<string, string>();
    const groups = groupBy(running, ({ image, digest }) =>
      JSON.stringify([image.object.namespace, image.object.owner ? `${image.object.owner.kind}/${image.object.owner.name}` : image.object.name, image.container.name, image.container.image, digest]),
    );
    for (const group of groups) {
      const { image, digest } = group[0];
      const repository = image.ref.repository;
      const tag = image.ref.tag ?? 'latest';
      const lookup = facts.tag(repository, tag);
      if (!lookup) continue;
      const who = `${describePods(group.map((g) => g.image.object))} ${describeContainer(image)}`;
      const runs = group.length > 1 ? 'run' : 'runs';
      const at = locateRepository(model, repository, tag);
      if (lookup.status === 'unreachable') {
        unreachable.set(repository, `registry ${lookup.host} could not be asked: ${lookup.reason}`);
      } else if (lookup.status === 'not-found') {
        report({
          message: `${who} ${runs} ${repository}:${tag} as ${shortDigest(digest)}, but the registry no longer has ${tag}: a rescheduled Pod cannot pull it`,
          at,
          image: repository,
          actual: digest,
        });
      } else if (lookup.value.digest !== digest && !lookup.value.manifests?.includes(digest)) {
        // a runtime may report the platform manifest it pulled from the index instead of the index itself
        report({
          message: `${who} ${runs} ${repository}:${tag} as ${shortDigest(digest)}, but the registry's ${tag} is ${shortDigest(lookup.value.digest)}: the tag moved after the deploy`,
          at,
          image: repository,
          expected: lookup.value.digest,
          actual: digest,
        });
      }
    }
    // not a silent pass: what could not be compared is said once per repository, as a note
    for (const [repository, why] of unreachable) {
      report({ message: `digests of ${repository} in the cluster were not compared: ${why}`, at: locateRepository(model, repository), image: repository, level: 'note' });
    }
    for (const group of groupBy(localIds, (i) => i.container.image)) {
      const image = group[0];
      report({
        message: `${describePods(group.map((g) => g.object))} ${describeContainer(image)} report only a local image id for ${image.container.image} (${image.container.imageID}), not a registry digest: drift not checked`,
        at: locateRepository(model, image.ref.repository, image.ref.tag),
        image: image.ref.repository,
        level: 'note',
      });
    }
  },
});
