import type { ClusterKind, DeployedContainer, DeployedObject } from '../../model/cluster.js';

/*
 * Kubernetes API objects (as listed by apps/v1, batch/v1 and v1) → the cluster model. Read defensively: a field
 * the API server left out (a Pod still pending has no containerStatuses) is absent, never a crash.
 */

interface Meta {
  name?: string;
  namespace?: string;
  labels?: Record<string, string>;
  ownerReferences?: { kind?: string; name?: string; controller?: boolean }[];
}
interface ContainerSpec {
  name?: string;
  image?: string;
}
interface PodSpec {
  containers?: ContainerSpec[];
  initContainers?: ContainerSpec[];
}
interface ContainerStatus {
  name?: string;
  image?: string;
  imageID?: string;
}
/** The parts of any listed object tagcheck reads. */
export interface ApiObject {
  metadata?: Meta;
  spec?: {
    template?: { spec?: PodSpec };
    jobTemplate?: { spec?: { template?: { spec?: PodSpec } } };
  } & PodSpec;
  status?: { phase?: string; containerStatuses?: ContainerStatus[]; initContainerStatuses?: ContainerStatus[] };
}

/** A Pod that has finished (a CronJob's completed Jobs keep theirs) runs nothing: it is history, not deployed. */
export function isFinishedPod(object: ApiObject): boolean {
  return object.status?.phase === 'Succeeded' || object.status?.phase === 'Failed';
}

/** A Deployment, StatefulSet, DaemonSet (spec.template) or CronJob (spec.jobTemplate.spec.template). */
export function workloadOf(kind: Exclude<ClusterKind, 'Pod'>, object: ApiObject): DeployedObject {
  const template = kind === 'CronJob' ? object.spec?.jobTemplate?.spec?.template?.spec : object.spec?.template?.spec;
  return { kind, ...identity(object), containers: containersOf(template) };
}

/** A Pod as read, before its owner is resolved: the `pod-template-hash` label names a Deployment's ReplicaSet. */
export interface ListedPod {
  pod: DeployedObject;
  templateHash?: string;
}

/** A Pod with what its runtime pulled: each container's `imageID` from its status, matched by name. */
export function podOf(object: ApiObject): ListedPod {
  const statuses = new Map<string, ContainerStatus>();
  for (const status of [...(object.status?.containerStatuses ?? []), ...(object.status?.initContainerStatuses ?? [])]) {
    if (status.name) statuses.set(status.name, status);
  }
  const containers = containersOf(object.spec).map((container) => {
    const imageID = statuses.get(container.name)?.imageID;
    return imageID ? { ...container, imageID } : container;
  });
  const controller = object.metadata?.ownerReferences?.find((ref) => ref.controller) ?? object.metadata?.ownerReferences?.[0];
  const pod: DeployedObject = { kind: 'Pod', ...identity(object), containers };
  if (controller?.kind && controller.name) pod.owner = { kind: controller.kind, name: controller.name };
  const templateHash = object.metadata?.labels?.['pod-template-hash'];
  return templateHash ? { pod, templateHash } : { pod };
}

/**
 * Names each Pod's owner by the listed workload that runs it. A Deployment's Pods are owned by a ReplicaSet
 * `<deployment>-<pod-template-hash>`, a CronJob's by a Job `<cronjob>-<scheduled time>`; ReplicaSets and Jobs are
 * not listed, so the names decide, and only when that workload exists in the same namespace.
 */
export function resolvePodOwners(listed: ListedPod[], workloads: DeployedObject[]): DeployedObject[] {
  const names = new Set(workloads.map((w) => `${w.kind}\u0000${w.namespace}\u0000${w.name}`));
  const has = (kind: string, namespace: string, name: string) => names.has(`${kind}\u0000${namespace}\u0000${name}`);
  return listed.map(({ pod: read, templateHash }) => {
    const pod = { ...read };
    const owner = pod.owner;
    if (!owner) return pod;
    if (owner.kind === 'ReplicaSet' && templateHash && owner.name.endsWith(`-${templateHash}`)) {
      const deployment = owner.name.slice(0, -templateHash.length - 1);
      if (has('Deployment', pod.namespace, deployment)) pod.owner = { kind: 'Deployment', name: deployment };
    } else if (owner.kind === 'Job') {
      const cronJob = /^(.+)-\d+$/.exec(owner.name)?.[1];
      if (cronJob && has('CronJob', pod.namespace, cronJob)) pod.owner = { kind: 'CronJob', name: cronJob };
    }
    return pod;
  });
}

function identity(object: ApiObject): { namespace: string; name: string } {
  return { namespace: object.metadata?.namespace ?? 'default', name: object.metadata?.name ?? '(unnamed)' };
}

function containersOf(spec: PodSpec | undefined): DeployedContainer[] {
  const containers: DeployedContainer[] = [];
  for (const [list, init] of [
    [spec?.initContainers, true],
    [spec?.containers, false],
  ] as const) {
    for (const container of list ?? []) {
      if (typeof container.image === 'string' && container.image.trim() !== '') {
        containers.push({ name: container.name ?? '(unnamed)', image: container.image.trim(), init });
      }
    }
  }
  return containers;
}
