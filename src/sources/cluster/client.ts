import type { ObservableMiddleware } from '@kubernetes/client-node';
import { loadClientNode, type ClientNode } from './client-node.js';
import type { ClusterFault, ClusterResource, ClusterState, ClusterTarget, DeployedObject } from '../../model/cluster.js';
import { loadKubeConfig, type LoadedKubeConfig } from './kubeconfig.js';
import { isFinishedPod, podOf, resolvePodOwners, workloadOf, type ApiObject, type ListedPod } from './objects.js';

/** Items per list request; the API server pages with `continue` beyond it. */
const PAGE_SIZE = 500;

export interface ClusterReadOptions {
  env: NodeJS.ProcessEnv;
  /** per request, like the registry's `--timeout` */
  timeoutMs: number;
  log?: (line: string) => void;
}

interface ListPage {
  items: ApiObject[];
  metadata?: { _continue?: string };
}
type Lister = (namespace: string | undefined, page: { limit: number; _continue?: string }) => Promise<ListPage>;

/**
 * Reads the workloads and Pods of the cluster the kubeconfig context names, in every namespace or in the given
 * ones. Each list that cannot be read (refused, DNS, TLS, 401/403, timeout) becomes a fault of its resource and
 * the others are still read, so an RBAC role without `pods` still checks the Deployments.
 * A bad kubeconfig throws an InputError before any request.
 */
export async function readCluster(target: ClusterTarget, options: ClusterReadOptions): Promise<ClusterState> {
  const loaded = await loadKubeConfig(target, options.env);
  const { kubeConfig } = loaded;
  const { AppsV1Api, BatchV1Api, CoreV1Api, Observable } = await loadClientNode();
  const apps = kubeConfig.makeApiClient(AppsV1Api);
  const batch = kubeConfig.makeApiClient(BatchV1Api);
  const core = kubeConfig.makeApiClient(CoreV1Api);
  const call = { middleware: [timeoutMiddleware(options.timeoutMs, Observable)], middlewareMergeStrategy: 'append' as const };

  const listers: Record<ClusterResource, Lister> = {
    deployments: (ns, p) => (ns ? apps.listNamespacedDeployment({ namespace: ns, ...p }, call) : apps.listDeploymentForAllNamespaces(p, call)),
    statefulsets: (ns, p) => (ns ? apps.listNamespacedStatefulSet({ namespace: ns, ...p }, call) : apps.listStatefulSetForAllNamespaces(p, call)),
    daemonsets: (ns, p) => (ns ? apps.listNamespacedDaemonSet({ namespace: ns, ...p }, call) : apps.listDaemonSetForAllNamespaces(p, call)),
    cronjobs: (ns, p) => (ns ? batch.listNamespacedCronJob({ namespace: ns, ...p }, call) : batch.listCronJobForAllNamespaces(p, call)),
    pods: (ns, p) => (ns ? core.listNamespacedPod({ namespace: ns, ...p }, call) : core.listPodForAllNamespaces(p, call)),
  } as Record<ClusterResource, Lister>;

  const namespaces = target.namespaces?.length ? [...new Set(target.namespaces)] : [undefined];
  const faults: ClusterFault[] = [];
  const read = async (resource: ClusterResource): Promise<ApiObject[]> => {
    const items: ApiObject[] = [];
    for (const namespace of namespaces) {
      try {
        items.push(...(await listAll(listers[resource], namespace)));
      } catch (error) {
        const reason = describeClusterError(error, loaded, options.timeoutMs);
        options.log?.(`cluster ${loaded.context}: cannot list ${resource}${namespace ? ` in ${namespace}` : ''}: ${reason}`);
        if (!faults.some((f) => f.resource === resource && f.reason === reason)) faults.push({ resource, reason });
      }
    }
    return items;
  };
  options.log?.(`reading cluster ${loaded.context} (${loaded.server}), ${namespaces[0] ? `namespaces ${namespaces.join(', ')}` : 'all namespaces'}`);
  const [deployments, statefulsets, daemonsets, cronjobs, pods] = await Promise.all([
    read('deployments'),
    read('statefulsets'),
    read('daemonsets'),
    read('cronjobs'),
    read('pods'),
  ]);
  const workloads: DeployedObject[] = [
    ...deployments.map((o) => workloadOf('Deployment', o)),
    ...statefulsets.map((o) => workloadOf('StatefulSet', o)),
    ...daemonsets.map((o) => workloadOf('DaemonSet', o)),
    ...cronjobs.map((o) => workloadOf('CronJob', o)),
  ];
  const listedPods: ListedPod[] = pods.filter((p) => !isFinishedPod(p)).map(podOf);
  return {
    context: loaded.context,
    server: loaded.server,
    ...(target.namespaces?.length ? { namespaces: namespaces as string[] } : {}),
    workloads,
    pods: resolvePodOwners(listedPods, workloads),
    faults: faults.sort((a, b) => (a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : 0)),
  };
}

async function listAll(list: Lister, namespace: string | undefined): Promise<ApiObject[]> {
  const items: ApiObject[] = [];
  let next: string | undefined;
  do {
    const page = await list(namespace, { limit: PAGE_SIZE, ...(next ? { _continue: next } : {}) });
    items.push(...(page.items ?? []));
    next = page.metadata?._continue || undefined;
  } while (next);
  return items;
}

/** client-node has no per-request timeout; each request gets an abort signal instead. */
function timeoutMiddleware(timeoutMs: number, Observable: ClientNode['Observable']): ObservableMiddleware {
  return {
    pre: (context) => {
      context.setSignal(AbortSignal.timeout(timeoutMs));
      return new Observable(Promise.resolve(context));
    },
    post: (context) => new Observable(Promise.resolve(context)),
  };
}

const HTTP_STATUS: Record<number, string> = {
  401: 'Unauthorized: the API server refused the kubeconfig credentials',
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'DNS: host not found',
  EAI_AGAIN: 'DNS: temporary failure',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
};

/**
 * One line that says why a list failed, written by tagcheck from the status code, the API server's Status
 * message or the system error code, never the library's message (it carries request headers); any credential
 * of the kubeconfig user is redacted all the same.
 */
export function describeClusterError(error: unknown, loaded: Pick<LoadedKubeConfig, 'server' | 'secrets' | 'execCommand'>, timeoutMs: number): string {
  const e = error as { code?: unknown; body?: unknown; name?: string; type?: string; message?: string; errno?: unknown };
  let reason: string;
  if (typeof e?.code === 'number') {
    const status = HTTP_STATUS[e.code] ?? 'unexpected status';
    const message = statusMessage(e.body);
    reason = `HTTP ${e.code} ${status}${message && !status.includes(message) ? `: ${message}` : ''}`;
  } else if (e?.name === 'AbortError' || e?.type === 'aborted' || e?.name === 'TimeoutError') {
    reason = `no answer within ${timeoutMs} ms`;
  } else if (typeof e?.code === 'string' && NETWORK_CODES[e.code]) {
    reason = `${NETWORK_CODES[e.code]} (${hostOf(loaded.server)})`;
  } else if (typeof e?.code === 'string' && /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/.test(e.code)) {
    reason = `TLS: ${e.code} (${hostOf(loaded.server)}): check certificate-authority in the kubeconfig`;
  } else {
    const message = (e?.message ?? String(error)).trim().split('\n')[0].slice(0, 200);
    // client-node rejects with the exec plugin's stderr as the message, and nothing else says where it came from
    reason = loaded.execCommand ? `the exec credential plugin ${loaded.execCommand} failed: ${message || 'no message'}` : message || 'unknown error';
  }
  return redact(reason, loaded.secrets);
}

function statusMessage(body: unknown): string | undefined {
  let parsed = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body);
    } catch {
      return undefined;
    }
  }
  const message = (parsed as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message.split('\n')[0].slice(0, 300) : undefined;
}

function hostOf(server: string): string {
  try {
    return new URL(server).host;
  } catch {
    return server;
  }
}

function redact(text: string, secrets: string[]): string {
  let result = text.replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, '$1 ***');
  for (const secret of secrets) result = result.split(secret).join('***');
  return result;
}
