import { createSign, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SelfSignedCertificate } from './certificates.js';

/** One request the token endpoint received. */
export interface TokenRequest {
  scopes: string[];
  service: string | null;
  /** the Basic user name, or null for an anonymous request (never the password) */
  user: string | null;
  status: number;
}

/**
 * A small Docker token issuer (the "token authentication specification"): checks Basic credentials,
 * signs RS256 JWTs with a certificate the registry trusts (sent in the `x5c` header), counts hits per scope.
 */
export interface TokenIssuer {
  /** the realm URL for the registry's `auth.token.realm` */
  realm: string;
  service: string;
  issuer: string;
  /** every request since start or the last `resetHits()` */
  requests(): TokenRequest[];
  /** how many requests asked for this scope (`repository:acme/app:pull`), since the last reset */
  hits(scope?: string): number;
  resetHits(): void;
  /** answer every request with this HTTP status (null: back to normal) — a token endpoint that fails */
  failWith(status: number | null): void;
  /** a token without an HTTP round trip, for test setup (not counted) */
  mintToken(user: string, scopes: string[]): string;
  stop(): Promise<void>;
}

export interface TokenIssuerOptions {
  accounts: Record<string, string>;
  /** anonymous requests get pull access (like a public repository); otherwise they get 401 */
  anonymousPull?: boolean;
  certificate: SelfSignedCertificate;
  service?: string;
  issuer?: string;
  expiresInSeconds?: number;
  /** identity (refresh) tokens accepted by the OAuth2 POST form, mapped to their account */
  identityTokens?: Record<string, string>;
}

const base64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

export async function startTokenIssuer(options: TokenIssuerOptions): Promise<TokenIssuer> {
  const service = options.service ?? 'tagcheck-test-registry';
  const issuer = options.issuer ?? 'tagcheck-test-issuer';
  const expiresIn = options.expiresInSeconds ?? 300;
  let log: TokenRequest[] = [];
  let failure: number | null = null;

  const mintToken = (user: string, scopes: string[]): string => {
    const header = { alg: 'RS256', typ: 'JWT', x5c: [options.certificate.certDerBase64] };
    const now = Math.floor(Date.now() / 1000);
    const access = scopes.map(grantFor(user, options.accounts));
    const claims = { iss: issuer, sub: user, aud: service, exp: now + expiresIn, nbf: now - 10, iat: now, jti: randomUUID(), access };
    const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
    const signature = createSign('RSA-SHA256').update(signingInput).sign(options.certificate.keyPem);
    return `${signingInput}.${base64url(signature)}`;
  };

  const handle = (req: IncomingMessage, res: ServerResponse, form: URLSearchParams | null) => {
    const url = new URL(req.url ?? '/', 'http://issuer');
    // GET carries the scope in the query; the OAuth2 refresh-token POST (identity tokens) in a form body
    const params = form ?? url.searchParams;
    const scopes = params.getAll('scope').flatMap((s) => s.split(' ')).filter(Boolean);
    const identityUser = form?.get('grant_type') === 'refresh_token' ? options.identityTokens?.[form.get('refresh_token') ?? ''] : undefined;
    const basic = basicUser(req.headers.authorization);
    const user = basic ?? (identityUser ? { name: identityUser, password: options.accounts[identityUser] } : null);
    const record: TokenRequest = { scopes, service: params.get('service'), user: user?.name ?? null, status: 200 };
    log.push(record);
    const reply = (status: number, body: unknown) => {
      record.status = status;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (failure !== null) return reply(failure, { errors: [{ code: 'UNAVAILABLE', message: 'token service failing on purpose' }] });
    if (url.pathname !== '/token') return reply(404, { errors: [{ code: 'NOT_FOUND' }] });
    if (form && !identityUser) return reply(401, { errors: [{ code: 'UNAUTHORIZED', message: 'invalid refresh token' }] });
    if (user) {
      if (options.accounts[user.name] !== user.password) return reply(401, { errors: [{ code: 'UNAUTHORIZED', message: 'invalid credentials' }] });
    } else if (!options.anonymousPull) {
      return reply(401, { errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] });
    }
    const token = mintToken(user?.name ?? '', scopes);
    reply(200, { token, access_token: token, expires_in: expiresIn, issued_at: new Date().toISOString() });
  };

  const server: Server = createServer((req, res) => {
    if (req.method !== 'POST') return handle(req, res, null);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, new URLSearchParams(Buffer.concat(chunks).toString('utf8'))));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    realm: `http://127.0.0.1:${port}/token`,
    service,
    issuer,
    requests: () => [...log],
    hits: (scope) => (scope === undefined ? log.length : log.filter((r) => r.scopes.includes(scope)).length),
    resetHits: () => {
      log = [];
    },
    failWith: (status) => {
      failure = status;
    },
    mintToken,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Authenticated accounts get what they ask for; anonymous callers only pull. */
function grantFor(user: string, accounts: Record<string, string>) {
  return (scope: string) => {
    const [type, ...rest] = scope.split(':');
    const actions = rest.pop() ?? '';
    const name = rest.join(':');
    const asked = actions.split(',').filter(Boolean);
    const allowed = user !== '' && user in accounts ? asked : asked.filter((a) => a === 'pull');
    return { type, name, actions: allowed };
  };
}

function basicUser(header: string | undefined): { name: string; password: string } | null {
  if (!header?.startsWith('Basic ')) return null;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : { name: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
