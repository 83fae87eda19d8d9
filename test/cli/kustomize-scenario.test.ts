import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

// Issue 2's "done when": a kustomize repository whose `images:` pins the own image at v0.28.1 while the
// release is v0.29.0. The folder is named `descheduler`, so ownership comes from the repository name alone.
const kustomization = (newTag: string) => `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: kube-system
resources:
  - rbac.yaml
  - deployment.yaml
images:
  - name: registry.k8s.io/descheduler/descheduler
    newTag: ${newTag}
`;

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: descheduler
spec:
  selector:
    matchLabels: { app: descheduler }
  template:
    metadata:
      labels: { app: descheduler }
    spec:
      serviceAccountName: descheduler-sa
      containers:
        - name: descheduler
          image: registry.k8s.io/descheduler/descheduler:v0.28.1
          args: [--policy-config-file, /policy-dir/policy.yaml]
`;

const rbac = `apiVersion: v1
kind: ServiceAccount
metadata:
  name: descheduler-sa
`;

let parent: string;
let repo: string;
beforeAll(async () => {
  parent = await mkdtemp(join(tmpdir(), 'tagcheck-kustomize-'));
  repo = join(parent, 'descheduler');
  await mkdir(join(repo, 'kubernetes', 'base'), { recursive: true });
  await writeFile(join(repo, 'kubernetes', 'base', 'kustomization.yaml'), kustomization('v0.28.1'));
  await writeFile(join(repo, 'kubernetes', 'base', 'deployment.yaml'), deployment);
  await writeFile(join(repo, 'kubernetes', 'base', 'rbac.yaml'), rbac);
});
afterAll(() => rm(parent, { recursive: true, force: true }));

describe('issue 2: kustomize newTag behind the release', () => {
  it('reports image-tag-mismatch at the newTag value and exits 1', async () => {
    const run = await runCli([repo, '--tag', 'v0.29.0', '--offline', '--format', 'json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.release).toEqual({ tag: 'v0.29.0', version: '0.29.0', prerelease: false, source: 'flag' });
    expect(report.findings).toEqual([
      {
        ruleId: 'image-tag-mismatch',
        level: 'error',
        message: expect.stringContaining('v0.28.1'),
        location: { file: 'kubernetes/base/kustomization.yaml', line: 9, column: 13 },
        image: 'registry.k8s.io/descheduler/descheduler',
        expected: 'v0.29.0',
        actual: 'v0.28.1',
      },
    ]);
    expect(report.summary.error).toBe(1);
    expect(report.summary.rulesRun).toContain('image-tag-mismatch');
  });

  it('gives no finding and exit 0 once newTag is the release', async () => {
    await writeFile(join(repo, 'kubernetes', 'base', 'kustomization.yaml'), kustomization('v0.29.0'));
    try {
      const run = await runCli([repo, '--tag', 'v0.29.0', '--offline', '--format', 'json']);
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout).findings).toEqual([]);
    } finally {
      await writeFile(join(repo, 'kubernetes', 'base', 'kustomization.yaml'), kustomization('v0.28.1'));
    }
  });
});
