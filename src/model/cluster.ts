import type { ImageRef } from './image-ref.js';

/** What runs in a Kubernetes cluster, reduced to what the cluster rules compare: workloads, their images, and the Pods. */

/** The workload kinds tagcheck reads (apps/v1, batch/v1) plus the Pods (v1) that run them. */
export type ClusterKind = 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'CronJob' | 'Pod';

/** The list endpoints read, by their resource name (as in `kubectl get deployments`). */
export const CLUSTER_RESOURCES = ['deployments', 'statefulsets', 'daemonsets', 'cronjobs', 'pods'] as const;
export type ClusterResource = (typeof CLUSTER_RESOURCES)[number];

/** One container (or init container) of a pod template or a Pod. */
export interface DeployedContainer {
  name: string;
  /** the `image` string as the API returns it */
  image: string;
  init: boolean;
  /** Pods only: `status.containerStatuses[].imageID`, what the runtime actually pulled */
  imageID?: string;
}

/** A workload's pod template, or one Pod. */
export interface DeployedObject {
  kind: ClusterKind;
  namespace: string;
  name: string;
  containers: DeployedContainer[];
  /**
   * Pods only: the listed workload that runs it (a Deployment through its ReplicaSet, a CronJob through its Job),
   * else the nearest controller (`ReplicaSet x`, `Job y`, a custom kind); absent for a bare Pod.
   */
  owner?: { kind: string; name: string };
}

/** A list that could not be read: the resource (`pods`) and why (`HTTP 403 Forbidden: …`, `connection refused`). */
export interface ClusterFault {
  resource: ClusterResource;
  reason: string;
}

/** The cluster as read once before the rules run (live through the kubeconfig, or from a cluster snapshot). */
export interface ClusterState {
  /** the kubeconfig context, for messages */
  context: string;
  /** the API server URL (never credentials) */
  server?: string;
  /** the namespaces read; absent for all namespaces */
  namespaces?: string[];
  /** Deployments, StatefulSets, DaemonSets and CronJobs with their pod templates' containers */
  workloads: DeployedObject[];
  pods: DeployedObject[];
  faults: ClusterFault[];
}

/** Which cluster to read: `--cluster [CONTEXT]`, `--kubeconfig FILE`, `--namespace NS` (repeatable). */
export interface ClusterTarget {
  /** default: the kubeconfig's current-context */
  context?: string;
  kubeconfig?: string;
  /** default: all namespaces */
  namespaces?: string[];
}

/** One container image the cluster runs, parsed; `own` is decided as for the manifests' images. */
export interface DeployedImage {
  object: DeployedObject;
  container: DeployedContainer;
  ref: ImageRef;
  own: boolean;
}

/** `namespace/name` of a kind, as messages name it: `Deployment prod/api`. */
export function describeObject(object: Pick<DeployedObject, 'kind' | 'namespace' | 'name'>): string {
  return `${object.kind} ${object.namespace}/${object.name}`;
}

/**
 * The registry digest in a container status `imageID`, or why there is none. Runtimes write
 * `docker-pullable://repo@sha256:…` (dockershim), `repo@sha256:…` (containerd, CRI-O) or only the local image id
 * `sha256:…` / `docker://sha256:…` (an image built or loaded on the node, never pulled), which is the config digest
 * and cannot be compared with a registry's manifest digest.
 */
export function registryDigestOf(imageID: string | undefined): { digest: string } | { none: 'empty' | 'local-id' | 'unknown' } {
  const text = (imageID ?? '').trim();
  if (text === '') return { none: 'empty' };
  const withoutScheme = text.replace(/^[a-z-]+:\/\//, '');
  const at = withoutScheme.lastIndexOf('@');
  if (at > 0) {
    const digest = withoutScheme.slice(at + 1);
    return /^[a-z0-9]+:[0-9a-f]{32,}$/.test(digest) ? { digest } : { none: 'unknown' };
  }
  return /^[a-z0-9]+:[0-9a-f]{32,}$/.test(withoutScheme) ? { none: 'local-id' } : { none: 'unknown' };
}
