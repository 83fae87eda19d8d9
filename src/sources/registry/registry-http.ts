import { basicAuthorization, parseChallenge, parseTokenResponse, tokenRequest, type Challenge } from './auth.js';
import { findCredential, type Credential } from './credentials.js';
import { RegistryFault, redactUrl } from './fault.js';
import { ConcurrencyLimiter } from './limiter.js';
import { Transport, TransportError, type HttpRequest, type HttpResponse } from './transport.js';

export interface RegistryHttpOptions {
  concurrency: number;
  timeoutMs: number;
  insecureHosts: string[];
  env: NodeJS.ProcessEnv;
  log?: (line: string) => void;
  extraCaPem?: string;
  /** attempts per request, first included (default 3) */
  attempts?: number;
  /** cap on any single wait, Retry-After included (default 10 s) */
  maxRetryDelayMs?: number;
  /** first backoff step (default 250 ms), doubled per attempt, with jitter */
  backoffMs?: number;
}

/** Where a host's API answers: learned by the first real request to it (no `/v2/` ping). */
interface Endpoint {
  base: URL;
  insecureTls: boolean;
}

/** A token request per scope; `expiresAt` is known once it succeeded (a failed one is not asked again this run). */
interface TokenEntry {
  promise: Promise<{ token: string; expiresAt: number }>;
  expiresAt?: number;
}

const RETRY_STATUSES = new Set([429, 502, 503, 504]);
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;
const TOKEN_BODY_CAP = 1 << 20;

/** Docker Hub's API lives on another host than its name. */
export function apiHost(host: string): string {
  return host === 'docker.io' ? 'registry-1.docker.io' : host;
}

/**
 * The HTTP side of the distribution API for one run. No `/v2/` ping: the first real request to a host finds
 * its scheme and, by a 401, its auth challenge, while that host's other requests wait for it (so the registry
 * sees exactly the request plan, plus at most one unauthenticated 401 per host). Tokens cached per scope until they expire (and fetched once however many requests wait for them),
 * bounded retries with backoff and jitter, redirects that never carry `Authorization` to another host.
 */
export class RegistryHttp {
  private readonly transport: Transport;
  private readonly limiter: ConcurrencyLimiter;
  private readonly insecure: Set<string>;
  private readonly endpoints = new Map<string, Promise<Endpoint>>();
  private readonly credentials = new Map<string, Promise<Credential | null>>();
  private readonly tokens = new Map<string, TokenEntry>();
  private readonly learnedChallenges = new Map<string, Challenge>();
  private readonly attempts: number;
  private readonly maxRetryDelayMs: number;
  private readonly backoffMs: number;

  constructor(private readonly options: RegistryHttpOptions) {
    this.transport = new Transport({ maxSockets: Math.max(1, options.concurrency), extraCaPem: options.extraCaPem });
    this.limiter = new ConcurrencyLimiter(Math.max(1, options.concurrency));
    this.insecure = new Set(options.insecureHosts.map((h) => h.toLowerCase()));
    this.attempts = Math.max(1, options.attempts ?? 3);
    this.maxRetryDelayMs = options.maxRetryDelayMs ?? 10_000;
    this.backoffMs = options.backoffMs ?? 250;
  }

  /** GETs `path` (with query) of `host` for repository `repositoryPath`, authenticated; any status is returned. */
  async get(host: string, repositoryPath: string, path: string, accept: string, maxBodyBytes: number): Promise<HttpResponse> {
    const headers: Record<string, string> = { accept };
    let challenge = this.learnedChallenges.get(host) ?? null;
    let endpoint: Endpoint;
    let response: HttpResponse;
    const known = this.endpoints.get(host);
    if (known) {
      endpoint = await known;
      // a challenge learned while this request waited for the host's first answer
      challenge = this.learnedChallenges.get(host) ?? null;
      if (challenge) Object.assign(headers, await this.authorization(host, repositoryPath, challenge, false));
      response = await this.exchange({ url: new URL(path, endpoint.base), method: 'GET', headers, maxBodyBytes, insecureTls: endpoint.insecureTls });
    } else {
      ({ endpoint, response } = await this.discover(host, path, headers, maxBodyBytes));
    }
    const url = new URL(path, endpoint.base);
    if (response.status === 401 && headers.authorization === undefined) {
      // the host's (or this repository's) first challenge: answer it; a later 401 may still mean an expired token
      const first = parseChallenge(response.headers['www-authenticate']) ?? this.learnedChallenges.get(host) ?? null;
      if (!first) throw new RegistryFault(`HTTP 401 from ${path} without a usable WWW-Authenticate challenge`);
      this.learnedChallenges.set(host, first);
      challenge = first;
      Object.assign(headers, await this.authorization(host, repositoryPath, first, false));
      response = await this.exchange({ url, method: 'GET', headers, maxBodyBytes, insecureTls: endpoint.insecureTls });
    }
    if (response.status === 401) {
      // A token can expire mid-run, and a registry may protect only some repositories: authenticate once more
      // when that can change anything (a new token, or a first challenge); the same Basic header would not.
      const fresh = parseChallenge(response.headers['www-authenticate']) ?? challenge;
      const worthRetrying = fresh && (fresh.scheme === 'bearer' || !challenge);
      challenge = fresh;
      // remember how this host protects repositories for the next ones
      if (fresh) this.learnedChallenges.set(host, fresh);
      if (worthRetrying && challenge) {
        Object.assign(headers, await this.authorization(host, repositoryPath, challenge, true));
        response = await this.exchange({ url, method: 'GET', headers, maxBodyBytes, insecureTls: endpoint.insecureTls });
      }
    }
    if (response.status === 401 || response.status === 403) throw await this.authFault(host, repositoryPath, response.status);
    // the check the `/v2/` ping used to make: a web server's 404 is not "this tag does not exist"
    if (response.status === 404 && !fromRegistry(response)) throw new RegistryFault(`HTTP 404 from ${path} without a registry error (is ${host} an OCI registry?)`);
    return response;
  }

  close(): void {
    this.transport.close();
  }

  /**
   * The first request to a host: learns whether it speaks HTTPS (an insecure host may speak plain HTTP: one
   * TLS attempt, then plain HTTP, remembered for the run) and, by its 401, which authentication it wants. The
   * host's other requests wait for this answer, then use what it taught.
   */
  private async discover(host: string, path: string, headers: Record<string, string>, maxBodyBytes: number): Promise<{ endpoint: Endpoint; response: HttpResponse }> {
    let learned!: (endpoint: Endpoint) => void;
    let failed!: (error: unknown) => void;
    const pending = new Promise<Endpoint>((resolve, reject) => ((learned = resolve), (failed = reject)));
    pending.catch(() => undefined);
    this.endpoints.set(host, pending);
    const insecure = this.insecure.has(host.toLowerCase());
    const target = apiHost(host);
    let endpoint: Endpoint = { base: new URL(`https://${target}/`), insecureTls: insecure };
    try {
      let response: HttpResponse;
      try {
        // one TLS attempt for an insecure host: a plain-HTTP registry's reset is its answer, not a hiccup to retry
        const attempts = insecure ? 1 : this.attempts;
        const request = { url: new URL(path, endpoint.base), method: 'GET' as const, headers, maxBodyBytes, insecureTls: insecure };
        response = await this.exchange(request, attempts);
        // it does speak HTTPS: a busy answer gets the usual retries
        if (RETRY_STATUSES.has(response.status) && attempts === 1) response = await this.exchange(request);
      } catch (error) {
        // An insecure registry may speak plain HTTP: its answer to a TLS hello is a protocol error or a reset.
        const plainHttp = insecure && error instanceof RegistryFault && error.cause instanceof TransportError && ['tls-protocol', 'reset', 'truncated'].includes(error.cause.failure);
        if (!plainHttp) throw error;
        endpoint = { base: new URL(`http://${target}/`), insecureTls: false };
        response = await this.exchange({ url: new URL(path, endpoint.base), method: 'GET', headers, maxBodyBytes, insecureTls: false });
      }
      if (response.status === 401) {
        const challenge = parseChallenge(response.headers['www-authenticate']);
        if (challenge) this.learnedChallenges.set(host, challenge);
      }
      learned(endpoint);
      return { endpoint, response };
    } catch (error) {
      failed(error);
      throw error;
    }
  }

  private credential(host: string, repositoryPath: string): Promise<Credential | null> {
    const key = `${host}/${repositoryPath}`;
    let found = this.credentials.get(key);
    if (!found) {
      found = findCredential(host, repositoryPath, this.options.env);
      this.credentials.set(key, found);
    }
    return found;
  }

  private async authorization(host: string, repositoryPath: string, challenge: Challenge, refresh: boolean): Promise<Record<string, string>> {
    const credential = await this.credential(host, repositoryPath);
    if (challenge.scheme === 'basic') {
      // no request could succeed without credentials: say so instead of collecting 401s
      if (credential?.kind !== 'basic') throw await this.authFault(host, repositoryPath, 401);
      return { authorization: basicAuthorization(credential) };
    }
    const scope = `repository:${repositoryPath}:pull`;
    const key = `${challenge.params.realm}|${challenge.params.service ?? ''}|${scope}`;
    let cached = this.tokens.get(key);
    // decided synchronously, so requests arriving together share one token request
    if (refresh || !cached || (cached.expiresAt !== undefined && cached.expiresAt <= Date.now())) {
      const entry: TokenEntry = { promise: this.fetchToken(host, challenge, scope, credential) };
      entry.promise.then((t) => (entry.expiresAt = t.expiresAt), () => undefined);
      this.tokens.set(key, entry);
      cached = entry;
    }
    return { authorization: `Bearer ${(await cached.promise).token}` };
  }

  private async fetchToken(host: string, challenge: Challenge, scope: string, credential: Credential | null) {
    const request = tokenRequest(challenge, scope, credential);
    const response = await this.exchange({ ...request, maxBodyBytes: TOKEN_BODY_CAP, insecureTls: this.insecure.has(request.url.host.toLowerCase()) }).catch((error: unknown) => {
      // the registry's host is what users configure; say that the fault was at its token endpoint
      throw error instanceof RegistryFault ? new RegistryFault(`token endpoint ${request.url.host}: ${error.message}`, { cause: error.cause }) : error;
    });
    if (response.status === 401 || response.status === 403) {
      throw new RegistryFault(
        credential
          ? `authentication failed: the token endpoint ${request.url.host} answered HTTP ${response.status} for the credentials from ${credential.source}`
          : `authentication required: the token endpoint ${request.url.host} answered HTTP ${response.status} and no credentials were found for ${host}`,
      );
    }
    if (response.status !== 200) throw new RegistryFault(`the token endpoint ${request.url.host} answered HTTP ${response.status}`);
    return parseTokenResponse(response.body, Date.now());
  }

  private async authFault(host: string, repositoryPath: string, status: number): Promise<RegistryFault> {
    const credential = await this.credential(host, repositoryPath).catch(() => null);
    const denied = status === 403 ? 'access denied' : 'authentication failed';
    return new RegistryFault(
      credential
        ? `${denied} (HTTP ${status}) with the credentials from ${credential.source}`
        : `${denied} (HTTP ${status}): no credentials found for ${host} (docker login, REGISTRY_AUTH_FILE or a credential helper)`,
    );
  }

  /** One logical request: redirects followed, retried on 429/502/503/504 and resets. Throws RegistryFault. */
  private async exchange(request: Omit<HttpRequest, 'timeoutMs'>, attempts = this.attempts): Promise<HttpResponse> {
    for (let attempt = 1; ; attempt++) {
      let outcome: HttpResponse | TransportError;
      try {
        outcome = await this.followRedirects(request);
      } catch (error) {
        if (!(error instanceof TransportError)) throw error;
        outcome = error;
      }
      const retryable = outcome instanceof TransportError ? outcome.failure === 'reset' || outcome.failure === 'truncated' : RETRY_STATUSES.has(outcome.status);
      if (!retryable || attempt >= attempts) {
        if (outcome instanceof TransportError) throw new RegistryFault(outcome.message, { cause: outcome });
        if (retryable) outcome.retriesExhausted = attempt;
        return outcome;
      }
      const delay = this.retryDelay(outcome, attempt);
      const why = outcome instanceof TransportError ? outcome.message : `HTTP ${outcome.status}`;
      this.options.log?.(`retrying ${request.method} ${redactUrl(request.url)} after ${why} in ${delay} ms (attempt ${attempt + 1} of ${attempts})`);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }

  private retryDelay(outcome: HttpResponse | TransportError, attempt: number): number {
    const header = outcome instanceof TransportError ? undefined : outcome.headers['retry-after'];
    if (typeof header === 'string') {
      const seconds = Number(header);
      const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now();
      if (Number.isFinite(ms)) return Math.min(Math.max(0, Math.round(ms)), this.maxRetryDelayMs);
    }
    const ceiling = this.backoffMs * 2 ** (attempt - 1);
    return Math.min(Math.round(ceiling / 2 + Math.random() * (ceiling / 2)), this.maxRetryDelayMs);
  }

  private async followRedirects(request: Omit<HttpRequest, 'timeoutMs'>): Promise<HttpResponse> {
    const visited = new Set<string>();
    let current = { ...request, headers: { ...request.headers } };
    for (let hop = 0; ; hop++) {
      visited.add(current.url.toString());
      const started = Date.now();
      const response = await this.limiter.run(() => this.transport.send({ ...current, timeoutMs: this.options.timeoutMs }));
      this.options.log?.(`${current.method} ${redactUrl(current.url)} → ${response.status} (${Date.now() - started} ms)`);
      const location = response.headers.location;
      if (!REDIRECT_STATUSES.has(response.status) || !location) return response;
      const next = new URL(location, current.url);
      if (visited.has(next.toString())) throw new RegistryFault(`redirect loop: ${redactUrl(next)} was already visited`);
      if (hop + 1 > MAX_REDIRECTS) throw new RegistryFault(`too many redirects (more than ${MAX_REDIRECTS}) starting at ${redactUrl(request.url)}`);
      const headers = { ...current.headers };
      // Credentials are for the registry that asked for them, never for the CDN or host it redirects to.
      if (next.origin !== request.url.origin) delete headers.authorization;
      const method = response.status === 303 ? 'GET' : current.method;
      current = { ...current, url: next, headers, method, ...(method === 'GET' ? { body: undefined } : {}) };
    }
  }
}

/** Registries mark every answer with this header or, for a missing manifest or repository, an `errors` body. */
function fromRegistry(response: HttpResponse): boolean {
  if (response.headers['docker-distribution-api-version'] !== undefined) return true;
  try {
    const body: unknown = JSON.parse(response.body.toString('utf8'));
    return typeof body === 'object' && body !== null && Array.isArray((body as { errors?: unknown }).errors);
  } catch {
    return false;
  }
}
