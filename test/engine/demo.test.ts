import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { runCheck } from '../../src/engine/check.js';
import { findingKeys, markerKeys } from '../support/expect-markers.js';

const demo = fileURLToPath(new URL('../../fixtures/demo', import.meta.url));
const snapshot = fileURLToPath(new URL('../../fixtures/demo/registry-snapshot.json', import.meta.url));
const clusterSnapshot = fileURLToPath(new URL('../../fixtures/demo/cluster-snapshot.json', import.meta.url));
const manifestRules = new Set(rules.filter((r) => r.scope === 'manifests').map((r) => r.id));
const ruleOf = (key: string) => key.slice(key.lastIndexOf(' ') + 1);

/** What `npm run demo` shows: every rule, the registry and the cluster answered from the demo's snapshots. */
const DEMO_FINDINGS = [
  '.tagcheck.yaml:8:5 components-out-of-sync: ghcr.io/acme/shop-cli has no tag v1.4.0, but ghcr.io/acme/shop-api, ghcr.io/acme/shop-web were released at it; it is at v1.3.2',
  'charts/shop/Chart.yaml:6:13 chart-app-version-mismatch: Helm chart shop has appVersion 1.3.2, but the release is 1.4.0',
  'charts/shop/values.yaml:7:10 attestation-missing: ghcr.io/acme/shop-web:v1.4.0 index sha256:133c22052d3d has no SBOM (SPDX or CycloneDX) attestation (looked at: cosign tag sha256-133c22052d3d….sbom; the referrers API (not served by the registry), referrers tag sha256-133c22052d3d…; cosign tag sha256-133c22052d3d….att; attestation manifests in the index (it has none))',
  "charts/shop/values.yaml:7:10 deployed-digest-drift: Pod of Deployment shop/shop-web (shop-web-7f5c9d6b8-q4x7z) container web runs ghcr.io/acme/shop-web:v1.4.0 as sha256:28d6d6acbf4b, but the registry's v1.4.0 is sha256:133c22052d3d: the tag moved after the deploy",
  'charts/shop/values.yaml:7:10 latest-is-prerelease: ghcr.io/acme/shop-web:latest is the same image as main, a development build; the newest stable release is v1.4.0',
  'charts/shop/values.yaml:7:10 platform-missing: ghcr.io/acme/shop-web:v1.4.0 lacks linux/arm64 (it has linux/amd64)',
  'charts/shop/values.yaml:7:10 signature-missing: ghcr.io/acme/shop-web:v1.4.0 index sha256:133c22052d3d has no signature (looked at: cosign tag sha256-133c22052d3d….sig; the referrers API (not served by the registry), referrers tag sha256-133c22052d3d…)',
  'deploy/base/kustomization.yaml:10:13 deployed-image-mismatch: Deployment shop/shop-worker container worker runs ghcr.io/acme/shop-worker:v1.3.2, but the release is v1.4.0',
  'deploy/base/kustomization.yaml:10:13 manifest-index-missing: ghcr.io/acme/shop-worker has per-arch tags v1.4.0-linux-amd64, v1.4.0-linux-arm64 but no v1.4.0: the multi-arch index was not pushed',
  'deploy/overlays/production/kustomization.yaml:8:13 image-tag-mismatch: ghcr.io/acme/shop-api is tagged v1.3.2, but the release is v1.4.0',
  'deploy/overlays/production/kustomization.yaml:8:13 latest-missing: ghcr.io/acme/shop-api has no latest tag, although it has stable releases (the newest is v1.4.0)',
  'deploy/plain/cache.yaml:15:18 mutable-image-tag: docker.io/library/redis is tagged latest, a mutable tag: what runs changes whenever the tag moves',
  'docs/install.md:6:52 docs-version-stale: docs/install.md names ghcr.io/acme/shop-api at v1.3.2, but the release is v1.4.0',
];

describe('fixtures/demo (what `npm run demo` shows)', () => {
  it('offline, finds exactly the manifest drift marked in the fixture', async () => {
    const result = await runCheck({ root: demo, env: {}, tag: 'v1.4.0', scope: 'manifests' });
    const marked = (await markerKeys(demo)).filter((key) => manifestRules.has(ruleOf(key)));
    expect(findingKeys(result.report.findings)).toEqual(marked);
    expect(result.exitCode).toBe(1);
    expect(result.diagnostics.filter((d) => d.level !== 'note')).toEqual([]);
  });

  it('with its registry and cluster snapshots, runs every rule and finds each marked incident once, where it is marked', async () => {
    const result = await runCheck({ root: demo, env: {}, tag: 'v1.4.0', registrySnapshot: snapshot, clusterSnapshot });
    const findings = result.report.findings;
    expect(findingKeys(findings)).toEqual(await markerKeys(demo));
    expect(findings.map((f) => `${f.location?.file}:${f.location?.line}:${f.location?.column} ${f.ruleId}: ${f.message}`)).toEqual(DEMO_FINDINGS);
    // every rule ran: signature-missing and attestation-missing because `require:` asks, the cluster rules on the
    // recorded cluster
    expect(result.report.rulesRun.map((r) => r.id).sort()).toEqual(rules.map((r) => r.id).sort());
    expect(result.report.rulesSkipped).toEqual([]);
    // the incidents the tool exists for appear once each
    const incidents = ['latest-is-prerelease', 'manifest-index-missing', 'platform-missing', 'latest-missing', 'components-out-of-sync'];
    for (const id of [...incidents, 'signature-missing', 'attestation-missing', 'docs-version-stale', 'deployed-image-mismatch', 'deployed-digest-drift']) {
      expect(findings.filter((f) => f.ruleId === id), id).toHaveLength(1);
    }
    expect(findings.filter((f) => ['registry-unreachable', 'image-missing', 'cluster-unreachable'].includes(f.ruleId))).toEqual([]);
    expect(result.exitCode).toBe(1);
    expect(result.diagnostics.filter((d) => d.level !== 'note')).toEqual([]);
  });

  it('without the cluster snapshot, the cluster rules are skipped and the rest is unchanged', async () => {
    const result = await runCheck({ root: demo, env: {}, tag: 'v1.4.0', registrySnapshot: snapshot });
    expect(result.report.rulesSkipped).toEqual(rules.filter((r) => r.scope === 'cluster').map((r) => r.id));
    const clusterRules = new Set(result.report.rulesSkipped);
    const marked = (await markerKeys(demo)).filter((key) => !clusterRules.has(ruleOf(key)));
    expect(findingKeys(result.report.findings)).toEqual(marked);
  });

  it('third-party images never trigger the release rules', async () => {
    const result = await runCheck({ root: demo, env: {}, tag: 'v1.4.0', scope: 'manifests' });
    const releaseRules = new Set(['image-tag-mismatch', 'image-tag-inconsistent']);
    const thirdParty = result.report.findings.filter((f) => releaseRules.has(f.ruleId) && !f.image?.startsWith('ghcr.io/acme/'));
    expect(thirdParty).toEqual([]);
    expect(result.model.ownRepositories).toEqual(['ghcr.io/acme/shop-api', 'ghcr.io/acme/shop-cli', 'ghcr.io/acme/shop-web', 'ghcr.io/acme/shop-worker']);
  });
});
