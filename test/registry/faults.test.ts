import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Lookup, TagFacts } from '../../src/model/registry.js';
import { createRegistryClient, type RegistryClientOptions } from '../../src/sources/registry/client.js';
import { makeSelfSignedCertificate } from '../support/registry/certificates.js';
import { indexManifest, sendJson, serveIndex, startMisbehavingServer, type MisbehavingServer, type MisbehavingServerOptions } from '../support/registry/misbehaving-server.js';

// Registry faults a real registry cannot be made to produce, against a server that misbehaves on purpose.
// Each case must end as a successful retry or an `unreachable` answer that says why: no hang, no throw.

const MANIFEST = '/v2/acme/app/manifests/v1.0.0';
const servers: MisbehavingServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

async function serve(routes: MisbehavingServerOptions['routes'], extra: Partial<MisbehavingServerOptions> = {}): Promise<MisbehavingServer> {
  const server = await startMisbehavingServer({ routes, ...extra });
  servers.push(server);
  return server;
}

function client(insecureHosts: string[], extra: Partial<RegistryClientOptions> = {}) {
  const lines: string[] = [];
  const env = { HOME: mkdtempSync(join(tmpdir(), 'tagcheck-faults-')), PATH: process.env.PATH, ...(extra.env ?? {}) };
  const source = createRegistryClient({ concurrency: 4, timeoutMs: 2000, insecureHosts, backoffMs: 20, log: (l) => lines.push(l), ...extra, env });
  return { source, lines };
}

async function askManifest(server: MisbehavingServer, extra: Partial<RegistryClientOptions> = {}, insecure = true): Promise<Lookup<TagFacts>> {
  return client(insecure ? [server.host] : [], extra).source.getTag(`${server.host}/acme/app`, 'v1.0.0');
}

function expectUnreachable(answer: Lookup<unknown>, host: string, reason: RegExp): void {
  expect(answer.status).toBe('unreachable');
  if (answer.status !== 'unreachable') return;
  expect(answer.host).toBe(host);
  expect(answer.reason).toMatch(reason);
}

const amd64arm64 = [{ os: 'linux', architecture: 'amd64' }, { os: 'linux', architecture: 'arm64' }];

describe('registry faults (misbehaving server)', () => {
  it('HTTP 500: not retried, reported with the status and the error code', async () => {
    const server = await serve({ [MANIFEST]: (_q, res) => sendJson(res, 500, { errors: [{ code: 'UNKNOWN', message: 'boom' }] }) });
    expectUnreachable(await askManifest(server), server.host, /^HTTP 500 UNKNOWN for \/v2\/acme\/app\/manifests\/v1\.0\.0$/);
    expect(server.count(MANIFEST)).toBe(1);
  });

  it('503 then success: retried with backoff and answered', async () => {
    const server = await serve({ [MANIFEST]: (_q, res, nth) => (nth === 1 ? sendJson(res, 503, { errors: [] }) : serveIndex(res)) });
    const answer = await askManifest(server);
    expect(answer.status === 'found' && answer.value.platforms).toEqual(amd64arm64);
    expect(server.count(MANIFEST)).toBe(2);
  });

  it('502/504 every time: bounded attempts, then the status', async () => {
    const server = await serve({ [MANIFEST]: (_q, res, nth) => sendJson(res, nth % 2 ? 502 : 504, {}) });
    expectUnreachable(await askManifest(server), server.host, /^HTTP 502 for \/v2\/acme\/app\/manifests\/v1\.0\.0 after 3 attempts$/);
    expect(server.count(MANIFEST)).toBe(3);
  });

  it('429 with Retry-After: waits as told, then succeeds', async () => {
    const server = await serve({ [MANIFEST]: (_q, res, nth) => (nth === 1 ? sendJson(res, 429, {}, { 'retry-after': '1' }) : serveIndex(res)) });
    const started = Date.now();
    const answer = await askManifest(server);
    expect(answer.status).toBe('found');
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('429 with a huge Retry-After: the wait is capped, the answer bounded in time', async () => {
    const server = await serve({ [MANIFEST]: (_q, res) => sendJson(res, 429, {}, { 'retry-after': '3600' }) });
    const started = Date.now();
    expectUnreachable(await askManifest(server, { maxRetryDelayMs: 200 }), server.host, /HTTP 429 .* after 3 attempts/);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('truncated body (Content-Length promised, connection closed early): retried, then reported', async () => {
    const server = await serve({
      [MANIFEST]: (_q, res) => {
        const { body, mediaType } = indexManifest(['linux/amd64']);
        res.writeHead(200, { 'content-type': mediaType, 'content-length': String(body.length + 100) });
        res.write(body.slice(0, 20));
        setTimeout(() => res.socket?.destroy(), 20);
      },
    });
    expectUnreachable(await askManifest(server), server.host, /closed before the whole response arrived|connection reset/);
    expect(server.count(MANIFEST)).toBe(3);
  });

  it('invalid JSON: reported as an invalid manifest', async () => {
    const server = await serve({ [MANIFEST]: (_q, res) => sendJson(res, 200, '{"schemaVersion": 2, "manifests": [', { 'content-type': 'application/vnd.oci.image.index.v1+json' }) });
    expectUnreachable(await askManifest(server), server.host, /^invalid manifest: not JSON/);
  });

  it('wrong content type with an HTML body: reported, not guessed', async () => {
    const server = await serve({ [MANIFEST]: (_q, res) => sendJson(res, 200, '<html><body>Sign in</body></html>', { 'content-type': 'text/html' }) });
    expectUnreachable(await askManifest(server), server.host, /not JSON \(content type text\/html/);
  });

  it('generic content type with a valid index body: the body\'s mediaType decides', async () => {
    const server = await serve({ [MANIFEST]: (_q, res) => serveIndex(res, ['linux/amd64', 'linux/arm64'], { 'content-type': 'application/json' }) });
    const answer = await askManifest(server);
    expect(answer.status === 'found' && answer.value).toMatchObject({ isIndex: true, mediaType: 'application/vnd.oci.image.index.v1+json', platforms: amd64arm64 });
  });

  it('body that does not hash to Docker-Content-Digest: reported as a mismatch', async () => {
    const server = await serve({ [MANIFEST]: (_q, res) => serveIndex(res, ['linux/amd64'], { 'docker-content-digest': `sha256:${'f'.repeat(64)}` }) });
    expectUnreachable(await askManifest(server), server.host, /manifest digest mismatch/);
  });

  it('slower than the timeout: reported as a timeout, within the timeout', async () => {
    const server = await serve({ [MANIFEST]: (_q, res) => setTimeout(() => serveIndex(res), 5000) });
    const started = Date.now();
    expectUnreachable(await askManifest(server, { timeoutMs: 300 }), server.host, /^no complete answer within 300 ms$/);
    // well before the server's 5 s answer (with room for a loaded CI machine)
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('connection reset every time: bounded retries, then reported', async () => {
    const server = await serve({ [MANIFEST]: (req) => req.socket.destroy() });
    expectUnreachable(await askManifest(server), server.host, /connection reset|closed before/);
    expect(server.count(MANIFEST)).toBe(3);
  });

  it('connection reset once: the retry succeeds', async () => {
    const server = await serve({ [MANIFEST]: (req, res, nth) => (nth === 1 ? req.socket.destroy() : serveIndex(res)) });
    expect((await askManifest(server)).status).toBe('found');
  });

  it('oversized manifest with Content-Length: refused before reading the body', async () => {
    let written = 0;
    const size = 50 << 20;
    const server = await serve({
      [MANIFEST]: (_q, res) => {
        res.writeHead(200, { 'content-type': 'application/vnd.oci.image.index.v1+json', 'content-length': String(size) });
        const chunk = Buffer.alloc(64 << 10, 0x20);
        const pump = () => {
          while (written < size && !res.destroyed) {
            written += chunk.length;
            if (!res.write(chunk)) return res.once('drain', pump);
          }
        };
        res.on('error', () => undefined);
        pump();
      },
    });
    expectUnreachable(await askManifest(server), server.host, /response of 52428800 bytes exceeds the 4 MiB cap/);
    expect(written).toBeLessThan(size);
  });

  it('oversized manifest streamed without Content-Length: cut at the cap, not buffered', async () => {
    let written = 0;
    const server = await serve({
      [MANIFEST]: (_q, res) => {
        res.writeHead(200, { 'content-type': 'application/vnd.oci.image.index.v1+json' });
        const chunk = Buffer.alloc(64 << 10, 0x20);
        const pump = () => {
          while (written < 200 << 20 && !res.destroyed) {
            written += chunk.length;
            if (!res.write(chunk)) return res.once('drain', pump);
          }
          if (!res.destroyed) res.end();
        };
        res.on('error', () => undefined);
        pump();
      },
    });
    expectUnreachable(await askManifest(server, { maxManifestBytes: 1 << 20 }), server.host, /response larger than the 1 MiB cap/);
    expect(written).toBeLessThan(200 << 20);
  });

  it('redirect loop: detected and reported', async () => {
    const server = await serve({
      [MANIFEST]: (_q, res) => {
        res.writeHead(307, { location: '/v2/acme/app/manifests/elsewhere' });
        res.end();
      },
      '/v2/acme/app/manifests/elsewhere': (_q, res) => {
        res.writeHead(302, { location: MANIFEST });
        res.end();
      },
    });
    expectUnreachable(await askManifest(server), server.host, /^redirect loop: http:\/\/127\.0\.0\.1:\d+\/v2\/acme\/app\/manifests\/v1\.0\.0 was already visited$/);
  });

  it('endless distinct redirects: stopped at the redirect limit', async () => {
    const server = await serve({
      [MANIFEST]: (req, res) => {
        const hop = Number(new URL(req.url!, 'http://x').searchParams.get('hop') ?? 0);
        res.writeHead(302, { location: `${MANIFEST}?hop=${hop + 1}` });
        res.end();
      },
    });
    expectUnreachable(await askManifest(server), server.host, /^too many redirects \(more than 5\)/);
    expect(server.count(MANIFEST)).toBe(6);
  });

  it('untrusted TLS certificate: reported as TLS; trusted through NODE_EXTRA_CA_CERTS; skipped for an insecure host only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tagcheck-tls-'));
    const certificate = makeSelfSignedCertificate(dir, 'server', 'localhost', ['IP:127.0.0.1', 'DNS:localhost']);
    const server = await serve({ [MANIFEST]: (_q, res) => serveIndex(res) }, { tls: certificate });
    expectUnreachable(await askManifest(server, {}, false), server.host, /^TLS certificate of 127\.0\.0\.1:\d+ not trusted: self[- ]signed certificate/);
    expect((await askManifest(server, { env: { NODE_EXTRA_CA_CERTS: certificate.certFile } }, false)).status).toBe('found');
    expect((await askManifest(server, {}, true)).status).toBe('found');
    // insecure is per host: another host's name in the list changes nothing
    expect((await client(['127.0.0.1:1']).source.getTag(`${server.host}/acme/app`, 'v1.0.0')).status).toBe('unreachable');
  });

  it('an insecure HTTPS host busy at first (503 on the first request): retried over HTTPS, not mistaken for plain HTTP', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tagcheck-tls-busy-'));
    const certificate = makeSelfSignedCertificate(dir, 'server', 'localhost', ['IP:127.0.0.1']);
    const server = await serve({ [MANIFEST]: (_q, res, nth) => (nth === 1 ? sendJson(res, 503, {}) : serveIndex(res)) }, { tls: certificate });
    expect((await askManifest(server)).status).toBe('found');
    expect(server.count(MANIFEST)).toBe(2);
    expect(server.count('/v2/')).toBe(0);
  });

  it('no /v2/ ping: the first request finds the scheme (plain HTTP for an insecure host), the rest follow it', async () => {
    const server = await serve({ [MANIFEST]: (_q, res) => serveIndex(res), '/v2/acme/app/manifests/latest': (_q, res) => serveIndex(res) });
    const { source } = client([server.host]);
    const answers = await Promise.all([source.getTag(`${server.host}/acme/app`, 'v1.0.0'), source.getTag(`${server.host}/acme/app`, 'latest')]);
    expect(answers.map((a) => a.status)).toEqual(['found', 'found']);
    expect(server.seen.map((r) => r.path).filter((p) => p.includes('/manifests/')).sort()).toEqual(['/v2/acme/app/manifests/latest', MANIFEST]);
    expect(server.count('/v2/')).toBe(0);
  });

  it('DNS failure: reported as DNS', async () => {
    const answer = await client([]).source.getTag('registry.tagcheck.invalid/acme/app', 'v1.0.0');
    expectUnreachable(answer, 'registry.tagcheck.invalid', /^DNS lookup failed for registry\.tagcheck\.invalid \((ENOTFOUND|EAI_AGAIN)\)$/);
  });

  it('nothing listening: reported as connection refused', async () => {
    const server = await serve({});
    const host = server.host;
    await server.stop();
    servers.length = 0;
    expectUnreachable(await client([host]).source.getTag(`${host}/acme/app`, 'v1.0.0'), host, /^connection refused by 127\.0\.0\.1:\d+$/);
  });

  it('a server that is not a registry (a 404 without a registry error): says so', async () => {
    const server = await serve({ [MANIFEST]: (_q, res) => sendJson(res, 404, 'not here', { 'content-type': 'text/plain' }) });
    expectUnreachable(await askManifest(server), server.host, /HTTP 404 from \/v2\/acme\/app\/manifests\/v1\.0\.0 without a registry error \(is 127\.0\.0\.1:\d+ an OCI registry\?\)/);
  });

  it('a fault on one repository does not spoil answers for another', async () => {
    const server = await serve({ [MANIFEST]: (_q, res) => sendJson(res, 500, {}), '/v2/acme/ok/manifests/v1.0.0': (_q, res) => serveIndex(res) });
    const { source } = client([server.host]);
    expect((await source.getTag(`${server.host}/acme/app`, 'v1.0.0')).status).toBe('unreachable');
    expect((await source.getTag(`${server.host}/acme/ok`, 'v1.0.0')).status).toBe('found');
  });
});

describe('redirects and credentials (misbehaving servers)', () => {
  function credentialsFor(host: string, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
    const home = mkdtempSync(join(tmpdir(), 'tagcheck-redirect-'));
    mkdirSync(join(home, '.docker'));
    writeFileSync(join(home, '.docker', 'config.json'), JSON.stringify({ auths: { [host]: { username: 'redirect-user', password: 'redirect-secret-value' } } }));
    return { ...env, HOME: home };
  }

  for (const scheme of ['basic', 'bearer'] as const) {
    it(`a ${scheme} manifest request redirected to another host arrives there without Authorization`, async () => {
      const other = await serve({ '/cdn/manifest': (_q, res) => serveIndex(res) }, { hostname: 'localhost' });
      const registry = await serve({
        '/v2/': (req, res) => {
          if (req.headers.authorization) return sendJson(res, 200, {});
          const challenge = scheme === 'basic' ? 'Basic realm="test"' : `Bearer realm="http://${registryHost()}/token",service="test"`;
          sendJson(res, 401, { errors: [{ code: 'UNAUTHORIZED' }] }, { 'www-authenticate': challenge });
        },
        '/token': (req, res) => (req.headers.authorization ? sendJson(res, 200, { token: 'issued-bearer-token-value', expires_in: 300 }) : sendJson(res, 401, {})),
        [MANIFEST]: (req, res) => {
          if (!req.headers.authorization) {
            const challenge = scheme === 'basic' ? 'Basic realm="test"' : `Bearer realm="http://${registryHost()}/token",service="test"`;
            return sendJson(res, 401, {}, { 'www-authenticate': challenge });
          }
          res.writeHead(307, { location: `http://${other.host}/cdn/manifest` });
          res.end();
        },
      });
      const registryHost = () => registry.host;
      const { source } = client([registry.host], { env: credentialsFor(registry.host, {}) });
      const answer = await source.getTag(`${registry.host}/acme/app`, 'v1.0.0');
      expect(answer.status).toBe('found');
      // the first, unauthenticated request learns the challenge; the second carries the credential
      const manifestRequests = registry.seen.filter((r) => r.path === MANIFEST);
      expect(manifestRequests).toHaveLength(2);
      expect(manifestRequests[0]!.authorization).toBeUndefined();
      const sent = manifestRequests[1]!.authorization ?? '';
      expect(sent).toMatch(scheme === 'basic' ? /^Basic / : /^Bearer issued-bearer-token-value$/);
      expect(other.count('/cdn/manifest')).toBe(1);
      expect(other.seen.map((r) => r.authorization)).toEqual([undefined]);
    });
  }
});

describe('a token the registry no longer accepts', () => {
  it('is replaced once: 401 with a token → one new token → answered', async () => {
    let issued = 0;
    const server = await serve({
      '/v2/': (req, res) => sendJson(res, 401, {}, { 'www-authenticate': `Bearer realm="http://${req.headers.host}/token",service="test"` }),
      '/token': (_q, res) => sendJson(res, 200, { token: `token-${++issued}`, expires_in: 300 }),
      [MANIFEST]: (req, res) =>
        req.headers.authorization === 'Bearer token-2' ? serveIndex(res) : sendJson(res, 401, {}, { 'www-authenticate': `Bearer realm="http://${req.headers.host}/token",service="test",error="invalid_token"` }),
    });
    expect((await askManifest(server)).status).toBe('found');
    // the first, unauthenticated request learns the challenge (no /v2/ ping); token-1 is refused, token-2 is taken
    expect(server.seen.filter((r) => r.path === MANIFEST).map((r) => r.authorization)).toEqual([undefined, 'Bearer token-1', 'Bearer token-2']);
    expect(server.count('/token')).toBe(2);
  });

  it('an open /v2/ with a protected repository: the repository\'s challenge is answered (anonymous token)', async () => {
    const server = await serve({
      '/token': (_q, res) => sendJson(res, 200, { token: 'anonymous-token' }),
      [MANIFEST]: (req, res) =>
        req.headers.authorization === 'Bearer anonymous-token' ? serveIndex(res) : sendJson(res, 401, {}, { 'www-authenticate': `Bearer realm="http://${req.headers.host}/token",service="test",scope="repository:acme/app:pull"` }),
    });
    const { source } = client([server.host]);
    expect((await source.getTag(`${server.host}/acme/app`, 'v1.0.0')).status).toBe('found');
    expect(server.seen.filter((r) => r.path === MANIFEST).map((r) => r.authorization)).toEqual([undefined, 'Bearer anonymous-token']);
    // the next question to that host starts with a token: no second 401
    expect((await source.getTag(`${server.host}/acme/app`, 'v2.0.0')).status).toBe('not-found');
    expect(server.seen.filter((r) => r.path === '/v2/acme/app/manifests/v2.0.0').map((r) => r.authorization)).toEqual(['Bearer anonymous-token']);
    expect(server.seen.find((r) => r.path === '/token')!.url).toBe('/token?service=test&scope=repository%3Aacme%2Fapp%3Apull');
  });

  it('a registry that keeps refusing valid tokens: unreachable with 401, not a loop', async () => {
    const server = await serve({
      '/v2/': (req, res) => sendJson(res, 401, {}, { 'www-authenticate': `Bearer realm="http://${req.headers.host}/token",service="test"` }),
      '/token': (_q, res) => sendJson(res, 200, { token: 'never-good-enough' }),
      [MANIFEST]: (req, res) => sendJson(res, 401, {}, { 'www-authenticate': `Bearer realm="http://${req.headers.host}/token",service="test"` }),
    });
    expectUnreachable(await askManifest(server), server.host, /^authentication failed \(HTTP 401\): no credentials found/);
    // unauthenticated (learns the challenge), with a token, with a fresh token: then it stops
    expect(server.count(MANIFEST)).toBe(3);
  });
});

describe('token endpoint out of reach', () => {
  it('a realm that refuses connections: unreachable, naming the token endpoint', async () => {
    const gone = await serve({});
    const realmHost = gone.host;
    await gone.stop();
    servers.length = 0;
    const server = await serve({ [MANIFEST]: (_q, res) => sendJson(res, 401, {}, { 'www-authenticate': `Bearer realm="http://${realmHost}/token",service="test"` }) });
    expectUnreachable(await askManifest(server), server.host, new RegExp(`^token endpoint ${realmHost}: connection refused by ${realmHost}$`));
    // only the unauthenticated first request that learned the challenge
    expect(server.count(MANIFEST)).toBe(1);
  });
});

describe('tag list pagination (scripted server: Debian\'s registry 2.8 ignores `n`)', () => {
  it('follows Link rel="next" until the last page, on the registry\'s own host', async () => {
    const pages: Record<string, { tags: string[]; next?: string }> = {
      '': { tags: ['a', 'b'], next: '</v2/acme/app/tags/list?last=b&n=2>; rel="next"' },
      b: { tags: ['c', 'd'], next: '<https://elsewhere.invalid/v2/acme/app/tags/list?last=d&n=2>; rel="next"' },
      d: { tags: ['e'] },
    };
    const server = await serve({
      '/v2/acme/app/tags/list': (req, res) => {
        const page = pages[new URL(req.url!, 'http://x').searchParams.get('last') ?? ''];
        sendJson(res, 200, { name: 'acme/app', tags: page.tags }, page.next ? { link: page.next } : {});
      },
    });
    const answer = await client([server.host], { tagPageSize: 2 }).source.listTags(`${server.host}/acme/app`);
    expect(answer).toEqual({ status: 'found', value: ['a', 'b', 'c', 'd', 'e'] });
    expect(server.seen.filter((r) => r.path.endsWith('/tags/list')).map((r) => r.url)).toEqual([
      '/v2/acme/app/tags/list?n=2',
      '/v2/acme/app/tags/list?last=b&n=2',
      '/v2/acme/app/tags/list?last=d&n=2',
    ]);
  });

  it('a registry that refuses our page size (400 PAGINATION_NUMBER_INVALID): asked again with its own', async () => {
    const server = await serve({
      '/v2/acme/app/tags/list': (req, res) => {
        const n = new URL(req.url!, 'http://x').searchParams.get('n');
        if (n && Number(n) > 100) return sendJson(res, 400, { errors: [{ code: 'PAGINATION_NUMBER_INVALID' }] });
        sendJson(res, 200, { name: 'acme/app', tags: ['v1'] });
      },
    });
    expect(await client([server.host]).source.listTags(`${server.host}/acme/app`)).toEqual({ status: 'found', value: ['v1'] });
    expect(server.seen.filter((r) => r.path.endsWith('/tags/list')).map((r) => r.url)).toEqual(['/v2/acme/app/tags/list?n=1000', '/v2/acme/app/tags/list']);
  });

  it('a repository without tags (tags: null) lists as empty', async () => {
    const server = await serve({ '/v2/acme/app/tags/list': (_q, res) => sendJson(res, 200, { name: 'acme/app', tags: null }) });
    expect(await client([server.host]).source.listTags(`${server.host}/acme/app`)).toEqual({ status: 'found', value: [] });
  });
});

describe('concurrency limit', () => {
  it('never has more than --concurrency requests in flight, and does use that many', async () => {
    let inFlight = 0;
    let peak = 0;
    const slow = (_q: unknown, res: import('node:http').ServerResponse) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      setTimeout(() => {
        inFlight--;
        serveIndex(res);
      }, 300);
    };
    const routes: MisbehavingServerOptions['routes'] = {};
    for (let i = 0; i < 10; i++) routes[`/v2/acme/app/manifests/v${i}`] = slow;
    const server = await serve(routes);
    const { source } = client([server.host], { concurrency: 3 });
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => source.getTag(`${server.host}/acme/app`, `v${i}`)));
    expect(answers.every((a) => a.status === 'found')).toBe(true);
    expect(peak).toBe(3);
  });
});
