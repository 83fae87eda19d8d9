import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** What to log in with. `source` says where it came from (a file or helper name), never the secret. */
export type Credential =
  | { kind: 'basic'; username: string; password: string; source: string }
  | { kind: 'identity-token'; token: string; source: string };

interface AuthEntry {
  auth?: string;
  username?: string;
  password?: string;
  identitytoken?: string;
}

interface AuthFile {
  auths?: Record<string, AuthEntry>;
  credHelpers?: Record<string, string>;
  credsStore?: string;
}

const DOCKER_HUB_KEYS = ['docker.io', 'index.docker.io', 'registry-1.docker.io'];
/** the key `docker login` writes for Docker Hub, and what credential helpers expect for it */
const DOCKER_HUB_SERVER_URL = 'https://index.docker.io/v1/';

/**
 * Finds credentials for a registry host the way podman/skopeo and docker do, first hit wins:
 * REGISTRY_AUTH_FILE, ${XDG_RUNTIME_DIR}/containers/auth.json, then DOCKER_CONFIG/config.json
 * (or ~/.docker/config.json) with credHelpers, auths and credsStore. Unreadable files are skipped.
 */
export async function findCredential(host: string, repositoryPath: string, env: NodeJS.ProcessEnv): Promise<Credential | null> {
  const files: string[] = [];
  if (env.REGISTRY_AUTH_FILE) files.push(env.REGISTRY_AUTH_FILE);
  if (env.XDG_RUNTIME_DIR) files.push(join(env.XDG_RUNTIME_DIR, 'containers', 'auth.json'));
  const dockerDir = env.DOCKER_CONFIG || join(env.HOME || homedir(), '.docker');
  files.push(join(dockerDir, 'config.json'));

  for (const file of files) {
    const config = await readAuthFile(file);
    if (!config) continue;
    const found = await credentialFromFile(config, file, host, repositoryPath, env);
    if (found) return found;
  }
  return null;
}

async function readAuthFile(file: string): Promise<AuthFile | null> {
  try {
    const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
    return parsed && typeof parsed === 'object' ? (parsed as AuthFile) : null;
  } catch {
    return null;
  }
}

async function credentialFromFile(config: AuthFile, file: string, host: string, repositoryPath: string, env: NodeJS.ProcessEnv): Promise<Credential | null> {
  const helper = findByHost(config.credHelpers ?? {}, host);
  if (helper) return credentialFromHelper(helper, host, env);
  const entry = findAuthEntry(config.auths ?? {}, host, repositoryPath);
  const fromEntry = entry ? credentialFromEntry(entry, file) : null;
  if (fromEntry) return fromEntry;
  if (config.credsStore) return credentialFromHelper(config.credsStore, host, env);
  return null;
}

function credentialFromEntry(entry: AuthEntry, file: string): Credential | null {
  if (entry.identitytoken) return { kind: 'identity-token', token: entry.identitytoken, source: file };
  if (entry.username && entry.password) return { kind: 'basic', username: entry.username, password: entry.password, source: file };
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) return { kind: 'basic', username: decoded.slice(0, colon), password: decoded.slice(colon + 1), source: file };
  }
  return null;
}

/** Reduces an auth key (`https://index.docker.io/v1/`, `ghcr.io`, `quay.io/org/repo`) to `host[/path]`. */
function normalizeKey(key: string): string {
  let k = key.trim().replace(/^[a-z]+:\/\//i, '').replace(/\/+$/, '');
  k = k.replace(/\/v[12]$/, '');
  const slash = k.indexOf('/');
  const keyHost = (slash < 0 ? k : k.slice(0, slash)).toLowerCase();
  const path = slash < 0 ? '' : k.slice(slash);
  return (DOCKER_HUB_KEYS.includes(keyHost) ? 'docker.io' : keyHost) + path;
}

const normalizeHost = (host: string) => (DOCKER_HUB_KEYS.includes(host.toLowerCase()) ? 'docker.io' : host.toLowerCase());

function findByHost<T>(map: Record<string, T>, host: string): T | undefined {
  const wanted = normalizeHost(host);
  for (const [key, value] of Object.entries(map)) if (normalizeKey(key) === wanted) return value;
  return undefined;
}

/** containers-auth.json allows `host/namespace[/repo]` keys: the longest one that prefixes the repository wins. */
function findAuthEntry(auths: Record<string, AuthEntry>, host: string, repositoryPath: string): AuthEntry | undefined {
  const full = `${normalizeHost(host)}/${repositoryPath}`;
  let best: { length: number; entry: AuthEntry } | undefined;
  for (const [key, entry] of Object.entries(auths)) {
    const k = normalizeKey(key);
    if (full === k || full.startsWith(`${k}/`)) {
      if (!best || k.length > best.length) best = { length: k.length, entry };
    }
  }
  return best?.entry;
}

/** Runs `docker-credential-<name> get` with the server URL on stdin (the docker credential helper protocol). */
function credentialFromHelper(name: string, host: string, env: NodeJS.ProcessEnv): Promise<Credential | null> {
  const serverUrl = normalizeHost(host) === 'docker.io' ? DOCKER_HUB_SERVER_URL : host;
  const program = `docker-credential-${name}`;
  return new Promise((resolve) => {
    const child = execFile(program, ['get'], { env, timeout: 10_000, maxBuffer: 64 * 1024 }, (error, stdout) => {
      if (error) return resolve(null); // "credentials not found" is an exit code too: same as no credentials
      try {
        const reply = JSON.parse(stdout) as { Username?: string; Secret?: string };
        if (!reply.Secret) return resolve(null);
        const source = `credential helper ${program}`;
        // Docker's convention: the user name `<token>` marks an identity (refresh) token.
        if (reply.Username === '<token>') return resolve({ kind: 'identity-token', token: reply.Secret, source });
        resolve({ kind: 'basic', username: reply.Username ?? '', password: reply.Secret, source });
      } catch {
        resolve(null);
      }
    });
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(serverUrl);
  });
}
