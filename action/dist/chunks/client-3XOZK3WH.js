import { createRequire as __tagcheckCreateRequire } from 'node:module';
const require = __tagcheckCreateRequire(import.meta.url);
import {
  IMAGE_CONFIG_TYPES,
  MANIFEST_ACCEPT,
  RegistryFault,
  nextPageLink,
  parseArtifactManifest,
  parseImageConfig,
  parseManifest,
  parsePredicateType,
  parseReferrers,
  parseTagList,
  redactUrl
} from "./chunk-QECBYWJJ.js";
import {
  parseImageRef
} from "./chunk-FQ47HCOD.js";
import "./chunk-EDL2D4W5.js";

// src/sources/registry/client.ts
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";

// src/sources/registry/auth.ts
function parseChallenge(header) {
  const text = Array.isArray(header) ? header[0] : header;
  if (!text) return null;
  const match = /^\s*(\w+)\s*(.*)$/s.exec(text);
  if (!match) return null;
  const scheme = match[1].toLowerCase();
  if (scheme !== "bearer" && scheme !== "basic") return null;
  const params = {};
  const param = /([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))\s*,?\s*/gy;
  param.lastIndex = 0;
  const rest = match[2];
  let m;
  while (param.lastIndex < rest.length && (m = param.exec(rest))) {
    params[m[1].toLowerCase()] = m[2] !== void 0 ? m[2].replace(/\\(.)/g, "$1") : m[3];
  }
  return { scheme, params };
}
function basicAuthorization(credential) {
  return `Basic ${Buffer.from(`${credential.username}:${credential.password}`).toString("base64")}`;
}
function tokenRequest(challenge, scope, credential) {
  let url;
  try {
    url = new URL(challenge.params.realm ?? "");
  } catch {
    throw new RegistryFault(`the registry's Bearer challenge has no valid realm URL`);
  }
  const service = challenge.params.service;
  if (credential?.kind === "identity-token") {
    const form = new URLSearchParams({ grant_type: "refresh_token", refresh_token: credential.token, client_id: "tagcheck", scope });
    if (service) form.set("service", service);
    return { url, method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: form.toString() };
  }
  if (service) url.searchParams.set("service", service);
  url.searchParams.append("scope", scope);
  const headers = credential ? { authorization: basicAuthorization(credential) } : {};
  return { url, method: "GET", headers };
}
function parseTokenResponse(body, now) {
  let parsed;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    throw new RegistryFault("the token endpoint answered with invalid JSON");
  }
  if (!parsed || typeof parsed !== "object") throw new RegistryFault("the token endpoint answered without a token");
  const token = typeof parsed.token === "string" && parsed.token ? parsed.token : typeof parsed.access_token === "string" ? parsed.access_token : "";
  if (!token) throw new RegistryFault("the token endpoint answered without a token");
  const lifetime = typeof parsed.expires_in === "number" && parsed.expires_in > 0 ? parsed.expires_in : 60;
  const issued = typeof parsed.issued_at === "string" ? Date.parse(parsed.issued_at) : NaN;
  const start = Number.isFinite(issued) && issued <= now ? issued : now;
  return { token, expiresAt: start + lifetime * 1e3 - Math.min(1e4, lifetime * 100) };
}

// src/sources/registry/credentials.ts
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
var DOCKER_HUB_KEYS = ["docker.io", "index.docker.io", "registry-1.docker.io"];
var DOCKER_HUB_SERVER_URL = "https://index.docker.io/v1/";
async function findCredential(host, repositoryPath, env) {
  const files = [];
  if (env.REGISTRY_AUTH_FILE) files.push(env.REGISTRY_AUTH_FILE);
  if (env.XDG_RUNTIME_DIR) files.push(join(env.XDG_RUNTIME_DIR, "containers", "auth.json"));
  const dockerDir = env.DOCKER_CONFIG || join(env.HOME || homedir(), ".docker");
  files.push(join(dockerDir, "config.json"));
  for (const file of files) {
    const config = await readAuthFile(file);
    if (!config) continue;
    const found = await credentialFromFile(config, file, host, repositoryPath, env);
    if (found) return found;
  }
  return null;
}
async function readAuthFile(file) {
  try {
    const parsed = JSON.parse(await readFile(file, "utf8"));
    return parsed && typeof parsed === "object" ? parsed : null;
  } catch {
    return null;
  }
}
async function credentialFromFile(config, file, host, repositoryPath, env) {
  const helper = findByHost(config.credHelpers ?? {}, host);
  if (helper) return credentialFromHelper(helper, host, env);
  const entry = findAuthEntry(config.auths ?? {}, host, repositoryPath);
  const fromEntry = entry ? credentialFromEntry(entry, file) : null;
  if (fromEntry) return fromEntry;
  if (config.credsStore) return credentialFromHelper(config.credsStore, host, env);
  return null;
}
function credentialFromEntry(entry, file) {
  if (entry.identitytoken) return { kind: "identity-token", token: entry.identitytoken, source: file };
  if (entry.username && entry.password) return { kind: "basic", username: entry.username, password: entry.password, source: file };
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon > 0) return { kind: "basic", username: decoded.slice(0, colon), password: decoded.slice(colon + 1), source: file };
  }
  return null;
}
function normalizeKey(key) {
  let k = key.trim().replace(/^[a-z]+:\/\//i, "").replace(/\/+$/, "");
  k = k.replace(/\/v[12]$/, "");
  const slash = k.indexOf("/");
  const keyHost = (slash < 0 ? k : k.slice(0, slash)).toLowerCase();
  const path = slash < 0 ? "" : k.slice(slash);
  return (DOCKER_HUB_KEYS.includes(keyHost) ? "docker.io" : keyHost) + path;
}
var normalizeHost = (host) => DOCKER_HUB_KEYS.includes(host.toLowerCase()) ? "docker.io" : host.toLowerCase();
function findByHost(map, host) {
  const wanted = normalizeHost(host);
  for (const [key, value] of Object.entries(map)) if (normalizeKey(key) === wanted) return value;
  return void 0;
}
function findAuthEntry(auths, host, repositoryPath) {
  const full = `${normalizeHost(host)}/${repositoryPath}`;
  let best;
  for (const [key, entry] of Object.entries(auths)) {
    const k = normalizeKey(key);
    if (full === k || full.startsWith(`${k}/`)) {
      if (!best || k.length > best.length) best = { length: k.length, entry };
    }
  }
  return best?.entry;
}
function credentialFromHelper(name, host, env) {
  const serverUrl = normalizeHost(host) === "docker.io" ? DOCKER_HUB_SERVER_URL : host;
  const program = `docker-credential-${name}`;
  return new Promise((resolve) => {
    const child = execFile(program, ["get"], { env, timeout: 1e4, maxBuffer: 64 * 1024 }, (error, stdout) => {
      if (error) return resolve(null);
      try {
        const reply = JSON.parse(stdout);
        if (!reply.Secret) return resolve(null);
        const source = `credential helper ${program}`;
        if (reply.Username === "<token>") return resolve({ kind: "identity-token", token: reply.Secret, source });
        resolve({ kind: "basic", username: reply.Username ?? "", password: reply.Secret, source });
      } catch {
        resolve(null);
      }
    });
    child.stdin?.on("error", () => void 0);
    child.stdin?.end(serverUrl);
  });
}

// src/sources/registry/limiter.ts
var ConcurrencyLimiter = class {
  constructor(limit) {
    this.limit = limit;
  }
  limit;
  active = 0;
  waiting = [];
  async run(task) {
    if (this.active >= this.limit) await new Promise((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
};

// src/sources/registry/transport.ts
import { Agent as HttpAgent, request as httpRequest } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { rootCertificates } from "node:tls";
var TransportError = class extends Error {
  constructor(failure, message) {
    super(message);
    this.failure = failure;
  }
  failure;
};
var Transport = class {
  httpAgent;
  httpsAgent;
  insecureHttpsAgent;
  constructor(options) {
    const agentOptions = { keepAlive: true, maxSockets: options.maxSockets, timeout: 3e4 };
    const ca = options.extraCaPem ? [...rootCertificates, options.extraCaPem] : void 0;
    this.httpAgent = new HttpAgent(agentOptions);
    this.httpsAgent = new HttpsAgent({ ...agentOptions, ...ca ? { ca } : {} });
    this.insecureHttpsAgent = new HttpsAgent({ ...agentOptions, rejectUnauthorized: false });
  }
  send(req) {
    return new Promise((resolve, reject) => {
      const https = req.url.protocol === "https:";
      const agent = https ? req.insecureTls ? this.insecureHttpsAgent : this.httpsAgent : this.httpAgent;
      const send = https ? httpsRequest : httpRequest;
      let settled = false;
      const fail = (error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        outgoing.destroy();
        reject(error);
      };
      const outgoing = send(req.url, { method: req.method, headers: req.headers, agent });
      const timer = setTimeout(() => fail(new TransportError("timeout", `no complete answer within ${req.timeoutMs} ms`)), req.timeoutMs);
      outgoing.on("error", (error) => fail(describeSocketError(error, req.url)));
      outgoing.on("response", (incoming) => {
        const declared = Number(incoming.headers["content-length"] ?? NaN);
        if (declared > req.maxBodyBytes) {
          fail(new TransportError("too-large", `response of ${declared} bytes exceeds the ${formatBytes(req.maxBodyBytes)} cap`));
          return incoming.destroy();
        }
        const chunks = [];
        let received = 0;
        incoming.on("data", (chunk) => {
          received += chunk.length;
          if (received > req.maxBodyBytes) {
            fail(new TransportError("too-large", `response larger than the ${formatBytes(req.maxBodyBytes)} cap`));
            return incoming.destroy();
          }
          chunks.push(chunk);
        });
        incoming.on("aborted", () => fail(new TransportError("truncated", "the connection closed before the whole response arrived")));
        incoming.on("error", (error) => fail(describeSocketError(error, req.url, "truncated")));
        incoming.on("end", () => {
          if (settled) return;
          if (!incoming.complete) return fail(new TransportError("truncated", "the connection closed before the whole response arrived"));
          settled = true;
          clearTimeout(timer);
          resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body: Buffer.concat(chunks), url: req.url });
        });
      });
      outgoing.end(req.body);
    });
  }
  close() {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
    this.insecureHttpsAgent.destroy();
  }
};
function describeSocketError(error, url, midBody) {
  const code = error.code ?? "";
  const where = url.host;
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return new TransportError("dns", `DNS lookup failed for ${url.hostname} (${code})`);
  if (code === "ECONNREFUSED") return new TransportError("refused", `connection refused by ${where}`);
  if (code === "ECONNRESET" || code === "EPIPE") return new TransportError(midBody ?? "reset", `connection reset by ${where} (${code})`);
  if (code === "ETIMEDOUT") return new TransportError("timeout", `connection to ${where} timed out`);
  if (/CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_TLS_CERT_ALTNAME/.test(code)) {
    return new TransportError("tls", `TLS certificate of ${where} not trusted: ${error.message} (${code})`);
  }
  if (code === "EPROTO" || code.startsWith("ERR_SSL")) return new TransportError("tls-protocol", `TLS handshake with ${where} failed (${code})`);
  if (code === "ECONNABORTED" || error.message === "aborted") return new TransportError("truncated", "the connection closed before the whole response arrived");
  return new TransportError(midBody ?? "network", `network error talking to ${where}: ${error.message}${code ? ` (${code})` : ""}`);
}
function formatBytes(bytes) {
  return bytes >= 1 << 20 ? `${bytes / (1 << 20)} MiB` : bytes >= 1024 ? `${bytes / 1024} KiB` : `${bytes} B`;
}

// src/sources/registry/registry-http.ts
var RETRY_STATUSES = /* @__PURE__ */ new Set([429, 502, 503, 504]);
var REDIRECT_STATUSES = /* @__PURE__ */ new Set([301, 302, 303, 307, 308]);
var MAX_REDIRECTS = 5;
var TOKEN_BODY_CAP = 1 << 20;
function apiHost(host) {
  return host === "docker.io" ? "registry-1.docker.io" : host;
}
var RegistryHttp = class {
  constructor(options) {
    this.options = options;
    this.transport = new Transport({ maxSockets: Math.max(1, options.concurrency), extraCaPem: options.extraCaPem });
    this.limiter = new ConcurrencyLimiter(Math.max(1, options.concurrency));
    this.insecure = new Set(options.insecureHosts.map((h) => h.toLowerCase()));
    this.attempts = Math.max(1, options.attempts ?? 3);
    this.maxRetryDelayMs = options.maxRetryDelayMs ?? 1e4;
    this.backoffMs = options.backoffMs ?? 250;
  }
  options;
  transport;
  limiter;
  insecure;
  endpoints = /* @__PURE__ */ new Map();
  credentials = /* @__PURE__ */ new Map();
  tokens = /* @__PURE__ */ new Map();
  learnedChallenges = /* @__PURE__ */ new Map();
  attempts;
  maxRetryDelayMs;
  backoffMs;
  /** GETs `path` (with query) of `host` for repository `repositoryPath`, authenticated; any status is returned. */
  async get(host, repositoryPath, path, accept, maxBodyBytes) {
    const headers = { accept };
    let challenge = this.learnedChallenges.get(host) ?? null;
    let endpoint;
    let response;
    const known = this.endpoints.get(host);
    if (known) {
      endpoint = await known;
      challenge = this.learnedChallenges.get(host) ?? null;
      if (challenge) Object.assign(headers, await this.authorization(host, repositoryPath, challenge, false));
      response = await this.exchange({ url: new URL(path, endpoint.base), method: "GET", headers, maxBodyBytes, insecureTls: endpoint.insecureTls });
    } else {
      ({ endpoint, response } = await this.discover(host, path, headers, maxBodyBytes));
    }
    const url = new URL(path, endpoint.base);
    if (response.status === 401 && headers.authorization === void 0) {
      const first = parseChallenge(response.headers["www-authenticate"]) ?? this.learnedChallenges.get(host) ?? null;
      if (!first) throw new RegistryFault(`HTTP 401 from ${path} without a usable WWW-Authenticate challenge`);
      this.learnedChallenges.set(host, first);
      challenge = first;
      Object.assign(headers, await this.authorization(host, repositoryPath, first, false));
      response = await this.exchange({ url, method: "GET", headers, maxBodyBytes, insecureTls: endpoint.insecureTls });
    }
    if (response.status === 401) {
      const fresh = parseChallenge(response.headers["www-authenticate"]) ?? challenge;
      const worthRetrying = fresh && (fresh.scheme === "bearer" || !challenge);
      challenge = fresh;
      if (fresh) this.learnedChallenges.set(host, fresh);
      if (worthRetrying && challenge) {
        Object.assign(headers, await this.authorization(host, repositoryPath, challenge, true));
        response = await this.exchange({ url, method: "GET", headers, maxBodyBytes, insecureTls: endpoint.insecureTls });
      }
    }
    if (response.status === 401 || response.status === 403) throw await this.authFault(host, repositoryPath, response.status);
    if (response.status === 404 && !fromRegistry(response)) throw new RegistryFault(`HTTP 404 from ${path} without a registry error (is ${host} an OCI registry?)`);
    return response;
  }
  close() {
    this.transport.close();
  }
  /**
   * The first request to a host: learns whether it speaks HTTPS (an insecure host may speak plain HTTP: one
   * TLS attempt, then plain HTTP, remembered for the run) and, by its 401, which authentication it wants. The
   * host's other requests wait for this answer, then use what it taught.
   */
  async discover(host, path, headers, maxBodyBytes) {
    let learned;
    let failed;
    const pending = new Promise((resolve, reject) => (learned = resolve, failed = reject));
    pending.catch(() => void 0);
    this.endpoints.set(host, pending);
    const insecure = this.insecure.has(host.toLowerCase());
    const target = apiHost(host);
    let endpoint = { base: new URL(`https://${target}/`), insecureTls: insecure };
    try {
      let response;
      try {
        const attempts = insecure ? 1 : this.attempts;
        const request = { url: new URL(path, endpoint.base), method: "GET", headers, maxBodyBytes, insecureTls: insecure };
        response = await this.exchange(request, attempts);
        if (RETRY_STATUSES.has(response.status) && attempts === 1) response = await this.exchange(request);
      } catch (error) {
        const plainHttp = insecure && error instanceof RegistryFault && error.cause instanceof TransportError && ["tls-protocol", "reset", "truncated"].includes(error.cause.failure);
        if (!plainHttp) throw error;
        endpoint = { base: new URL(`http://${target}/`), insecureTls: false };
        response = await this.exchange({ url: new URL(path, endpoint.base), method: "GET", headers, maxBodyBytes, insecureTls: false });
      }
      if (response.status === 401) {
        const challenge = parseChallenge(response.headers["www-authenticate"]);
        if (challenge) this.learnedChallenges.set(host, challenge);
      }
      learned(endpoint);
      return { endpoint, response };
    } catch (error) {
      failed(error);
      throw error;
    }
  }
  credential(host, repositoryPath) {
    const key = `${host}/${repositoryPath}`;
    let found = this.credentials.get(key);
    if (!found) {
      found = findCredential(host, repositoryPath, this.options.env);
      this.credentials.set(key, found);
    }
    return found;
  }
  async authorization(host, repositoryPath, challenge, refresh) {
    const credential = await this.credential(host, repositoryPath);
    if (challenge.scheme === "basic") {
      if (credential?.kind !== "basic") throw await this.authFault(host, repositoryPath, 401);
      return { authorization: basicAuthorization(credential) };
    }
    const scope = `repository:${repositoryPath}:pull`;
    const key = `${challenge.params.realm}|${challenge.params.service ?? ""}|${scope}`;
    let cached = this.tokens.get(key);
    if (refresh || !cached || cached.expiresAt !== void 0 && cached.expiresAt <= Date.now()) {
      const entry = { promise: this.fetchToken(host, challenge, scope, credential) };
      entry.promise.then((t) => entry.expiresAt = t.expiresAt, () => void 0);
      this.tokens.set(key, entry);
      cached = entry;
    }
    return { authorization: `Bearer ${(await cached.promise).token}` };
  }
  async fetchToken(host, challenge, scope, credential) {
    const request = tokenRequest(challenge, scope, credential);
    const response = await this.exchange({ ...request, maxBodyBytes: TOKEN_BODY_CAP, insecureTls: this.insecure.has(request.url.host.toLowerCase()) }).catch((error) => {
      throw error instanceof RegistryFault ? new RegistryFault(`token endpoint ${request.url.host}: ${error.message}`, { cause: error.cause }) : error;
    });
    if (response.status === 401 || response.status === 403) {
      throw new RegistryFault(
        credential ? `authentication failed: the token endpoint ${request.url.host} answered HTTP ${response.status} for the credentials from ${credential.source}` : `authentication required: the token endpoint ${request.url.host} answered HTTP ${response.status} and no credentials were found for ${host}`
      );
    }
    if (response.status !== 200) throw new RegistryFault(`the token endpoint ${request.url.host} answered HTTP ${response.status}`);
    return parseTokenResponse(response.body, Date.now());
  }
  async authFault(host, repositoryPath, status) {
    const credential = await this.credential(host, repositoryPath).catch(() => null);
    const denied = status === 403 ? "access denied" : "authentication failed";
    return new RegistryFault(
      credential ? `${denied} (HTTP ${status}) with the credentials from ${credential.source}` : `${denied} (HTTP ${status}): no credentials found for ${host} (docker login, REGISTRY_AUTH_FILE or a credential helper)`
    );
  }
  /** One logical request: redirects followed, retried on 429/502/503/504 and resets. Throws RegistryFault. */
  async exchange(request, attempts = this.attempts) {
    for (let attempt = 1; ; attempt++) {
      let outcome;
      try {
        outcome = await this.followRedirects(request);
      } catch (error) {
        if (!(error instanceof TransportError)) throw error;
        outcome = error;
      }
      const retryable = outcome instanceof TransportError ? outcome.failure === "reset" || outcome.failure === "truncated" : RETRY_STATUSES.has(outcome.status);
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
  retryDelay(outcome, attempt) {
    const header = outcome instanceof TransportError ? void 0 : outcome.headers["retry-after"];
    if (typeof header === "string") {
      const seconds = Number(header);
      const ms = Number.isFinite(seconds) ? seconds * 1e3 : Date.parse(header) - Date.now();
      if (Number.isFinite(ms)) return Math.min(Math.max(0, Math.round(ms)), this.maxRetryDelayMs);
    }
    const ceiling = this.backoffMs * 2 ** (attempt - 1);
    return Math.min(Math.round(ceiling / 2 + Math.random() * (ceiling / 2)), this.maxRetryDelayMs);
  }
  async followRedirects(request) {
    const visited = /* @__PURE__ */ new Set();
    let current = { ...request, headers: { ...request.headers } };
    for (let hop = 0; ; hop++) {
      visited.add(current.url.toString());
      const started = Date.now();
      const response = await this.limiter.run(() => this.transport.send({ ...current, timeoutMs: this.options.timeoutMs }));
      this.options.log?.(`${current.method} ${redactUrl(current.url)} \u2192 ${response.status} (${Date.now() - started} ms)`);
      const location = response.headers.location;
      if (!REDIRECT_STATUSES.has(response.status) || !location) return response;
      const next = new URL(location, current.url);
      if (visited.has(next.toString())) throw new RegistryFault(`redirect loop: ${redactUrl(next)} was already visited`);
      if (hop + 1 > MAX_REDIRECTS) throw new RegistryFault(`too many redirects (more than ${MAX_REDIRECTS}) starting at ${redactUrl(request.url)}`);
      const headers = { ...current.headers };
      if (next.origin !== request.url.origin) delete headers.authorization;
      const method = response.status === 303 ? "GET" : current.method;
      current = { ...current, url: next, headers, method, ...method === "GET" ? { body: void 0 } : {} };
    }
  }
};
function fromRegistry(response) {
  if (response.headers["docker-distribution-api-version"] !== void 0) return true;
  try {
    const body = JSON.parse(response.body.toString("utf8"));
    return typeof body === "object" && body !== null && Array.isArray(body.errors);
  } catch {
    return false;
  }
}

// src/sources/registry/client.ts
var DEFAULT_MANIFEST_CAP = 4 << 20;
var TAG_LIST_CAP = 16 << 20;
var MAX_TAG_PAGES = 1e3;
function createRegistryClient(options) {
  const http = new RegistryHttp({ ...options, extraCaPem: readExtraCa(options.env, options.log) });
  const answers = /* @__PURE__ */ new Map();
  const pageSize = options.tagPageSize ?? 1e3;
  const manifestCap = options.maxManifestBytes ?? DEFAULT_MANIFEST_CAP;
  const once = (key, repository, ask) => {
    let answer = answers.get(key);
    if (!answer) {
      answer = guarded(repository, ask);
      answers.set(key, answer);
    }
    return answer;
  };
  const listTags = (repository) => once(`tags ${repository}`, repository, async (host, path) => {
    const tags = [];
    let next = `/v2/${path}/tags/list?n=${pageSize}`;
    for (let page = 0; next; page++) {
      if (page >= MAX_TAG_PAGES) throw new RegistryFault(`tag list of ${repository} has more than ${MAX_TAG_PAGES} pages`);
      let response = await http.get(host, path, next, "application/json", TAG_LIST_CAP);
      if (response.status === 400 && page === 0) {
        response = await http.get(host, path, `/v2/${path}/tags/list`, "application/json", TAG_LIST_CAP);
      }
      if (response.status === 404) return { status: "not-found" };
      expectOk(response);
      tags.push(...parseTagList(response.body));
      next = samePathAndQuery(nextPageLink(response.headers.link));
    }
    return { status: "found", value: tags };
  });
  const configPlatforms = (host, path, digest) => once(`config ${host}/${path}@${digest}`, `${host}/${path}`, async () => {
    const response = await http.get(host, path, `/v2/${path}/blobs/${digest}`, "*/*", manifestCap);
    expectOk(response);
    const platform = parseImageConfig(response.body);
    return { status: "found", value: platform ? [platform] : [] };
  });
  const getTag = (repository, tag) => once(`tag ${repository}:${tag}`, repository, async (host, path) => {
    const response = await http.get(host, path, `/v2/${path}/manifests/${encodeURIComponent(tag)}`, MANIFEST_ACCEPT, manifestCap);
    if (response.status === 404) return { status: "not-found" };
    expectOk(response);
    const digest = verifiedDigest(response);
    const manifest = parseManifest(response.body, headerValue(response.headers["content-type"]));
    if (manifest.kind === "index") {
      const manifests = manifest.manifests.length ? { manifests: manifest.manifests } : {};
      const entries = manifest.entries.length ? { entries: manifest.entries } : {};
      return { status: "found", value: { digest, mediaType: manifest.mediaType, isIndex: true, platforms: manifest.platforms, ...manifests, ...entries } };
    }
    let platforms = [];
    if (manifest.config && IMAGE_CONFIG_TYPES.has(manifest.config.mediaType)) {
      const config = await configPlatforms(host, path, manifest.config.digest);
      if (config.status === "unreachable") return config;
      if (config.status === "not-found") throw new RegistryFault(`config blob ${manifest.config.digest} of ${repository}:${tag} is missing`);
      platforms = config.value;
    }
    return { status: "found", value: { digest, mediaType: manifest.mediaType, isIndex: false, platforms } };
  });
  const getReferrers = (repository, digest) => once(`referrers ${repository}@${digest}`, repository, async (host, path) => {
    const descriptors = [];
    let next = `/v2/${path}/referrers/${digest}`;
    for (let page = 0; next && page < MAX_REFERRER_PAGES; page++) {
      const response = await http.get(host, path, next, MANIFEST_TYPES_INDEX, manifestCap);
      if (NO_REFERRERS_API.has(response.status)) return { status: "not-found" };
      expectOk(response);
      const page_ = parseReferrers(response.body);
      if (!page_) return { status: "not-found" };
      descriptors.push(...page_);
      next = samePathAndQuery(nextPageLink(response.headers.link));
    }
    return { status: "found", value: descriptors };
  });
  const getManifest = (repository, reference) => once(`manifest ${repository}@${reference}`, repository, async (host, path) => {
    const encoded = encodeURIComponent(reference).replace(/%3A/g, ":");
    const response = await http.get(host, path, `/v2/${path}/manifests/${encoded}`, MANIFEST_ACCEPT, manifestCap);
    if (response.status === 404) return { status: "not-found" };
    expectOk(response);
    const digest = verifiedDigest(response);
    if (reference.includes(":") && reference !== digest) throw new RegistryFault(`manifest ${reference} of ${repository} answered with digest ${digest}`);
    return { status: "found", value: parseArtifactManifest(response.body, headerValue(response.headers["content-type"])) };
  });
  const getPredicateType = (repository, layerDigest) => once(`predicate ${repository}@${layerDigest}`, repository, async (host, path) => {
    let response;
    try {
      response = await http.get(host, path, `/v2/${path}/blobs/${layerDigest}`, "*/*", ATTESTATION_CAP);
    } catch (error) {
      if (error instanceof RegistryFault && error.cause instanceof TransportError && error.cause.failure === "too-large") return { status: "found", value: null };
      throw error;
    }
    if (response.status === 404) return { status: "not-found" };
    expectOk(response);
    return { status: "found", value: parsePredicateType(response.body) };
  });
  return { listTags, getTag, getReferrers, getManifest, getPredicateType };
}
var ATTESTATION_CAP = 32 << 20;
var MANIFEST_TYPES_INDEX = "application/vnd.oci.image.index.v1+json";
var NO_REFERRERS_API = /* @__PURE__ */ new Set([400, 404, 405, 501]);
var MAX_REFERRER_PAGES = 20;
async function guarded(repository, ask) {
  const parsed = parseImageRef(repository);
  if (!parsed.ok || parsed.ref.tag !== void 0 || parsed.ref.digest) {
    return { status: "unreachable", host: "", reason: `invalid repository name "${repository}"` };
  }
  const { registry: host, path } = parsed.ref;
  try {
    return await ask(host, path);
  } catch (error) {
    const reason = error instanceof RegistryFault ? error.message : `internal error: ${error instanceof Error ? error.message : String(error)}`;
    return { status: "unreachable", host, reason };
  }
}
function expectOk(response) {
  if (response.status === 200) return;
  const code = errorCode(response.body);
  const retried = response.retriesExhausted ? ` after ${response.retriesExhausted} attempts` : "";
  throw new RegistryFault(`HTTP ${response.status}${code ? ` ${code}` : ""} for ${response.url.pathname}${retried}`);
}
function errorCode(body) {
  try {
    const code = JSON.parse(body.toString("utf8"))?.errors?.[0]?.code;
    return typeof code === "string" ? code.slice(0, 64) : "";
  } catch {
    return "";
  }
}
function samePathAndQuery(link) {
  if (!link) return null;
  const url = new URL(link, "http://same-origin.invalid");
  return `${url.pathname}${url.search}`;
}
function verifiedDigest(response) {
  const computed = `sha256:${createHash("sha256").update(response.body).digest("hex")}`;
  const announced = headerValue(response.headers["docker-content-digest"]);
  if (announced?.startsWith("sha256:") && announced !== computed) {
    throw new RegistryFault(`manifest digest mismatch: the registry announced ${announced} but the body hashes to ${computed}`);
  }
  return announced ?? computed;
}
var headerValue = (value) => Array.isArray(value) ? value[0] : value;
function readExtraCa(env, log) {
  const file = env.NODE_EXTRA_CA_CERTS;
  if (!file) return void 0;
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    log?.(`NODE_EXTRA_CA_CERTS ${file} not readable: ${error.message}`);
    return void 0;
  }
}
export {
  createRegistryClient
};
