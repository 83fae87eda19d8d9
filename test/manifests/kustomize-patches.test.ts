import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadManifests } from '../../src/sources/manifests/index.js';
import { labelsMatch } from '../../src/sources/manifests/kustomize-patches.js';
import { diagnosticLine, useLine } from './support/summarize.js';

const fixture = path.resolve(import.meta.dirname, '../../fixtures/manifests/kustomize-patches');

describe('kustomize patches (cross-checked with kubectl kustomize in kustomize.test.ts)', () => {
  it('places every image a patch sets at its value: inside a literal block, in a YAML or JSON patch file', async () => {
    const set = await loadManifests({ root: fixture });
    const patched = set.imageUses.map(useLine).filter((line) => line.startsWith('overlays/'));
    expect(patched).toEqual([
      // add at containers/0 shifts the others; remove and replace address the shifted indexes
      'overlays/insert-remove/kustomization.yaml:10:37 docker.io/library/busybox:1.37 workload/inline tag@overlays/insert-remove/kustomization.yaml:10:37',
      'overlays/insert-remove/kustomization.yaml:15:16 ghcr.io/acme/app:v1.5.0 workload/inline tag@overlays/insert-remove/kustomization.yaml:15:16',
      // patches: path: to a JSON list, selected by labelSelector
      'overlays/json-file-json/image-patch.json:2:80 ghcr.io/acme/app:v1.3.0 workload/inline tag@overlays/json-file-json/image-patch.json:2:80',
      // patchesJson6902 with a YAML file: an init container's image, and a whole container replaced
      'overlays/json-file/image-patch.yaml:3:10 ghcr.io/acme/app:v1.2.1 workload/inline tag@overlays/json-file/image-patch.yaml:3:10',
      'overlays/json-file/image-patch.yaml:8:12 docker.io/library/nginx:1.27 workload/inline tag@overlays/json-file/image-patch.yaml:8:12',
      // inline `|-` and `|`: replace, add to containers/-, a CronJob's jobTemplate (quoted value inside the block)
      'overlays/json-inline/kustomization.yaml:10:16 ghcr.io/acme/app:v1.2.2 workload/inline tag@overlays/json-inline/kustomization.yaml:10:16',
      'overlays/json-inline/kustomization.yaml:18:18 ghcr.io/acme/metrics:v1.2.2 workload/inline tag@overlays/json-inline/kustomization.yaml:18:18',
      'overlays/json-inline/kustomization.yaml:24:16 ghcr.io/acme/report:v1.2.2 workload/inline tag@overlays/json-inline/kustomization.yaml:24:16',
      // the kustomization's namespace: is what the JSON6902 target selects on; other targets select nothing
      'overlays/namespaced/kustomization.yaml:12:16 ghcr.io/acme/app:v1.6.0 workload/inline tag@overlays/namespaced/kustomization.yaml:12:16',
      // patchesJson6902 runs after patches (nginx 1.26 wins over 1.99), images: after both
      'overlays/ordered/kustomization.yaml:10:16 docker.io/library/nginx:1.26 workload/inline tag@overlays/ordered/kustomization.yaml:10:16',
      'overlays/ordered/kustomization.yaml:18:16 ghcr.io/acme/app:v1.4.0 kustomize/kustomize tag@overlays/ordered/kustomization.yaml:24:13',
      // a base's namePrefix and commonLabels: the overlay's targets select on the new name and labels
      'overlays/prefixed/top/kustomization.yaml:11:16 ghcr.io/acme/app:v1.7.0 workload/inline tag@overlays/prefixed/top/kustomization.yaml:11:16',
      'overlays/prefixed/top/kustomization.yaml:17:16 ghcr.io/acme/report:v1.7.0 workload/inline tag@overlays/prefixed/top/kustomization.yaml:17:16',
      // a double-quoted patch string: at the patch: key (and a note says why)
      'overlays/quoted/kustomization.yaml:5:5 ghcr.io/acme/app:v1.2.0 workload/inline tag@overlays/quoted/kustomization.yaml:5:5',
      // strategic merge written inline: by the patch's own kind and name, and by a target (a new container is added)
      'overlays/smp-inline/kustomization.yaml:14:22 docker.io/library/nginx:1.26 workload/inline tag@overlays/smp-inline/kustomization.yaml:14:22',
      'overlays/smp-inline/kustomization.yaml:28:24 ghcr.io/acme/app:v1.1.0 workload/inline tag@overlays/smp-inline/kustomization.yaml:28:24',
      'overlays/smp-inline/kustomization.yaml:30:24 docker.io/library/redis:7.2 workload/inline tag@overlays/smp-inline/kustomization.yaml:30:24',
      'overlays/untargeted/report-image.yaml:12:22 ghcr.io/acme/report:v1.1.0 workload/inline tag@overlays/untargeted/report-image.yaml:12:22',
    ]);
    expect(set.diagnostics.map(diagnosticLine)).toEqual([
      'note overlays/quoted/kustomization.yaml:5 an inline patch that is not a literal block (| or |-) touches an image; its images are reported at the patch: key, as positions inside it cannot be exact',
    ]);
  });

  it('says what it does not model, and rejects what kustomize rejects', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'tagcheck-kpatch-'));
    try {
      await mkdir(path.join(root, 'app'));
      await writeFile(path.join(root, 'app/deployment.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: ghcr.io/acme/app:v1.0.0\n');
      await writeFile(path.join(root, 'app/kustomization.yaml'), [
        'resources: [deployment.yaml]',
        'patches:',
        '  - target: {kind: Deployment, annotationSelector: "a=b"}',
        '    patch: |-',
        '      - op: replace',
        '        path: /spec/template/spec',
        '        value: {containers: [{name: app, image: "ghcr.io/acme/app:v9"}]}',
        '      - op: copy',
        '        from: /spec/template/spec/containers/0',
        '        path: /spec/template/spec/initContainers/0',
        '  - patch: |-',
        '      - op: replace',
        '        path: /spec/template/spec/containers/0/image',
        '        value: ghcr.io/acme/app:v2',
        '  - target: {kind: Deployment}',
        '    patch: "- op: [unclosed"',
        '',
      ].join('\n'));
      const set = await loadManifests({ root });
      expect(set.imageUses.map(useLine)).toEqual(['app/deployment.yaml:10:18 ghcr.io/acme/app:v1.0.0 workload/inline tag@app/deployment.yaml:10:18']);
      expect(set.diagnostics.map(diagnosticLine)).toEqual([
        'note app/kustomization.yaml:4 the patch target\'s annotationSelector is not compared; the patch is applied to every object the rest of the target selects',
        'note app/kustomization.yaml:5 a JSON6902 patch (op replace on /spec/template/spec) may change container images; that operation is not modelled, so the image may not be what kustomize renders',
        'note app/kustomization.yaml:8 a JSON6902 patch (op copy on /spec/template/spec/initContainers/0) may change container images; that operation is not modelled, so the image may not be what kustomize renders',
        'warning app/kustomization.yaml:11 a JSON6902 patch has no target; kustomize rejects it, so it is not applied',
        'warning app/kustomization.yaml:16 an inline patch is not valid YAML; not applied',
      ]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('reads label selectors as Kubernetes does', () => {
    const labels = { tier: 'web', app: 'shop' };
    expect(labelsMatch('tier=web', labels)).toBe(true);
    expect(labelsMatch('tier==web,app=shop', labels)).toBe(true);
    expect(labelsMatch('tier!=web', labels)).toBe(false);
    expect(labelsMatch('tier in (api, web),!canary', labels)).toBe(true);
    expect(labelsMatch('tier notin (web)', labels)).toBe(false);
    expect(labelsMatch('app', labels)).toBe(true);
    expect(labelsMatch('missing', labels)).toBe(false);
  });
});
