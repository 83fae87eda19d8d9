import { describe, expect, it } from 'vitest';
import { parseCheckCommandLine } from '../../src/cli/check-options.js';

describe('--cluster [CONTEXT]', () => {
  it.each([
    [['--cluster'], '.', {}],
    [['--cluster', '--tag', 'v1'], '.', {}],
    [['deploy', '--cluster'], 'deploy', {}],
    [['--cluster', 'prod', 'deploy'], 'deploy', { context: 'prod' }],
    [['--cluster=arn:aws:eks:eu-west-1:123456789012:cluster/prod'], '.', { context: 'arn:aws:eks:eu-west-1:123456789012:cluster/prod' }],
    [['--cluster='], '.', {}],
    [['--cluster', 'kind-dev', '--kubeconfig', 'k.yaml', '--namespace', 'shop', '--namespace', 'billing'], '.', { context: 'kind-dev', kubeconfig: 'k.yaml', namespaces: ['shop', 'billing'] }],
  ])('%j', (argv, path, cluster) => {
    const line = parseCheckCommandLine(argv);
    expect(line.path).toBe(path);
    expect(line.cluster).toEqual(cluster);
    expect(line.scope).toBe('all');
  });

  it('a value after -- is a PATH, never a context', () => {
    expect(parseCheckCommandLine(['--', '--cluster']).cluster).toBeUndefined();
  });

  it('--cluster-snapshot sets no live cluster; --scope cluster is accepted with it', () => {
    const line = parseCheckCommandLine(['--cluster-snapshot', 'c.json', '--scope', 'cluster', '--namespace', 'shop']);
    expect([line.cluster, line.clusterSnapshot, line.scope, line.clusterNamespaces]).toEqual([undefined, 'c.json', 'cluster', ['shop']]);
  });
});
