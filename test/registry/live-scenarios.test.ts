import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { describeWithRegistry, pushImage, startRegistry, tagExisting, type TestRegistry } from '../support/registry/index.js';

// The issue's incidents, end to end: the CLI against a live registry, then again from a snapshot of it.

interface Scenario {
  name: string;
  /** repositories under the scenario's namespace; the first is the one the manifests deploy */
  components: string[];
  push: (registry: TestRegistry, ns: string) => Promise<void>;
  expected: string[];
}

const PLATFORMS = ['linux/amd64', 'linux/arm64'];
const release = async (registry: TestRegistry, repo: string, tag: string, platforms = PLATFORMS) => pushImage(registry, repo, tag, { platforms, attestations: true });

const scenarios: Scenario[] = [
  {
    name: 'clean release',
    components: ['app'],
    push: async (r, ns) => {
      await release(r, `${ns}/app`, 'v1.1.0');
      await release(r, `${ns}/app`, 'v1.2.3');
      await tagExisting(r, `${ns}/app`, 'v1.2.3', 'latest');
    },
    expected: [],
  },
  {
    name: 'release tag missing',
    components: ['app'],
    push: async (r, ns) => {
      await release(r, `${ns}/app`, 'v1.2.2');
      await tagExisting(r, `${ns}/app`, 'v1.2.2', 'latest');
    },
    expected: ['image-missing'],
  },
  {
    name: 'per-arch tags without an index',
    components: ['app'],
    push: async (r, ns) => {
      await pushImage(r, `${ns}/app`, 'v1.2.3-linux-amd64', { kind: 'single', platforms: ['linux/amd64'] });
      await pushImage(r, `${ns}/app`, 'v1.2.3-linux-arm64', { kind: 'single', platforms: ['linux/arm64'] });
    },
    expected: ['manifest-index-missing'],
  },
  {
    name: 'arm64 missing from the index',
    components: ['app'],
    push: async (r, ns) => {
      await release(r, `${ns}/app`, 'v1.2.3', ['linux/amd64']);
      await tagExisting(r, `${ns}/app`, 'v1.2.3', 'latest');
    },
    expected: ['platform-missing'],
  },
  {
    name: 'latest equal to an -rc tag',
    components: ['app'],
    push: async (r, ns) => {
      await release(r, `${ns}/app`, 'v1.2.3');
      await release(r, `${ns}/app`, 'v1.3.0-rc.1');
      await tagExisting(r, `${ns}/app`, 'v1.3.0-rc.1', 'latest');
    },
    expected: ['latest-is-prerelease'],
  },
  {
    name: 'latest equal to main',
    components: ['app'],
    push: async (r, ns) => {
      await release(r, `${ns}/app`, 'v1.2.3');
      await release(r, `${ns}/app`, 'main');
      await tagExisting(r, `${ns}/app`, 'main', 'latest');
    },
    expected: ['latest-is-prerelease'],
  },
  {
    name: 'latest absent',
    components: ['app'],
    push: async (r, ns) => {
      await release(r, `${ns}/app`, 'v1.2.3');
    },
    expected: ['latest-missing'],
  },
  {
    name: 'two of three components left at the old release',
    components: ['app', 'worker', 'cron'],
    push: async (r, ns) => {
      for (const c of ['app', 'worker', 'cron']) await release(r, `${ns}/${c}`, 'v1.2.2');
      await release(r, `${ns}/app`, 'v1.2.3');
      await tagExisting(r, `${ns}/app`, 'v1.2.3', 'latest');
      for (const c of ['worker', 'cron']) await tagExisting(r, `${ns}/${c}`, 'v1.2.2', 'latest');
    },
    expected: ['components-out-of-sync'],
  },
];

/** A small project deploying the scenario's first component at v1.2.3, the others named as components. */
function project(registry: TestRegistry, ns: string, components: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'tagcheck-live-'));
  mkdirSync(join(dir, 'deploy'));
  const [main, ...others] = components.map((c) => `${registry.host}/${ns}/${c}`);
  writeFileSync(
    join(dir, 'deploy', 'app.yaml'),
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: ${main}:v1.2.3\n`,
  );
  writeFileSync(
    join(dir, '.tagcheck.yaml'),
    `images:\n  - ${registry.host}/${ns}/*\n${others.length ? `components:\n${others.map((o) => `  - ${o}\n`).join('')}` : ''}platforms: [linux/amd64, linux/arm64]\n`,
  );
  return dir;
}

function ruleIds(stdout: string): string[] {
  const report = JSON.parse(stdout) as { findings: Array<{ ruleId: string }> };
  return [...new Set(report.findings.map((f) => f.ruleId))].sort();
}

describeWithRegistry('live registry scenarios, then the same from a snapshot', () => {
  let registry: TestRegistry;
  const env = () => ({ PATH: process.env.PATH, HOME: mkdtempSync(join(tmpdir(), 'tagcheck-live-home-')) });
  beforeAll(async () => {
    registry = await startRegistry({ auth: 'none' });
    await Promise.all(scenarios.map((s, i) => s.push(registry, `s${i}`)));
  }, 120_000);
  afterAll(async () => {
    await registry?.stop();
  });

  for (const [i, scenario] of scenarios.entries()) {
    it(`${scenario.name}: ${scenario.expected.join(', ') || 'no finding'}, live and from a snapshot`, async () => {
      const dir = project(registry, `s${i}`, scenario.components);
      const common = ['--tag', 'v1.2.3', '--insecure-registry', registry.host, '--format', 'json'];
      const cursor = await registry.logCursor();
      const live = await runCli(['check', dir, ...common], { env: env() });
      expect(live.stderr).not.toMatch(/internal error/);
      expect(ruleIds(live.stdout)).toEqual(scenario.expected);
      expect(live.code).toBe(scenario.expected.length ? 1 : 0);

      // each manifest and tag list asked once in the run
      const asked = (await registry.accessLog(cursor)).filter((e) => e.path !== '/v2/').map((e) => `${e.method} ${e.path}`);
      expect(asked.length).toBeGreaterThan(0);
      expect(new Set(asked).size).toBe(asked.length);

      const file = join(dir, 'snapshot.json');
      const snap = await runCli(['snapshot', dir, '--tag', 'v1.2.3', '--insecure-registry', registry.host, '--output', file], { env: env() });
      expect(snap.code).toBe(0);
      const replay = await runCli(['check', dir, '--tag', 'v1.2.3', '--registry-snapshot', file, '--format', 'json'], { env: env() });
      expect(JSON.parse(replay.stdout).findings).toEqual(JSON.parse(live.stdout).findings);
      expect(replay.code).toBe(live.code);
    });
  }
});

describeWithRegistry('live token registry: auth, unreachable findings, no leaks', () => {
  let registry: TestRegistry;
  let home: string;
  const wrongPassword = 'Known-Wrong-Password-4711';
  beforeAll(async () => {
    registry = await startRegistry({ auth: 'token' });
    for (const c of ['app', 'worker']) {
      await release(registry, `acme/${c}`, 'v1.2.3');
      await tagExisting(registry, `acme/${c}`, 'v1.2.3', 'latest');
    }
    home = mkdtempSync(join(tmpdir(), 'tagcheck-live-token-'));
  }, 60_000);
  afterAll(async () => {
    await registry?.stop();
  });

  /** A project using app and worker; `drift` pins worker at an old tag in the manifests (a manifest finding). */
  function tokenProject(drift: boolean): string {
    const dir = mkdtempSync(join(tmpdir(), 'tagcheck-live-token-project-'));
    mkdirSync(join(dir, 'deploy'));
    const containers = ['app', 'worker'].map((c) => `        - name: ${c}\n          image: ${registry.host}/acme/${c}:${drift && c === 'worker' ? 'v1.2.2' : 'v1.2.3'}\n`).join('');
    writeFileSync(join(dir, 'deploy', 'app.yaml'), `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  template:\n    spec:\n      containers:\n${containers}`);
    writeFileSync(join(dir, '.tagcheck.yaml'), `images:\n  - ${registry.host}/acme/*\nplatforms: [linux/amd64, linux/arm64]\nregistries:\n  ${registry.host}: { insecure: true }\n`);
    return dir;
  }

  function dockerConfig(password: string): NodeJS.ProcessEnv {
    const dir = mkdtempSync(join(home, 'docker-'));
    const auth = Buffer.from(`${registry.credentials!.username}:${password}`).toString('base64');
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ auths: { [registry.host]: { auth } } }));
    return { PATH: process.env.PATH, HOME: home, DOCKER_CONFIG: dir };
  }

  it('a clean release with credentials: no finding, the token endpoint asked once per repository scope', async () => {
    registry.tokenIssuer!.resetHits();
    const run = await runCli(['check', tokenProject(false), '--tag', 'v1.2.3', '--format', 'json'], { env: dockerConfig(registry.credentials!.password) });
    expect(ruleIds(run.stdout)).toEqual([]);
    expect(run.code).toBe(0);
    expect(registry.tokenIssuer!.hits('repository:acme/app:pull')).toBe(1);
    expect(registry.tokenIssuer!.hits('repository:acme/worker:pull')).toBe(1);
    expect(registry.tokenIssuer!.hits()).toBe(2);
  });

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

  it('a registry that is down: registry-unreachable naming the host and "connection refused", manifest findings kept', async () => {
    const down = await startRegistry({ auth: 'none' });
    const host = down.host;
    await down.stop();
    const dir = mkdtempSync(join(tmpdir(), 'tagcheck-live-down-'));
    writeFileSync(join(dir, 'app.yaml'), `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: app\n      image: ${host}/acme/app:v1.2.2\n`);
    writeFileSync(join(dir, '.tagcheck.yaml'), `images:\n  - ${host}/acme/app\n`);
    const run = await runCli(['check', dir, '--tag', 'v1.2.3', '--insecure-registry', host, '--format', 'json'], { env: { PATH: process.env.PATH, HOME: home } });
    expect(run.code).toBe(1);
    const findings = JSON.parse(run.stdout).findings as Array<{ ruleId: string; message: string }>;
    expect(findings.map((f) => f.ruleId).sort()).toEqual(['image-tag-mismatch', 'registry-unreachable']);
    expect(findings.find((f) => f.ruleId === 'registry-unreachable')!.message).toMatch(new RegExp(`${host.replace(/\./g, '\\.')}.*connection refused`));
  });
});
