import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, expect, it } from 'vitest';
import { runCheck } from '../../src/engine/check.js';
import { ensureBuilt } from '../hook/built-cli.js';
import { freshCacheHome } from '../support/cache-home.js';
import { describeWithRegistry } from '../support/registry/suite.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const demo = fileURLToPath(new URL('../../fixtures/demo', import.meta.url));

interface JsonFinding { ruleId: string; message: string; location?: { file: string; line: number; column: number } }
// the pushed images are other bytes than the snapshot's made-up digests: digests in messages (signature and
// attestation findings name the subject) are compared as "a digest"
const anyDigest = (message: string) => message.replace(/sha256([:-])[0-9a-f]{12}/g, 'sha256$1<digest>');
const describe = (f: JsonFinding, host = '') =>
  `${f.location?.file}:${f.location?.line} ${f.ruleId}: ${anyDigest(host ? f.message.replaceAll(`${host}/library/`, 'docker.io/library/').replaceAll(`${host}/`, 'ghcr.io/') : f.message)}`;

/**
 * `npm run demo:live` pushes the state of fixtures/demo/registry-snapshot.json to a real docker-registry and
 * checks the demo against it: the live path must find what the snapshot path finds, at the same places.
 */
describeWithRegistry('npm run demo:live (a real docker-registry)', () => {
  beforeAll(ensureBuilt, 120_000);

  it('finds the same incidents at the same places as the snapshot demo', async () => {
    const fromSnapshot = await runCheck({
      root: demo,
      env: {},
      tag: 'v1.4.0',
      registrySnapshot: `${demo}/registry-snapshot.json`,
      clusterSnapshot: `${demo}/cluster-snapshot.json`,
    });
    const live = await promisify(execFile)(process.execPath, ['fixtures/demo/live.mjs', '--format', 'json'], {
      cwd: root,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, XDG_CACHE_HOME: freshCacheHome() },
    }).catch((error: { code: number; stdout: string; stderr: string }) => error);
    expect('code' in live ? live.code : 0).toBe(1);
    const host = /on (127\.0\.0\.1:\d+)/.exec(live.stderr)?.[1];
    expect(host).toBeDefined();
    const report = JSON.parse(live.stdout);
    expect(report.findings.map((f: JsonFinding) => describe(f, host))).toEqual(fromSnapshot.report.findings.map((f) => describe(f as JsonFinding)));
    expect(report.summary.rulesRun).toEqual(fromSnapshot.report.rulesRun.map((r) => r.id));
    // the live registry holds the same signatures and SBOMs (shop-api's cosign .sig/.att, none for shop-web), and
    // only the Pod whose digest the registry never had drifts: the others' image IDs were moved to the pushed digests
    const rulesAt = (pattern: RegExp) => report.findings.filter((f: JsonFinding) => pattern.test(f.ruleId)).map((f: JsonFinding) => `${f.location?.file} ${f.ruleId}`);
    expect(rulesAt(/^(signature|attestation)-missing$|^deployed-/)).toEqual([
      'charts/shop/values.yaml attestation-missing',
      'charts/shop/values.yaml deployed-digest-drift',
      'charts/shop/values.yaml signature-missing',
      'deploy/base/kustomization.yaml deployed-image-mismatch',
    ]);
  }, 60_000);
});
