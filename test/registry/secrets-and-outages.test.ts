import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Lookup } from '../../src/model/registry.js';
import { createRegistryClient } from '../../src/sources/registry/client.js';
import { describeWithRegistry, pushImage, startRegistry, type TestRegistry } from '../support/registry/index.js';

const basic = (user: string, password: string) => Buffer.from(`${user}:${password}`).toString('base64');

describeWithRegistry('registry stopped mid-run', () => {
  let registry: TestRegistry;
  beforeAll(async () => {
    registry = await startRegistry({ auth: 'none' });
    await pushImage(registry, 'acme/app', 'v1.0.0');
    await pushImage(registry, 'acme/app', 'v0.9.0');
  });

  it('answers what it asked before, and reports "connection refused" for what it asks after', async () => {
    const client = createRegistryClient({ concurrency: 2, timeoutMs: 3000, insecureHosts: [registry.host], env: { HOME: mkdtempSync(join(tmpdir(), 'tagcheck-down-')) }, backoffMs: 10 });
    expect((await client.getTag(`${registry.host}/acme/app`, 'v1.0.0')).status).toBe('found');
    await registry.stop();
    const started = Date.now();
    const after = await client.getTag(`${registry.host}/acme/app`, 'v0.9.0');
    expect(after).toEqual({ status: 'unreachable', host: registry.host, reason: `connection refused by ${registry.host}` });
    expect((await client.listTags(`${registry.host}/acme/app`)).status).toBe('unreachable');
    // the answer already given stays the run's answer
    expect((await client.getTag(`${registry.host}/acme/app`, 'v1.0.0')).status).toBe('found');
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

// Known credential values go in through every source; none may come out in a log line, a reason or an answer.
for (const auth of ['htpasswd', 'token'] as const) {
  describeWithRegistry(`no credential leaks (auth: ${auth})`, () => {
    let registry: TestRegistry;
    beforeAll(async () => {
      registry = await startRegistry({ auth });
      await pushImage(registry, 'acme/app', 'v1.0.0');
    });
    afterAll(async () => {
      await registry?.stop();
    });

    it('never prints a password, auth value, identity token or bearer token', async () => {
      const { username, password } = registry.credentials!;
      const wrong = 'Wr0ng-Password-Known-Value';
      const home = mkdtempSync(join(tmpdir(), 'tagcheck-secrets-'));
      const secrets = [password, wrong, basic(username, password), basic(username, wrong), 'helper-secret-Known-Value', basic(username, 'helper-secret-Known-Value')];
      if (registry.identityToken) secrets.push(registry.identityToken);
      const helperDir = join(home, 'bin');
      mkdirSync(helperDir);
      writeFileSync(join(helperDir, 'docker-credential-leaktest'), `#!/bin/sh\nread -r s\nprintf '{"ServerURL":"%s","Username":"${username}","Secret":"helper-secret-Known-Value"}' "$s"\n`);
      chmodSync(join(helperDir, 'docker-credential-leaktest'), 0o755);
      const configs: Array<Record<string, unknown>> = [
        { auths: { [registry.host]: { auth: basic(username, password) } } },
        { auths: { [registry.host]: { username, password: wrong } } },
        { credsStore: 'leaktest' },
        ...(registry.identityToken ? [{ auths: { [registry.host]: { identitytoken: registry.identityToken } } }] : []),
      ];
      const output: string[] = [];
      const answers: Lookup<unknown>[] = [];
      for (const [i, config] of configs.entries()) {
        const dir = join(home, `config-${i}`);
        mkdirSync(dir);
        writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
        const authFile = join(dir, 'auth.json');
        writeFileSync(authFile, JSON.stringify({ auths: { [`${registry.host}/acme/other`]: { auth: basic(username, wrong) } } }));
        const env = { HOME: home, DOCKER_CONFIG: dir, REGISTRY_AUTH_FILE: authFile, PATH: `${helperDir}:${process.env.PATH}` };
        const client = createRegistryClient({ concurrency: 2, timeoutMs: 5000, insecureHosts: [registry.host], env, log: (line) => output.push(line), backoffMs: 10 });
        answers.push(
          await client.getTag(`${registry.host}/acme/app`, 'v1.0.0'),
          await client.listTags(`${registry.host}/acme/app`),
          await client.getTag(`${registry.host}/acme/other`, 'v1.0.0'),
          await client.getTag(`${registry.host}/acme/app`, 'v9'),
        );
      }
      registry.tokenIssuer?.failWith(503);
      const failing = createRegistryClient({ concurrency: 2, timeoutMs: 5000, insecureHosts: [registry.host], env: { HOME: home, DOCKER_CONFIG: join(home, 'config-0') }, log: (l) => output.push(l), backoffMs: 10 });
      answers.push(await failing.getTag(`${registry.host}/acme/app`, 'v1.0.0'));
      registry.tokenIssuer?.failWith(null);

      // the scenarios really ran: successes and failures both
      expect(answers.filter((a) => a.status === 'found').length).toBeGreaterThanOrEqual(3);
      expect(answers.filter((a) => a.status === 'unreachable').length).toBeGreaterThanOrEqual(4);
      expect(output.length).toBeGreaterThan(10);
      const everything = [...output, ...answers.map((a) => JSON.stringify(a))].join('\n');
      for (const secret of secrets) expect(everything).not.toContain(secret);
      expect(everything).not.toMatch(/Bearer |Basic [A-Za-z0-9+/=]{8,}|eyJ[A-Za-z0-9_-]{10,}/);
    });
  });
}
