import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatImageRef } from '../../src/model/image-ref.js';
import { loadManifests } from '../../src/sources/manifests/index.js';
import type { ImageUse } from '../../src/model/release.js';

const fixtures = path.resolve(import.meta.dirname, '../../fixtures/manifests');

function summary(use: ImageUse): string {
  const tagAt = use.tagAt ? `${use.tagAt.line}:${use.tagAt.column}` : '-';
  return `${use.at.file}:${use.at.line}:${use.at.column} ${formatImageRef(use.ref)} ${use.kind}/${use.tagSource} tag@${tagAt}`;
}

describe('plain workloads', () => {
  it('finds every container shape with the position of the image value', async () => {
    const set = await loadManifests({ root: path.join(fixtures, 'workloads') });
    expect(set.imageUses.map(summary)).toEqual([
      'crd-workload.yaml:11:18 ghcr.io/acme/gadget@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef workload/inline tag@11:18',
      'crd-workload.yaml:23:18 docker.io/library/busybox:1.36 workload/inline tag@23:18',
      'crd-workload.yaml:26:18 docker.io/library/busybox:latest workload/inline tag@26:18',
      'crd-workload.yaml:35:20 quay.io/acme/tpl:2.0.0 workload/inline tag@35:20',
      'cronjob.yaml:14:22 ghcr.io/acme/cleanup:v1.2.3 workload/inline tag@14:22',
      'deployment.yaml:11:18 ghcr.io/acme/api-migrate:v1.2.3 workload/inline tag@11:18',
      'deployment.yaml:14:18 ghcr.io/acme/api:v1.2.3 workload/inline tag@14:18',
      'deployment.yaml:16:18 docker.io/library/nginx workload/none tag@16:18',
    ]);
    expect(set.imageUses.every((use) => use.own === false)).toBe(true);
    expect(set.diagnostics).toEqual([]);
    expect(set.files).toEqual(['crd-definition.yaml', 'crd-workload.yaml', 'cronjob.yaml', 'deployment.yaml', 'not-kubernetes.yml']);
  });

  it('honours globs', async () => {
    const set = await loadManifests({ root: path.join(fixtures, 'workloads'), globs: ['cron*.yaml'] });
    expect(set.files).toEqual(['cronjob.yaml']);
    expect(set.imageUses.map((use) => formatImageRef(use.ref))).toEqual(['ghcr.io/acme/cleanup:v1.2.3']);
  });

  it('reads a plain folder name in globs as the whole folder', async () => {
    const set = await loadManifests({ root: fixtures, globs: ['workloads/', 'missing-folder'] });
    expect(set.files).toHaveLength(5);
    expect(set.imageUses).toHaveLength(8);
  });

  it('kubebuilder\'s `controller` placeholder, set at build time, is a note, not an image; a retagged one is the override\'s', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'tagcheck-kubebuilder-'));
    try {
      const deployment = (image: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: m\nspec:\n  template:\n    spec:\n      containers:\n        - name: manager\n          image: ${image}\n`;
      await mkdir(path.join(root, 'config/manager'), { recursive: true });
      await mkdir(path.join(root, 'config/retagged'), { recursive: true });
      // opentelemetry-operator v0.110.0: no images: entry, the Makefile runs `kustomize edit set image controller=${IMG}`
      await writeFile(path.join(root, 'config/manager/kustomization.yaml'), 'resources:\n  - manager.yaml\n');
      await writeFile(path.join(root, 'config/manager/manager.yaml'), deployment('controller'));
      await writeFile(path.join(root, 'config/retagged/kustomization.yaml'), 'resources:\n  - manager.yaml\nimages:\n  - name: controller\n    newName: ghcr.io/acme/op\n    newTag: v1.0.0\n');
      await writeFile(path.join(root, 'config/retagged/manager.yaml'), deployment('controller:latest'));
      await writeFile(path.join(root, 'deploy.yaml'), deployment('ghcr.io/acme/controller'));
      // cert-manager v1.15.0 make/config/bind/deployment.yaml
      await writeFile(path.join(root, 'bind.yaml'), deployment('"{IMAGE}"'));
      const set = await loadManifests({ root });
      expect(set.imageUses.map(summary)).toEqual([
        'config/retagged/kustomization.yaml:5:14 ghcr.io/acme/op:v1.0.0 kustomize/kustomize tag@6:13',
        'deploy.yaml:10:18 ghcr.io/acme/controller workload/none tag@10:18',
      ]);
      expect(set.diagnostics.map((d) => `${d.level} ${d.file}:${d.line} ${d.message}`)).toEqual([
        'note bind.yaml:10 image "{IMAGE}" contains a placeholder filled in at release time; not checked',
        'note config/manager/manager.yaml:10 image "controller" is kubebuilder\'s placeholder, set when the manifests are built (kustomize edit set image controller=…); not checked',
      ]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
