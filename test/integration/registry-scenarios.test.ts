import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { describeWithRegistry, freePort, pushImage, startRegistry, tagExisting, type TestRegistry } from '../support/registry/index.js';
import { both, checkLive, expectSnapshotReplays, isolatedEnv, olderReleases, questionsAsked, writeProject, type JsonFinding } from './registry-project.js';

// Issue 3's incidents against a real registry (Debian's docker-registry), through the CLI in-process:
// each scenario lives under its own path prefix in one registry, with its own small repository.

interface Scenario {
  name: string;
  /** pushes this scenario's registry state under `prefix/` */
  push(registry: TestRegistry, prefix: string): Promise<void>;
  /** own repositories (relative to host/prefix) that are components rather than manifest images */
  components?: string[];
  expected: string[];
}

const scenarios: Scenario[] = [
  {
    name: 'release tag missing',
    async push(r, p) {
      await olderReleases(r, `${p}/app`);
      await tagExisting(r, `${p}/app`, 'v1.2.2', 'latest');
    },
    expected: ['image-missing'],
  },
  {
    name: 'per-arch tags without an index',
    async push(r, p) {
      await olderReleases(r, `${p}/app`);
      await tagExisting(r, `${p}/app`, 'v1.2.2', 'latest');
      await pushImage(r, `${p}/app`, 'v1.2.3-linux-amd64', { kind: 'single', platforms: ['linux/amd64'] });
      await pushImage(r, `${p}/app`, 'v1.2.3-linux-arm64', { kind: 'single', platforms: ['linux/arm64'] });
    },
    expected: ['manifest-index-missing'],
  },
  {
    name: 'arm64 missing from the index',
    async push(r, p) {
      await olderReleases(r, `${p}/app`);
      await pushImage(r, `${p}/app`, 'v1.2.3', { platforms: ['linux/amd64'], attestations: true });
      await tagExisting(r, `${p}/app`, 'v1.2.3', 'latest');
    },
    expected: ['platform-missing'],
  },
  {
    name: 'latest is an -rc tag',
    async push(r, p) {
      await olderReleases(r, `${p}/app`);
      await pushImage(r, `${p}/app`, 'v1.2.3', both);
      await pushImage(r, `${p}/app`, 'v1.3.0-rc.1', both);
      await tagExisting(r, `${p}/app`, 'v1.3.0-rc.1', 'latest');
    },
    expected: ['latest-is-prerelease'],
  },
  {
    name: 'latest is main',
    async push(r, p) {
      await olderReleases(r, `${p}/app`);
      await pushImage(r, `${p}/app`, 'v1.2.3', both);
      await pushImage(r, `${p}/app`, 'main', both);
      await tagExisting(r, `${p}/app`, 'main', 'sha-3f2a1b9');
      await tagExisting(r, `${p}/app`, 'main', 'latest');
    },
    expected: ['latest-is-prerelease'],
  },
  {
    name: 'latest absent',
    async push(r, p) {
      await olderReleases(r, `${p}/app`);
      await pushImage(r, `${p}/app`, 'v1.2.3', both);
    },
    expected: ['latest-missing'],
  },
  {
    name: 'two of three components left at the old release',
    components: ['trace-exec', 'trace-dns'],
    async push(r, p) {
      await olderReleases(r, `${p}/app`);
      await pushImage(r, `${p}/app`, 'v1.2.3', both);
      await tagExisting(r, `${p}/app`, 'v1.2.3', 'latest');
      for (const component of ['trace-exec', 'trace-dns']) {
        await olderReleases(r, `${p}/${component}`);
        await tagExisting(r, `${p}/${component}`, 'v1.2.2', 'latest');
      }
    },
    expected: ['components-out-of-sync', 'components-out-of-sync'],
  },
  {
    name: 'a clean release',
    components: ['trace-exec', 'trace-dns'],
    async push(r, p) {
      for (const repo of ['app', 'trace-exec', 'trace-dns']) {
        await olderReleases(r, `${p}/${repo}`);
        await pushImage(r, `${p}/${repo}`, 'v1.2.3', { ...both, attestations: true });
        await tagExisting(r, `${p}/${repo}`, 'v1.2.3', 'latest');
      }
    },
    expected: [],
  },
];

describeWithRegistry('registry scenarios against a real registry', () => {
  let registry: TestRegistry;
  let work: string;
  beforeAll(async () => {
    registry = await startRegistry({ auth: 'none' });
    work = mkdtempSync(join(tmpdir(), 'tagcheck-scenarios-'));
    await pushImage(registry, 'vendor/redis', '7.2', both);
    for (const [index, scenario] of scenarios.entries()) await scenario.push(registry, `s${index}`);
    // a Windows agent whose index carries ltsc2019 (10.0.17763) where ltsc2022 is required
    await pushImage(registry, 'win/app', 'v1.2.3', { platforms: ['linux/amd64', 'windows/amd64:10.0.17763.5329'] });
    await tagExisting(registry, 'win/app', 'v1.2.3', 'latest');
  }, 120_000);
  afterAll(async () => {
    await registry?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  for (const [index, scenario] of scenarios.entries()) {
    it(`${scenario.name}: exactly ${scenario.expected.join(', ') || 'no finding'}, live and from a snapshot`, async () => {
      const prefix = `s${index}`;
      const dir = join(work, prefix);
      writeProject(dir, registry.host, prefix, { ...(scenario.components ? { components: scenario.components } : {}) });
      const run = await checkLive(registry, dir);
      const { live, log, findings } = run;
      expect(findings.map((f) => f.ruleId).sort()).toEqual([...scenario.expected].sort());
      expect(live.code).toBe(scenario.expected.length > 0 ? 1 : 0);

      // each manifest and tag list once per run; nothing at all asked twice, blobs included; no /v2/ ping and
      // (anonymous registry) no 401
      expect(log.filter((e) => e.path === '/v2/' || e.status === 401)).toEqual([]);
      const requests = log.map((e) => `${e.method} ${e.path}`);
      expect(new Set(requests).size).toBe(requests.length);
      const asked = questionsAsked(log);
      for (const [path, count] of asked) expect(count, path).toBe(1);
      expect(asked.get(`/v2/vendor/redis/manifests/7.2`)).toBe(1);
      if (scenario.name === 'a clean release') {
        // the documented plan: tag list, release tag, latest per own repository, one manifest per third-party tag
        const own = ['app', 'trace-exec', 'trace-dns'].flatMap((repo) => [
          `/v2/${prefix}/${repo}/tags/list`,
          `/v2/${prefix}/${repo}/manifests/v1.2.3`,
          `/v2/${prefix}/${repo}/manifests/latest`,
        ]);
        expect([...asked.keys()].sort()).toEqual([...own, '/v2/vendor/redis/manifests/7.2'].sort());
      }

      await expectSnapshotReplays(dir, run);
    });
  }

  it('--platform replaces the configured platforms; Windows entries compare os.version', async () => {
    const env = isolatedEnv();
    const arm64Missing = scenarios.findIndex((s) => s.name === 'arm64 missing from the index');
    const dir = join(work, 'platform-flag');
    writeProject(dir, registry.host, `s${arm64Missing}`);
    const base = [dir, '--tag', 'v1.2.3', '--insecure-registry', registry.host, '--format', 'json'];
    const amd64Only = await runCli([...base, '--platform', 'linux/amd64'], { env });
    expect(JSON.parse(amd64Only.stdout).findings).toEqual([]);
    expect(amd64Only.code).toBe(0);
    const armV7 = await runCli([...base, '--platform', 'linux/amd64', '--platform', 'linux/arm/v7'], { env });
    expect((JSON.parse(armV7.stdout).findings as JsonFinding[]).map((f) => f.message)).toEqual([
      `${registry.host}/s${arm64Missing}/app:v1.2.3 (and latest) lacks linux/arm/v7 (it has linux/amd64)`,
    ]);

    const windows = join(work, 'windows');
    writeProject(windows, registry.host, 'win', {
      platforms: ['platforms:', `  ${registry.host}/win/app: [linux/amd64, "windows/amd64:ltsc2022"]`, '  default: [linux/amd64]'],
    });
    const run = await runCli([windows, '--tag', 'v1.2.3', '--insecure-registry', registry.host, '--format', 'json'], { env });
    expect((JSON.parse(run.stdout).findings as JsonFinding[]).map((f) => [f.ruleId, f.message])).toEqual([
      ['platform-missing', `${registry.host}/win/app:v1.2.3 (and latest) lacks windows/amd64:10.0.20348 (it has linux/amd64, windows/amd64:10.0.17763.5329)`],
    ]);
  });

  it('points registry findings at the manifest line of the image, or the config line of a component', async () => {
    const dir = join(work, 'locations');
    const prefix = scenarios.findIndex((s) => s.name === 'two of three components left at the old release');
    writeProject(dir, registry.host, `s${prefix}`, { components: ['trace-exec', 'trace-dns'] });
    const run = await runCli([dir, '--tag', 'v1.2.3', '--insecure-registry', registry.host, '--format', 'json'], { env: isolatedEnv() });
    const findings = JSON.parse(run.stdout).findings as JsonFinding[];
    expect(findings.map((f) => [f.ruleId, f.location])).toEqual([
      ['components-out-of-sync', { file: '.tagcheck.yaml', line: 4, column: 5 }],
      ['components-out-of-sync', { file: '.tagcheck.yaml', line: 5, column: 5 }],
    ]);

    const missing = join(work, 'missing-location');
    writeProject(missing, registry.host, 's0');
    const missingRun = await runCli([missing, '--tag', 'v1.2.3', '--insecure-registry', registry.host, '--format', 'json'], { env: isolatedEnv() });
    const [finding] = JSON.parse(missingRun.stdout).findings as JsonFinding[];
    expect(finding.location).toEqual({ file: 'deploy/app.yaml', line: 14, column: 18 });
    expect(finding.message).toBe(`${registry.host}/s0/app:v1.2.3 does not exist in the registry`);
  });
});

describeWithRegistry('registry faults: registry-unreachable naming host and cause, manifest findings still reported', () => {
  let protectedRegistry: TestRegistry;
  let work: string;
  let silent: Server;
  let silentHost: string;
  const sockets = new Set<Socket>();
  beforeAll(async () => {
    protectedRegistry = await startRegistry({ auth: 'htpasswd' });
    work = mkdtempSync(join(tmpdir(), 'tagcheck-faults-'));
    // a deliberately misbehaving local server: accepts connections and never answers (a hung registry)
    silent = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    silentHost = `127.0.0.1:${(silent.address() as { port: number }).port}`;
  }, 60_000);
  afterAll(async () => {
    await protectedRegistry?.stop();
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => (silent ? silent.close(() => resolve()) : resolve()));
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const cases: Array<[string, () => Promise<string>, RegExp, string[]]> = [
    ['a registry that is down (connection refused)', async () => `127.0.0.1:${await freePort()}`, /connection refused/, []],
    ['a registry that answers 401 (no credentials)', async () => protectedRegistry.host, /401|unauthori[sz]ed|authentication/i, []],
    ['a registry that never answers (timeout)', async () => silentHost, /within 500 ms/, ['--timeout', '500']],
  ];

  for (const [name, hostOf, cause, extra] of cases) {
    it(name, async () => {
      const host = await hostOf();
      const dir = join(work, name.replace(/\W+/g, '-'));
      // the own image is pinned at an older tag than the release: a manifest finding that needs no registry
      writeProject(dir, host, 'acme', { appTag: 'v1.2.2' });
      const run = await runCli([dir, '--tag', 'v1.2.3', '--insecure-registry', host, '--format', 'json', ...extra], { env: isolatedEnv() });
      expect(run.code).toBe(1);
      const findings = JSON.parse(run.stdout).findings as JsonFinding[];
      expect(findings.map((f) => f.ruleId).sort()).toEqual(['image-tag-mismatch', 'registry-unreachable']);
      const unreachable = findings.find((f) => f.ruleId === 'registry-unreachable')!;
      expect(unreachable.message).toContain(`registry ${host} could not be asked: `);
      expect(unreachable.message).toMatch(cause);
      expect(unreachable.location).toEqual({ file: 'deploy/app.yaml', line: 14, column: 18 });
    });
  }
});
