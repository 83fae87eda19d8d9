import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createRegistryClient, type RegistryClientOptions } from '../../src/sources/registry/client.js';
import { describeWithRegistry, MEDIA_TYPES, pushImage, startRegistry, tagExisting, type PushedImage, type TestRegistry } from '../support/registry/index.js';

/** A client whose only credentials are the ones this test writes (never the machine's ~/.docker). */
function clientFor(registry: TestRegistry, extra: Partial<RegistryClientOptions> = {}, password?: string) {
  const home = mkdtempSync(join(tmpdir(), 'tagcheck-client-home-'));
  const env: NodeJS.ProcessEnv = { HOME: home, PATH: process.env.PATH };
  if (registry.credentials) {
    const { username } = registry.credentials;
    const auth = Buffer.from(`${username}:${password ?? registry.credentials.password}`).toString('base64');
    writeFileSync(join(home, 'config.json'), JSON.stringify({ auths: { [registry.host]: { auth } } }));
    env.DOCKER_CONFIG = home;
  }
  const lines: string[] = [];
  const client = createRegistryClient({ concurrency: 4, timeoutMs: 5000, insecureHosts: [registry.host], env, log: (l) => lines.push(l), ...extra });
  return { client, lines };
}

for (const auth of ['none', 'htpasswd', 'token'] as const) {
  describeWithRegistry(`registry client facts (auth: ${auth})`, () => {
    let registry: TestRegistry;
    let index: PushedImage;
    let list: PushedImage;
    let single: PushedImage;
    let windows: PushedImage;
    beforeAll(async () => {
      registry = await startRegistry({ auth });
      index = await pushImage(registry, 'acme/app', 'v1.0.0', { kind: 'oci-index', attestations: true });
      await tagExisting(registry, 'acme/app', 'v1.0.0', 'latest');
      list = await pushImage(registry, 'acme/app', 'v0.9.0', { kind: 'docker-list', platforms: ['linux/amd64', 'linux/arm/v7'] });
      single = await pushImage(registry, 'acme/app', 'v0.8.0', { kind: 'single', platforms: ['linux/arm64'] });
      windows = await pushImage(registry, 'acme/agent', 'v1.0.0', { platforms: ['linux/amd64', 'windows/amd64:10.0.20348.2227'] });
    });
    afterAll(async () => {
      await registry?.stop();
    });

    it('reads an OCI index with attestations as its runnable platforms', async () => {
      const { client } = clientFor(registry);
      const repo = `${registry.host}/acme/app`;
      expect(await client.getTag(repo, 'v1.0.0')).toEqual({
        status: 'found',
        value: {
          digest: index.digest,
          mediaType: MEDIA_TYPES.ociIndex,
          isIndex: true,
          platforms: [{ os: 'linux', architecture: 'amd64' }, { os: 'linux', architecture: 'arm64' }],
          manifests: index.manifests.map((m) => m.digest), // the attestation manifests are not among them
          // every entry with its digest: platform manifests, and each attestation manifest with the manifest it is about
          entries: [
            { digest: index.manifests[0].digest, platform: { os: 'linux', architecture: 'amd64' } },
            { digest: index.attestationDigests[0], platform: null, attestationFor: index.manifests[0].digest },
            { digest: index.manifests[1].digest, platform: { os: 'linux', architecture: 'arm64' } },
            { digest: index.attestationDigests[1], platform: null, attestationFor: index.manifests[1].digest },
          ],
        },
      });
      const latest = await client.getTag(repo, 'latest');
      expect(latest.status === 'found' && latest.value.digest).toBe(index.digest);
    });

    it('reads a Docker manifest list with variants, a single-arch image from its config, Windows os.version', async () => {
      const { client } = clientFor(registry);
      expect(await client.getTag(`${registry.host}/acme/app`, 'v0.9.0')).toEqual({
        status: 'found',
        value: {
          digest: list.digest,
          mediaType: MEDIA_TYPES.dockerList,
          isIndex: true,
          platforms: [{ os: 'linux', architecture: 'amd64' }, { os: 'linux', architecture: 'arm', variant: 'v7' }],
          manifests: list.manifests.map((m) => m.digest),
          entries: [
            { digest: list.manifests[0].digest, platform: { os: 'linux', architecture: 'amd64' } },
            { digest: list.manifests[1].digest, platform: { os: 'linux', architecture: 'arm', variant: 'v7' } },
          ],
        },
      });
      expect(await client.getTag(`${registry.host}/acme/app`, 'v0.8.0')).toEqual({
        status: 'found',
        value: { digest: single.digest, mediaType: MEDIA_TYPES.ociManifest, isIndex: false, platforms: [{ os: 'linux', architecture: 'arm64' }] },
      });
      const agent = await client.getTag(`${registry.host}/acme/agent`, 'v1.0.0');
      expect(agent.status === 'found' && agent.value.digest).toBe(windows.digest);
      expect(agent.status === 'found' && agent.value.platforms[1]).toEqual({ os: 'windows', architecture: 'amd64', osVersion: '10.0.20348.2227' });
    });

    it('lists tags; a missing tag or repository is not-found', async () => {
      const { client } = clientFor(registry);
      const tags = await client.listTags(`${registry.host}/acme/app`);
      expect(tags.status === 'found' && [...tags.value].sort()).toEqual(['latest', 'v0.8.0', 'v0.9.0', 'v1.0.0']);
      expect(await client.getTag(`${registry.host}/acme/app`, 'v9.9.9')).toEqual({ status: 'not-found' });
      expect(await client.getTag(`${registry.host}/acme/nothing`, 'v1.0.0')).toEqual({ status: 'not-found' });
      expect(await client.listTags(`${registry.host}/acme/nothing`)).toEqual({ status: 'not-found' });
    });
  });
}
