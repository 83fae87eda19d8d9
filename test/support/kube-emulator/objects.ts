import { createHash } from 'node:crypto';
import type { KubeObject } from './index.js';

/*
 * Builders for the objects the emulator serves, in the shapes a real API server returns (metadata with uid,
 * creationTimestamp, labels and ownerReferences; pod templates; Pod status with containerStatuses), so the code
 * under test reads what it would read from a cluster.
 */

export interface ContainerInput {
  name: string;
  image: string;
}

interface WorkloadInput {
  namespace: string;
  name: string;
  containers: ContainerInput[];
  initContainers?: ContainerInput[];
}

function metadata(namespace: string, name: string, extra: Record<string, unknown> = {}) {
  return {
    name,
    namespace,
    uid: uid(`${namespace}/${name}`),
    resourceVersion: '4711',
    generation: 1,
    creationTimestamp: '2026-11-30T09:12:44Z',
    labels: { 'app.kubernetes.io/name': name },
    ...extra,
  };
}

function podSpec(input: { containers: ContainerInput[]; initContainers?: ContainerInput[] | undefined }) {
  const container = (c: ContainerInput) => ({ name: c.name, image: c.image, imagePullPolicy: 'IfNotPresent', resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' });
  return {
    ...(input.initContainers?.length ? { initContainers: input.initContainers.map(container) } : {}),
    containers: input.containers.map(container),
    restartPolicy: 'Always',
    terminationGracePeriodSeconds: 30,
    dnsPolicy: 'ClusterFirst',
    schedulerName: 'default-scheduler',
  };
}

function template(input: WorkloadInput) {
  return { metadata: { labels: { 'app.kubernetes.io/name': input.name } }, spec: podSpec(input) };
}

export function deployment(input: WorkloadInput): KubeObject {
  return {
    metadata: metadata(input.namespace, input.name, { annotations: { 'deployment.kubernetes.io/revision': '3' } }),
    spec: { replicas: 2, selector: { matchLabels: { 'app.kubernetes.io/name': input.name } }, template: template(input), strategy: { type: 'RollingUpdate' } },
    status: { observedGeneration: 1, replicas: 2, readyReplicas: 2, availableReplicas: 2 },
  };
}

export function statefulSet(input: WorkloadInput): KubeObject {
  return {
    metadata: metadata(input.namespace, input.name),
    spec: { replicas: 1, serviceName: input.name, selector: { matchLabels: { 'app.kubernetes.io/name': input.name } }, template: template(input) },
    status: { replicas: 1, readyReplicas: 1 },
  };
}

export function daemonSet(input: WorkloadInput): KubeObject {
  return {
    metadata: metadata(input.namespace, input.name),
    spec: { selector: { matchLabels: { 'app.kubernetes.io/name': input.name } }, template: template(input) },
    status: { desiredNumberScheduled: 3, numberReady: 3 },
  };
}

export function cronJob(input: WorkloadInput & { schedule?: string }): KubeObject {
  const spec = podSpec(input);
  return {
    metadata: metadata(input.namespace, input.name),
    spec: {
      schedule: input.schedule ?? '*/15 * * * *',
      concurrencyPolicy: 'Forbid',
      jobTemplate: { metadata: {}, spec: { template: { metadata: {}, spec: { ...spec, restartPolicy: 'OnFailure' } } } },
    },
    status: { lastScheduleTime: '2026-12-03T08:45:00Z' },
  };
}

export interface PodInput extends WorkloadInput {
  /** the controller: `{ kind: 'ReplicaSet', name: 'api-7c9d8f6b5d' }` plus the pod-template-hash for ReplicaSets */
  owner?: { kind: string; name: string; templateHash?: string };
  /** container name → imageID as the runtime reports it; a container without one has no status yet (pending) */
  imageIDs?: Record<string, string>;
  /** default Running */
  phase?: 'Pending' | 'Running' | 'Succeeded' | 'Failed';
}

export function pod(input: PodInput): KubeObject {
  const labels: Record<string, string> = { 'app.kubernetes.io/name': input.name };
  if (input.owner?.templateHash) labels['pod-template-hash'] = input.owner.templateHash;
  const ownerReferences = input.owner
    ? [{ apiVersion: input.owner.kind === 'Job' ? 'batch/v1' : 'apps/v1', kind: input.owner.kind, name: input.owner.name, uid: uid(input.owner.name), controller: true, blockOwnerDeletion: true }]
    : undefined;
  const status = (c: ContainerInput) => {
    const imageID = input.imageIDs?.[c.name];
    return imageID === undefined
      ? { name: c.name, image: c.image, imageID: '', ready: false, restartCount: 0, started: false, state: { waiting: { reason: 'ContainerCreating' } } }
      : { name: c.name, image: c.image, imageID, containerID: `containerd://${uid(c.name + input.name).replace(/-/g, '')}`, ready: true, restartCount: 0, started: true, state: { running: { startedAt: '2026-12-01T10:00:00Z' } } };
  };
  return {
    metadata: { ...metadata(input.namespace, input.name), labels, ...(ownerReferences ? { ownerReferences } : {}) },
    spec: { ...podSpec(input), nodeName: 'node-1' },
    status: {
      phase: input.phase ?? 'Running',
      hostIP: '10.0.0.11',
      podIP: '10.244.1.17',
      startTime: '2026-12-01T09:59:58Z',
      ...(input.initContainers?.length ? { initContainerStatuses: input.initContainers.map(status) } : {}),
      containerStatuses: input.containers.map(status),
    },
  };
}

/** Pods of a Deployment as its ReplicaSet names them: `<deployment>-<hash>-<suffix>`. */
export function deploymentPods(
  deploymentName: string,
  namespace: string,
  containers: ContainerInput[],
  imageIDs: Record<string, string>,
  count = 2,
): KubeObject[] {
  const hash = createHash('sha256').update(JSON.stringify(containers)).digest('hex').slice(0, 10);
  return Array.from({ length: count }, (_, i) =>
    pod({ namespace, name: `${deploymentName}-${hash}-${'abcdefghij'[i]}x${i}q`, containers, imageIDs, owner: { kind: 'ReplicaSet', name: `${deploymentName}-${hash}`, templateHash: hash } }),
  );
}

function uid(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
