import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registryDigestOf, type ClusterState } from '../../src/model/cluster.js';
import { loadKubeConfig } from '../../src/sources/cluster/kubeconfig.js';
import { podOf, resolvePodOwners, workloadOf } from '../../src/sources/cluster/objects.js';
import { clusterSnapshotOf, validateClusterSnapshot } from '../../src/sources/cluster/snapshot.js';
import { cronJob, deployment, kubeconfigYaml, pod } from '../support/kube-emulator/index.js';

const hex = 'ab'.repeat(32);

describe('registryDigestOf (container status imageID)', () => {
  it.each([
    [`docker-pullable://ghcr.io/acme/api@sha256:${hex}`, { digest: `sha256:${hex}` }],
    [`ghcr.io/acme/api@sha256:${hex}`, { digest: `sha256:${hex}` }],
    [`localhost:5000/acme/api@sha256:${hex}`, { digest: `sha256:${hex}` }],
    [`sha256:${hex}`, { none: 'local-id' }],
    [`docker://sha256:${hex}`, { none: 'local-id' }],
    ['', { none: 'empty' }],
    [undefined, { none: 'empty' }],
    ['ghcr.io/acme/api@sha256:short', { none: 'unknown' }],
  ])('%s', (imageID, expected) => {
    expect(registryDigestOf(imageID)).toEqual(expected);
  });
});

describe('API objects → the cluster model', () => {
  it('reads pod templates (containers and init containers) of every kind, and CronJobs through their job template', () => {
    const d = deployment({ namespace: 'shop', name: 'api', containers: [{ name: 'api', image: 'a:1' }], initContainers: [{ name: 'migrate', image: 'm:1' }] });
    expect(workloadOf('Deployment', d)).toEqual({ kind: 'Deployment', namespace: 'shop', name: 'api', containers: [{ name: 'migrate', image: 'm:1', init: true }, { name: 'api', image: 'a:1', init: false }] });
    const c = cronJob({ namespace: 'ops', name: 'report', containers: [{ name: 'r', image: 'r:2' }] });
    expect(workloadOf('CronJob', c).containers).toEqual([{ name: 'r', image: 'r:2', init: false }]);
    expect(workloadOf('Deployment', {}).containers).toEqual([]);
  });

  it('matches Pod statuses to containers by name and resolves owners to the listed workloads by the naming conventions', () => {
    const workloads = [workloadOf('Deployment', deployment({ namespace: 'shop', name: 'api', containers: [] })), workloadOf('CronJob', cronJob({ namespace: 'shop', name: 'report', containers: [] }))];
    const pods = resolvePodOwners(
      [
        pod({ namespace: 'shop', name: 'api-5d8f7-x', containers: [{ name: 'api', image: 'a:1' }], imageIDs: { api: `a@sha256:${hex}` }, owner: { kind: 'ReplicaSet', name: 'api-5d8f7', templateHash: '5d8f7' } }),
        pod({ namespace: 'shop', name: 'report-29412345-q', containers: [{ name: 'r', image: 'r:1' }], owner: { kind: 'Job', name: 'report-29412345' } }),
        pod({ namespace: 'shop', name: 'solo-rs-x', containers: [{ name: 's', image: 's:1' }], owner: { kind: 'ReplicaSet', name: 'solo-rs', templateHash: 'rs' } }),
        pod({ namespace: 'other', name: 'api-5d8f7-y', containers: [{ name: 'api', image: 'a:1' }], owner: { kind: 'ReplicaSet', name: 'api-5d8f7', templateHash: '5d8f7' } }),
        pod({ namespace: 'shop', name: 'debug', containers: [{ name: 'sh', image: 'busybox' }] }),
      ].map(podOf),
      workloads,
    );
    expect(pods.map((p) => [p.name, p.owner ?? null])).toEqual([
      ['api-5d8f7-x', { kind: 'Deployment', name: 'api' }],
      ['report-29412345-q', { kind: 'CronJob', name: 'report' }],
      ['solo-rs-x', { kind: 'ReplicaSet', name: 'solo-rs' }],
      ['api-5d8f7-y', { kind: 'ReplicaSet', name: 'api-5d8f7' }], // same name, other namespace: not that Deployment
      ['debug', null],
    ]);
    expect(pods[0].containers).toEqual([{ name: 'api', image: 'a:1', init: false, imageID: `a@sha256:${hex}` }]);
    expect(pods[1].containers).toEqual([{ name: 'r', image: 'r:1', init: false }]); // pending: no imageID yet
  });
});

describe('cluster snapshot', () => {
  it('round-trips the cluster state, sorted', () => {
    const state: ClusterState = {
      context: 'prod',
      server: 'https://k8s:6443',
      namespaces: ['shop'],
      workloads: [
        { kind: 'StatefulSet', namespace: 'shop', name: 'db', containers: [{ name: 'db', image: 'pg:16', init: false }] },
        { kind: 'Deployment', namespace: 'shop', name: 'api', containers: [{ name: 'api', image: 'a:1', init: false }] },
      ],
      pods: [{ kind: 'Pod', namespace: 'shop', name: 'api-x', owner: { kind: 'Deployment', name: 'api' }, containers: [{ name: 'api', image: 'a:1', init: false, imageID: `a@sha256:${hex}` }] }],
      faults: [{ resource: 'cronjobs', reason: 'HTTP 403 Forbidden' }],
    };
    const file = JSON.parse(JSON.stringify(clusterSnapshotOf(state)));
    expect(file.workloads.map((w: { name: string }) => w.name)).toEqual(['api', 'db']);
    const back = validateClusterSnapshot(file, 'c.json');
    expect({ ...back, workloads: [...back.workloads].reverse() }).toEqual(state);
  });

  it.each([
    [{ version: 2, context: 'x', workloads: [], pods: [] }, '"version" must be 1 (found 2)'],
    [{ version: 1, workloads: [], pods: [] }, '"context" must be the kubeconfig context name'],
    [{ version: 1, context: 'x', workloads: [], pods: [{ kind: 'Pod', namespace: 'a', name: 'b', containers: [{ name: 'c' }] }] }, 'pods[0].containers[0] must be an object with "name" and "image" strings'],
    [{ version: 1, context: 'x', workloads: [], pods: [], faults: [{ resource: 'secrets', reason: 'r' }] }, 'faults[0].resource must be one of deployments, statefulsets, daemonsets, cronjobs, pods'],
  ])('rejects %j', (data, problem) => {
    expect(() => validateClusterSnapshot(data, 'c.json')).toThrow(`c.json: invalid cluster snapshot: ${problem}`);
  });
});

describe('kubeconfig resolution', () => {
  it('merges KUBECONFIG files like kubectl: the first to name a context or set current-context wins', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tagcheck-kc-'));
    try {
      const a = join(dir, 'a');
      const b = join(dir, 'b');
      writeFileSync(a, kubeconfigYaml({ server: 'https://a:6443', token: 'token-a', context: 'alpha' }));
      writeFileSync(b, kubeconfigYaml({ server: 'https://b:6443', token: 'token-b', context: 'beta' }) + '');
      const merged = await loadKubeConfig({}, { KUBECONFIG: `${a}:${b}`, HOME: dir });
      expect([merged.context, merged.server]).toEqual(['alpha', 'https://a:6443']);
      expect(merged.secrets).toEqual(['token-a']);
      const beta = await loadKubeConfig({ context: 'beta' }, { KUBECONFIG: `${a}:${b}`, HOME: dir });
      expect([beta.context, beta.server, beta.secrets]).toEqual(['beta', 'https://b:6443', ['token-b']]);
      await expect(loadKubeConfig({}, { HOME: dir })).rejects.toThrow('--cluster: no kubeconfig');
      writeFileSync(a, kubeconfigYaml({ server: 'https://admin:hunter2@a:6443', token: 'token-a', context: 'alpha' }));
      expect((await loadKubeConfig({ kubeconfig: a }, {})).server).toBe('https://a:6443');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('registry snapshot extension for the drift rule', () => {
  it("records an index's platform manifest digests and reads them back; a file without them stays valid", async () => {
    const { loadSnapshot, recordingSource, writeSnapshot } = await import('../../src/sources/registry/snapshot.js');
    const facts = { digest: `sha256:${'1'.repeat(64)}`, mediaType: 'application/vnd.oci.image.index.v1+json', isIndex: true, platforms: [{ os: 'linux', architecture: 'amd64' }], manifests: [`sha256:${'2'.repeat(64)}`] };
    const recorder = recordingSource({ listTags: async () => ({ status: 'found', value: ['v1'] }), getTag: async () => ({ status: 'found', value: facts }) });
    await recorder.getTag('ghcr.io/acme/api', 'v1');
    const dir = mkdtempSync(join(tmpdir(), 'tagcheck-snap-'));
    try {
      const file = join(dir, 'registry.json');
      await writeSnapshot(file, recorder.snapshot());
      expect(JSON.parse(readFileSync(file, 'utf8')).repositories['ghcr.io/acme/api'].tags.v1.manifests).toEqual(facts.manifests);
      expect(await (await loadSnapshot(file)).getTag('ghcr.io/acme/api', 'v1')).toEqual({ status: 'found', value: facts });
      writeFileSync(file, JSON.stringify({ version: 1, repositories: { 'ghcr.io/acme/api': { tags: { v1: { digest: facts.digest, mediaType: facts.mediaType, platforms: ['linux/amd64'], manifests: 'sha256:x' } } } } }));
      await expect(loadSnapshot(file)).rejects.toThrow('invalid registry snapshot: repositories["ghcr.io/acme/api"].tags["v1"].manifests must be a list of digests');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('deployed images', () => {
  it('an image the API returned that is not a valid reference is a warning diagnostic, not a silent skip', async () => {
    const { deployedImagesOf } = await import('../../src/engine/cluster-images.js');
    const { testModel } = await import('../support/model.js');
    const cluster: ClusterState = { context: 'prod', workloads: [{ kind: 'Deployment', namespace: 'shop', name: 'api', containers: [{ name: 'api', image: 'ghcr.io/Acme/API:v1', init: false }, { name: 'ok', image: 'ghcr.io/acme/repo:v1', init: false }] }], pods: [], faults: [] };
    const { images, diagnostics } = deployedImagesOf(testModel(), cluster);
    expect(images.map((i) => [i.ref.repository, i.own])).toEqual([['ghcr.io/acme/repo', true]]); // own by the repository name "repo"
    expect(diagnostics).toEqual([{ level: 'warning', message: expect.stringMatching(/^cluster prod: Deployment shop\/api container api: .+; not compared$/) }]);
  });

  it('an image the manifests set apart (a sibling\'s version line) is not own in the cluster either', async () => {
    const { deployedImagesOf } = await import('../../src/engine/cluster-images.js');
    const { testModel } = await import('../support/model.js');
    const containers = [{ name: 'c', image: 'quay.io/metallb/controller:v0.14.9', init: false }, { name: 'f', image: 'quay.io/metallb/frr-k8s:v0.0.16', init: false }];
    const cluster: ClusterState = { context: 'prod', workloads: [{ kind: 'DaemonSet', namespace: 'metallb-system', name: 'speaker', containers }], pods: [], faults: [] };
    const model = testModel({ repositoryName: 'metallb', ownRepositories: ['quay.io/metallb/controller'], apartRepositories: ['quay.io/metallb/frr-k8s'] });
    expect(deployedImagesOf(model, cluster).images.map((i) => [i.ref.repository, i.own])).toEqual([
      ['quay.io/metallb/controller', true],
      ['quay.io/metallb/frr-k8s', false],
    ]);
  });
});
