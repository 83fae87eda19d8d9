import { describe, it } from 'vitest';
import rule from '../../rules/deployed-digest-drift.js';
import { clusterPod, withCluster, workload } from '../support/cluster-model.js';
import { at, imageUse, registryFacts, release, testModel } from '../support/model.js';
import { digest, indexOf } from '../support/tag-facts.js';
import { expectRuleFindings } from './rule-table.js';

const API = 'ghcr.io/acme/api';
const current = indexOf('v2.1.0 now', 'linux/amd64');
const old = digest('v2.1.0 before');
const base = testModel({
  release: release('v2.1.0'),
  ownRepositories: [API],
  imageUses: [imageUse(`${API}:v2.1.0`, at('deploy/api.yaml', 9, 18), { own: true })],
  registry: registryFacts({ [API]: { 'v2.1.0': current } }),
});
const owner = { kind: 'Deployment', name: 'api' };

describe('deployed-digest-drift', () => {
  it("is silent when each Pod runs the registry's digest, in every imageID form", () => {
    expectRuleFindings(rule, {
      name: 'clean',
      model: withCluster(base, {
        workloads: [workload('Deployment', 'shop/api', { api: `${API}:v2.1.0` })],
        pods: [
          clusterPod('shop/api-a', { api: [`${API}:v2.1.0`, `docker-pullable://${API}@${current.digest}`] }, owner),
          clusterPod('shop/api-b', { api: [`${API}:v2.1.0`, `${API}@${current.digest}`] }, owner),
          // mirrored pulls name another repository: the digest decides
          clusterPod('shop/api-c', { api: [`${API}:v2.1.0`, `mirror.local/acme/api@${current.digest}`] }, owner),
          // pending, and pinned by digest in the spec: nothing to compare
          clusterPod('shop/api-d', { api: [`${API}:v2.1.0`] }, owner),
          clusterPod('shop/pinned', { api: [`${API}:v2.1.0@${old}`, `${API}@${old}`] }),
          // third-party images are not the project's to compare
          clusterPod('shop/cache', { redis: [`redis:7.2`, `docker.io/library/redis@${old}`] }),
        ],
      }),
      findings: [],
    });
  });

  it('takes a platform manifest of the index for the index (runtimes that report the manifest they pulled)', () => {
    const amd64 = digest('v2.1.0 now amd64');
    const model = { ...base, registry: registryFacts({ [API]: { 'v2.1.0': { ...current, manifests: [amd64, digest('v2.1.0 now arm64')] } } }) };
    expectRuleFindings(rule, { name: 'platform digest', model: withCluster(model, { pods: [clusterPod('shop/api-a', { api: [`${API}:v2.1.0`, `${API}@${amd64}`] }, owner)] }), findings: [] });
    expectRuleFindings(rule, {
      name: 'an old platform digest still drifts',
      model: withCluster(model, { pods: [clusterPod('shop/api-a', { api: [`${API}:v2.1.0`, `${API}@${old}`] }, owner)] }),
      findings: [{ at: 'deploy/api.yaml:9:18', expected: current.digest, actual: old }],
    });
  });

  it('reports Pods whose digest is no longer the tag’s, grouped per owner and digest, at the manifest line', () => {
    expectRuleFindings(rule, {
      name: 'moved',
      model: withCluster(base, {
        pods: [
          clusterPod('shop/api-7c9-a', { api: [`${API}:v2.1.0`, `${API}@${old}`] }, owner),
          clusterPod('shop/api-7c9-b', { api: [`${API}:v2.1.0`, `docker-pullable://${API}@${old}`] }, owner),
          clusterPod('shop/api-7c9-c', { api: [`${API}:v2.1.0`, `${API}@${current.digest}`] }, owner),
        ],
      }),
      findings: [
        {
          at: 'deploy/api.yaml:9:18',
          expected: current.digest,
          actual: old,
          image: API,
          message: `2 Pods of Deployment shop/api (api-7c9-a, api-7c9-b) container api run ghcr.io/acme/api:v2.1.0 as ${old.slice(0, 19)}, but the registry's v2.1.0 is ${current.digest.slice(0, 19)}: the tag moved after the deploy`,
        },
      ],
    });
  });

  it('reports a tag the registry no longer has, and notes what could not be compared', () => {
    const model = { ...base, registry: registryFacts({ [API]: { 'v2.1.0': current } }, { 'down.example': 'connection refused' }) };
    expectRuleFindings(rule, {
      name: 'deleted, local id, unreachable',
      model: withCluster(
        { ...model, imageUses: [...model.imageUses, imageUse('down.example/acme/api:v1', at('deploy/b.yaml', 3, 12), { own: true })], ownRepositories: [API, 'down.example/acme/api'] },
        {
          pods: [
            clusterPod('shop/old', { api: [`${API}:v2.0.0`, `${API}@${old}`] }),
            clusterPod('shop/built', { api: [`${API}:v2.1.0`, `sha256:${'e'.repeat(64)}`] }),
            clusterPod('shop/down', { api: ['down.example/acme/api:v1', `down.example/acme/api@${old}`] }),
          ],
        },
      ),
      findings: [
        { at: 'deploy/api.yaml:9:18', actual: old, level: 'error', message: /^Pod shop\/old container api runs ghcr\.io\/acme\/api:v2\.0\.0 as sha256:.{12}, but the registry no longer has v2\.0\.0/ },
        { at: 'deploy/b.yaml:3:12', level: 'note', message: 'digests of down.example/acme/api in the cluster were not compared: registry down.example could not be asked: connection refused' },
        { at: 'deploy/api.yaml:9:18', level: 'note', message: /^Pod shop\/built container api report only a local image id .* drift not checked$/ },
      ],
    });
  });

  it('needs registry facts: without them it says nothing rather than guess', () => {
    const { registry: _registry, ...noFacts } = base;
    expectRuleFindings(rule, { name: 'no facts', model: withCluster(noFacts, { pods: [clusterPod('shop/x', { api: [`${API}:v2.1.0`, `${API}@${old}`] })] }), findings: [] });
  });
});
