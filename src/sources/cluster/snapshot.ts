import { readFile, writeFile } from 'node:fs/promises';
import {
  CLUSTER_RESOURCES,
  type ClusterFault,
  type ClusterKind,
  type ClusterState,
  type DeployedContainer,
  type DeployedObject,
} from '../../model/cluster.js';
import { InputError } from '../../model/errors.js';

/*
 * The recorded-cluster snapshot (`tagcheck snapshot --cluster … --cluster-output FILE`, `check --cluster-snapshot
 * FILE`): the cluster state as the check reads it, so a check can run offline and give the same findings. It holds
 * names and images only, never a credential. This module must not import client-node: replaying needs no cluster.
 */

const WORKLOAD_KINDS: readonly ClusterKind[] = ['Deployment', 'StatefulSet', 'DaemonSet', 'CronJob'];

/** The file holds the cluster state as read, plus the format version. */
export interface ClusterSnapshotFile extends ClusterState {
  version: 1;
}

export async function loadClusterSnapshot(file: string): Promise<ClusterState> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError(`${file}: cannot read cluster snapshot (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${file}: cluster snapshot is not valid JSON (${(error as Error).message})`);
  }
  return validateClusterSnapshot(data, file);
}

export function validateClusterSnapshot(data: unknown, file: string): ClusterState {
  const fail = (where: string, problem: string): never => {
    throw new InputError(`${file}: invalid cluster snapshot: ${where} ${problem}`);
  };
  if (!isObject(data)) return fail('the top level', 'must be an object with "version", "context", "workloads" and "pods"');
  if (data.version !== 1) fail('"version"', `must be 1 (found ${JSON.stringify(data.version)})`);
  if (typeof data.context !== 'string') fail('"context"', 'must be the kubeconfig context name');
  if (data.server !== undefined && typeof data.server !== 'string') fail('"server"', 'must be a URL string');
  if (data.namespaces !== undefined && !isStringList(data.namespaces)) fail('"namespaces"', 'must be a list of namespace names');
  const objects = (key: 'workloads' | 'pods', kinds: readonly ClusterKind[]): DeployedObject[] => {
    const list = data[key] ?? [];
    if (!Array.isArray(list)) return fail(`"${key}"`, 'must be a list');
    return list.map((entry: unknown, i) => readObject(entry, `${key}[${i}]`, kinds, key === 'pods', fail));
  };
  const faultList = data.faults ?? [];
  if (!Array.isArray(faultList)) fail('"faults"', 'must be a list');
  const faults = (faultList as unknown[]).map((entry, i): ClusterFault => {
    const at = `faults[${i}]`;
    if (!isObject(entry)) return fail(at, 'must be an object with "resource" and "reason"');
    if (!(CLUSTER_RESOURCES as readonly unknown[]).includes(entry.resource)) fail(`${at}.resource`, `must be one of ${CLUSTER_RESOURCES.join(', ')}`);
    if (typeof entry.reason !== 'string') fail(`${at}.reason`, 'must be a string');
    return { resource: entry.resource as ClusterFault['resource'], reason: entry.reason as string };
  });
  return {
    context: data.context as string,
    ...(typeof data.server === 'string' ? { server: data.server } : {}),
    ...(data.namespaces ? { namespaces: [...(data.namespaces as string[])] } : {}),
    workloads: objects('workloads', WORKLOAD_KINDS),
    pods: objects('pods', ['Pod']),
    faults,
  };
}

function readObject(
  entry: unknown,
  at: string,
  kinds: readonly ClusterKind[],
  pod: boolean,
  fail: (where: string, problem: string) => never,
): DeployedObject {
  if (!isObject(entry)) return fail(at, 'must be an object with "kind", "namespace", "name" and "containers"');
  if (!kinds.includes(entry.kind as ClusterKind)) fail(`${at}.kind`, `must be ${kinds.join(' or ')} (found ${JSON.stringify(entry.kind)})`);
  for (const key of ['namespace', 'name'] as const) if (typeof entry[key] !== 'string' || entry[key] === '') fail(`${at}.${key}`, 'must be a non-empty string');
  if (!Array.isArray(entry.containers)) fail(`${at}.containers`, 'must be a list');
  const containers = (entry.containers as unknown[]).map((c, i): DeployedContainer => {
    const where = `${at}.containers[${i}]`;
    if (!isObject(c) || typeof c.name !== 'string' || typeof c.image !== 'string') return fail(where, 'must be an object with "name" and "image" strings');
    if (c.init !== undefined && typeof c.init !== 'boolean') fail(`${where}.init`, 'must be true or false');
    if (c.imageID !== undefined && (!pod || typeof c.imageID !== 'string')) fail(`${where}.imageID`, pod ? 'must be a string' : 'belongs to pods only');
    return { name: c.name, image: c.image, init: c.init === true, ...(typeof c.imageID === 'string' ? { imageID: c.imageID } : {}) };
  });
  const object: DeployedObject = { kind: entry.kind as ClusterKind, namespace: entry.namespace as string, name: entry.name as string, containers };
  if (entry.owner !== undefined) {
    const owner = entry.owner;
    if (!pod || !isObject(owner) || typeof owner.kind !== 'string' || typeof owner.name !== 'string') {
      fail(`${at}.owner`, pod ? 'must be an object with "kind" and "name"' : 'belongs to pods only');
    }
    object.owner = { kind: (owner as { kind: string }).kind, name: (owner as { name: string }).name };
  }
  return object;
}

/** A recording narrowed to some namespaces, as if `--namespace` had been given when it was recorded. */
export function onlyNamespaces(state: ClusterState, namespaces: string[]): ClusterState {
  const keep = (o: DeployedObject) => namespaces.includes(o.namespace);
  return { ...state, namespaces: [...namespaces], workloads: state.workloads.filter(keep), pods: state.pods.filter(keep) };
}

/** The state as a snapshot file: sorted, so two recordings of the same cluster are the same bytes. */
export function clusterSnapshotOf(state: ClusterState): ClusterSnapshotFile {
  const order = (a: DeployedObject, b: DeployedObject) => compare(`${a.namespace}/${a.kind}/${a.name}`, `${b.namespace}/${b.kind}/${b.name}`);
  const clean = (o: DeployedObject): DeployedObject => ({
    kind: o.kind,
    namespace: o.namespace,
    name: o.name,
    ...(o.owner ? { owner: { kind: o.owner.kind, name: o.owner.name } } : {}),
    containers: o.containers.map((c) => ({ name: c.name, image: c.image, init: c.init, ...(c.imageID !== undefined ? { imageID: c.imageID } : {}) })),
  });
  return {
    version: 1,
    context: state.context,
    ...(state.server ? { server: state.server } : {}),
    ...(state.namespaces ? { namespaces: [...state.namespaces] } : {}),
    workloads: [...state.workloads].sort(order).map(clean),
    pods: [...state.pods].sort(order).map(clean),
    faults: state.faults.map((f) => ({ resource: f.resource, reason: f.reason })),
  };
}

export async function writeClusterSnapshot(file: string, state: ClusterState): Promise<void> {
  try {
    await writeFile(file, `${JSON.stringify(clusterSnapshotOf(state), null, 2)}\n`);
  } catch (error) {
    throw new InputError(`${file}: cannot write cluster snapshot (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
