import { execFileSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMap, isSeq, parseAllDocuments, type Node } from 'yaml';
import { formatImageRef, parseImageRef } from '../../src/model/image-ref.js';
import { loadManifests } from '../../src/sources/manifests/index.js';
import { imageNameMatches, KustomizeBuilder, splitImage } from '../../src/sources/manifests/kustomize.js';
import { Workspace } from '../../src/sources/manifests/workspace.js';
import { overrideLine, useLine } from './support/summarize.js';

const fixtures = path.resolve(import.meta.dirname, '../../fixtures/manifests');
const shared = path.join(fixtures, 'kustomize');

describe('kustomize', () => {
  it('reports each effective image once, at the node that decides its tag', async () => {
    const set = await loadManifests({ root: shared });
    expect(set.imageUses.map(useLine)).toEqual([
      // prod overrides the base's tag: the use points at prod's newTag
      'shared/base/deployment.yaml:14:18 ghcr.io/acme/app:v1.1.0 kustomize/kustomize tag@shared/overlays/prod/kustomization.yaml:5:13',
      // staging and renamed keep the base's inline tag: one use although two overlays render it
      'shared/base/deployment.yaml:14:18 ghcr.io/acme/app:v1.0.0 workload/inline tag@shared/base/deployment.yaml:14:18',
      'shared/base/deployment.yaml:14:18 ghcr.io/acme/app:v1.0.0-debug kustomize/kustomize tag@shared/components/debug/kustomization.yaml:9:13',
      'shared/base/deployment.yaml:16:18 docker.io/library/nginx:1.25 workload/inline tag@shared/base/deployment.yaml:16:18',
      'shared/base/deployment.yaml:16:18 docker.io/library/nginx@sha256:0000000000000000000000000000000000000000000000000000000000000001 kustomize/kustomize tag@shared/overlays/pinned/kustomization.yaml:5:13',
      // the untagged busybox of the component is not a use of its own: its newTag decides
      'shared/components/debug/debug-pod.yaml:8:14 docker.io/library/busybox:1.36 kustomize/kustomize tag@shared/components/debug/kustomization.yaml:7:13',
      // a strategic-merge patch writing a whole image decides it (patchesStrategicMerge and patches with a target)
      'shared/overlays/legacy-patched/app-image.yaml:10:18 ghcr.io/acme/app:v1.3.0 workload/inline tag@shared/overlays/legacy-patched/app-image.yaml:10:18',
      // newName alone: named by the override, tag still decided by the base
      'shared/overlays/mirror/kustomization.yaml:5:14 registry.example.com/mirror/app:v1.0.0 kustomize/inline tag@shared/base/deployment.yaml:14:18',
      'shared/overlays/patched/app-image.yaml:10:18 ghcr.io/acme/app:v1.2.0 workload/inline tag@shared/overlays/patched/app-image.yaml:10:18',
      // patched, then retagged by the same kustomization's images: (kustomize runs patches first)
      'shared/overlays/patched/proxy-image.yaml:10:18 docker.io/library/nginx:1.27 kustomize/kustomize tag@shared/overlays/patched/kustomization.yaml:11:13',
    ]);
    expect(set.kustomizeOverrides.map(overrideLine)).toEqual([
      'shared/components/debug/kustomization.yaml:6:11 busybox newTag=1.36@7:13 matched',
      'shared/components/debug/kustomization.yaml:8:11 ghcr.io/acme/app newTag=v1.0.0-debug@9:13 matched',
      'shared/overlays/mirror/kustomization.yaml:4:11 ghcr.io/acme/app newName=registry.example.com/mirror/app@5:14 matched',
      'shared/overlays/patched/kustomization.yaml:10:11 nginx newTag=1.27@11:13 matched',
      'shared/overlays/pinned/kustomization.yaml:4:11 nginx digest@5:13 matched',
      'shared/overlays/prod/kustomization.yaml:4:11 ghcr.io/acme/app newTag=v1.1.0@5:13 matched',
      'shared/overlays/renamed/kustomization.yaml:5:11 quay.io/acme/app newTag=v1.1.0@6:13 unmatched',
    ]);
    const renamed = set.kustomizeOverrides.find((o) => o.name.value === 'quay.io/acme/app');
    expect(renamed?.resourceImages).toEqual(['ghcr.io/acme/app', 'nginx']);
    expect(set.diagnostics).toEqual([]);
  });

  it('does not report an untagged resource image that newTag overrides (descheduler)', async () => {
    const set = await loadManifests({ root: path.join(fixtures, 'descheduler') });
    const deployment = set.imageUses.filter((use) => use.at.file === 'kubernetes/deployment/deployment.yaml');
    expect(deployment.map(useLine)).toEqual([
      'kubernetes/deployment/deployment.yaml:21:18 registry.k8s.io/descheduler/descheduler:v0.29.0 kustomize/kustomize tag@kubernetes/deployment/kustomization.yaml:8:11',
    ]);
    expect(deployment[0].kustomization).toBe('kubernetes/deployment');
    expect(set.imageUses.some((use) => use.tagSource === 'none')).toBe(false);
  });

  it('kubebuilder layout: controller:latest renamed and retagged, CRD schemas are not pod specs', async () => {
    const set = await loadManifests({ root: path.join(fixtures, 'operator') });
    expect(set.imageUses.map(useLine)).toEqual([
      'config/manager/kustomization.yaml:7:12 ghcr.io/acme/operator:v0.3.0 kustomize/kustomize tag@config/manager/kustomization.yaml:8:11',
      'config/samples/widget.yaml:8:12 ghcr.io/acme/widget-worker:v0.3.0 workload/inline tag@config/samples/widget.yaml:8:12',
    ]);
    expect(set.kustomizeOverrides.map(overrideLine)).toEqual([
      'config/manager/kustomization.yaml:6:9 controller newName=ghcr.io/acme/operator@7:12 newTag=v0.3.0@8:11 matched',
    ]);
    expect(set.diagnostics).toEqual([]);
  });

  it("matches images by kustomize's textual rule and splits like image.Split", () => {
    expect(imageNameMatches('nginx:1.25', 'nginx')).toBe(true);
    expect(imageNameMatches('nginx@sha256:abc', 'nginx')).toBe(true);
    expect(imageNameMatches('docker.io/library/nginx:1.25', 'nginx')).toBe(false);
    expect(imageNameMatches('ghcr.io/acme/app-worker:v1', 'ghcr.io/acme/app')).toBe(false);
    expect(imageNameMatches('localhost:5000/app:v1', 'localhost')).toBe(false);
    expect(splitImage('localhost:5000/app:v1')).toEqual({ name: 'localhost:5000/app', tag: 'v1', digest: '' });
    expect(splitImage('app:v1@sha256:ab')).toEqual({ name: 'app', tag: 'v1', digest: 'sha256:ab' });
    expect(splitImage('app')).toEqual({ name: 'app', tag: '', digest: '' });
  });
});

/** Every container image in `kubectl kustomize DIR`, normalized. */
function kubectlImages(dir: string): string[] {
  const output = execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const images: string[] = [];
  const walk = (node: unknown): void => {
    if (isSeq(node)) node.items.forEach(walk);
    if (!isMap(node)) return;
    for (const pair of node.items) {
      const key = String((pair.key as { value?: unknown })?.value);
      if (['containers', 'initContainers', 'ephemeralContainers'].includes(key) && isSeq(pair.value)) {
        for (const container of pair.value.items) if (isMap(container)) images.push(String(container.get('image')));
      } else walk(pair.value as Node);
    }
  };
  for (const doc of parseAllDocuments(output) as ReturnType<typeof parseAllDocuments> & unknown[]) walk(doc.contents);
  return normalized(images);
}

function normalized(images: string[]): string[] {
  return [...new Set(images.map((image) => { const parsed = parseImageRef(image); return parsed.ok ? formatImageRef(parsed.ref) : image; }))].sort();
}

const hasKubectl = (() => { try { execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' }); return true; } catch { return false; } })();

describe.skipIf(!hasKubectl)('kustomize cross-check with kubectl kustomize', () => {
  const cases: Array<[root: string, dir: string]> = [
    ...['prod', 'staging', 'renamed', 'mirror', 'pinned', 'with-debug', 'patched', 'legacy-patched'].map((name): [string, string] => [shared, `shared/overlays/${name}`]),
    [shared, 'shared/base'],
    [path.join(fixtures, 'descheduler'), 'kubernetes/deployment'],
    [path.join(fixtures, 'descheduler'), 'kubernetes/cronjob'],
    [path.join(fixtures, 'external-dns'), 'kustomize'],
    [path.join(fixtures, 'operator'), 'config/default'],
    [path.join(fixtures, 'operator'), 'config/manager'],
    ...['json-inline', 'json-file', 'json-file-json', 'smp-inline', 'ordered', 'quoted', 'insert-remove', 'namespaced', 'untargeted', 'deleted', 'prefixed/top']
      .map((name): [string, string] => [path.join(fixtures, 'kustomize-patches'), `overlays/${name}`]),
    [path.resolve(fixtures, '../rules/image-tag-mismatch/failing-kustomize-patches'), 'deploy/overlays/prod'],
  ];
  it.each(cases)('%s %s renders the images kubectl renders', async (root, dir) => {
    const workspace = new Workspace(root, realpathSync(root), []);
    const rendered = await new KustomizeBuilder(workspace).render(dir);
    expect(rendered.incomplete).toBe(false);
    expect(normalized(rendered.images)).toEqual(kubectlImages(path.join(root, dir)));
  });
});
