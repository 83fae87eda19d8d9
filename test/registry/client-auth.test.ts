import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegistryClient } from '../../src/sources/registry/client.js';
import { findCredential } from '../../src/sources/registry/credentials.js';
import { describeWithRegistry, pushImage, startRegistry, tagExisting, type TestRegistry } from '../support/registry/index.js';

/** A fresh, empty HOME so the machine's own ~/.docker never takes part. */
function isolatedEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { HOME: mkdtempSync(join(tmpdir(), 'tagcheck-home-')), PATH: process.env.PATH, ...extra };
}

function writeJson(dir: string, name: string, data: unknown): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(data));
  return file;
}

const basic = (user: string, password: string) => Buffer.from(`${user}:${password}`).toString('base64');

/** `docker-credential-test` in a temp dir put first on PATH; it logs the server URL it was asked for. */
function credentialHelper(answers: Record<string, { Username: string; Secret: string }>): { pathDir: string; calls: () => string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'tagcheck-helper-'));
  const calls = join(dir, 'calls.log');
  writeFileSync(calls, '');
  const cases = Object.entries(answers)
    .map(([server, a]) => `  '${server}') printf '%s' '${JSON.stringify({ ServerURL: server, ...a })}' ;;`)
    .join('\n');
  const script = `#!/bin/sh\n[ "$1" = get ] || exit 2\nread -r server\necho "$server" >> '${calls}'\ncase "$server" in\n${cases}\n  *) echo 'credentials not found in native keychain'; exit 1 ;;\nesac\n`;
  writeFileSync(join(dir, 'docker-credential-test'), script);
  chmodSync(join(dir, 'docker-credential-test'), 0o755);
  return { pathDir: dir, calls: () => readFileSync(calls, 'utf8').split('\n').filter(Boolean) };
}

for (const auth of ['none', 'htpasswd', 'token'] as const) {
  describeWithRegistry(`each question asked once per run (auth: ${auth})`, () => {
    let registry: TestRegistry;
    beforeAll(async () => {
      registry = await startRegistry({ auth });
      await pushImage(registry, 'acme/app', 'v1.0.0');
      await tagExisting(registry, 'acme/app', 'v1.0.0', 'latest');
      await pushImage(registry, 'acme/app', 'v0.9.0', { kind: 'single' });
      await pushImage(registry, 'acme/other', 'v1.0.0');
    });
    afterAll(async () => {
      await registry?.stop();
    });

    it('requests each manifest, config and tag list once, and the token endpoint once per repository scope', async () => {
      const env = isolatedEnv();
      if (registry.credentials) {
        env.DOCKER_CONFIG = env.HOME;
        writeJson(env.HOME!, 'config.json', { auths: { [registry.host]: { auth: basic(registry.credentials.username, registry.credentials.password) } } });
      }
      const client = createRegistryClient({ concurrency: 3, timeoutMs: 5000, insecureHosts: [registry.host], env });
      const app = `${registry.host}/acme/app`;
      const other = `${registry.host}/acme/other`;
      const cursor = await registry.logCursor();
      registry.tokenIssuer?.resetHits();
      const questions = [];
      for (let i = 0; i < 4; i++) {
        questions.push(client.getTag(app, 'v1.0.0'), client.getTag(app, 'latest'), client.getTag(app, 'v0.9.0'), client.listTags(app));
        questions.push(client.getTag(other, 'v1.0.0'), client.getTag(other, 'v7'), client.listTags(`127.0.0.1:${registry.host.split(':')[1]}/acme/other`));
      }
      const answers = await Promise.all(questions);
      expect(answers.filter((a) => a.status === 'unreachable')).toEqual([]);
      // later questions come from the cache too
      await client.getTag(app, 'v1.0.0');

      const log = await registry.accessLog(cursor);
      // no /v2/ ping: the first request learns the challenge from its 401 (none on an anonymous registry)
      expect(log.filter((e) => e.path === '/v2/')).toEqual([]);
      expect(log.filter((e) => e.status === 401)).toHaveLength(auth === 'none' ? 0 : 1);
      const counts = new Map<string, number>();
      for (const entry of log.filter((e) => e.status !== 401)) counts.set(`${entry.method} ${entry.path} ${entry.status}`, (counts.get(`${entry.method} ${entry.path} ${entry.status}`) ?? 0) + 1);
      const configDigestPath = log.find((e) => e.path.includes('/blobs/'))?.path;
      expect(Object.fromEntries(counts)).toEqual({
        'GET /v2/acme/app/manifests/v1.0.0 200': 1,
        'GET /v2/acme/app/manifests/latest 200': 1,
        'GET /v2/acme/app/manifests/v0.9.0 200': 1,
        [`GET ${configDigestPath} 200`]: 1,
        'GET /v2/acme/app/tags/list 200': 1,
        'GET /v2/acme/other/manifests/v1.0.0 200': 1,
        'GET /v2/acme/other/manifests/v7 404': 1,
        'GET /v2/acme/other/tags/list 200': 1,
      });
      if (registry.tokenIssuer) {
        expect(registry.tokenIssuer.hits('repository:acme/app:pull')).toBe(1);
        expect(registry.tokenIssuer.hits('repository:acme/other:pull')).toBe(1);
        expect(registry.tokenIssuer.hits()).toBe(2);
      }
    });

    it('asks for pages of n tags and gets the complete list (registry 2.8 answers in one page; Link paging: faults.test.ts)', async () => {
      for (let i = 0; i < 6; i++) await tagExisting(registry, 'acme/other', 'v1.0.0', `v1.0.${i + 1}`);
      const env = isolatedEnv();
      if (registry.credentials) env.REGISTRY_AUTH_FILE = writeJson(env.HOME!, 'auth.json', { auths: { [registry.host]: { auth: basic(registry.credentials.username, registry.credentials.password) } } });
      const client = createRegistryClient({ concurrency: 2, timeoutMs: 5000, insecureHosts: [registry.host], env, tagPageSize: 3 });
      const cursor = await registry.logCursor();
      const tags = await client.listTags(`${registry.host}/acme/other`);
      expect(tags.status === 'found' && [...tags.value].sort()).toEqual(['v1.0.0', 'v1.0.1', 'v1.0.2', 'v1.0.3', 'v1.0.4', 'v1.0.5', 'v1.0.6']);
      // answered pages (the first, unauthenticated request's 401 aside)
      const pages = (await registry.accessLog(cursor)).filter((e) => e.path === '/v2/acme/other/tags/list' && e.status !== 401);
      expect(pages.map((p) => p.uri)).toEqual(['/v2/acme/other/tags/list?n=3']);
    });
  });
}

for (const auth of ['htpasswd', 'token'] as const) {
  describeWithRegistry(`credentials (auth: ${auth})`, () => {
    let registry: TestRegistry;
    let user: string;
    let password: string;
    beforeAll(async () => {
      registry = await startRegistry({ auth });
      ({ username: user, password } = registry.credentials!);
      await pushImage(registry, 'acme/app', 'v1.0.0');
    });
    afterAll(async () => {
      await registry?.stop();
    });
    const ask = (env: NodeJS.ProcessEnv) => createRegistryClient({ concurrency: 2, timeoutMs: 5000, insecureHosts: [registry.host], env }).getTag(`${registry.host}/acme/app`, 'v1.0.0');

    const sources: Array<[string, () => NodeJS.ProcessEnv]> = [
      ['DOCKER_CONFIG config.json with base64 auth', () => {
        const env = isolatedEnv();
        env.DOCKER_CONFIG = join(env.HOME!, 'docker');
        writeJson(env.DOCKER_CONFIG, 'config.json', { auths: { [`http://${registry.host}/v2/`]: { auth: basic(user, password) } } });
        return env;
      }],
      ['~/.docker/config.json with username and password', () => {
        const env = isolatedEnv();
        writeJson(join(env.HOME!, '.docker'), 'config.json', { auths: { [registry.host]: { username: user, password } } });
        return env;
      }],
      ['REGISTRY_AUTH_FILE (containers auth.json, namespace key)', () => {
        const env = isolatedEnv();
        env.REGISTRY_AUTH_FILE = writeJson(env.HOME!, 'auth.json', { auths: { [`${registry.host}/acme`]: { auth: basic(user, password) } } });
        return env;
      }],
      ['${XDG_RUNTIME_DIR}/containers/auth.json', () => {
        const env = isolatedEnv();
        env.XDG_RUNTIME_DIR = join(env.HOME!, 'run');
        writeJson(join(env.XDG_RUNTIME_DIR, 'containers'), 'auth.json', { auths: { [registry.host]: { auth: basic(user, password) } } });
        return env;
      }],
      ['credsStore helper (docker-credential-test on PATH)', () => {
        const helper = credentialHelper({ [registry.host]: { Username: user, Secret: password } });
        const env = isolatedEnv({ PATH: `${helper.pathDir}:${process.env.PATH}` });
        writeJson(join(env.HOME!, '.docker'), 'config.json', { auths: { [registry.host]: {} }, credsStore: 'test' });
        return env;
      }],
      ['credHelpers entry for the host', () => {
        const helper = credentialHelper({ [registry.host]: { Username: user, Secret: password } });
        const env = isolatedEnv({ PATH: `${helper.pathDir}:${process.env.PATH}` });
        writeJson(join(env.HOME!, '.docker'), 'config.json', { credHelpers: { [registry.host]: 'test' }, credsStore: 'missing-store' });
        return env;
      }],
    ];
    if (auth === 'token') {
      sources.push(['identitytoken (OAuth2 refresh-token POST)', () => {
        const env = isolatedEnv();
        writeJson(join(env.HOME!, '.docker'), 'config.json', { auths: { [registry.host]: { identitytoken: registry.identityToken } } });
        return env;
      }]);
    }
    for (const [name, makeEnv] of sources) {
      it(`logs in with ${name}`, async () => {
        const answer = await ask(makeEnv());
        expect(answer.status).toBe('found');
      });
    }

    it('REGISTRY_AUTH_FILE wins over the docker config', async () => {
      const env = isolatedEnv();
      env.REGISTRY_AUTH_FILE = writeJson(env.HOME!, 'auth.json', { auths: { [registry.host]: { auth: basic(user, password) } } });
      writeJson(join(env.HOME!, '.docker'), 'config.json', { auths: { [registry.host]: { auth: basic(user, 'not-the-password') } } });
      expect((await ask(env)).status).toBe('found');
    });

    it('wrong credentials: unreachable, naming the host, HTTP 401 and the file they came from', async () => {
      const env = isolatedEnv();
      const file = writeJson(join(env.HOME!, '.docker'), 'config.json', { auths: { [registry.host]: { auth: basic(user, 'wrong-password-value') } } });
      const answer = await ask(env);
      expect(answer).toMatchObject({ status: 'unreachable', host: registry.host });
      const reason = answer.status === 'unreachable' ? answer.reason : '';
      expect(reason).toMatch(/^authentication failed.*HTTP 401/);
      expect(reason).toContain(file);
      expect(reason).not.toContain('wrong-password-value');
    });

    it('no credentials at all: unreachable, saying none were found', async () => {
      const answer = await ask(isolatedEnv());
      expect(answer).toMatchObject({ status: 'unreachable', host: registry.host });
      expect(answer.status === 'unreachable' && answer.reason).toMatch(/HTTP 401.*no credentials were found|no credentials found/);
    });

    if (auth === 'token') {
      it('a failing token endpoint: unreachable naming it, asked once per scope', async () => {
        registry.tokenIssuer!.failWith(500);
        registry.tokenIssuer!.resetHits();
        try {
          const env = isolatedEnv();
          writeJson(join(env.HOME!, '.docker'), 'config.json', { auths: { [registry.host]: { auth: basic(user, password) } } });
          const client = createRegistryClient({ concurrency: 2, timeoutMs: 5000, insecureHosts: [registry.host], env, backoffMs: 10 });
          const answers = await Promise.all([client.getTag(`${registry.host}/acme/app`, 'v1.0.0'), client.getTag(`${registry.host}/acme/app`, 'latest'), client.listTags(`${registry.host}/acme/app`)]);
          for (const answer of answers) {
            expect(answer).toMatchObject({ status: 'unreachable', host: registry.host });
            expect(answer.status === 'unreachable' && answer.reason).toMatch(/^the token endpoint 127\.0\.0\.1:\d+ answered HTTP 500$/);
          }
          expect(registry.tokenIssuer!.hits('repository:acme/app:pull')).toBe(1);
        } finally {
          registry.tokenIssuer!.failWith(null);
        }
      });
    }
  });
}

describe('credential lookup (key forms)', () => {
  const dockerHubForms = ['https://index.docker.io/v1/', 'index.docker.io', 'docker.io', 'https://registry-1.docker.io'];
  for (const key of dockerHubForms) {
    it(`finds Docker Hub credentials stored under "${key}"`, async () => {
      const env = isolatedEnv();
      writeJson(join(env.HOME!, '.docker'), 'config.json', { auths: { [key]: { auth: basic('hubuser', 'hubpass') } } });
      expect(await findCredential('docker.io', 'library/nginx', env)).toMatchObject({ kind: 'basic', username: 'hubuser', password: 'hubpass' });
    });
  }

  it('asks a credential helper for Docker Hub with https://index.docker.io/v1/', async () => {
    const helper = credentialHelper({ 'https://index.docker.io/v1/': { Username: 'hubuser', Secret: 'hubsecret' } });
    const env = isolatedEnv({ PATH: `${helper.pathDir}:${process.env.PATH}` });
    writeJson(join(env.HOME!, '.docker'), 'config.json', { credsStore: 'test' });
    expect(await findCredential('docker.io', 'acme/app', env)).toMatchObject({ kind: 'basic', username: 'hubuser', password: 'hubsecret', source: 'credential helper docker-credential-test' });
    expect(helper.calls()).toEqual(['https://index.docker.io/v1/']);
  });

  it('a helper answering "<token>" gives an identity token', async () => {
    const helper = credentialHelper({ 'ghcr.io': { Username: '<token>', Secret: 'refresh-me' } });
    const env = isolatedEnv({ PATH: `${helper.pathDir}:${process.env.PATH}` });
    writeJson(join(env.HOME!, '.docker'), 'config.json', { credHelpers: { 'ghcr.io': 'test' } });
    expect(await findCredential('ghcr.io', 'acme/app', env)).toMatchObject({ kind: 'identity-token', token: 'refresh-me' });
  });

  it('the longest matching namespace key wins; other hosts and prefixes do not match', async () => {
    const env = isolatedEnv();
    env.REGISTRY_AUTH_FILE = writeJson(env.HOME!, 'auth.json', {
      auths: { 'quay.io': { auth: basic('org', 'p1') }, 'quay.io/acme': { auth: basic('acme', 'p2') }, 'quay.io/acme/app': { auth: basic('app', 'p3') }, 'quay.io/acm': { auth: basic('no', 'p4') } },
    });
    expect(await findCredential('quay.io', 'acme/app', env)).toMatchObject({ username: 'app' });
    expect(await findCredential('quay.io', 'acme/other', env)).toMatchObject({ username: 'acme' });
    expect(await findCredential('quay.io', 'acmex/app', env)).toMatchObject({ username: 'org' });
    expect(await findCredential('ghcr.io', 'acme/app', env)).toBeNull();
  });

  it('unreadable or malformed files are skipped, not fatal', async () => {
    const env = isolatedEnv();
    env.REGISTRY_AUTH_FILE = join(env.HOME!, 'missing.json');
    mkdirSync(join(env.HOME!, '.docker'));
    writeFileSync(join(env.HOME!, '.docker', 'config.json'), '{ not json');
    expect(await findCredential('ghcr.io', 'acme/app', env)).toBeNull();
  });
});

describeWithRegistry('token lifetime', () => {
  let registry: TestRegistry;
  beforeAll(async () => {
    registry = await startRegistry({ auth: 'token', tokenLifetimeSeconds: 4 });
    await pushImage(registry, 'acme/app', 'v1.0.0');
    await tagExisting(registry, 'acme/app', 'v1.0.0', 'v1.0.1');
  });
  afterAll(async () => {
    await registry?.stop();
  });

  it('reuses a token for its scope until it expires, then asks for a new one', async () => {
    const env = isolatedEnv();
    writeJson(join(env.HOME!, '.docker'), 'config.json', { auths: { [registry.host]: { auth: basic(registry.credentials!.username, registry.credentials!.password) } } });
    const client = createRegistryClient({ concurrency: 2, timeoutMs: 5000, insecureHosts: [registry.host], env });
    registry.tokenIssuer!.resetHits();
    expect((await client.getTag(`${registry.host}/acme/app`, 'v1.0.0')).status).toBe('found');
    expect((await client.listTags(`${registry.host}/acme/app`)).status).toBe('found');
    expect(registry.tokenIssuer!.hits('repository:acme/app:pull')).toBe(1);
    await new Promise((r) => setTimeout(r, 4100));
    expect((await client.getTag(`${registry.host}/acme/app`, 'v1.0.1')).status).toBe('found');
    expect(registry.tokenIssuer!.hits('repository:acme/app:pull')).toBe(2);
  });
});
