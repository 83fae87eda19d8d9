import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithRegistry, pushImage, startRegistry, tagExisting, type TestRegistry } from '../support/registry/index.js';
import { runCli } from './run-cli.js';

// `tagcheck snapshot` then `--registry-snapshot`: the same findings as the live registry, without it.
describeWithRegistry('tagcheck snapshot and --registry-snapshot against a real registry', () => {
  let registry: TestRegistry;
  let stopped = false;
  let repo: string;
  let snapshotFile: string;

  beforeAll(async () => {
    registry = await startRegistry({ auth: 'none' });
    const host = registry.host;
    // app is released at v1.2.0 with latest on it; worker was left at v1.1.0 (the release job failed half-way).
    await pushImage(registry, 'acme/app', 'v1.2.0');
    await tagExisting(registry, 'acme/app', 'v1.2.0', 'latest');
    await pushImage(registry, 'acme/worker', 'v1.1.0');
    await tagExisting(registry, 'acme/worker', 'v1.1.0', 'latest');

    repo = await mkdtemp(join(tmpdir(), 'tagcheck-snapshot-cli-'));
    snapshotFile = join(repo, 'registry-snapshot.json');
    await mkdir(join(repo, 'deploy'));
    await writeFile(join(repo, '.tagcheck.yaml'), `images:\n  - ${host}/acme/app\n  - ${host}/acme/worker\nplatforms: [linux/amd64, linux/arm64]\n`);
    await writeFile(join(repo, 'deploy', 'app.yaml'), workload('app', `${host}/acme/app:v1.2.0`));
    await writeFile(join(repo, 'deploy', 'worker.yaml'), workload('worker', `${host}/acme/worker:v1.2.0`));
  });

  afterAll(async () => {
    if (!stopped) await registry?.stop();
    if (repo) await rm(repo, { recursive: true, force: true });
  });

  const checkArgs = () => [repo, '--tag', 'v1.2.0', '--insecure-registry', registry.host, '--format', 'json'];
  let live: unknown[];

  it('the live check finds the missing worker release', async () => {
    const run = await runCli(checkArgs());
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    live = report.findings;
    // every rule runs but the cluster rules, which need --cluster, and the rules `require:` must ask for (it does not here)
    expect(report.summary.rulesSkipped).toEqual(['attestation-missing', 'cluster-unreachable', 'deployed-digest-drift', 'deployed-image-mismatch', 'signature-missing']);
    expect(report.findings).toContainEqual(expect.objectContaining({
      ruleId: 'image-missing',
      image: `${registry.host}/acme/worker`,
      location: { file: 'deploy/worker.yaml', line: 10, column: 18 },
    }));
    expect(report.findings.filter((f: { image?: string }) => f.image === `${registry.host}/acme/app`)).toEqual([]);
  });

  it('a config `registries: {HOST: {insecure: true}}` works like --insecure-registry', async () => {
    const config = join(repo, 'insecure.tagcheck.yaml');
    const base = await readFile(join(repo, '.tagcheck.yaml'), 'utf8');
    await writeFile(config, `${base}registries:\n  "${registry.host}": { insecure: true }\n`);
    const run = await runCli([repo, '--tag', 'v1.2.0', '--config', config, '--format', 'json']);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).findings).toEqual(live);
  });

  it('snapshot writes the contract format with what the check asked', async () => {
    const run = await runCli(['snapshot', repo, '--tag', 'v1.2.0', '--insecure-registry', registry.host, '--output', snapshotFile]);
    expect(run).toMatchObject({ code: 0, stdout: '' });
    expect(run.stderr).toMatch(/^tagcheck: wrote .*registry-snapshot\.json \(2 repositories\)\n$/);
    const snapshot = JSON.parse(await readFile(snapshotFile, 'utf8'));
    expect(snapshot.version).toBe(1);
    const app = snapshot.repositories[`${registry.host}/acme/app`];
    expect(app.tags['v1.2.0']).toMatchObject({ mediaType: 'application/vnd.oci.image.index.v1+json', platforms: ['linux/amd64', 'linux/arm64'] });
    expect(snapshot.repositories[`${registry.host}/acme/worker`].tags['v1.2.0']).toBeUndefined();
  });

  it('--registry-snapshot gives the live findings with the registry stopped', async () => {
    await registry.stop();
    stopped = true;
    const run = await runCli([...checkArgs(), '--registry-snapshot', snapshotFile]);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).findings).toEqual(live);
  });

  it('with the registry down and no snapshot: registry-unreachable, exit 1, manifest findings still reported', async () => {
    await writeFile(join(repo, 'deploy', 'old.yaml'), workload('old', `${registry.host}/acme/app:v1.1.0`));
    try {
      const run = await runCli([...checkArgs(), '--timeout', '2000']);
      expect(run.code).toBe(1);
      const findings = JSON.parse(run.stdout).findings as { ruleId: string; message: string; location?: { file: string } }[];
      const unreachable = findings.filter((f) => f.ruleId === 'registry-unreachable');
      expect(unreachable.length).toBeGreaterThan(0);
      expect(unreachable[0].message).toContain(registry.host);
      expect(findings).toContainEqual(expect.objectContaining({ ruleId: 'image-tag-mismatch', location: expect.objectContaining({ file: 'deploy/old.yaml' }) }));
    } finally {
      await rm(join(repo, 'deploy', 'old.yaml'));
    }
  });
});

function workload(name: string, image: string): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  template:
    spec:
      containers:
        - name: ${name}
          image: ${image}
`;
}
