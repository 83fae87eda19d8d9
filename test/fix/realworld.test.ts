import { afterAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../src/engine/check.js';
import { FIXABLE_RULES, runFix } from '../../src/engine/fix/run-fix.js';
import { applyChanges, cloneOf, readTree, removeTemps } from './support.js';

/**
 * The real repositories of test/realworld at the next release, cut without bumping the manifests: `fix` must
 * change exactly the reported places (every other byte of every file is compared), leave `check` clean for the
 * rules it fixes, and change nothing when run again.
 */
interface Case {
  fixture: string;
  repo: string;
  tag: string;
  /** `file:line:column from→to ruleId`, in the order fix reports them (by file, then position) */
  changes: string[];
}

const cases: Case[] = [
  { fixture: 'kubernetes-sigs-descheduler-v0.28.1', repo: 'kubernetes-sigs/descheduler', tag: 'v0.28.1', changes: [] },
  { fixture: 'kubernetes-sigs-descheduler-v0.28.1', repo: 'kubernetes-sigs/descheduler', tag: 'v0.29.0', changes: [
    'kubernetes/deployment/deployment.yaml:22:58 v0.28.1→v0.29.0 image-tag-mismatch',
  ] },
  { fixture: 'kubernetes-sigs-descheduler-v0.22.0', repo: 'kubernetes-sigs/descheduler', tag: 'v0.22.0', changes: [] },
  { fixture: 'kubernetes-sigs-descheduler-v0.22.0', repo: 'kubernetes-sigs/descheduler', tag: 'v0.23.0', changes: [
    'charts/descheduler/Chart.yaml:4:13 0.22.0→0.23.0 chart-app-version-mismatch',
  ] },
  { fixture: 'inspektor-gadget-inspektor-gadget-v0.40.0', repo: 'inspektor-gadget/inspektor-gadget', tag: 'v0.40.0', changes: [] },
  { fixture: 'inspektor-gadget-inspektor-gadget-v0.40.0-packaged', repo: 'inspektor-gadget/inspektor-gadget', tag: 'v0.40.0', changes: [] },
  { fixture: 'inspektor-gadget-inspektor-gadget-v0.40.0-packaged', repo: 'inspektor-gadget/inspektor-gadget', tag: 'v0.41.0', changes: [
    'charts/gadget/Chart.yaml:21:13 v0.40.0→v0.41.0 chart-app-version-mismatch',
  ] },
  { fixture: 'kubernetes-sigs-external-dns-v0.10.0', repo: 'kubernetes-sigs/external-dns', tag: 'v0.10.0', changes: [] },
  { fixture: 'kubernetes-sigs-external-dns-v0.10.0', repo: 'kubernetes-sigs/external-dns', tag: 'v0.11.0', changes: [
    'kustomize/kustomization.yaml:6:13 v0.10.0→v0.11.0 image-tag-mismatch',
  ] },
  { fixture: 'kubernetes-sigs-external-dns-v0.12.0', repo: 'kubernetes-sigs/external-dns', tag: 'v0.12.0', changes: [] },
  { fixture: 'kubernetes-sigs-external-dns-v0.12.0', repo: 'kubernetes-sigs/external-dns', tag: 'v0.12.1', changes: [
    'charts/external-dns/Chart.yaml:6:13 0.12.0→0.12.1 chart-app-version-mismatch',
  ] },
  { fixture: 'kubernetes-sigs-metrics-server-v0.6.0', repo: 'kubernetes-sigs/metrics-server', tag: 'v0.6.0', changes: [] },
  { fixture: 'kubernetes-sigs-metrics-server-v0.6.0', repo: 'kubernetes-sigs/metrics-server', tag: 'v0.6.1', changes: [
    'charts/metrics-server/Chart.yaml:6:13 0.6.0→0.6.1 chart-app-version-mismatch',
    'manifests/components/release/kustomization.yaml:6:11 v0.6.0→v0.6.1 image-tag-mismatch',
  ] },
  { fixture: 'argoproj-argo-cd-v2.7.6', repo: 'argoproj/argo-cd', tag: 'v2.7.6', changes: [] },
  { fixture: 'argoproj-argo-cd-v2.7.6', repo: 'argoproj/argo-cd', tag: 'v2.7.7', changes: [
    'manifests/base/kustomization.yaml:8:11 v2.7.6→v2.7.7 image-tag-mismatch',
  ] },
  { fixture: 'cert-manager-cert-manager-v1.14.4', repo: 'cert-manager/cert-manager', tag: 'v1.14.4', changes: [] },
  { fixture: 'cert-manager-cert-manager-v1.14.4-packaged', repo: 'cert-manager/cert-manager', tag: 'v1.14.4', changes: [] },
  { fixture: 'cert-manager-cert-manager-v1.14.4-packaged', repo: 'cert-manager/cert-manager', tag: 'v1.14.5', changes: [
    // the fixture's README names the controller image in inline code (docs-version-stale)
    'README.md:7:108 v1.14.4→v1.14.5 docs-version-stale',
    'deploy/charts/cert-manager/Chart.yaml:27:13 v1.14.4→v1.14.5 chart-app-version-mismatch',
  ] },
  { fixture: 'kubernetes-sigs-kueue-v0.11.0', repo: 'kubernetes-sigs/kueue', tag: 'v0.11.0', changes: [
    'config/components/manager/kustomization.yaml:17:11 release-0.11→v0.11.0 image-tag-mismatch',
  ] },
  { fixture: 'kubernetes-kube-state-metrics-v2.0.0-alpha.2', repo: 'kubernetes/kube-state-metrics', tag: 'v2.0.0-alpha.2', changes: [] },
  { fixture: 'kubernetes-kube-state-metrics-v2.0.0-alpha.2', repo: 'kubernetes/kube-state-metrics', tag: 'v2.0.0-alpha.3', changes: [
    'examples/standard/deployment.yaml:21:50 v2.0.0-alpha.2→v2.0.0-alpha.3 image-tag-mismatch',
  ] },
  { fixture: 'kubernetes-sigs-node-feature-discovery-v0.18.2', repo: 'kubernetes-sigs/node-feature-discovery', tag: 'v0.18.2', changes: [] },
  { fixture: 'kubernetes-sigs-node-feature-discovery-v0.18.2', repo: 'kubernetes-sigs/node-feature-discovery', tag: 'v0.18.3', changes: [
    'deployment/base/master/master-deployment.yaml:22:61 v0.18.2→v0.18.3 image-tag-mismatch',
  ] },
  { fixture: 'prometheus-operator-prometheus-operator-v0.29.0', repo: 'prometheus-operator/prometheus-operator', tag: 'v0.29.0', changes: [] },
  { fixture: 'prometheus-operator-prometheus-operator-v0.29.0', repo: 'prometheus-operator/prometheus-operator', tag: 'v0.30.0', changes: [
    'example/rbac/prometheus-operator/prometheus-operator-deployment.yaml:24:51 v0.29.0→v0.30.0 image-tag-mismatch',
  ] },
];

afterAll(removeTemps);

describe('fix on real repositories at their next release', () => {
  for (const c of cases) {
    it(`${c.repo} → ${c.tag} (${c.fixture})`, async () => {
      const root = await cloneOf(c.fixture, c.repo);
      const before = await readTree(root);
      const result = await runFix({ root, tag: c.tag, env: {} });
      expect(result.changes.map((x) => `${x.file}:${x.line}:${x.column} ${x.from}→${x.to} ${x.ruleId}`)).toEqual(c.changes);
      expect(result.refused).toEqual([]);
      expect(result.files).toBe(new Set(result.changes.map((x) => x.file)).size);
      // byte-exact: every file is the original with exactly the reported replacements
      const after = await readTree(root);
      expect(after).toEqual(applyChanges(before, result.changes));

      const check = await runCheck({ root, tag: c.tag, env: {}, scope: 'manifests' });
      expect(check.report.findings.filter((f) => FIXABLE_RULES.includes(f.ruleId))).toEqual([]);

      const again = await runFix({ root, tag: c.tag, env: {} });
      expect(again.changes).toEqual([]);
      expect(again.diff).toBe('');
      expect(await readTree(root)).toEqual(after);
    });
  }
});

describe('--bump-chart-version on real charts', () => {
  it('metrics-server: appVersion and image move to v0.6.1, chart 3.8.0 → 3.8.1 once; a second run bumps nothing', async () => {
    const root = await cloneOf('kubernetes-sigs-metrics-server-v0.6.0', 'kubernetes-sigs/metrics-server');
    const chart = 'charts/metrics-server/Chart.yaml';
    const before = await readTree(root);
    const result = await runFix({ root, tag: 'v0.6.1', env: {}, bumpChartVersion: 'patch' });
    expect(result.changes.map((x) => `${x.file}:${x.line}:${x.column} ${x.from}→${x.to} ${x.bump ?? x.ruleId}`)).toEqual([
      `${chart}:5:10 3.8.0→3.8.1 patch`,
      `${chart}:6:13 0.6.0→0.6.1 chart-app-version-mismatch`,
      'manifests/components/release/kustomization.yaml:6:11 v0.6.0→v0.6.1 image-tag-mismatch',
    ]);
    const after = await readTree(root);
    expect(after).toEqual(applyChanges(before, result.changes));
    expect(after.get(chart)).toBe(before.get(chart)!.replace('version: 3.8.0\nappVersion: 0.6.0\n', 'version: 3.8.1\nappVersion: 0.6.1\n'));
    const again = await runFix({ root, tag: 'v0.6.1', env: {}, bumpChartVersion: 'patch' });
    expect(again.changes).toEqual([]);
    expect(await readTree(root)).toEqual(after);
  });

  it('cert-manager packaged: a v-prefixed chart version keeps its v (minor bump)', async () => {
    const root = await cloneOf('cert-manager-cert-manager-v1.14.4-packaged', 'cert-manager/cert-manager');
    const result = await runFix({ root, tag: 'v1.14.5', env: {}, bumpChartVersion: 'minor' });
    const chart = result.changes.filter((x) => x.file === 'deploy/charts/cert-manager/Chart.yaml');
    expect(chart.map((x) => `${x.line}:${x.column} ${x.from}→${x.to}`)).toEqual(['26:10 v1.14.4→v1.15.0', '27:13 v1.14.4→v1.14.5']);
    expect(result.changes.filter((x) => !chart.includes(x)).map((x) => `${x.file}:${x.line}:${x.column} ${x.ruleId}`)).toEqual(['README.md:7:108 docs-version-stale']);
  });
});
