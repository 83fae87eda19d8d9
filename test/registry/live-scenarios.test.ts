import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
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
