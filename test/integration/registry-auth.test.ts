import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { describeWithRegistry, pushImage, startRegistry, tagExisting, type TestRegistry } from '../support/registry/index.js';
import { both, isolatedEnv, olderReleases, questionsAsked, writeProject } from './registry-project.js';

// A real token-authenticating registry (Debian's docker-registry behind a local token issuer), through the CLI
// in-process: token requests per scope, credentials from docker config, REGISTRY_AUTH_FILE and a credential
// helper, and that no credential or token ever reaches stdout, stderr or a snapshot.

function ruleIds(stdout: string): string[] {
  const report = JSON.parse(stdout) as { findings: Array<{ ruleId: string }> };
  return [...new Set(report.findings.map((f) => f.ruleId))].sort();
}

describeWithRegistry('token authentication: one token per repository scope, credentials from every source, no secret printed', () => {
  let registry: TestRegistry;
  let work: string;
  let home: string;
  const wrongPassword = 'Known-Wrong-Password-4711';
  beforeAll(async () => {
    registry = await startRegistry({ auth: 'token' });
    work = mkdtempSync(join(tmpdir(), 'tagcheck-token-'));
    await pushImage(registry, 'vendor/redis', '7.2', both);
    // a clean release of three own images (acme/) and two more released together for the credential cases (leak/)
    for (const repo of ['app', 'trace-exec', 'trace-dns']) {
      await olderReleases(registry, `acme/${repo}`);
      await pushImage(registry, `acme/${repo}`, 'v1.2.3', { ...both, attestations: true });
      await tagExisting(registry, `acme/${repo}`, 'v1.2.3', 'latest');
    }
    for (const repo of ['app', 'worker']) {
      await pushImage(registry, `leak/${repo}`, 'v1.2.3', { ...both, attestations: true });
      await tagExisting(registry, `leak/${repo}`, 'v1.2.3', 'latest');
    }
    home = mkdtempSync(join(tmpdir(), 'tagcheck-token-home-'));
  }, 120_000);
  afterAll(async () => {
    await registry?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it('a clean release asks each question once and fetches one token per repository', async () => {
    const env = isolatedEnv();
    env.DOCKER_CONFIG = env.HOME;
    const { username, password } = registry.credentials!;
    writeFileSync(join(env.HOME!, 'config.json'), JSON.stringify({ auths: { [registry.host]: { auth: Buffer.from(`${username}:${password}`).toString('base64') } } }));
    writeProject(work, registry.host, 'acme', { components: ['trace-exec', 'trace-dns'] });
    registry.tokenIssuer!.resetHits();
    const cursor = await registry.logCursor();
    const run = await runCli([work, '--tag', 'v1.2.3', '--insecure-registry', registry.host, '--format', 'json'], { env });
    const log = await registry.accessLog(cursor);
    expect(JSON.parse(run.stdout).findings).toEqual([]);
    expect(run.code).toBe(0);
    for (const [path, count] of questionsAsked(log)) expect(count, path).toBe(1);
    // the first request learns the challenge from its 401; the others wait for it and start authenticated
    expect(log.filter((e) => e.path === '/v2/')).toEqual([]);
    expect(log.filter((e) => e.status === 401)).toHaveLength(1);
    for (const repo of ['acme/app', 'acme/trace-exec', 'acme/trace-dns', 'vendor/redis']) {
      expect(registry.tokenIssuer!.hits(`repository:${repo}:pull`), repo).toBe(1);
    }
    expect(registry.tokenIssuer!.hits()).toBe(4);
    expect(run.stdout + run.stderr).not.toContain(password);
  });

  /** A project using leak/app and leak/worker; `drift` pins worker at an old tag in the manifests (a manifest finding). */
  function tokenProject(drift: boolean): string {
    const dir = mkdtempSync(join(tmpdir(), 'tagcheck-live-token-project-'));
    mkdirSync(join(dir, 'deploy'));
    const containers = ['app', 'worker'].map((c) => `        - name: ${c}\n          image: ${registry.host}/leak/${c}:${drift && c === 'worker' ? 'v1.2.2' : 'v1.2.3'}\n`).join('');
    writeFileSync(join(dir, 'deploy', 'app.yaml'), `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  template:\n    spec:\n      containers:\n${containers}`);
    writeFileSync(join(dir, '.tagcheck.yaml'), `images:\n  - ${registry.host}/leak/*\nplatforms: [linux/amd64, linux/arm64]\nregistries:\n  ${registry.host}: { insecure: true }\n`);
    return dir;
  }

  function dockerConfig(password: string): NodeJS.ProcessEnv {
    const dir = mkdtempSync(join(home, 'docker-'));
    const auth = Buffer.from(`${registry.credentials!.username}:${password}`).toString('base64');
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ auths: { [registry.host]: { auth } } }));
    return { PATH: process.env.PATH, HOME: home, DOCKER_CONFIG: dir };
  }

  it('wrong credentials: registry-unreachable naming the host and the 401, exit 1, manifest findings kept, no secret printed', async () => {
    const env = dockerConfig(wrongPassword);
    const outputs: string[] = [];
    for (const format of ['json', 'sarif', 'text', 'github']) {
      const run = await runCli(['check', tokenProject(true), '--tag', 'v1.2.3', '--format', format, '--verbose'], { env });
      expect(run.code).toBe(1);
      outputs.push(run.stdout, run.stderr);
      if (format === 'json') {
        const findings = JSON.parse(run.stdout).findings as Array<{ ruleId: string; message: string }>;
        expect(findings.map((f) => f.ruleId)).toContain('image-tag-mismatch');
        const unreachable = findings.filter((f) => f.ruleId === 'registry-unreachable');
        expect(unreachable.length).toBeGreaterThan(0);
        for (const f of unreachable) {
          expect(f.message).toContain(registry.host);
          expect(f.message).toMatch(/401/);
        }
      }
    }
    const printed = outputs.join('\n');
    const secrets = [wrongPassword, registry.credentials!.password, Buffer.from(`${registry.credentials!.username}:${wrongPassword}`).toString('base64')];
    for (const secret of secrets) expect(printed).not.toContain(secret);
    expect(printed).not.toMatch(/Bearer |eyJ[A-Za-z0-9_-]{10,}/);
  });

  it('credentials from REGISTRY_AUTH_FILE and a credential helper: found, and no secret in any format, --verbose or the snapshot', async () => {
    const { username, password } = registry.credentials!;
    const authFile = join(home, 'auth.json');
    writeFileSync(authFile, JSON.stringify({ auths: { [registry.host]: { auth: Buffer.from(`${username}:${password}`).toString('base64') } } }));
    const helperDir = mkdtempSync(join(home, 'bin-'));
    writeFileSync(join(helperDir, 'docker-credential-live'), `#!/bin/sh\nread -r s\nprintf '{"ServerURL":"%s","Username":"${username}","Secret":"${password}"}' "$s"\n`, { mode: 0o755 });
    const helperConfig = mkdtempSync(join(home, 'docker-helper-'));
    writeFileSync(join(helperConfig, 'config.json'), JSON.stringify({ credsStore: 'live' }));
    const envs: NodeJS.ProcessEnv[] = [
      { PATH: process.env.PATH, HOME: home, REGISTRY_AUTH_FILE: authFile },
      { PATH: `${helperDir}:${process.env.PATH}`, HOME: home, DOCKER_CONFIG: helperConfig },
    ];
    const printed: string[] = [];
    for (const env of envs) {
      const dir = tokenProject(true);
      for (const format of ['json', 'sarif', 'text', 'github']) {
        const run = await runCli(['check', dir, '--tag', 'v1.2.3', '--format', format, '--verbose'], { env });
        printed.push(run.stdout, run.stderr);
        // worker is pinned at v1.2.2 in the manifests, a tag the registry never had
        if (format === 'json') expect(ruleIds(run.stdout)).toEqual(['image-missing', 'image-tag-mismatch']);
      }
      const file = join(dir, 'snapshot.json');
      const snap = await runCli(['snapshot', dir, '--tag', 'v1.2.3', '--output', file, '--verbose'], { env });
      expect(snap.code).toBe(0);
      printed.push(snap.stdout, snap.stderr, readFileSync(file, 'utf8'));
    }
    const all = printed.join('\n');
    expect(all).toContain('GET http://'); // --verbose really printed the requests
    for (const secret of [password, Buffer.from(`${username}:${password}`).toString('base64')]) expect(all).not.toContain(secret);
    expect(all).not.toMatch(/Bearer |eyJ[A-Za-z0-9_-]{10,}/);
  });
});
