import { describe, it } from 'vitest';
import rule from '../../rules/cluster-unreachable.js';
import { withCluster } from '../support/cluster-model.js';
import { testModel } from '../support/model.js';
import { expectRuleFindings } from './rule-table.js';

describe('cluster-unreachable', () => {
  it('is silent without a cluster and when every list was read', () => {
    expectRuleFindings(rule, { name: 'none', model: testModel(), findings: [] });
    expectRuleFindings(rule, { name: 'read', model: withCluster(testModel(), {}), findings: [] });
  });

  it('reports one finding per cause, naming the context, server and the lists it cost, without a location', () => {
    const refused = 'connection refused (k8s.test:6443)';
    expectRuleFindings(rule, {
      name: 'faults',
      model: withCluster(testModel(), {
        faults: [
          { resource: 'pods', reason: 'HTTP 403 Forbidden: pods is forbidden' },
          { resource: 'cronjobs', reason: refused },
          { resource: 'deployments', reason: refused },
        ],
      }),
      findings: [
        { at: null, message: 'cluster context test (https://k8s.test:6443) could not be read: cannot list pods: HTTP 403 Forbidden: pods is forbidden' },
        { at: null, message: `cluster context test (https://k8s.test:6443) could not be read: cannot list deployments and cronjobs: ${refused}` },
      ],
    });
  });
});
