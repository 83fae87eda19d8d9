import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A REFERRERS SERVER: a small in-memory OCI 1.1 registry that implements `GET /v2/<name>/referrers/<digest>`,
 * because the real `docker-registry` (distribution 2.8) in test/support/registry has no referrers API. It serves
 * only what a pull needs: tag lists, manifests by tag or digest, and referrers computed from the manifests'
 * `subject` fields (with the `artifactType` filter and `OCI-Filters-Applied`, as the distribution spec says).
 * Content is put in directly (`put`); every request is recorded in `seen`.
 */
export interface ReferrersServer {
  /** `127.0.0.1:PORT` (plain HTTP: pass it as an insecure registry) */
  host: string;
  seen: { method: string; path: string; url: string }[];
  /** stores a manifest under its digest and, when given, a tag; returns the digest */
  put(repo: string, body: string, mediaType: string, tag?: string): string;
  count(path: string | RegExp): number;
  stop(): Promise<void>;
}

interface Stored {
  body: Buffer;
  mediaType: string;
  digest: string;
}

export async function startReferrersServer(): Promise<ReferrersServer> {
  const repos = new Map<string, { tags: Map<string, string>; manifests: Map<string, Stored> }>();
  const seen: ReferrersServer['seen'] = [];
  const sockets = new Set<Socket>();
  const repoOf = (name: string) => {
    let repo = repos.get(name);
    if (!repo) repos.set(name, (repo = { tags: new Map(), manifests: new Map() }));
    return repo;
  };

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    seen.push({ method: req.method ?? '', path: url.pathname, url: `${url.pathname}${url.search}` });
    res.setHeader('docker-distribution-api-version', 'registry/2.0');
    if (url.pathname === '/v2/') return json(res, 200, {});
    const match = /^\/v2\/(.+)\/(tags\/list|manifests\/([^/]+)|referrers\/([^/]+))$/.exec(url.pathname);
    const repo = match ? repos.get(match[1]) : undefined;
    if (!match || !repo) return json(res, 404, { errors: [{ code: 'NAME_UNKNOWN', message: 'repository name not known to registry' }] });
    if (match[2] === 'tags/list') return json(res, 200, { name: match[1], tags: [...repo.tags.keys()].sort() });
    if (match[3] !== undefined) {
      const reference = decodeURIComponent(match[3]);
      const stored = repo.manifests.get(repo.tags.get(reference) ?? reference);
      if (!stored) return json(res, 404, { errors: [{ code: 'MANIFEST_UNKNOWN', message: 'manifest unknown' }] });
      res.writeHead(200, { 'content-type': stored.mediaType, 'docker-content-digest': stored.digest, 'content-length': stored.body.length });
      return res.end(stored.body);
    }
    // the referrers API: an index of the descriptors of every manifest whose subject is the digest
    const subject = decodeURIComponent(match[4]!);
    const filter = url.searchParams.get('artifactType');
    const manifests = [];
    for (const stored of repo.manifests.values()) {
      const doc = JSON.parse(stored.body.toString('utf8'));
      if (doc.subject?.digest !== subject) continue;
      const artifactType = doc.artifactType ?? doc.config?.mediaType;
      if (filter && artifactType !== filter) continue;
      manifests.push({ mediaType: stored.mediaType, digest: stored.digest, size: stored.body.length, artifactType, ...(doc.annotations ? { annotations: doc.annotations } : {}) });
    }
    if (filter) res.setHeader('oci-filters-applied', 'artifactType');
    res.setHeader('content-type', 'application/vnd.oci.image.index.v1+json');
    return json(res, 200, { schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests });
  };

  const server = createServer(handler);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    seen,
    put(repo, body, mediaType, tag) {
      const bytes = Buffer.from(body);
      const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
      const stored = repoOf(repo);
      stored.manifests.set(digest, { body: bytes, mediaType, digest });
      if (tag) stored.tags.set(tag, digest);
      return digest;
    },
    count: (path) => seen.filter((r) => (typeof path === 'string' ? r.path === path : path.test(r.path))).length,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  if (!res.hasHeader('content-type')) res.setHeader('content-type', 'application/json');
  res.writeHead(status, { 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
