import type { DeployedImage, DeployedObject } from './cluster.js';
import { describeObject } from './cluster.js';
import type { ReleaseModel } from './release.js';
import { listedTags, referencedTags, releaseVersion } from './registry-view.js';
import { hasReleaseTag, releaseImageTag } from './tag-conventions.js';

/*
 * The questions the cluster rules and the registry request plan share: which deployed images are the project's,
 * what tag each should run at, and how a group of Pods is named in a message.
 */

const TEMPLATE_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'CronJob']);

/** The own images the cluster runs, from workload templates and Pods alike. */
export function ownDeployedImages(model: ReleaseModel): DeployedImage[] {
  return (model.deployedImages ?? []).filter((image) => image.own);
}

/**
 * What a deployed own image should be at: with a release version, the release (any spelling `tagFormat` allows);
 * without one, the tags the manifests deploy it at. Null when there is nothing to compare with (no release and no
 * manifest references the repository).
 */
export interface DeployedExpectation {
  /** how a message names it: `the release v2.1.0`, `the manifests' v1.4.0` */
  describe: string;
  /** the tag a reader should deploy: the release tag as the repository spells it, or the manifests' first tag */
  tag: string;
  matches(tag: string): boolean;
}

export function deployedExpectation(model: ReleaseModel, repository: string): DeployedExpectation | null {
  const version = releaseVersion(model);
  const used = referencedTags(model, repository);
  if (version) {
    const listed = model.registry ? (listedTags(model.registry, repository) ?? []) : [];
    const tag = releaseImageTag(version, model.config.tagFormat, listed, used);
    return { describe: `the release is ${model.release!.tag}`, tag, matches: (t) => hasReleaseTag(version, model.config.tagFormat, [t]) };
  }
  if (used.length === 0) return null;
  const list = used.length === 1 ? used[0] : `${used.slice(0, -1).join(', ')} or ${used[used.length - 1]}`;
  return { describe: `the manifests deploy ${list}`, tag: used[0], matches: (t) => used.includes(t) };
}

/**
 * Tags of a repository the cluster's Pods run at (by tag, not pinned by digest): the registry plan asks each,
 * so deployed-digest-drift can compare the Pods' digests; and whether some workload runs it by digest only.
 */
export function deployedTagsOf(model: ReleaseModel, repository: string): { tags: string[]; digestOnly: boolean } {
  const tags = new Set<string>();
  let digestOnly = false;
  for (const image of ownDeployedImages(model)) {
    if (image.ref.repository !== repository) continue;
    if (image.ref.digest && image.ref.tag === undefined) digestOnly = true;
    else if (!image.ref.digest && image.object.kind === 'Pod' && image.container.imageID) tags.add(image.ref.tag ?? 'latest');
  }
  return { tags: [...tags].sort(), digestOnly };
}

/** Every repository the cluster runs an own image of. */
export function deployedOwnRepositories(model: ReleaseModel): string[] {
  return [...new Set(ownDeployedImages(model).map((i) => i.ref.repository))].sort();
}

/**
 * The workload template a Pod container belongs to, when the Pod's owner is a listed workload: a Pod running
 * what its template says adds nothing to the template's own finding.
 */
export function templateImageOf(model: ReleaseModel, pod: DeployedObject, container: string): string | undefined {
  const owner = pod.owner;
  if (!owner || !TEMPLATE_KINDS.has(owner.kind)) return undefined;
  const workload = model.cluster?.workloads.find((w) => w.kind === owner.kind && w.namespace === pod.namespace && w.name === owner.name);
  return workload?.containers.find((c) => c.name === container)?.image;
}

/** A group of Pods in a message: `Pod prod/debug`, `2 Pods of Deployment prod/api (api-7c9-a, api-7c9-b)`. */
export function describePods(pods: DeployedObject[]): string {
  const [first] = pods;
  if (pods.length === 1 && !first.owner) return describeObject(first);
  const names = pods.map((p) => p.name).sort();
  const shown = names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
  const count = pods.length === 1 ? 'Pod' : `${pods.length} Pods`;
  return first.owner ? `${count} of ${first.owner.kind} ${first.namespace}/${first.owner.name} (${shown})` : `${count} ${first.namespace}/${shown}`;
}

/** `container api`, `init container migrate` */
export function describeContainer(image: DeployedImage): string {
  return `${image.container.init ? 'init container' : 'container'} ${image.container.name}`;
}

/** Groups items by a key, keeping the order of first appearance. */
export function groupBy<T>(items: T[], key: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return [...groups.values()];
}
