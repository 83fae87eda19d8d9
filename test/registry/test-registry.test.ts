import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithRegistry, pushImage, startRegistry, tagExisting, type TestRegistry } from '../support/registry/index.js';

// The test infrastructure itself: each auth mode starts, accepts pushes and logs every request.
for (const auth of ['none', 'htpasswd', 'token'] as const) {
  describeWithRegistry(`test registry (auth: ${auth})`, () => {
    let registry: TestRegistry;
    beforeAll(async () => {
      registry = await startRegistry({ auth });
    });
    afterAll(async () => {
      await registry?.stop();
    });

    it('accepts an index push and re-tagging keeps the digest', async () => {
      const pushed = await pushImage(registry, 'acme/app', 'v1.0.0', { kind: 'oci-index', attestations: true });
      expect(pushed.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(pushed.manifests.map((m) => m.platform)).toEqual(['linux/amd64', 'linux/arm64']);
      expect(pushed.attestationDigests).toHaveLength(2);
      expect(await tagExisting(registry, 'acme/app', 'v1.0.0', 'latest')).toBe(pushed.digest);
    });

    it('logs each request with method, path and status', async () => {
      const cursor = await registry.logCursor();
      const anonymous = await fetch(`${registry.url}/v2/acme/app/tags/list`);
      await anonymous.arrayBuffer();
      expect(anonymous.status).toBe(auth === 'none' ? 200 : 401);
      const log = await registry.accessLog(cursor);
      expect(log).toEqual([{ method: 'GET', uri: '/v2/acme/app/tags/list', path: '/v2/acme/app/tags/list', status: anonymous.status }]);
      expect(await registry.countRequests({ method: 'GET', path: '/v2/acme/app/tags/list' }, cursor)).toBe(1);
    });
  });
}
