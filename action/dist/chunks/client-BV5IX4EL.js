import { createRequire as __tagcheckCreateRequire } from 'node:module';
const require = __tagcheckCreateRequire(import.meta.url);
import {
  InputError
} from "./chunk-RPMDAMUC.js";
import "./chunk-EDL2D4W5.js";

// src/sources/cluster/client.ts
import { AppsV1Api, BatchV1Api, CoreV1Api, Observable } from "@kubernetes/client-node";

// src/sources/cluster/kubeconfig.ts
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { delimiter, join } from "node:path";
import { KubeConfig } from "@kubernetes/client-node";
function loadKubeConfig(target, env) {
  const files = kubeconfigFiles(target, env);
  const kubeConfig = new KubeConfig();
  if (files.length === 0) {
    if (!env.KUBERNETES_SERVICE_HOST) {
      throw new InputError("--cluster: no kubeconfig (pass --kubeconfig FILE, set KUBECONFIG, or create ~/.kube/config)");
    }
    kubeConfig.loadFromCluster();
  }
  files.forEach((file, index) => {
    const loaded = readOne(file);
    if (index === 0) return copyInto(kubeConfig, loaded, true);
    copyInto(kubeConfig, loaded, !kubeConfig.currentContext);
  });
  const where = files.length ? files.join(delimiter) : "the in-cluster service account";
  const contexts = kubeConfig.getContexts().map((c) => c.name);
  const known = contexts.length ? ` (contexts: ${contexts.join(", ")})` : " (it defines no contexts)";
  const context = target.context ?? kubeConfig.getCurrentContext();
  if (!context) throw new InputError(`${where}: kubeconfig sets no current-context: name one with --cluster CONTEXT${known}`);
  if (!kubeConfig.getContextObject(context)) {
    throw new InputError(`${where}: kubeconfig has no context "${context}"${known}; a PATH goes before --cluster`);
  }
  kubeConfig.setCurrentContext(context);
  const cluster = kubeConfig.getCurrentCluster();
  if (!cluster?.server) throw new InputError(`${where}: context "${context}" names no cluster with a server URL`);
  const user = kubeConfig.getCurrentUser();
  const secrets = [user?.token, user?.password, user?.keyData, passwordIn(cluster.server)].filter((s) => typeof s === "string" && s.length >= 4);
  const execCommand = user?.exec?.command;
  return {
    kubeConfig,
    context,
    server: withoutUserInfo(cluster.server),
    files,
    secrets,
    ...typeof execCommand === "string" ? { execCommand } : {}
  };
}
function passwordIn(server) {
  try {
    return decodeURIComponent(new URL(server).password) || void 0;
  } catch {
    return void 0;
  }
}
function withoutUserInfo(server) {
  try {
    const url = new URL(server);
    if (!url.username && !url.password) return server;
    url.username = "";
    url.password = "";
    return url.toString().replace(/\/$/, server.endsWith("/") ? "/" : "");
  } catch {
    return server.replace(/\/\/[^/@]*@/, "//");
  }
}
function kubeconfigFiles(target, env) {
  if (target.kubeconfig) return [target.kubeconfig];
  const fromEnv = (env.KUBECONFIG ?? "").split(delimiter).filter((file) => file !== "");
  if (fromEnv.length > 0) {
    const present = fromEnv.filter((file) => existsSync(file));
    if (present.length === 0) throw new InputError(`${fromEnv.join(delimiter)}: cannot read kubeconfig (KUBECONFIG names no existing file)`);
    return present;
  }
  const home = join(env.HOME || env.USERPROFILE || homedir(), ".kube", "config");
  return existsSync(home) ? [home] : [];
}
function readOne(file) {
  let text;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new InputError(`${file}: cannot read kubeconfig (${error.code ?? error.message})`);
  }
  if (text.trim() === "") throw new InputError(`${file}: invalid kubeconfig: the file is empty`);
  const config = new KubeConfig();
  try {
    config.loadFromString(text);
    config.makePathsAbsolute(join(file, ".."));
  } catch (error) {
    const message = error.message.split("\n")[0].trim();
    throw new InputError(`${file}: invalid kubeconfig: ${message}`);
  }
  if (config.getContexts().length === 0 && config.getClusters().length === 0) {
    throw new InputError(`${file}: invalid kubeconfig: it defines no clusters and no contexts`);
  }
  return config;
}
function copyInto(target, source, takeContext) {
  if (takeContext && source.currentContext) target.currentContext = source.currentContext;
  for (const cluster of source.getClusters()) if (!target.getCluster(cluster.name)) target.addCluster(cluster);
  for (const user of source.getUsers()) if (!target.getUser(user.name)) target.addUser(user);
  for (const context of source.getContexts()) if (!target.getContextObject(context.name)) target.addContext(context);
}

// src/sources/cluster/objects.ts
function isFinishedPod(object) {
  return object.status?.phase === "Succeeded" || object.status?.phase === "Failed";
}
function workloadOf(kind, object) {
  const template = kind === "CronJob" ? object.spec?.jobTemplate?.spec?.template?.spec : object.spec?.template?.spec;
  return { kind, ...identity(object), containers: containersOf(template) };
}
function podOf(object) {
  const statuses = /* @__PURE__ */ new Map();
  for (const status of [...object.status?.containerStatuses ?? [], ...object.status?.initContainerStatuses ?? []]) {
    if (status.name) statuses.set(status.name, status);
  }
  const containers = containersOf(object.spec).map((container) => {
    const imageID = statuses.get(container.name)?.imageID;
    return imageID ? { ...container, imageID } : container;
  });
  const controller = object.metadata?.ownerReferences?.find((ref) => ref.controller) ?? object.metadata?.ownerReferences?.[0];
  const pod = { kind: "Pod", ...identity(object), containers };
  if (controller?.kind && controller.name) pod.owner = { kind: controller.kind, name: controller.name };
  const templateHash = object.metadata?.labels?.["pod-template-hash"];
  return templateHash ? { pod, templateHash } : { pod };
}
function resolvePodOwners(listed, workloads) {
  const names = new Set(workloads.map((w) => `${w.kind}\0${w.namespace}\0${w.name}`));
  const has = (kind, namespace, name) => names.has(`${kind}\0${namespace}\0${name}`);
  return listed.map(({ pod: read, templateHash }) => {
    const pod = { ...read };
    const owner = pod.owner;
    if (!owner) return pod;
    if (owner.kind === "ReplicaSet" && templateHash && owner.name.endsWith(`-${templateHash}`)) {
      const deployment = owner.name.slice(0, -templateHash.length - 1);
      if (has("Deployment", pod.namespace, deployment)) pod.owner = { kind: "Deployment", name: deployment };
    } else if (owner.kind === "Job") {
      const cronJob = /^(.+)-\d+$/.exec(owner.name)?.[1];
      if (cronJob && has("CronJob", pod.namespace, cronJob)) pod.owner = { kind: "CronJob", name: cronJob };
    }
    return pod;
  });
}
function identity(object) {
  return { namespace: object.metadata?.namespace ?? "default", name: object.metadata?.name ?? "(unnamed)" };
}
function containersOf(spec) {
  const containers = [];
  for (const [list, init] of [
    [spec?.initContainers, true],
    [spec?.containers, false]
  ]) {
    for (const container of list ?? []) {
      if (typeof container.image === "string" && container.image.trim() !== "") {
        containers.push({ name: container.name ?? "(unnamed)", image: container.image.trim(), init });
      }
    }
  }
  return containers;
}

// src/sources/cluster/client.ts
var PAGE_SIZE = 500;
async function readCluster(target, options) {
  const loaded = loadKubeConfig(target, options.env);
  const { kubeConfig } = loaded;
  const apps = kubeConfig.makeApiClient(AppsV1Api);
  const batch = kubeConfig.makeApiClient(BatchV1Api);
  const core = kubeConfig.makeApiClient(CoreV1Api);
  const call = { middleware: [timeoutMiddleware(options.timeoutMs)], middlewareMergeStrategy: "append" };
  const listers = {
    deployments: (ns, p) => ns ? apps.listNamespacedDeployment({ namespace: ns, ...p }, call) : apps.listDeploymentForAllNamespaces(p, call),
    statefulsets: (ns, p) => ns ? apps.listNamespacedStatefulSet({ namespace: ns, ...p }, call) : apps.listStatefulSetForAllNamespaces(p, call),
    daemonsets: (ns, p) => ns ? apps.listNamespacedDaemonSet({ namespace: ns, ...p }, call) : apps.listDaemonSetForAllNamespaces(p, call),
    cronjobs: (ns, p) => ns ? batch.listNamespacedCronJob({ namespace: ns, ...p }, call) : batch.listCronJobForAllNamespaces(p, call),
    pods: (ns, p) => ns ? core.listNamespacedPod({ namespace: ns, ...p }, call) : core.listPodForAllNamespaces(p, call)
  };
  const namespaces = target.namespaces?.length ? [...new Set(target.namespaces)] : [void 0];
  const faults = [];
  const read = async (resource) => {
    const items = [];
    for (const namespace of namespaces) {
      try {
        items.push(...await listAll(listers[resource], namespace));
      } catch (error) {
        const reason = describeClusterError(error, loaded, options.timeoutMs);
        options.log?.(`cluster ${loaded.context}: cannot list ${resource}${namespace ? ` in ${namespace}` : ""}: ${reason}`);
        if (!faults.some((f) => f.resource === resource && f.reason === reason)) faults.push({ resource, reason });
      }
    }
    return items;
  };
  options.log?.(`reading cluster ${loaded.context} (${loaded.server}), ${namespaces[0] ? `namespaces ${namespaces.join(", ")}` : "all namespaces"}`);
  const [deployments, statefulsets, daemonsets, cronjobs, pods] = await Promise.all([
    read("deployments"),
    read("statefulsets"),
    read("daemonsets"),
    read("cronjobs"),
    read("pods")
  ]);
  const workloads = [
    ...deployments.map((o) => workloadOf("Deployment", o)),
    ...statefulsets.map((o) => workloadOf("StatefulSet", o)),
    ...daemonsets.map((o) => workloadOf("DaemonSet", o)),
    ...cronjobs.map((o) => workloadOf("CronJob", o))
  ];
  const listedPods = pods.filter((p) => !isFinishedPod(p)).map(podOf);
  return {
    context: loaded.context,
    server: loaded.server,
    ...target.namespaces?.length ? { namespaces } : {},
    workloads,
    pods: resolvePodOwners(listedPods, workloads),
    faults: faults.sort((a, b) => a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : 0)
  };
}
async function listAll(list, namespace) {
  const items = [];
  let next;
  do {
    const page = await list(namespace, { limit: PAGE_SIZE, ...next ? { _continue: next } : {} });
    items.push(...page.items ?? []);
    next = page.metadata?._continue || void 0;
  } while (next);
  return items;
}
function timeoutMiddleware(timeoutMs) {
  return {
    pre: (context) => {
      context.setSignal(AbortSignal.timeout(timeoutMs));
      return new Observable(Promise.resolve(context));
    },
    post: (context) => new Observable(Promise.resolve(context))
  };
}
var HTTP_STATUS = {
  401: "Unauthorized: the API server refused the kubeconfig credentials",
  403: "Forbidden",
  404: "Not Found",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout"
};
var NETWORK_CODES = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  ENOTFOUND: "DNS: host not found",
  EAI_AGAIN: "DNS: temporary failure",
  ETIMEDOUT: "connection timed out",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable"
};
function describeClusterError(error, loaded, timeoutMs) {
  const e = error;
  let reason;
  if (typeof e?.code === "number") {
    const status = HTTP_STATUS[e.code] ?? "unexpected status";
    const message = statusMessage(e.body);
    reason = `HTTP ${e.code} ${status}${message && !status.includes(message) ? `: ${message}` : ""}`;
  } else if (e?.name === "AbortError" || e?.type === "aborted" || e?.name === "TimeoutError") {
    reason = `no answer within ${timeoutMs} ms`;
  } else if (typeof e?.code === "string" && NETWORK_CODES[e.code]) {
    reason = `${NETWORK_CODES[e.code]} (${hostOf(loaded.server)})`;
  } else if (typeof e?.code === "string" && /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/.test(e.code)) {
    reason = `TLS: ${e.code} (${hostOf(loaded.server)}): check certificate-authority in the kubeconfig`;
  } else {
    const message = (e?.message ?? String(error)).trim().split("\n")[0].slice(0, 200);
    reason = loaded.execCommand ? `the exec credential plugin ${loaded.execCommand} failed: ${message || "no message"}` : message || "unknown error";
  }
  return redact(reason, loaded.secrets);
}
function statusMessage(body) {
  let parsed = body;
  if (typeof body === "string") {
    try {
      parsed = JSON.parse(body);
    } catch {
      return void 0;
    }
  }
  const message = parsed?.message;
  return typeof message === "string" ? message.split("\n")[0].slice(0, 300) : void 0;
}
function hostOf(server) {
  try {
    return new URL(server).host;
  } catch {
    return server;
  }
}
function redact(text, secrets) {
  let result = text.replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, "$1 ***");
  for (const secret of secrets) result = result.split(secret).join("***");
  return result;
}
export {
  describeClusterError,
  readCluster
};
