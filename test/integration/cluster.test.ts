import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { cronJob, deployment, deploymentPods, pod, startKubeEmulator, statefulSet, type KubeEmulator } from '../support/kube-emulator/index.js';
import { describeWithRegistry, freePort, pushImage, startRegistry, tagExisting, type TestRegistry } from '../support/registry/index.js';
import { both, isolatedEnv, questionsAsked, writeProject, type JsonFinding } from './registry-project.js';

// `check --cluster` end to end: client-node against the Kubernetes API server emulator (HTTPS with a self-signed CA
// in the kubeconfig, bearer token), and the real docker-registry for the registry's digests.

interface Report {
  findings: (JsonFinding & { level: string; image?: string; expected?: string; actual?: string })[];
  summary: { rulesRun: string[]; rulesSkipped: string[] };
}

describeWithRegistry('check --cluster against the API server emulator and a real registry', () => {
  let registry: TestRegistry;
  let emulator: KubeEmulator;
  let dir: string;
  let project: string;
  let kubeconfig: string;
  let app: string;
  let released: string;
  const env = isolatedEnv();

  /** The cluster as deployed: `tag` in the Deployment template and its Pods, which pulled `pulled`. */
  const cluster = (tag: string, pulled: string) => {
    const containers = [
      { name: 'app', image: `${app}:${tag}` },
      { name: 'cache', image: `${registry.host}/vendor/redis:7.2` },
    ];
    const imageIDs = { app: `${app}@${pulled}`, cache: `${registry.host}/vendor/redis@sha256:${'c'.repeat(64)}` };
    return {
      deployments: [deployment({ namespace: 'shop', name: 'app', containers })],
      statefulsets: [statefulSet({ namespace: 'kube-system', name: 'etcd', containers: [{ name: 'etcd', image: 'registry.k8s.io/etcd:3.5.9-0' }] })],
      cronjobs: [cronJob({ namespace: 'shop', name: 'report', containers: [{ name: 'report', image: `${app}:v1.2.3` }] })],
      pods: [
        ...deploymentPods('app', 'shop', containers, imageIDs),
        // a Job that ran (and finished) before the release: history, not what is deployed
        pod({ namespace: 'shop', name: 'report-29412345-k2x7p', phase: 'Succeeded', containers: [{ name: 'report', image: `${app}:v1.2.0` }], owner: { kind: 'Job', name: 'report-29412345' }, imageIDs: { report: `${app}@sha256:${'f'.repeat(64)}` } }),
        pod({ namespace: 'kube-system', name: 'etcd-0', containers: [{ name: 'etcd', image: 'registry.k8s.io/etcd:3.5.9-0' }], owner: { kind: 'StatefulSet', name: 'etcd' }, imageIDs: { etcd: `registry.k8s.io/etcd@sha256:${'e'.repeat(64)}` } }),
      ],
    };
  };
  const check = async (...extra: string[]) => {
    const run = await runCli(['check', project, '--tag', 'v1.2.3', '--insecure-registry', registry.host, '--format', 'json', ...extra], { env });
    return { ...run, report: run.stdout ? (JSON.parse(run.stdout) as Report) : undefined };
  };
  const ids = (report: Report | undefined) => report?.findings.map((f) => f.ruleId) ?? [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tagcheck-cluster-'));
    project = join(dir, 'project');
    registry = await startRegistry({ auth: 'none' });
    app = `${registry.host}/acme/app`;
    writeProject(project, registry.host, 'acme');
    await pushImage(registry, 'acme/app', 'v1.2.2', both);
    released = (await pushImage(registry, 'acme/app', 'v1.2.3', both)).digest;
    await tagExisting(registry, 'acme/app', 'v1.2.3', 'latest');
    await pushImage(registry, 'vendor/redis', '7.2', both);
    emulator = await startKubeEmulator({ dir, objects: cluster('v1.2.3', released), maxPageSize: 2 });
    kubeconfig = emulator.writeKubeconfig();
  });
  afterAll(async () => {
    await emulator?.stop();
    await registry?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is clean when the cluster runs the release, reading every list through TLS and the token, paging with continue', async () => {
    const cursor = await registry.logCursor();
    const seen = emulator.seen.length;
    const { code, report, stderr } = await check('--cluster', '--kubeconfig', kubeconfig);
    expect(stderr).toBe('');
    expect(report!.findings).toEqual([]);
    expect(code).toBe(0);
    expect(report!.summary.rulesRun).toEqual(expect.arrayContaining(['cluster-unreachable', 'deployed-digest-drift', 'deployed-image-mismatch']));
    // only the rules `require:` must ask for are skipped (this config has none)
    expect(report!.summary.rulesSkipped).toEqual(['attestation-missing', 'signature-missing']);
    const requests = emulator.seen.slice(seen);
    expect(new Set(requests.map((r) => r.path))).toEqual(new Set(['/apis/apps/v1/deployments', '/apis/apps/v1/statefulsets', '/apis/apps/v1/daemonsets', '/apis/batch/v1/cronjobs', '/api/v1/pods']));
    expect(requests.every((r) => r.authorization === `Bearer ${emulator.token}`)).toBe(true);
    expect(requests.some((r) => r.path === '/api/v1/pods' && r.query.continue)).toBe(true); // 4 pods, pages of 2
    // the release tag the drift rule needs is the one the platform rules ask: asked once
    expect(questionsAsked(await registry.accessLog(cursor)).get('/v2/acme/app/manifests/v1.2.3')).toBe(1);
  });

  it('a plain check lists the cluster rules as skipped and reads no cluster', async () => {
    const seen = emulator.seen.length;
    const { code, report } = await check();
    expect(code).toBe(0);
    expect(report!.summary.rulesSkipped).toEqual(['attestation-missing', 'cluster-unreachable', 'deployed-digest-drift', 'deployed-image-mismatch', 'signature-missing']);
    expect(emulator.seen.length).toBe(seen);
  });

  it('reports a workload that still runs the previous release, at the manifest line', async () => {
    const previous = await digestOf('v1.2.2');
    emulator.setObjects(cluster('v1.2.2', previous));
    const { code, report } = await check('--cluster', 'emulator', '--kubeconfig', kubeconfig);
    expect(code).toBe(1);
    expect(report!.findings).toEqual([
      expect.objectContaining({
        ruleId: 'deployed-image-mismatch',
        level: 'error',
        location: { file: 'deploy/app.yaml', line: 14, column: 18 },
        message: `Deployment shop/app container app runs ${app}:v1.2.2, but the release is v1.2.3`,
        image: app,
        expected: 'v1.2.3',
        actual: 'v1.2.2',
      }),
    ]);
  });

  it('reports Pods whose digest is no longer the tag’s after the release tag was re-pushed', async () => {
    emulator.setObjects(cluster('v1.2.3', released));
    const moved = (await pushImage(registry, 'acme/app', 'v1.2.3', { ...both, seed: 'a rebuild pushed over the release' })).digest;
    try {
      expect(moved).not.toBe(released);
      const { code, report } = await check('--cluster', '--kubeconfig', kubeconfig, '--scope', 'cluster');
      expect(code).toBe(1);
      expect(report!.findings).toEqual([
        expect.objectContaining({
          ruleId: 'deployed-digest-drift',
          location: { file: 'deploy/app.yaml', line: 14, column: 18 },
          message: expect.stringMatching(new RegExp(`^2 Pods of Deployment shop/app \\(app-[0-9a-f]+-ax0q, app-[0-9a-f]+-bx1q\\) container app run ${app.replace(/\./g, '\\.')}:v1\\.2\\.3 as ${released.slice(0, 19)}, but the registry's v1\\.2\\.3 is ${moved.slice(0, 19)}: the tag moved after the deploy$`)),
          expected: moved,
          actual: released,
        }),
      ]);
      expect(report!.summary.rulesRun).toEqual(['cluster-unreachable', 'deployed-digest-drift', 'deployed-image-mismatch']);
    } finally {
      // from here on the registry's latest and the cluster follow the re-pushed tag, so the later cases start clean
      await tagExisting(registry, 'acme/app', 'v1.2.3', 'latest');
      released = moved;
      emulator.setObjects(cluster('v1.2.3', moved));
    }
  });

  it('records the cluster and the registry, and replays them offline with the same findings', async () => {
    const previous = await digestOf('v1.2.2');
    emulator.setObjects(cluster('v1.2.2', previous));
    const live = await check('--cluster', '--kubeconfig', kubeconfig);
    const clusterFile = join(dir, 'cluster.json');
    const registryFile = join(dir, 'registry.json');
    const recorded = await runCli(['snapshot', project, '--tag', 'v1.2.3', '--insecure-registry', registry.host, '--output', registryFile, '--cluster', '--kubeconfig', kubeconfig, '--cluster-output', clusterFile], { env });
    expect(recorded.code).toBe(0);
    const snapshotText = readFileSync(clusterFile, 'utf8');
    expect(snapshotText).not.toContain(emulator.token);
    expect(JSON.parse(snapshotText)).toMatchObject({ version: 1, context: 'emulator', server: emulator.server, faults: [] });
    await emulator.stop(); // the replay needs neither the cluster nor the registry
    const replay = await runCli(['check', project, '--tag', 'v1.2.3', '--format', 'json', '--cluster-snapshot', clusterFile, '--registry-snapshot', registryFile], { env });
    expect(ids(live.report)).toEqual(['deployed-image-mismatch']);
    expect(replay.code).toBe(live.code);
    expect(JSON.parse(replay.stdout).findings).toEqual(live.report!.findings);
    // --namespace narrows a recording as it narrows a live read: the stale Deployment is in shop
    const elsewhere = await runCli(['check', project, '--tag', 'v1.2.3', '--format', 'json', '--cluster-snapshot', clusterFile, '--registry-snapshot', registryFile, '--namespace', 'kube-system'], { env });
    expect([elsewhere.code, JSON.parse(elsewhere.stdout).findings]).toEqual([0, []]);
    emulator = await startKubeEmulator({ dir, objects: cluster('v1.2.3', released) });
    kubeconfig = emulator.writeKubeconfig();
  });

  it('a refused token is a cluster-unreachable finding that never shows a token, in any format', async () => {
    const wrong = emulator.writeKubeconfig({ file: join(dir, 'wrong-token'), token: 'sekret-token-that-was-revoked' });
    for (const format of ['json', 'text', 'sarif', 'github']) {
      const run = await runCli(['check', project, '--tag', 'v1.2.3', '--insecure-registry', registry.host, '--format', format, '--cluster', '--kubeconfig', wrong, '--verbose'], { env });
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('could not be read: cannot list deployments, statefulsets, daemonsets, cronjobs and pods: HTTP 401 Unauthorized');
      for (const text of [run.stdout, run.stderr]) {
        expect(text).not.toContain('sekret-token-that-was-revoked');
        expect(text).not.toContain(emulator.token);
      }
    }
  });

  it('an exec credential plugin (as for EKS, GKE, AKS) gets the token through client-node; a failing one is a finding', async () => {
    const plugin = join(dir, 'credential-plugin.mjs');
    writeFileSync(plugin, [
      "if (process.argv[2] === 'fail') { console.error('token expired: run `acme login`'); process.exit(1); }",
      `console.log(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token: ${JSON.stringify(emulator.token)} } }));`,
    ].join('\n'));
    const good = emulator.writeKubeconfig({ file: join(dir, 'exec-good'), exec: { command: process.execPath, args: [plugin] } });
    const seen = emulator.seen.length;
    const ok = await check('--cluster', '--kubeconfig', good);
    expect([ok.code, ok.report!.findings]).toEqual([0, []]);
    expect(emulator.seen.slice(seen).every((r) => r.authorization === `Bearer ${emulator.token}`)).toBe(true);

    const bad = emulator.writeKubeconfig({ file: join(dir, 'exec-bad'), exec: { command: process.execPath, args: [plugin, 'fail'] } });
    const failed = await check('--cluster', '--kubeconfig', bad);
    expect(failed.code).toBe(1);
    expect(failed.report!.findings.map((f) => f.message)).toEqual([
      expect.stringContaining(`could not be read: cannot list deployments, statefulsets, daemonsets, cronjobs and pods: the exec credential plugin ${process.execPath} failed: token expired: run \`acme login\``),
    ]);
  });

  it('an RBAC refusal of one list still checks the others', async () => {
    const restricted = await startKubeEmulator({ dir: mkdtempSync(join(dir, 'rbac-')), objects: cluster('v1.2.2', released), forbidden: ['pods'] });
    try {
      const { code, report } = await check('--cluster', '--kubeconfig', restricted.writeKubeconfig());
      expect(code).toBe(1);
      expect(ids(report)).toEqual(['deployed-image-mismatch', 'cluster-unreachable']);
      expect(report!.findings[1].message).toBe(
        `cluster context emulator (${restricted.server}) could not be read: cannot list pods: HTTP 403 Forbidden: pods is forbidden: User "system:serviceaccount:ci:tagcheck" cannot list resource "pods" in API group "" at the cluster scope`,
      );
    } finally {
      await restricted.stop();
    }
  });

  it('an API server that is down, or whose certificate is not trusted, is a finding that says why', async () => {
    const down = join(dir, 'down');
    writeFileSync(down, readFileSync(kubeconfig, 'utf8').replace(emulator.server, `https://127.0.0.1:${await freePort()}`));
    const refused = await check('--cluster', '--kubeconfig', down);
    expect(refused.code).toBe(1);
    expect(refused.report!.findings.map((f) => f.message)).toEqual([expect.stringMatching(/could not be read: cannot list deployments, statefulsets, daemonsets, cronjobs and pods: connection refused \(127\.0\.0\.1:\d+\)$/)]);
    const untrusted = await check('--cluster', '--kubeconfig', emulator.writeKubeconfig({ file: join(dir, 'no-ca'), withCa: false }));
    expect(untrusted.report!.findings.map((f) => f.message)).toEqual([expect.stringMatching(/: TLS: DEPTH_ZERO_SELF_SIGNED_CERT \(127\.0\.0\.1:\d+\): check certificate-authority in the kubeconfig$/)]);
  });

  it('--namespace reads the namespaced lists only', async () => {
    const seen = emulator.seen.length;
    const { code } = await check('--cluster', '--kubeconfig', kubeconfig, '--namespace', 'shop');
    expect(code).toBe(0);
    const paths = new Set(emulator.seen.slice(seen).map((r) => r.path));
    expect(paths).toEqual(new Set(['/apis/apps/v1/namespaces/shop/deployments', '/apis/apps/v1/namespaces/shop/statefulsets', '/apis/apps/v1/namespaces/shop/daemonsets', '/apis/batch/v1/namespaces/shop/cronjobs', '/api/v1/namespaces/shop/pods']));
  });

  it('a missing or invalid kubeconfig or an unknown context is one line and exit 2, without the file’s secrets', async () => {
    const invalid = join(dir, 'invalid');
    writeFileSync(invalid, `apiVersion: v1\nusers:\n  - name: u\n    user:\n      token: sekret-in-a-broken-file\n     bad: [indent\n`);
    const cases: [string[], RegExp][] = [
      [['--kubeconfig', join(dir, 'absent')], /^tagcheck: \S+absent: cannot read kubeconfig \(ENOENT\)$/],
      [['--kubeconfig', invalid], /^tagcheck: \S+invalid: invalid kubeconfig: /],
      [['nope', '--kubeconfig', kubeconfig], /^tagcheck: \S+kubeconfig: kubeconfig has no context "nope" \(contexts: emulator\); a PATH goes before --cluster$/],
    ];
    for (const [flags, pattern] of cases) {
      const run = await runCli(['check', project, '--cluster', ...flags], { env });
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(pattern)]);
      expect(run.stderr).not.toContain('sekret-in-a-broken-file');
    }
    const noConfig = await runCli(['check', project, '--cluster'], { env });
    expect(noConfig.stderr).toBe('tagcheck: --cluster: no kubeconfig (pass --kubeconfig FILE, set KUBECONFIG, or create ~/.kube/config)\n');
    const fromEnv = await runCli(['check', project, '--tag', 'v1.2.3', '--insecure-registry', registry.host, '--cluster'], { env: { ...env, KUBECONFIG: `${join(dir, 'absent')}:${kubeconfig}` } });
    expect(fromEnv.code).toBe(0); // kubectl skips a missing file in KUBECONFIG
  });

  async function digestOf(tag: string): Promise<string> {
    const response = await fetch(`${registry.url}/v2/acme/app/manifests/${tag}`, { method: 'HEAD', headers: { accept: 'application/vnd.oci.image.index.v1+json' } });
    return response.headers.get('docker-content-digest')!;
  }
});

describe('the cluster flags', () => {
  it.each([
    [['--scope', 'cluster'], '--scope cluster needs --cluster [CONTEXT] or --cluster-snapshot FILE'],
    [['--offline', '--cluster'], '--offline skips the cluster rules: drop --cluster or --offline'],
    [['--scope', 'manifests', '--cluster-snapshot', 'x.json'], '--cluster-snapshot needs --scope all or cluster (not manifests)'],
    [['--cluster', '--cluster-snapshot', 'x.json'], '--cluster and --cluster-snapshot exclude each other'],
    [['--kubeconfig', 'k'], '--kubeconfig needs --cluster [CONTEXT]'],
    [['--cluster', '--namespace', 'Not_A_Namespace'], '--namespace "Not_A_Namespace" is not a Kubernetes namespace name'],
    [['--cluster', '--cluster-output', 'c.json'], '--cluster-output belongs to `tagcheck snapshot` (check reads a recording with --cluster-snapshot FILE)'],
  ])('%j is one line and exit 2', async (flags, message) => {
    const run = await runCli(['check', '.', ...flags]);
    expect(run).toEqual({ code: 2, stdout: '', stderr: `tagcheck: ${message}\n` });
  });

  it.each([
    [['--cluster', '--output', 'r.json'], 'snapshot --cluster needs --cluster-output FILE for the recorded cluster'],
    [['--cluster-output', 'c.json'], '--cluster-output needs --cluster [CONTEXT]'],
  ])('snapshot %j is one line and exit 2', async (flags, message) => {
    expect(await runCli(['snapshot', '.', ...flags])).toEqual({ code: 2, stdout: '', stderr: `tagcheck: ${message}\n` });
  });

  it('an invalid cluster snapshot names the file and the entry', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tagcheck-cluster-snap-'));
    try {
      const file = join(dir, 'cluster.json');
      writeFileSync(file, JSON.stringify({ version: 1, context: 'prod', workloads: [{ kind: 'ReplicaSet', namespace: 'a', name: 'b', containers: [] }], pods: [] }));
      const run = await runCli(['check', dir, '--cluster-snapshot', file, '--scope', 'cluster']);
      expect(run).toEqual({ code: 2, stdout: '', stderr: `tagcheck: ${file}: invalid cluster snapshot: workloads[0].kind must be Deployment or StatefulSet or DaemonSet or CronJob (found "ReplicaSet")\n` });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
