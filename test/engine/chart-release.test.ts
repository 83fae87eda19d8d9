import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, withTempDir } from '../cli/run-cli.js';

/** external-dns at its chart release: chart 1.10.1 ships app 0.12.0; the deployment pins the app's image. */
async function writeChartRepository(dir: string, deployedTag: string): Promise<string> {
  const root = join(dir, 'external-dns');
  await mkdir(join(root, 'charts/external-dns/templates'), { recursive: true });
  await mkdir(join(root, 'kustomize'), { recursive: true });
  await writeFile(join(root, 'charts/external-dns/Chart.yaml'), 'apiVersion: v2\nname: external-dns\nversion: 1.10.1\nappVersion: 0.12.0\n');
  await writeFile(join(root, 'charts/external-dns/values.yaml'), 'image:\n  repository: k8s.gcr.io/external-dns/external-dns\n  tag: ""\n');
  await writeFile(
    join(root, 'charts/external-dns/templates/deployment.yaml'),
    'image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default (printf "v%s" .Chart.AppVersion) }}"\n',
  );
  await writeFile(
    join(root, 'kustomize/external-dns-deployment.yaml'),
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: external-dns\nspec:\n  template:\n    spec:\n      containers:\n        - name: external-dns\n          image: k8s.gcr.io/external-dns/external-dns:${deployedTag}\n`,
  );
  return root;
}

async function check(root: string, tag: string) {
  const run = await runCli([root, '--offline', '--format', 'json', '--tag', tag]);
  return { code: run.code, report: JSON.parse(run.stdout) };
}

describe('a tag that releases a Helm chart (chart-releaser)', () => {
  it('is a chart release: the app version is not compared with the chart version', async () => {
    await withTempDir(async (dir) => {
      const root = await writeChartRepository(dir, 'v0.12.0');
      for (const tag of ['external-dns-helm-chart-1.10.1', 'external-dns-1.10.1']) {
        const { code, report } = await check(root, tag);
        expect(report.findings, tag).toEqual([]);
        expect(code).toBe(0);
        expect(report.release.tag).toBe(tag);
        expect(report.release.version).toBe('1.10.1');
      }
    });
  });

  it('still checks that the manifests agree with each other', async () => {
    await withTempDir(async (dir) => {
      const root = await writeChartRepository(dir, 'v0.11.0');
      const { code, report } = await check(root, 'external-dns-helm-chart-1.10.1');
      expect(report.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['image-tag-inconsistent']);
      expect(code).toBe(1);
    });
  });

  it('is not a chart release when the version is not the chart\'s, or the prefix names no chart', async () => {
    await withTempDir(async (dir) => {
      const root = await writeChartRepository(dir, 'v0.12.0');
      // a component tag of the app: its version is the images'
      const app = await check(root, 'external-dns-v0.13.0');
      expect(app.report.findings.map((f: { ruleId: string }) => f.ruleId).sort()).toEqual(['chart-app-version-mismatch', 'image-tag-mismatch']);
      const other = await check(root, 'controller-1.10.1');
      expect(other.report.findings.map((f: { ruleId: string }) => f.ruleId).sort()).toEqual(['chart-app-version-mismatch', 'image-tag-mismatch']);
      // a helm/chart prefix at a version that is not the chart's is an app release
      const notTheChart = await check(root, 'helm-chart-1.11.0');
      expect(notTheChart.report.findings.map((f: { ruleId: string }) => f.ruleId).sort()).toEqual(['chart-app-version-mismatch', 'image-tag-mismatch']);
    });
  });

  it('a helm/chart prefix that does not name the chart (ingress-nginx helm-chart-4.11.2, sealed-secrets helm-v2.16.0)', async () => {
    await withTempDir(async (dir) => {
      const root = await writeChartRepository(dir, 'v0.12.0');
      for (const tag of ['helm-chart-1.10.1', 'helm-v1.10.1', 'chart-1.10.1', 'charts/v1.10.1']) {
        const { code, report } = await check(root, tag);
        expect(report.findings, tag).toEqual([]);
        expect(code, tag).toBe(0);
      }
    });
  });

  it('at a chart release, the released chart\'s appVersion is the line a sibling image is set apart from', async () => {
    await withTempDir(async (dir) => {
      const root = join(dir, 'ingress-nginx');
      await mkdir(join(root, 'charts/ingress-nginx/templates'), { recursive: true });
      await writeFile(join(root, 'charts/ingress-nginx/Chart.yaml'), 'apiVersion: v2\nname: ingress-nginx\nversion: 4.11.2\nappVersion: 1.11.2\n');
      await writeFile(join(root, 'charts/ingress-nginx/templates/d.yaml'), 'x: {{ .Values.controller }}\n');
      await writeFile(
        join(root, 'charts/ingress-nginx/values.yaml'),
        'controller:\n  image:\n    registry: registry.k8s.io\n    image: ingress-nginx/controller\n    tag: "v1.11.2"\n' +
          '  admissionWebhooks:\n    patch:\n      image:\n        registry: registry.k8s.io\n        image: ingress-nginx/kube-webhook-certgen\n        tag: v1.4.3\n',
      );
      const { code, report } = await check(root, 'helm-chart-4.11.2');
      expect(report.findings).toEqual([]);
      expect(code).toBe(0);
      expect(report.diagnostics.map((d: { message: string }) => d.message)).toEqual([
        expect.stringMatching(/^registry\.k8s\.io\/ingress-nginx\/kube-webhook-certgen is versioned apart from 1\.11\.2/),
      ]);
    });
  });

  it('a helm prefix at a version that is both the chart\'s and the app\'s is an app release', async () => {
    await withTempDir(async (dir) => {
      const root = await writeChartRepository(dir, 'v0.12.0');
      await writeFile(join(root, 'charts/external-dns/Chart.yaml'), 'apiVersion: v2\nname: external-dns\nversion: 0.12.0\nappVersion: 0.12.0\n');
      const { report } = await check(root, 'helm-v0.13.0');
      expect(report.findings.map((f: { ruleId: string }) => f.ruleId).sort()).toEqual(['chart-app-version-mismatch', 'image-tag-mismatch']);
      const same = await check(root, 'helm-v0.12.0');
      expect(same.report.release.version).toBe('0.12.0');
      expect(same.report.findings).toEqual([]);
    });
  });
});
