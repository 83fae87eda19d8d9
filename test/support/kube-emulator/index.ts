import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import { makeSelfSignedCertificate } from '../registry/certificates.js';

export * from './objects.js';

/*
 * A Kubernetes API server EMULATOR: no API server installs on these machines, so the cluster tests talk to this
 * HTTPS server instead. It serves what tagcheck reads, in the real shapes: the list endpoints of apps/v1
 * (deployments, statefulsets, daemonsets), batch/v1 (cronjobs) and v1 (pods), cluster-wide and namespaced
 * (`/apis/apps/v1/namespaces/{ns}/deployments`), with `limit`/`continue` paging, bearer-token authentication
 * (401 Status without the right token), per-resource RBAC refusals (403 Status with the API server's wording) and
 * a self-signed certificate, so client-node's TLS and token path is exercised exactly as against a real cluster.
 */

/** A Kubernetes object as served (list items carry no kind/apiVersion, as on a real API server). */
export type KubeObject = Record<string, unknown> & { metadata: { name: string; namespace: string; [key: string]: unknown } };

export interface KubeEmulatorObjects {
  deployments?: KubeObject[];
  statefulsets?: KubeObject[];
  daemonsets?: KubeObject[];
  cronjobs?: KubeObject[];
  pods?: KubeObject[];
}

export interface KubeEmulatorOptions {
  /** temp directory for the certificate and kubeconfig files */
  dir: string;
  objects: KubeEmulatorObjects;
  /** the accepted bearer token (default: a fixed test token) */
  token?: string;
  /** resources the token may not list (answered 403 like RBAC) */
  forbidden?: string[];
  /** the API server's page size when a client sends no smaller `limit` (default 500) */
  maxPageSize?: number;
}

export interface SeenKubeRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization: string | undefined;
}

export interface KubeEmulator {
  /** `https://127.0.0.1:PORT` */
  server: string;
  token: string;
  /** PEM of the self-signed certificate, which the kubeconfig carries as certificate-authority-data */
  caPem: string;
  seen: SeenKubeRequest[];
  /** replace the served objects (a rollout between two runs) */
  setObjects(objects: KubeEmulatorObjects): void;
  /** writes a kubeconfig with one context (default `emulator`) pointing here; returns its path */
  writeKubeconfig(options?: { file?: string; context?: string; token?: string; withCa?: boolean; namespace?: string; exec?: ExecPlugin }): string;
  stop(): Promise<void>;
}

const ROUTES: Record<string, { group: string; kind: string }> = {
  deployments: { group: '/apis/apps/v1', kind: 'DeploymentList' },
  statefulsets: { group: '/apis/apps/v1', kind: 'StatefulSetList' },
  daemonsets: { group: '/apis/apps/v1', kind: 'DaemonSetList' },
  cronjobs: { group: '/apis/batch/v1', kind: 'CronJobList' },
  pods: { group: '/api/v1', kind: 'PodList' },
};

/** A `users[].user.exec` credential plugin (client.authentication.k8s.io/v1), used instead of a token. */
export interface ExecPlugin {
  command: string;
  args: string[];
}

export const EMULATOR_TOKEN = 'kube-emulator-token-5f2c9a1e7d3b';

export async function startKubeEmulator(options: KubeEmulatorOptions): Promise<KubeEmulator> {
  const certificate = makeSelfSignedCertificate(options.dir, 'kube-emulator', '127.0.0.1', ['IP:127.0.0.1', 'DNS:localhost']);
  const token = options.token ?? EMULATOR_TOKEN;
  let objects = options.objects;
  const seen: SeenKubeRequest[] = [];
  const sockets = new Set<Socket>();
  let resourceVersion = 1000;

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'https://x');
    const query = Object.fromEntries(url.searchParams);
    seen.push({ method: req.method ?? '', path: url.pathname, query, authorization: req.headers.authorization });
    if (req.headers.authorization !== `Bearer ${token}`) return sendStatus(res, 401, 'Unauthorized', 'Unauthorized');
    const match = /^(\/apis\/(?:apps|batch)\/v1|\/api\/v1)(?:\/namespaces\/([^/]+))?\/([a-z]+)$/.exec(url.pathname);
    const route = match ? ROUTES[match[3]] : undefined;
    if (!match || !route || route.group !== match[1] || req.method !== 'GET') {
      return sendStatus(res, 404, 'NotFound', 'the server could not find the requested resource');
    }
    const [, , namespace, resource] = match;
    if (options.forbidden?.includes(resource)) {
      const group = match[1] === '/api/v1' ? '' : match[1].split('/')[2];
      const scope = namespace ? `in the namespace "${namespace}"` : 'at the cluster scope';
      return sendStatus(res, 403, 'Forbidden', `${resource} is forbidden: User "system:serviceaccount:ci:tagcheck" cannot list resource "${resource}" in API group "${group}" ${scope}`);
    }
    const all = (objects[resource as keyof KubeEmulatorObjects] ?? []).filter((o) => !namespace || o.metadata.namespace === namespace);
    const offset = query.continue ? Number(Buffer.from(query.continue, 'base64url').toString()) : 0;
    const limit = Math.min(Number(query.limit) || Infinity, options.maxPageSize ?? 500);
    const items = all.slice(offset, offset + limit);
    const next = offset + items.length < all.length ? Buffer.from(String(offset + items.length)).toString('base64url') : undefined;
    const metadata = { resourceVersion: String(resourceVersion), ...(next ? { continue: next, remainingItemCount: all.length - offset - items.length } : {}) };
    sendJson(res, 200, { kind: route.kind, apiVersion: match[1].replace(/^\/apis?\//, '').replace(/^v1$/, 'v1'), metadata, items });
  };

  const server: Server = createServer({ key: certificate.keyPem, cert: certificate.certPem }, handle);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `https://127.0.0.1:${port}`;

  return {
    server: url,
    token,
    caPem: certificate.certPem,
    seen,
    setObjects(next) {
      objects = next;
      resourceVersion += 1;
    },
    writeKubeconfig(kc = {}) {
      const file = kc.file ?? join(options.dir, 'kubeconfig');
      writeFileSync(file, kubeconfigYaml({ server: url, caPem: kc.withCa === false ? undefined : certificate.certPem, token: kc.token ?? token, context: kc.context ?? 'emulator', namespace: kc.namespace, exec: kc.exec }));
      return file;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A kubeconfig as `kind` or `kubectl config` write it: one cluster, one token user, one context. */
export function kubeconfigYaml(options: { server: string; caPem?: string; token: string; context: string; namespace?: string | undefined; exec?: ExecPlugin | undefined }): string {
  const credential = options.exec
    ? `      exec:\n        apiVersion: client.authentication.k8s.io/v1\n        command: ${JSON.stringify(options.exec.command)}\n        args: ${JSON.stringify(options.exec.args)}\n        interactiveMode: Never\n`
    : `      token: ${options.token}\n`;
  const ca = options.caPem ? `    certificate-authority-data: ${Buffer.from(options.caPem).toString('base64')}\n` : '';
  return `apiVersion: v1
kind: Config
clusters:
  - name: ${options.context}-cluster
    cluster:
      server: ${options.server}
${ca.replace(/^ {4}/, '      ')}users:
  - name: ${options.context}-user
    user:
${credential}contexts:
  - name: ${options.context}
    context:
      cluster: ${options.context}-cluster
      user: ${options.context}-user
${options.namespace ? `      namespace: ${options.namespace}\n` : ''}current-context: ${options.context}
`;
}

function sendStatus(res: ServerResponse, code: number, reason: string, message: string): void {
  sendJson(res, code, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) });
  res.end(text);
}
