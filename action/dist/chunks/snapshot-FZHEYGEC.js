import { createRequire as __tagcheckCreateRequire } from 'node:module';
const require = __tagcheckCreateRequire(import.meta.url);
import {
  InputError
} from "./chunk-RPMDAMUC.js";
import {
  CLUSTER_RESOURCES
} from "./chunk-3WXF3ZSY.js";
import "./chunk-EDL2D4W5.js";

// src/sources/cluster/snapshot.ts
import { readFile, writeFile } from "node:fs/promises";
var WORKLOAD_KINDS = ["Deployment", "StatefulSet", "DaemonSet", "CronJob"];
async function loadClusterSnapshot(file) {
  let text;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new InputError(`${file}: cannot read cluster snapshot (${error.code ?? error.message})`);
  }
  let data;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${file}: cluster snapshot is not valid JSON (${error.message})`);
  }
  return validateClusterSnapshot(data, file);
}
function validateClusterSnapshot(data, file) {
  const fail = (where, problem) => {
    throw new InputError(`${file}: invalid cluster snapshot: ${where} ${problem}`);
  };
  if (!isObject(data)) return fail("the top level", 'must be an object with "version", "context", "workloads" and "pods"');
  if (data.version !== 1) fail('"version"', `must be 1 (found ${JSON.stringify(data.version)})`);
  if (typeof data.context !== "string") fail('"context"', "must be the kubeconfig context name");
  if (data.server !== void 0 && typeof data.server !== "string") fail('"server"', "must be a URL string");
  if (data.namespaces !== void 0 && !isStringList(data.namespaces)) fail('"namespaces"', "must be a list of namespace names");
  const objects = (key, kinds) => {
    const list = data[key] ?? [];
    if (!Array.isArray(list)) return fail(`"${key}"`, "must be a list");
    return list.map((entry, i) => readObject(entry, `${key}[${i}]`, kinds, key === "pods", fail));
  };
  const faultList = data.faults ?? [];
  if (!Array.isArray(faultList)) fail('"faults"', "must be a list");
  const faults = faultList.map((entry, i) => {
    const at = `faults[${i}]`;
    if (!isObject(entry)) return fail(at, 'must be an object with "resource" and "reason"');
    if (!CLUSTER_RESOURCES.includes(entry.resource)) fail(`${at}.resource`, `must be one of ${CLUSTER_RESOURCES.join(", ")}`);
    if (typeof entry.reason !== "string") fail(`${at}.reason`, "must be a string");
    return { resource: entry.resource, reason: entry.reason };
  });
  return {
    context: data.context,
    ...typeof data.server === "string" ? { server: data.server } : {},
    ...data.namespaces ? { namespaces: [...data.namespaces] } : {},
    workloads: objects("workloads", WORKLOAD_KINDS),
    pods: objects("pods", ["Pod"]),
    faults
  };
}
function readObject(entry, at, kinds, pod, fail) {
  if (!isObject(entry)) return fail(at, 'must be an object with "kind", "namespace", "name" and "containers"');
  if (!kinds.includes(entry.kind)) fail(`${at}.kind`, `must be ${kinds.join(" or ")} (found ${JSON.stringify(entry.kind)})`);
  for (const key of ["namespace", "name"]) if (typeof entry[key] !== "string" || entry[key] === "") fail(`${at}.${key}`, "must be a non-empty string");
  if (!Array.isArray(entry.containers)) fail(`${at}.containers`, "must be a list");
  const containers = entry.containers.map((c, i) => {
    const where = `${at}.containers[${i}]`;
    if (!isObject(c) || typeof c.name !== "string" || typeof c.image !== "string") return fail(where, 'must be an object with "name" and "image" strings');
    if (c.init !== void 0 && typeof c.init !== "boolean") fail(`${where}.init`, "must be true or false");
    if (c.imageID !== void 0 && (!pod || typeof c.imageID !== "string")) fail(`${where}.imageID`, pod ? "must be a string" : "belongs to pods only");
    return { name: c.name, image: c.image, init: c.init === true, ...typeof c.imageID === "string" ? { imageID: c.imageID } : {} };
  });
  const object = { kind: entry.kind, namespace: entry.namespace, name: entry.name, containers };
  if (entry.owner !== void 0) {
    const owner = entry.owner;
    if (!pod || !isObject(owner) || typeof owner.kind !== "string" || typeof owner.name !== "string") {
      fail(`${at}.owner`, pod ? 'must be an object with "kind" and "name"' : "belongs to pods only");
    }
    object.owner = { kind: owner.kind, name: owner.name };
  }
  return object;
}
function onlyNamespaces(state, namespaces) {
  const keep = (o) => namespaces.includes(o.namespace);
  return { ...state, namespaces: [...namespaces], workloads: state.workloads.filter(keep), pods: state.pods.filter(keep) };
}
function clusterSnapshotOf(state) {
  const order = (a, b) => compare(`${a.namespace}/${a.kind}/${a.name}`, `${b.namespace}/${b.kind}/${b.name}`);
  const clean = (o) => ({
    kind: o.kind,
    namespace: o.namespace,
    name: o.name,
    ...o.owner ? { owner: { kind: o.owner.kind, name: o.owner.name } } : {},
    containers: o.containers.map((c) => ({ name: c.name, image: c.image, init: c.init, ...c.imageID !== void 0 ? { imageID: c.imageID } : {} }))
  });
  return {
    version: 1,
    context: state.context,
    ...state.server ? { server: state.server } : {},
    ...state.namespaces ? { namespaces: [...state.namespaces] } : {},
    workloads: [...state.workloads].sort(order).map(clean),
    pods: [...state.pods].sort(order).map(clean),
    faults: state.faults.map((f) => ({ resource: f.resource, reason: f.reason }))
  };
}
async function writeClusterSnapshot(file, state) {
  try {
    await writeFile(file, `${JSON.stringify(clusterSnapshotOf(state), null, 2)}
`);
  } catch (error) {
    throw new InputError(`${file}: cannot write cluster snapshot (${error.code ?? error.message})`);
  }
}
var isObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
var isStringList = (v) => Array.isArray(v) && v.every((s) => typeof s === "string");
var compare = (a, b) => a < b ? -1 : a > b ? 1 : 0;
export {
  clusterSnapshotOf,
  loadClusterSnapshot,
  onlyNamespaces,
  validateClusterSnapshot,
  writeClusterSnapshot
};
