import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCheck } from '../../src/engine/check.js';
import { originRepository, writeFiles } from '../support/origin-repo.js';
import { otherReleaseOf, releaseLineOf } from '../../src/model/release-lines.js';
import { parseVersion } from '../../src/model/version.js';

const deployment = (image: string): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: kube-vip\nspec:\n  template:\n    spec:\n      containers:\n        - name: kube-vip\n          image: ${image}\n`;

let root: string;
beforeEach(() => {
  root = originRepository('kube-vip', 'https://github.com/kube-vip/kube-vip.git');
});

const write = (files: Record<string, string>) => writeFiles(root, files);

const check = async (tag: string | undefined, config?: string) => {
  if (config) await writeFile(path.join(root, '.tagcheck.yaml'), config);
  const result = await runCheck({ root, env: {}, scope: 'manifests', ...(tag ? { tag } : {}) });
  return {
    findings: result.report.findings.map((f) => `${f.ruleId} ${f.location?.file}:${f.location?.line}`),
    notes: result.diagnostics.filter((d) => d.notChecked).map((d) => d.message),
  };
};

describe('files kept for another release line', () => {
  it('are named by a folder or a file name for a line or a release, never a bare major.minor', () => {
    expect(releaseLineOf('website/versioned_docs/version-v3.8.x/install.md')).toBe('3.8');
    expect(releaseLineOf('site/static/v0.18/examples/jobs/job.yaml')).toBe('0.18');
    expect(releaseLineOf('example/deploy/0.1.2.yaml')).toBe('0.1');
    expect(releaseLineOf('docs/3.8.x/index.md')).toBe('3.8');
    expect(releaseLineOf('deploy/v1.2.3/app.yaml')).toBe('1.2');
    expect(releaseLineOf('deploy/1.2/app.yaml')).toBeUndefined();
    expect(releaseLineOf('docs/install-csi-driver-v4.9.0.md')).toBe('4.9');
    expect(releaseLineOf('deploy/app-v1.2.3.yaml')).toBe('1.2');
    expect(releaseLineOf('deploy/app-v1.2.yaml')).toBeUndefined();
    expect(releaseLineOf('deploy/v1.2.3-notes/app.yaml')).toBeUndefined();
    expect(releaseLineOf('api/v1/types.yaml')).toBeUndefined();
    expect(releaseLineOf('deploy/latest/app.yaml')).toBeUndefined();
  });

  it('are set aside at a release with one note; the release\'s own line and the rest are checked (kube-vip at v0.9.2)', async () => {
    // kube-vip keeps a deploy example per release: example/deploy/0.1.2.yaml … 0.9.2.yaml
    await write({
      'example/deploy/0.1.2.yaml': deployment('ghcr.io/kube-vip/kube-vip:0.3.7'),
      'example/deploy/0.3.5.yaml': deployment('docker.io/plndr/kube-vip:v0.3.5'),
      'example/deploy/0.9.2.yaml': deployment('ghcr.io/kube-vip/kube-vip:v0.9.1'),
      'manifests/kube-vip.yaml': deployment('ghcr.io/kube-vip/kube-vip:v0.9.1'),
    });
    expect(await check('v0.9.2')).toEqual({
      findings: ['image-tag-mismatch example/deploy/0.9.2.yaml:10', 'image-tag-mismatch manifests/kube-vip.yaml:10'],
      notes: ['2 image references in files kept for other release lines (0.1, 0.3) not checked against v0.9.2: they deploy those releases; name the folders in manifests: in .tagcheck.yaml to check them'],
    });
  });

  it('are, in the release\'s own line, those named for another whole release (csi-driver-nfs\'s charts/v4.13.0/ at v4.13.4)', async () => {
    const release = parseVersion('v4.13.4')!;
    expect(otherReleaseOf('charts/v4.13.0/csi-driver-nfs/Chart.yaml', release)).toBe('4.13.0');
    expect(otherReleaseOf('charts/v4.13.4/csi-driver-nfs/Chart.yaml', release)).toBeUndefined();
    expect(otherReleaseOf('docs/v4.13/install.md', release)).toBeUndefined();
    expect(otherReleaseOf('docs/4.13.x/install.md', release)).toBeUndefined();
    expect(otherReleaseOf('charts/v4.12.0/csi-driver-nfs/Chart.yaml', release)).toBe('4.12');
    expect(otherReleaseOf('docs/install-csi-driver-v4.13.3.md', release)).toBe('4.13.3');
    expect(otherReleaseOf('docs/install-csi-driver-v4.13.4.md', release)).toBeUndefined();
    await write({
      'charts/v4.13.0/app/deploy.yaml': deployment('ghcr.io/kube-vip/kube-vip:v4.13.0'),
      'charts/v4.13.3/app/deploy.yaml': deployment('ghcr.io/kube-vip/kube-vip:v4.13.3'),
      'charts/v4.13.4/app/deploy.yaml': deployment('ghcr.io/kube-vip/kube-vip:v4.13.3'),
      'charts/latest/app/deploy.yaml': deployment('ghcr.io/kube-vip/kube-vip:v4.13.3'),
    });
    expect(await check('v4.13.4')).toEqual({
      findings: ['image-tag-mismatch charts/latest/app/deploy.yaml:10', 'image-tag-mismatch charts/v4.13.4/app/deploy.yaml:10'],
      notes: ['2 image references in files kept for other releases (4.13.0, 4.13.3) not checked against v4.13.4: they deploy those releases; name the folders in manifests: in .tagcheck.yaml to check them'],
    });
  });

  it('are checked without a release, and when a manifests: glob names their folder', async () => {
    await write({ 'site/static/v0.18/app.yaml': deployment('ghcr.io/kube-vip/kube-vip:v0.18.0'), 'deploy/app.yaml': deployment('ghcr.io/kube-vip/kube-vip:v0.19.0') });
    expect((await check(undefined)).findings).toEqual(['image-tag-inconsistent site/static/v0.18/app.yaml:10']);
    expect((await check('v0.19.0', 'manifests: ["deploy/**", "site/static/v0.18/**"]\n')).findings).toEqual(['image-tag-mismatch site/static/v0.18/app.yaml:10']);
  });
});
