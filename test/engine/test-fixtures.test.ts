import { beforeEach, describe, expect, it } from 'vitest';
import { runCheck } from '../../src/engine/check.js';
import { originRepository, writeFiles } from '../support/origin-repo.js';
import { isTestFixturePath } from '../../src/model/test-fixtures.js';

const deployment = (image: string): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: ${image}\n`;

let root: string;
beforeEach(() => {
  root = originRepository('app', 'https://github.com/acme/app.git');
});

const write = (files: Record<string, string>) => writeFiles(root, files);

const summary = async (tag = 'v1.2.0') => {
  const result = await runCheck({ root, tag, env: {}, scope: 'manifests' });
  return {
    findings: result.report.findings.map((f) => `${f.ruleId} ${f.location?.file}:${f.location?.line}`),
    diagnostics: result.diagnostics.map((d) => `${d.level} ${d.file ?? '-'} ${d.message}`),
  };
};

describe('test-fixture folders with the default manifest set', () => {
  it('recognises folder names, never file names', () => {
    expect(isTestFixturePath('test/conformance/pod.yaml')).toBe(true);
    expect(isTestFixturePath('cmd/cli/_testdata/apply/resources.yaml')).toBe(true);
    expect(isTestFixturePath('pkg/E2E/x.yaml')).toBe(true);
    expect(isTestFixturePath('manifests/overlays/test-ha/kustomization.yaml')).toBe(true);
    expect(isTestFixturePath('hack/kind-e2e/cluster.yaml')).toBe(true);
    expect(isTestFixturePath('deploy/test.yaml')).toBe(false);
    expect(isTestFixturePath('deploy/latest/app.yaml')).toBe(false);
    expect(isTestFixturePath('charts/attestation/values.yaml')).toBe(false);
    expect(isTestFixturePath('latest-testing/deploy.yaml')).toBe(false);
    expect(isTestFixturePath('contest/deploy.yaml')).toBe(false);
  });

  it('sets aside their images (own and third-party), charts, overrides; demotes their warnings; says so in a note', async () => {
    await write({
      'deploy/app.yaml': deployment('ghcr.io/acme/app:v1.1.0'),
      'test/e2e/app.yaml': deployment('ghcr.io/acme/app:latest'),
      'tests/manifests/job.yaml': deployment('nonexisting'),
      'pkg/testdata/chart/Chart.yaml': 'apiVersion: v2\nname: fixture\nversion: v1.0.0\nappVersion: "0.1"\n',
      'test/kustomize/kustomization.yaml': 'resources: []\nimages:\n  - name: gone/image\n    newTag: v0.0.1\n',
      'e2e/broken.yaml': 'a: [\n',
    });
    const { findings, diagnostics } = await summary();
    expect(findings).toEqual(['image-tag-mismatch deploy/app.yaml:10']);
    expect(diagnostics[0]).toMatch(/^note - 2 image references and 1 chart in test-fixture folders \(test\/, tests\/, testdata\/.*name the folders in manifests:/);
    expect(diagnostics.filter((d) => d.startsWith('warning'))).toEqual([]);
    expect(diagnostics.some((d) => d.startsWith('note e2e/broken.yaml invalid YAML'))).toBe(true);
  });

  it('a base that a deploy overlay and a test overlay both reach is the deploy overlay\'s', async () => {
    await write({
      'base/kustomization.yaml': 'resources:\n  - app.yaml\n',
      'base/app.yaml': deployment('ghcr.io/acme/app:v1.1.0'),
      // sorts before `base` and `overlays`: the dedupe must still keep the deploy build's use
      'a/test/kustomization.yaml': 'resources:\n  - ../../base\n',
      'overlays/prod/kustomization.yaml': 'resources:\n  - ../../base\n',
    });
    expect((await summary()).findings).toEqual(['image-tag-mismatch base/app.yaml:10']);
  });

  it('a test overlay that retags a deploy base is set aside; the base alone is still checked', async () => {
    await write({
      'config/manager/kustomization.yaml': 'resources:\n  - app.yaml\n',
      'config/manager/app.yaml': deployment('ghcr.io/acme/app:v1.2.0'),
      'test/e2e/config/kustomization.yaml': 'resources:\n  - ../../../config/manager\nimages:\n  - name: ghcr.io/acme/app\n    newTag: e2e\n',
    });
    expect((await summary()).findings).toEqual([]);
    expect((await summary('v1.3.0')).findings).toEqual(['image-tag-mismatch config/manager/app.yaml:10']);
  });

  it('a manifests: glob that names a fixture folder checks it like any other; `**` alone names none', async () => {
    await write({
      '.tagcheck.yaml': 'manifests:\n  - "deploy/**/*.yaml"\n  - "test/e2e/*.yaml"\n',
      'deploy/app.yaml': deployment('ghcr.io/acme/app:v1.2.0'),
      'deploy/e2e/app.yaml': deployment('ghcr.io/acme/app:main'),
      'test/e2e/app.yaml': deployment('ghcr.io/acme/app:latest'),
    });
    const named = await summary();
    // test/ and e2e/ are both named, so deploy/e2e is checked too
    expect(named.findings).toEqual(['image-tag-mismatch deploy/e2e/app.yaml:10', 'image-tag-mismatch test/e2e/app.yaml:10']);
    expect(named.diagnostics.filter((d) => d.includes('test-fixture'))).toEqual([]);

    await write({ '.tagcheck.yaml': 'manifests:\n  - "**/*.yaml"\n' });
    const unnamed = await summary();
    expect(unnamed.findings).toEqual([]);
    expect(unnamed.diagnostics[0]).toMatch(/^note - 2 image references in test-fixture folders/);
  });
});
