import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeSelfSignedCertificate } from './certificates.js';
import { startTokenIssuer, type TokenIssuer } from './token-issuer.js';

export type RegistryAuth = 'none' | 'htpasswd' | 'token';

/** One line of the registry's access log: what was asked and how it was answered. */
export interface AccessLogEntry {
  method: string;
  /** the request URI, with its query string */
  uri: string;
  /** the URI without the query string */
  path: string;
  status: number;
}

/** A running Debian `docker-registry` (CNCF distribution) on 127.0.0.1. */
export interface TestRegistry {
  auth: RegistryAuth;
  /** `127.0.0.1:PORT`, the registry part of image references (pass it as an insecure host: it speaks HTTP) */
  host: string;
  url: string;
  /** the account that may pull and push (htpasswd and token registries) */
  credentials?: { username: string; password: string };
  tokenIssuer?: TokenIssuer;
  /** an identity (refresh) token the token issuer accepts for `credentials.username` (token registries) */
  identityToken?: string;
  /** where the registry keeps its blobs; removed by stop() */
  storageDir: string;
  /**
   * Every request the registry logged since start (or since `cursor`, from `logCursor()`), complete up to now:
   * a marker request is sent and awaited, so no line is still in flight.
   */
  accessLog(cursor?: number): Promise<AccessLogEntry[]>;
  /** a position in the access log; pass it to accessLog() to see only later requests */
  logCursor(): Promise<number>;
  /** requests whose method and path match, since `cursor` */
  countRequests(match: { method?: string; path: string | RegExp }, cursor?: number): Promise<number>;
  stop(): Promise<void>;
}

const REGISTRY_BINARY = '/usr/bin/docker-registry';
const MARKER_PREFIX = '/v2/tagcheck-log-marker/';

/** Why a real registry cannot start on this machine, or null when it can. */
export function registryPrerequisiteProblem(): string | null {
  const binary = registryBinary();
  if (!binary) return `docker-registry not found (${REGISTRY_BINARY}); install it: apt-get install -y docker-registry apache2-utils openssl`;
  for (const tool of ['htpasswd', 'openssl']) {
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    } catch {
      return `${tool} not found on PATH; install it: apt-get install -y apache2-utils openssl`;
    }
  }
  return null;
}

function registryBinary(): string | null {
  if (existsSync(REGISTRY_BINARY)) return REGISTRY_BINARY;
  try {
    return execFileSync('sh', ['-c', 'command -v docker-registry'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts a registry with the given authentication; throws with the reason when it cannot. */
export interface StartRegistryOptions {
  auth: RegistryAuth;
  /** lifetime of the token issuer's tokens (token auth only; default 300 s) */
  tokenLifetimeSeconds?: number;
}

export async function startRegistry(options: StartRegistryOptions): Promise<TestRegistry> {
  const problem = registryPrerequisiteProblem();
  if (problem) throw new Error(`cannot start a test registry: ${problem}`);
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startOnce(options);
    } catch (error) {
      lastError = error; // usually a port taken between freePort() and the registry's bind
    }
  }
  throw lastError instanceof Error ? lastError : new Error(String(lastError));
}

async function startOnce({ auth, tokenLifetimeSeconds }: StartRegistryOptions): Promise<TestRegistry> {
  const dir = mkdtempSync(join(tmpdir(), 'tagcheck-registry-'));
  const storageDir = join(dir, 'storage');
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const credentials = auth === 'none' ? undefined : { username: 'tagcheck-ci', password: `pw-${Math.random().toString(36).slice(2)}-secret` };
  let tokenIssuer: TokenIssuer | undefined;
  const identityToken = `idt-${Math.random().toString(36).slice(2)}-refresh`;
  let authBlock = '';
  if (auth === 'htpasswd' && credentials) {
    const line = execFileSync('htpasswd', ['-Bbn', credentials.username, credentials.password], { encoding: 'utf8' });
    writeFileSync(join(dir, 'htpasswd'), line.trim() + '\n');
    authBlock = `auth:\n  htpasswd:\n    realm: tagcheck-test\n    path: ${join(dir, 'htpasswd')}\n`;
  } else if (auth === 'token' && credentials) {
    const certificate = makeSelfSignedCertificate(dir, 'token-signer', 'tagcheck test token issuer');
    tokenIssuer = await startTokenIssuer({
      accounts: { [credentials.username]: credentials.password },
      identityTokens: { [identityToken]: credentials.username },
      certificate,
      ...(tokenLifetimeSeconds ? { expiresInSeconds: tokenLifetimeSeconds } : {}),
    });
    authBlock =
      `auth:\n  token:\n    realm: ${tokenIssuer.realm}\n    service: ${tokenIssuer.service}\n` +
      `    issuer: ${tokenIssuer.issuer}\n    rootcertbundle: ${certificate.certFile}\n`;
  }
  const config =
    `version: 0.1\nlog:\n  level: info\n  formatter: text\n  accesslog:\n    disabled: false\n` +
    `storage:\n  filesystem:\n    rootdirectory: ${storageDir}\n  delete:\n    enabled: true\n` +
    `http:\n  addr: ${host}\n  secret: tagcheck-test-secret\n` +
    authBlock;
  const configFile = join(dir, 'config.yml');
  writeFileSync(configFile, config);

  const child = spawn(registryBinary()!, ['serve', configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  // a test worker that dies without stop() must not leave a registry holding its port
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.removeListener('exit', killOnExit));
  const log = new AccessLogCollector(child);
  let stderrTail = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderrTail = (stderrTail + chunk.toString()).slice(-4000);
  });
  const cleanup = async () => {
    await stopChild(child);
    await tokenIssuer?.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilServing(`http://${host}/v2/`, child, () => stderrTail);
  } catch (error) {
    await cleanup();
    throw error;
  }

  let markers = 0;
  const accessLog = async (cursor = 0): Promise<AccessLogEntry[]> => {
    const marker = `${MARKER_PREFIX}${++markers}`;
    // The registry writes a line after each response; once the marker's line is there, all earlier ones are too.
    await fetch(`http://${host}${marker}`).then((r) => r.arrayBuffer()).catch(() => undefined);
    await log.waitFor(marker, 5000);
    return log.entries.slice(cursor).filter((e) => !e.path.startsWith(MARKER_PREFIX));
  };
  return {
    auth,
    host,
    url: `http://${host}`,
    ...(credentials ? { credentials } : {}),
    ...(tokenIssuer ? { tokenIssuer, identityToken } : {}),
    storageDir,
    accessLog,
    logCursor: async () => {
      await accessLog();
      return log.entries.length;
    },
    countRequests: async (match, cursor) =>
      (await accessLog(cursor)).filter(
        (e) => (!match.method || e.method === match.method) && (typeof match.path === 'string' ? e.path === match.path : match.path.test(e.path)),
      ).length,
    stop: cleanup,
  };
}

/** Parses the combined-format access log the registry prints on stdout: `"GET /v2/ HTTP/1.1" 200 …`. */
class AccessLogCollector {
  entries: AccessLogEntry[] = [];
  private pending = '';
  private waiters: Array<() => void> = [];

  constructor(child: ChildProcess) {
    child.stdout!.on('data', (chunk: Buffer) => {
      this.pending += chunk.toString();
      const lines = this.pending.split('\n');
      this.pending = lines.pop() ?? '';
      for (const line of lines) {
        const m = /"([A-Z]+) (\S+) HTTP\/[\d.]+" (\d{3})/.exec(line);
        if (!m) continue;
        const uri = m[2];
        this.entries.push({ method: m[1], uri, path: uri.split('?')[0], status: Number(m[3]) });
      }
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  async waitFor(path: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.entries.some((e) => e.path === path)) {
      if (Date.now() > deadline) throw new Error(`registry access log never showed ${path}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }
}

async function waitUntilServing(url: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`docker-registry exited with code ${child.exitCode}: ${stderr().trim().split('\n').slice(-3).join(' | ')}`);
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.status === 200 || response.status === 401) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`docker-registry did not answer ${url} within 15 s: ${stderr().trim().split('\n').slice(-3).join(' | ')}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}
