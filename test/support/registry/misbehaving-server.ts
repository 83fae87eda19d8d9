import { createHash } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { SelfSignedCertificate } from './certificates.js';

/** What the misbehaving server saw: enough to assert where credentials went. */
export interface SeenRequest {
  method: string;
  path: string;
  /** the URL with its query string */
  url: string;
  authorization: string | undefined;
}

/**
 * The handler for one request. `nth` counts requests to the same path (1 for the first), so a handler can
 * fail first and succeed later. Return nothing; write to `res` (or destroy the socket) as the scenario needs.
 */
export type Misbehaviour = (req: IncomingMessage, res: ServerResponse, nth: number) => void;

/**
 * A local HTTP(S) server that misbehaves ON PURPOSE, for the fault cases a real registry cannot produce
 * (500s, resets, truncation, slow answers, redirects to other hosts, oversized manifests…). It is the only
 * HTTP double in the test suite; everything else runs against the real registry.
 */
export interface MisbehavingServer {
  /** `127.0.0.1:PORT` */
  host: string;
  url: string;
  seen: SeenRequest[];
  /** requests whose path matches */
  count(path: string | RegExp): number;
  stop(): Promise<void>;
}

export interface MisbehavingServerOptions {
  /** path → behaviour; `/v2/` answers 200 `{}` unless given; anything else unmatched is 404 NAME_UNKNOWN */
  routes: Record<string, Misbehaviour>;
  /** serve HTTPS with this certificate */
  tls?: SelfSignedCertificate;
  /** bind name used in `host`/`url` (default 127.0.0.1; `localhost` gives another origin on the same machine) */
  hostname?: string;
}

export async function startMisbehavingServer(options: MisbehavingServerOptions): Promise<MisbehavingServer> {
  const seen: SeenRequest[] = [];
  const perPath = new Map<string, number>();
  const sockets = new Set<Socket>();
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    seen.push({ method: req.method ?? '', path: url.pathname, url: `${url.pathname}${url.search}`, authorization: req.headers.authorization });
    const nth = (perPath.get(url.pathname) ?? 0) + 1;
    perPath.set(url.pathname, nth);
    const route = options.routes[url.pathname] ?? (url.pathname === '/v2/' ? (_q: IncomingMessage, r: ServerResponse) => sendJson(r, 200, {}) : undefined);
    if (!route) return sendJson(res, 404, { errors: [{ code: 'NAME_UNKNOWN', message: 'repository name not known to registry' }] });
    route(req, res, nth);
  };
  const server: Server = options.tls ? createHttpsServer({ key: options.tls.keyPem, cert: options.tls.certPem }, handler) : createHttpServer(handler);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const hostname = options.hostname ?? '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const host = `${hostname}:${port}`;
  return {
    host,
    url: `${options.tls ? 'https' : 'http'}://${host}`,
    seen,
    count: (path) => seen.filter((r) => (typeof path === 'string' ? r.path === path : path.test(r.path))).length,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

/** A valid OCI index body for the given `os/arch[/variant]` platforms, with its digest. */
export function indexManifest(platforms: string[]): { body: string; digest: string; mediaType: string } {
  const mediaType = 'application/vnd.oci.image.index.v1+json';
  const manifests = platforms.map((p, i) => {
    const [os, architecture, variant] = p.split('/');
    return { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: `sha256:${String(i).repeat(64)}`, size: 100, platform: { os, architecture, ...(variant ? { variant } : {}) } };
  });
  const body = JSON.stringify({ schemaVersion: 2, mediaType, manifests });
  return { body, digest: `sha256:${createHash('sha256').update(body).digest('hex')}`, mediaType };
}

/** Answers with a valid index (the well-behaved case a scenario falls back to). */
export function serveIndex(res: ServerResponse, platforms = ['linux/amd64', 'linux/arm64'], extraHeaders: Record<string, string> = {}): void {
  const { body, digest, mediaType } = indexManifest(platforms);
  sendJson(res, 200, body, { 'content-type': mediaType, 'docker-content-digest': digest, ...extraHeaders });
}
