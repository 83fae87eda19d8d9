import { CLUSTER_RESOURCES } from '../src/model/cluster.js';
import { groupBy } from '../src/model/cluster-view.js';
import { defineRule } from '../src/model/rule.js';

/**
 * The cluster could not be read (refused, DNS, TLS, 401/403, timeout): one finding per cause, naming the lists it
 * cost. Like registry-unreachable it is a finding, not a crash: the other rules still ran, the cluster rules on
 * whatever could be read.
 */
export default defineRule({
  id: 'cluster-unreachable',
  scope: 'cluster',
  level: 'error',
  summary: 'The cluster could not be read: the message says why (refused, DNS, TLS, 401/403, timeout)',
  description:
    'tagcheck could not list some or all of the Deployments, StatefulSets, DaemonSets, CronJobs or Pods of the cluster named by ' +
    'the kubeconfig context, so the cluster rules could not check them. The finding names the context, the API server and the cause.',
  remediation:
    'Check the context (`kubectl --context CONTEXT get pods -A`), refresh the credentials (log in again, or fix the exec plugin), ' +
    'trust the API server CA (certificate-authority in the kubeconfig), or grant `list` on the missing resources; or check with ' +
    '--cluster-snapshot FILE recorded where the cluster is reachable.',
  check({ model, report }) {
    const cluster = model.cluster;
    if (!cluster) return;
    const where = `cluster context ${cluster.context}${cluster.server ? ` (${cluster.server})` : ''}`;
    for (const group of groupBy(cluster.faults, (f) => f.reason)) {
      const resources = group.map((f) => f.resource).sort((a, b) => CLUSTER_RESOURCES.indexOf(a) - CLUSTER_RESOURCES.indexOf(b));
      const named = resources.length === 1 ? resources[0] : `${resources.slice(0, -1).join(', ')} and ${resources[resources.length - 1]}`;
      report({ message: `${where} could not be read: cannot list ${named}: ${group[0].reason}` });
    }
  },
});
