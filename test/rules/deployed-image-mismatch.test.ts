import { describe, it } from 'vitest';
import rule from '../../rules/deployed-image-mismatch.js';
import { clusterPod, withCluster, workload } from '../support/cluster-model.js';
import { at, imageUse, located, registryFacts, release, testConfig, testModel } from '../support/model.js';
import { digest, indexOf } from '../support/tag-facts.js';
import { expectRuleFindings } from './rule-table.js';

const API = 'ghcr.io/acme/api';
const manifestUse = imageUse(`${API}:v2.1.0`, at('deploy/api.yaml', 9, 18), { own: true });
const base = testModel({ release: release('v2.1.0'), ownRepositories: [API], imageUses: [manifestUse], config: testConfig({ images: [located(API, '.tagcheck.yaml', 2, 5)] }) });

describe('deployed-image-mismatch', () => {
  it('is silent without a cluster, and when every workload and Pod runs the release (any spelling under tagFormat same)', () => {
    expectRuleFindings(rule, { name: 'no cluster', model: base, findings: [] });
    expectRuleFindings(rule, {
      name: 'clean',
      model: withCluster(base, {
        workloads: [workload('Deployment', 'shop/api', { api: `${API}:v2.1.0` }), workload('CronJob', 'shop/report', { report: `${API}:2.1.0` })],
        pods: [clusterPod('shop/api-7c9-a', { api: [`${API}:v2.1.0`, `${API}@${digest('x')}`] }, { kind: 'Deployment', name: 'api' })],
      }),
      findings: [],
    });
  });

  it('reports each workload kind and init containers at another tag, at the manifest line, naming namespace/kind/name and container', () => {
    expectRuleFindings(rule, {
      name: 'stale',
      model: withCluster(base, {
        workloads: [
          workload('Deployment', 'shop/api', { api: `${API}:v2.0.0` }),
          workload('StatefulSet', 'shop/db-migrate', { api: `${API}:v2.1.0` }, { migrate: `${API}:v1.9.0` }),
          workload('DaemonSet', 'ops/agent', { agent: API }),
          workload('CronJob', 'shop/report', { report: `${API}:v2.1.0-rc.1` }),
        ],
      }),
      findings: [
        { at: 'deploy/api.yaml:9:18', expected: 'v2.1.0', actual: 'v2.0.0', image: API, message: 'Deployment shop/api container api runs ghcr.io/acme/api:v2.0.0, but the release is v2.1.0' },
        { at: 'deploy/api.yaml:9:18', expected: 'v2.1.0', actual: 'v1.9.0', message: 'StatefulSet shop/db-migrate init container migrate runs ghcr.io/acme/api:v1.9.0, but the release is v2.1.0' },
        { at: 'deploy/api.yaml:9:18', expected: 'v2.1.0', actual: 'latest', message: 'DaemonSet ops/agent container agent runs ghcr.io/acme/api (no tag: latest), but the release is v2.1.0' },
        { at: 'deploy/api.yaml:9:18', expected: 'v2.1.0', actual: 'v2.1.0-rc.1' },
      ],
    });
  });

  it('reports Pods only where they differ from their template, one finding per owner and image', () => {
    const owner = { kind: 'ReplicaSet', name: 'api-5d8' };
    expectRuleFindings(rule, {
      name: 'stuck rollout',
      model: withCluster(base, {
        workloads: [workload('Deployment', 'shop/api', { api: `${API}:v2.1.0` })],
        pods: [
          clusterPod('shop/api-7c9-a', { api: [`${API}:v2.1.0`] }, { kind: 'Deployment', name: 'api' }),
          clusterPod('shop/api-5d8-a', { api: [`${API}:v2.0.0`] }, owner),
          clusterPod('shop/api-5d8-b', { api: [`${API}:v2.0.0`] }, owner),
          clusterPod('shop/debug', { sh: [`${API}:v1.0.0`] }),
        ],
      }),
      findings: [
        { at: 'deploy/api.yaml:9:18', actual: 'v2.0.0', expected: 'v2.1.0', message: '2 Pods of ReplicaSet shop/api-5d8 (api-5d8-a, api-5d8-b) container api run ghcr.io/acme/api:v2.0.0, but the release is v2.1.0' },
        { at: 'deploy/api.yaml:9:18', actual: 'v1.0.0', expected: 'v2.1.0', message: 'Pod shop/debug container sh runs ghcr.io/acme/api:v1.0.0, but the release is v2.1.0' },
      ],
    });
  });

  it('ignores third-party images, and compares with the manifests when there is no release', () => {
    const noRelease = { ...base, release: null };
    expectRuleFindings(rule, {
      name: 'manifests',
      model: withCluster(noRelease, {
        workloads: [workload('Deployment', 'shop/api', { api: `${API}:v2.0.0`, cache: 'redis:7.0' }), workload('Deployment', 'shop/api-canary', { api: `${API}:v2.1.0` })],
      }),
      findings: [{ at: 'deploy/api.yaml:9:18', expected: 'v2.1.0', actual: 'v2.0.0', message: 'Deployment shop/api container api runs ghcr.io/acme/api:v2.0.0, but the manifests deploy v2.1.0' }],
    });
  });

  it('points at the config entry for an own image no manifest references', () => {
    const worker = 'ghcr.io/acme/worker';
    const model = testModel({ release: release('v2.1.0'), config: testConfig({ images: [located('ghcr.io/acme/*', '.tagcheck.yaml', 2, 5)] }) });
    expectRuleFindings(rule, {
      name: 'config glob',
      model: withCluster(model, { workloads: [workload('Deployment', 'shop/worker', { w: `${worker}:v2.0.0` })] }),
      findings: [{ at: '.tagcheck.yaml:2:5', expected: 'v2.1.0', actual: 'v2.0.0', image: worker }],
    });
  });

  it('compares a digest-only image with the registry digest of the release, and says so when that digest is unknown', () => {
    const released = indexOf('v2.1.0', 'linux/amd64');
    const pinned = (d: string) => ({ workloads: [workload('Deployment', 'shop/api', { api: `${API}@${d}` })] });
    const withRegistry = { ...base, registry: registryFacts({ [API]: { 'v2.1.0': released } }) };
    expectRuleFindings(rule, { name: 'same digest', model: withCluster(withRegistry, pinned(released.digest)), findings: [] });
    expectRuleFindings(rule, {
      name: 'other digest',
      model: withCluster(withRegistry, pinned(digest('old'))),
      findings: [{ at: 'deploy/api.yaml:9:18', expected: 'v2.1.0', actual: digest('old'), level: 'error', message: /runs ghcr\.io\/acme\/api@sha256:.{12}, but the release is v2\.1\.0 \(v2\.1\.0 is sha256:.{12} in the registry\)$/ }],
    });
    expectRuleFindings(rule, {
      name: 'unknown',
      model: withCluster(base, pinned(digest('old'))),
      findings: [{ at: 'deploy/api.yaml:9:18', expected: 'v2.1.0', actual: digest('old'), level: 'note', message: /pinned by digest, it could not be compared with v2\.1\.0/ }],
    });
  });
});
