import { deployedImagesOf } from '../../src/engine/cluster-images.js';
import type { ClusterState, DeployedContainer, DeployedObject } from '../../src/model/cluster.js';
import type { ReleaseModel } from '../../src/model/release.js';

/** In-memory cluster objects for rule tests; ownership is decided by the engine's real code. */
export function workload(kind: Exclude<DeployedObject['kind'], 'Pod'>, id: string, containers: Record<string, string>, init: Record<string, string> = {}): DeployedObject {
  const [namespace, name] = id.split('/');
  return { kind, namespace, name, containers: [...toContainers(init, true), ...toContainers(containers, false)] };
}

/** A Pod; `containers` maps name → [image, imageID]. */
export function clusterPod(id: string, containers: Record<string, [string, string?]>, owner?: { kind: string; name: string }): DeployedObject {
  const [namespace, name] = id.split('/');
  const list: DeployedContainer[] = Object.entries(containers).map(([n, [image, imageID]]) => ({ name: n, image, init: false, ...(imageID !== undefined ? { imageID } : {}) }));
  return { kind: 'Pod', namespace, name, containers: list, ...(owner ? { owner } : {}) };
}

export function withCluster(model: ReleaseModel, state: Partial<ClusterState>): ReleaseModel {
  const cluster: ClusterState = { context: 'test', server: 'https://k8s.test:6443', workloads: [], pods: [], faults: [], ...state };
  const next = { ...model, cluster };
  next.deployedImages = deployedImagesOf(next, cluster).images;
  return next;
}

function toContainers(map: Record<string, string>, init: boolean): DeployedContainer[] {
  return Object.entries(map).map(([name, image]) => ({ name, image, init }));
}
