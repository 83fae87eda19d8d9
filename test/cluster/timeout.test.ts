import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { readCluster } from '../../src/sources/cluster/client.js';
import { kubeconfigYaml } from '../support/kube-emulator/index.js';

// A TCP server that accepts and never answers, ON PURPOSE (neither a real API server nor the emulator hangs):
// each list ends as a fault after --timeout, never a hang.
it('an API server that never answers is a fault after the per-request timeout', async () => {
  const sockets = new Set<Socket>();
  const silent = createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const dir = mkdtempSync(join(tmpdir(), 'tagcheck-silent-'));
  try {
    const kubeconfig = join(dir, 'kubeconfig');
    writeFileSync(kubeconfig, kubeconfigYaml({ server: `https://127.0.0.1:${(silent.address() as AddressInfo).port}`, token: 'silent-token', context: 'silent' }));
    const started = Date.now();
    const state = await readCluster({ kubeconfig }, { env: {}, timeoutMs: 400 });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(state.faults).toEqual(['cronjobs', 'daemonsets', 'deployments', 'pods', 'statefulsets'].map((resource) => ({ resource, reason: 'no answer within 400 ms' })));
    expect(state.workloads).toEqual([]);
  } finally {
    for (const socket of sockets) socket.destroy();
    silent.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
