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
});
