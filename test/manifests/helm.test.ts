import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeTemplates, defaultFor } from '../../src/sources/manifests/helm-templates.js';
import { loadManifests } from '../../src/sources/manifests/index.js';
import { helmPackageCommands } from '../../src/sources/manifests/helm-package.js';
import { chartLine, diagnosticLine, useLine } from './support/summarize.js';

const fixtures = path.resolve(import.meta.dirname, '../../fixtures/manifests');

describe('Helm charts modelled on real projects', () => {
  it('descheduler: tag "" defaults to v + appVersion 0.29.0, located at appVersion', async () => {
    const set = await loadManifests({ root: path.join(fixtures, 'descheduler') });
    expect(set.charts.map(chartLine)).toEqual(['charts/descheduler name=descheduler@2:7 version=0.29.0@3:10 appVersion=0.29.0@4:13']);
    const values = set.imageUses.filter((use) => use.kind === 'helm-values');
    expect(values.map(useLine)).toEqual([
      'charts/descheduler/values.yaml:7:15 registry.k8s.io/descheduler/descheduler:v0.29.0 helm-values/helm-app-version tag@charts/descheduler/Chart.yaml:4:13',
    ]);
    expect(values[0].chart).toBe('charts/descheduler');
    expect(set.diagnostics).toEqual([]);
  });

  it('external-dns: a null tag defaults through a _helpers.tpl printf "v%s"', async () => {
    const set = await loadManifests({ root: path.join(fixtures, 'external-dns') });
    expect(set.imageUses.map(useLine)).toEqual([
      'charts/external-dns/values.yaml:3:15 registry.k8s.io/external-dns/external-dns:v0.14.0 helm-values/helm-app-version tag@charts/external-dns/Chart.yaml:6:13',
      'kustomize/external-dns-deployment.yaml:19:18 registry.k8s.io/external-dns/external-dns:v0.14.0 kustomize/kustomize tag@kustomize/kustomization.yaml:6:13',
    ]);
    expect(set.diagnostics).toEqual([]);
  });

  it('inspektor-gadget: appVersion v0.40.0 used as is by `default .Chart.AppVersion`', async () => {
    const set = await loadManifests({ root: path.join(fixtures, 'inspektor-gadget') });
    expect(set.charts.map(chartLine)).toEqual(['charts/gadget name=gadget@2:7 version=0.40.0@5:10 appVersion=v0.40.0@6:13']);
    expect(set.imageUses.map(useLine)).toEqual([
      'charts/gadget/values.yaml:7:15 ghcr.io/inspektor-gadget/inspektor-gadget:v0.40.0 helm-values/helm-app-version tag@charts/gadget/Chart.yaml:6:13',
    ]);
  });

  it('chartmuseum: an explicit values tag decides, located at the tag', async () => {
    const set = await loadManifests({ root: path.join(fixtures, 'chartmuseum') });
    expect(set.charts.map(chartLine)).toEqual(['. name=chartmuseum@4:7 version=3.10.3@5:10 appVersion=0.16.2@2:13']);
    expect(set.imageUses.map(useLine)).toEqual(['values.yaml:6:15 ghcr.io/helm/chartmuseum:v0.16.2 helm-values/helm-values tag@values.yaml:7:8']);
    expect(set.imageUses[0].chart).toBe('.');
  });

  it('nested blocks, strings, digests, no default, placeholders, vendored charts and templates outside charts', async () => {
    const set = await loadManifests({ root: path.join(fixtures, 'helm-shapes') });
    expect(set.imageUses.map(useLine)).toEqual([
      'charts/platform/charts/redis/values.yaml:3:15 docker.io/bitnami/redis:7.0.0-debian-11-r0 helm-values/helm-values tag@charts/platform/charts/redis/values.yaml:4:8',
      'charts/platform/values.yaml:4:17 ghcr.io/acme/controller:1.2.3 helm-values/helm-app-version tag@charts/platform/Chart.yaml:4:13',
      'charts/platform/values.yaml:9:17 ghcr.io/acme/webhook:v1.2.3 helm-values/helm-app-version tag@charts/platform/Chart.yaml:4:13',
      'charts/platform/values.yaml:12:10 quay.io/acme/sidecar:2.0.1 helm-values/helm-values tag@charts/platform/values.yaml:12:10',
      'charts/platform/values.yaml:15:17 ghcr.io/acme/metrics@sha256:0000000000000000000000000000000000000000000000000000000000000002 helm-values/helm-values tag@charts/platform/values.yaml:16:13',
      'charts/platform/values.yaml:19:17 ghcr.io/acme/legacy helm-values/none tag@charts/platform/values.yaml:19:17',
    ]);
    expect(set.charts.map(chartLine)).toEqual([
      'charts/platform name=platform@2:7 version=1.2.3@3:10 appVersion=1.2.3@4:13',
      'charts/platform/charts/redis name=redis@2:7 version=17.0.0@3:10 appVersion=7.0.0@4:13 vendored',
      'charts/stamped name=stamped@2:7',
      // a Chart.yaml.tmpl: a chart whose versions are filled in at release time, none read
      'release',
    ]);
    expect(set.imageUses.find((use) => use.ref.repository === 'docker.io/bitnami/redis')?.chart).toBe('charts/platform/charts/redis');
    expect(set.diagnostics.map(diagnosticLine).sort()).toEqual([
      'note charts/platform/values.yaml:23 image "ghcr.io/acme/stamped:%APP_VERSION%" contains a placeholder filled in at release time; not checked',
      'note charts/stamped/Chart.yaml:3 version "%VERSION%" is a placeholder filled in at release time; not checked',
      'note charts/stamped/Chart.yaml:4 appVersion "%APP_VERSION%" is a placeholder filled in at release time; not checked',
      'note deploy/envsubst.yaml:8 image "ghcr.io/acme/app:${VERSION}" contains a placeholder filled in at release time; not checked',
      "note deploy/raw.yaml:9 template syntax ({{ … }}) outside a Helm chart's templates/ makes this file invalid YAML; skipped",
      'note release/Chart.yaml.tmpl a template for Chart.yaml filled in at release time; its versions are not checked',
    ]);
    // templates/ are never parsed as YAML
    expect(set.files.some((file) => file.includes('/templates/'))).toBe(false);
  });
});

async function chartRoot(files: Record<string, string>, run: (root: string) => Promise<void>): Promise<void> {
  const root = await mkdtemp(path.join(tmpdir(), 'tagcheck-chart-'));
  try {
    for (const [file, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(root, file)), { recursive: true });
      await writeFile(path.join(root, file), text);
    }
    await run(root);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

describe('registry conventions in values.yaml', () => {
  it('ingress-nginx: registry + image (the repository path) + tag + digest', async () => {
    // controller.image of the ingress-nginx chart 4.4.0 values.yaml
    const values = [
      'controller:',
      '  name: controller',
      '  image:',
      '    ## Keep false as default for now!',
      '    chroot: false',
      '    registry: registry.k8s.io',
      '    image: ingress-nginx/controller',
      '    ## for backwards compatibility consider setting the full image url via the repository value below',
      '    ## use *either* current default registry/image or repository format or installing chart by providing the values.yaml will fail',
      '    ## repository:',
      '    tag: "v1.5.1"',
      '    digest: sha256:4ba73c697770664c1e00e9f968de14e08f606ff961c76e5d7033a4a9c593c629',
      '    digestChroot: sha256:c1c091b88a6c936a83bd7b098662760a87868d12452529bad0d178fb36147345',
      '    pullPolicy: IfNotPresent',
      '',
    ].join('\n');
    await chartRoot({ 'charts/ingress-nginx/Chart.yaml': 'apiVersion: v2\nappVersion: 1.5.1\nname: ingress-nginx\nversion: 4.4.0\n', 'charts/ingress-nginx/values.yaml': values }, async (root) => {
      const set = await loadManifests({ root });
      expect(set.imageUses.map(useLine)).toEqual([
        'charts/ingress-nginx/values.yaml:7:12 registry.k8s.io/ingress-nginx/controller:v1.5.1@sha256:4ba73c697770664c1e00e9f968de14e08f606ff961c76e5d7033a4a9c593c629 helm-values/helm-values tag@charts/ingress-nginx/values.yaml:11:10',
      ]);
      expect(set.diagnostics).toEqual([]);
    });
  });

  it('ingress-nginx 4.12: the registry in global.image, merged into each image block by the templates', async () => {
    // charts/ingress-nginx/values.yaml at controller-v1.12.8 (trimmed): `controller.image.registry` is commented out
    const values = [
      'global:',
      '  image:',
      '    # -- Registry host to pull images from.',
      '    registry: registry.k8s.io',
      'controller:',
      '  image:',
      '    chroot: false',
      '    # registry: registry.k8s.io',
      '    image: ingress-nginx/controller',
      '    ## repository:',
      '    tag: "v1.12.8"',
      '    digest: sha256:8f8343060688fb2a85752b7345a988d0d3c890d774e18e80b9e8730756e5b530',
      '  admissionWebhooks:',
      '    patch:',
      '      image:',
      '        image: ingress-nginx/kube-webhook-certgen',
      '        tag: v1.6.4',
      '  extra:',
      '    image:',
      '      repository: ghcr.io/acme/extra',
      '      tag: v2',
      '    sidecarImage: busybox:1.36',
      '',
    ].join('\n');
    await chartRoot({ 'charts/ingress-nginx/Chart.yaml': 'apiVersion: v2\nappVersion: 1.12.8\nname: ingress-nginx\nversion: 4.12.8\n', 'charts/ingress-nginx/values.yaml': values }, async (root) => {
      const set = await loadManifests({ root });
      expect(set.imageUses.map((use) => useLine(use).split(' ').slice(0, 2).join(' '))).toEqual([
        'charts/ingress-nginx/values.yaml:9:12 registry.k8s.io/ingress-nginx/controller:v1.12.8@sha256:8f8343060688fb2a85752b7345a988d0d3c890d774e18e80b9e8730756e5b530',
        'charts/ingress-nginx/values.yaml:16:16 registry.k8s.io/ingress-nginx/kube-webhook-certgen:v1.6.4',
        // a repository with a host of its own keeps it; an image written as one string is used as written
        'charts/ingress-nginx/values.yaml:20:19 ghcr.io/acme/extra:v2',
        'charts/ingress-nginx/values.yaml:22:19 docker.io/library/busybox:1.36',
      ]);
    });
  });

  it('kyverno: a global registry that is set comes before defaultRegistry, as the kyverno.image helper has it', async () => {
    const values = 'global:\n  image:\n    registry: mirror.example.com\nadmissionController:\n  container:\n    image:\n      registry: ~\n      defaultRegistry: reg.kyverno.io\n      repository: kyverno/kyverno\n      tag: v1.15.2\n';
    await chartRoot({ 'c/Chart.yaml': 'name: c\nversion: 1.0.0\n', 'c/values.yaml': values }, async (root) => {
      const set = await loadManifests({ root });
      expect(set.imageUses.map((use) => `${use.ref.repository}:${use.ref.tag}`)).toEqual(['mirror.example.com/kyverno/kyverno:v1.15.2']);
    });
  });

  it('kubernetes-csi: a repository written as /path follows image.baseRepo, as the drivers\' templates join them', async () => {
    // charts/latest/csi-driver-nfs/values.yaml at v4.13.4 (trimmed): `{{ .Values.image.baseRepo }}{{ .Values.image.csiProvisioner.repository }}`
    const values = [
      'image:',
      '    baseRepo: registry.k8s.io',
      '    nfs:',
      '        repository: registry.k8s.io/sig-storage/nfsplugin',
      '        tag: v4.13.4',
      '    csiProvisioner:',
      '        repository: /sig-storage/csi-provisioner',
      '        tag: v6.3.0',
      'other:',
      '    image:',
      '        repository: /no/base',
      '        tag: v1',
      '',
    ].join('\n');
    await chartRoot({ 'c/Chart.yaml': 'name: c\nversion: 1.0.0\n', 'c/values.yaml': values }, async (root) => {
      const set = await loadManifests({ root });
      expect(set.imageUses.map((use) => `${use.ref.repository}:${use.ref.tag}`)).toEqual(['registry.k8s.io/sig-storage/nfsplugin:v4.13.4', 'registry.k8s.io/sig-storage/csi-provisioner:v6.3.0']);
      // a /path with no baseRepo around it is still no image reference
      expect(set.diagnostics.map((d) => d.message)).toEqual([expect.stringContaining('invalid repository name "/no/base"')]);
    });
  });

  it('cert-manager 1.21: imageRegistry + imageNamespace + a bare name; version v0.0.0 is the release tool\'s placeholder', async () => {
    // deploy/charts/cert-manager at v1.21.1 (trimmed): the cert-manager.image helper composes the three when
    // `repository` is empty, and the release tool writes version and appVersion
    const chart = '# The version and appVersion fields are set automatically by the release tool\nname: cert-manager\nversion: v0.0.0\nappVersion: v0.0.0\n';
    const values = [
      'imageRegistry: quay.io',
      'imageNamespace: jetstack',
      'image:',
      '  # registry: ""',
      '  name: cert-manager-controller',
      '  repository: ""',
      '  # tag: vX.Y.Z',
      'webhook:',
      '  image:',
      '    name: cert-manager-webhook',
      '    repository: ""',
      'acmesolver:',
      '  image:',
      '    registry: legacy.example.io',
      '    name: cert-manager-acmesolver',
      'startupapicheck:',
      '  image:',
      '    repository: ghcr.io/acme/startupapicheck',
      '    tag: v1',
      '',
    ].join('\n');
    await chartRoot({ 'deploy/charts/cert-manager/Chart.yaml': chart, 'deploy/charts/cert-manager/values.yaml': values }, async (root) => {
      const set = await loadManifests({ root });
      expect(set.imageUses.map((use) => use.ref.repository)).toEqual([
        'quay.io/jetstack/cert-manager-controller',
        'quay.io/jetstack/cert-manager-webhook',
        // a block's own registry goes in front of the composed name, as the helper does (its "double registry")
        'legacy.example.io/quay.io/jetstack/cert-manager-acmesolver',
        'ghcr.io/acme/startupapicheck',
      ]);
      expect(set.diagnostics.map(diagnosticLine)).toEqual([
        'note deploy/charts/cert-manager/Chart.yaml:3 version "v0.0.0" is a placeholder filled in at release time; not checked',
        'note deploy/charts/cert-manager/Chart.yaml:4 appVersion "v0.0.0" is a placeholder filled in at release time; not checked',
      ]);
    });
  });

  it('a bare image name without imageRegistry or imageNamespace is no image', async () => {
    await chartRoot({ 'c/Chart.yaml': 'name: c\nversion: 1.0.0\n', 'c/values.yaml': 'image:\n  name: controller\n  pullPolicy: Always\n' }, async (root) => {
      const set = await loadManifests({ root });
      expect(set.imageUses).toEqual([]);
    });
  });

  it('a global registry that is unset, empty or a template names none', async () => {
    for (const global of ['global:\n  image:\n    registry: ~\n', 'global:\n  imageRegistry: ""\n', 'global:\n  registry: "{{ .Values.mirror }}"\n']) {
      const values = `${global}image:\n  repository: acme/app\n  tag: v1\n`;
      await chartRoot({ 'c/Chart.yaml': 'name: c\nversion: 1.0.0\n', 'c/values.yaml': values }, async (root) => {
        const set = await loadManifests({ root });
        expect(set.imageUses.map((use) => `${use.ref.repository}:${use.ref.tag}`), global).toEqual(['docker.io/acme/app:v1']);
      });
    }
  });

  it('Bitnami: global.imageRegistry in front of every image block without a registry host', async () => {
    const values = 'global:\n  imageRegistry: mirror.example.com\nimage:\n  registry: docker.io\n  repository: bitnami/nginx\n  tag: 1.25.3\nmetrics:\n  image:\n    repository: bitnami/nginx-exporter\n    tag: 0.11.0\n';
    await chartRoot({ 'c/Chart.yaml': 'name: c\nversion: 1.0.0\n', 'c/values.yaml': values }, async (root) => {
      const set = await loadManifests({ root });
      expect(set.imageUses.map((use) => `${use.ref.repository}:${use.ref.tag}`)).toEqual(['docker.io/bitnami/nginx:1.25.3', 'mirror.example.com/bitnami/nginx-exporter:0.11.0']);
    });
  });

  it('a map with an image key but no registry is not an image block', async () => {
    await chartRoot({ 'c/Chart.yaml': 'name: c\nversion: 1.0.0\n', 'c/values.yaml': 'sidecar:\n  image: ghcr.io/acme/sidecar:v1\n  name: x\n' }, async (root) => {
      const set = await loadManifests({ root });
      expect(set.imageUses.map((use) => `${use.ref.repository}:${use.ref.tag}`)).toEqual(['ghcr.io/acme/sidecar:v1']);
    });
  });

  it('kyverno: registry ~ falls back to defaultRegistry, as the chart\'s kyverno.image helper does', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'tagcheck-kyverno-'));
    try {
      await mkdir(path.join(root, 'charts/kyverno/templates/_helpers'), { recursive: true });
      await writeFile(path.join(root, 'charts/kyverno/Chart.yaml'), 'apiVersion: v2\nname: kyverno\nversion: 3.5.2\nappVersion: v1.15.2\n');
      await writeFile(
        path.join(root, 'charts/kyverno/values.yaml'),
        'admissionController:\n  container:\n    image:\n      registry: ~\n      defaultRegistry: reg.kyverno.io\n      repository: kyverno/kyverno\n      tag: ~\n',
      );
      // the real helper (kyverno/kyverno charts/kyverno/templates/_helpers/_image.tpl) and its call
      await writeFile(
        path.join(root, 'charts/kyverno/templates/_helpers/_image.tpl'),
        '{{- define "kyverno.image" -}}\n{{- $tag := default .defaultTag .image.tag -}}\n{{- $imageRegistry := default (default .image.defaultRegistry .globalRegistry) .image.registry -}}\n{{- print $imageRegistry "/" .image.repository ":" $tag -}}\n{{- end -}}\n',
      );
      await writeFile(
        path.join(root, 'charts/kyverno/templates/deployment.yaml'),
        'image: {{ include "kyverno.image" (dict "globalRegistry" .Values.global.image.registry "image" .Values.admissionController.container.image "defaultTag" (default .Chart.AppVersion .Values.admissionController.container.image.tag)) | quote }}\n',
      );
      const set = await loadManifests({ root });
      expect(set.imageUses.map((use) => `${use.ref.repository}:${use.ref.tag}`)).toEqual(['reg.kyverno.io/kyverno/kyverno:v1.15.2']);
      expect(set.diagnostics).toEqual([]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('values image blocks in the other shapes charts write', () => {
  it('`name` for the repository, `version` for the tag, and a tag beside an image string (`imageTag`, `tag`)', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'tagcheck-values-shapes-'));
    try {
      await mkdir(path.join(root, 'chart/templates'), { recursive: true });
      await writeFile(path.join(root, 'chart/Chart.yaml'), 'apiVersion: v2\nname: shapes\nversion: 1.0.0\nappVersion: 1.0.0\n');
      await writeFile(path.join(root, 'chart/templates/d.yaml'), 'x: {{ .Values.a }}\n');
      await writeFile(
        path.join(root, 'chart/values.yaml'),
        [
          'a:', '  image:', '    name: ghcr.io/acme/a', '    tag: v0.9.0',
          'b:', '  image: ghcr.io/acme/b', '  imageTag: v0.9.0',
          'c:', '  sidecarImage: ghcr.io/acme/c', '  sidecarImageTag: "0.9.0"',
          'd:', '  image:', '    repository: ghcr.io/acme/d', '    version: v0.9.0',
          'e:', '  image: ghcr.io/acme/e', '  tag: v0.9.0',
          // not images: a `name` that is no image path, a `name` outside an image block, a `version` beside `tag`
          'f:', '  image:', '    name: my app', 'g:', '  chart:', '    name: ghcr.io/acme/g', '    tag: v1',
          'h:', '  image:', '    repository: ghcr.io/acme/h', '    tag: v0.9.0', '    version: "2"',
          '',
        ].join('\n'),
      );
      const set = await loadManifests({ root });
      expect(set.imageUses.map((use) => `${use.ref.repository}:${use.ref.tag} tag@${use.tagAt?.line}:${use.tagAt?.column}`)).toEqual([
        'ghcr.io/acme/a:v0.9.0 tag@4:10',
        'ghcr.io/acme/b:v0.9.0 tag@7:13',
        'ghcr.io/acme/c:0.9.0 tag@10:20',
        'ghcr.io/acme/d:v0.9.0 tag@14:14',
        'ghcr.io/acme/e:v0.9.0 tag@17:8',
        'ghcr.io/acme/h:v0.9.0 tag@28:10',
      ]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('a chart whose Chart.yaml is generated at release time', () => {
  it('cert-manager v1.14.4 (Chart.template.yaml): no versions read, but its values name the own images', async () => {
    const set = await loadManifests({ root: path.resolve(import.meta.dirname, '../../fixtures/realworld/cert-manager-cert-manager-v1.14.4') });
    expect(set.charts.map(chartLine)).toEqual(['deploy/charts/cert-manager']);
    const repositories = set.imageUses.map((use) => `${use.ref.repository}:${use.ref.tag ?? '-'} ${use.chart}`);
    expect(repositories).toContain('quay.io/jetstack/cert-manager-controller:- deploy/charts/cert-manager');
    expect(set.diagnostics.map(diagnosticLine).filter((line) => !line.includes('template for Chart.yaml'))).toEqual([]);
  });
});

describe('template default detection', () => {
  const cases: Array<[string, string, string | undefined]> = [
    ['{{ .Values.image.tag | default .Chart.AppVersion }}', 'image', ''],
    ['{{ .Values.image.tag | default (printf "v%s" .Chart.AppVersion) }}', 'image', 'v'],
    ['{{ default (printf "v%s" .Chart.AppVersion) .Values.image.tag }}', 'image', 'v'],
    ['{{ default .Chart.AppVersion .Values.controller.image.tag }}', 'controller.image', ''],
    ['{{ .tag | default $.Chart.AppVersion }}', 'anything.image', ''],
    ['{{ .Values.image.repository }}:{{ .Values.image.tag }}', 'image', undefined],
    ['{{ .Values.other.image.tag | default .Chart.AppVersion }}', 'image', undefined],
    ['{{- define "x.tag" -}}{{ .Chart.AppVersion }}{{- end -}}\nimage: {{ .Values.image.repository }}:{{ include "x.tag" . }}', 'image', ''],
    ['{{- define "x.tag" -}}\n{{ printf "v%s" .Chart.AppVersion }}\n{{- end -}}\nimage: {{ .Values.image.repository }}:{{ template "x.tag" . }}', 'image', 'v'],
    ['{{- define "x.tag" -}}{{ .Chart.AppVersion }}{{- end -}}', 'image', undefined],
    ['labels: {{ .Chart.AppVersion }}', 'image', undefined],
    // cert-manager: the helper defaults the tag to its argument, and the call site passes appVersion
    ...(['image', 'webhook.image'] as const).map((valuesPath): [string, string, string | undefined] => [
      `{{- define "image" -}}\n{{- $defaultTag := index . 1 -}}\n{{- with index . 0 -}}\n{{ .repository }}{{ printf ":%s" (default $defaultTag .tag) }}\n{{- end }}\n{{- end }}\nimage: "{{ template "image" (tuple .Values.${valuesPath} $.Chart.AppVersion) }}"`,
      valuesPath,
      '',
    ]),
    ['{{- define "image" -}}{{ printf ":%s" (default $defaultTag .tag) }}{{- end }}\nimage: "{{ template "image" (tuple .Values.image $.Chart.AppVersion) }}"', 'cainjector.image', undefined],
    ['{{- define "image" -}}{{ .repository }}:{{ .tag }}{{- end }}\nimage: "{{ template "image" (tuple .Values.image $.Chart.AppVersion) }}"', 'image', undefined],
    // other spellings of the same default
    ['{{ default (print "v" .Chart.AppVersion) .Values.image.tag }}', 'image', 'v'],
    ['{{ .Values.image.tag | default (printf "v%v" .Chart.AppVersion) }}', 'image', 'v'],
    ['{{ coalesce .Values.image.tag .Chart.AppVersion }}', 'image', ''],
    ['image: "{{ .Values.image.repository }}:v{{ .Values.image.tag | default .Chart.AppVersion }}"', 'image', 'v'],
    ['{{ coalesce .Values.other.image.tag .Chart.AppVersion }}', 'image', undefined],
    // kyverno v1.12.0: the init container's block passed whole, its default beside another block's `.tag`
    ['image: {{ include "kyverno.image" (dict "globalRegistry" .Values.global.image.registry "image" .Values.admissionController.initContainer.image "defaultTag" (default .Chart.AppVersion .Values.admissionController.container.image.tag)) | quote }}', 'admissionController.initContainer.image', ''],
    // kyverno v1.12.0: a helper defaulting to its argument, called beside `.Values.global.image.registry`
    ['{{- define "k.bg.image" -}}\n{{- $r := default .image.registry .globalRegistry -}}\n{{ $r }}/{{ .image.repository }}:{{ default .defaultTag .image.tag }}\n{{- end -}}\nimage: {{ include "k.bg.image" (dict "globalRegistry" .Values.global.image.registry "image" .Values.backgroundController.image "defaultTag" .Chart.AppVersion) | quote }}', 'backgroundController.image', ''],
    // a block that is not an image block passed beside a default does not get it
    ['{{ include "x" (dict "res" .Values.controller.resources "tag" (default .Chart.AppVersion .Values.image.tag)) }}', 'controller.resources', undefined],
  ];
  it.each(cases)('%s → %s', (text, valuesPath, prefix) => {
    const found = defaultFor({ ...analyzeTemplates([text]), files: [] }, valuesPath);
    expect(found?.prefix).toBe(prefix);
  });
});

describe('tags a template defaults to what only rendering knows', () => {
  it('kube-prometheus-stack: the crds subchart\'s job defaults the parent\'s crds.upgradeJob kubectl tag to the cluster\'s version', async () => {
    // prometheus-community/helm-charts at kube-state-metrics-8.4.0 (trimmed): charts/kube-prometheus-stack
    const values = 'crds:\n  upgradeJob:\n    image:\n      kubectl:\n        registry: registry.k8s.io\n        repository: kubectl\n        tag: ""  # defaults to the Kubernetes version\n      sidecar:\n        registry: ghcr.io\n        repository: acme/sidecar\n        tag: ""\n';
    const job = 'image: "{{ $kubectlRegistry }}/{{ .Values.upgradeJob.image.kubectl.repository }}:{{ .Values.upgradeJob.image.kubectl.tag | default $defaultKubernetesVersion }}"\n';
    await chartRoot({
      'charts/kps/Chart.yaml': 'name: kube-prometheus-stack\nversion: 80.0.0\nappVersion: v0.87.0\n',
      'charts/kps/values.yaml': values,
      'charts/kps/templates/.keep.yaml': '',
      'charts/kps/charts/crds/Chart.yaml': 'name: crds\nversion: 0.0.0-dev\n',
      'charts/kps/charts/crds/templates/upgrade/job.yaml': job,
    }, async (root) => {
      const set = await loadManifests({ root });
      expect(set.imageUses.filter((use) => use.chart === 'charts/kps').map((use) => `${use.ref.repository} ${use.tagSource} ${use.renderedTag ?? false}`)).toEqual([
        'registry.k8s.io/kubectl none true',
        // no template gives this one a default: it renders without a tag
        'ghcr.io/acme/sidecar none false',
      ]);
    });
  });
});

describe('chart versions set when the chart is packaged', () => {
  // spegel-org/spegel at v0.7.4: Chart.yaml keeps v0.0.1 in both, and the release job writes the real ones
  const workflow = [
    'jobs:',
    '  release:',
    '    steps:',
    '      - name: Publish Helm chart to GHCR',
    '        run: |',
    '          HELM_VERSION=${{ steps.prep.outputs.VERSION }}',
    '          helm package --app-version ${{ steps.prep.outputs.VERSION }} --version ${HELM_VERSION} charts/spegel',
    '          helm push spegel-${HELM_VERSION}.tgz oci://ghcr.io/${{ github.repository_owner }}/helm-charts',
    '',
  ].join('\n');
  const chart = 'apiVersion: v2\nname: spegel\ntype: application\nversion: v0.0.1\nappVersion: v0.0.1\n';

  it('are notes, not the chart\'s versions (spegel)', async () => {
    await chartRoot({ 'charts/spegel/Chart.yaml': chart, '.github/workflows/release.yaml': workflow, 'charts/other/Chart.yaml': 'name: other\nversion: 1.2.3\nappVersion: 0.1.0\n' }, async (root) => {
      const set = await loadManifests({ root });
      expect(set.charts.map((c) => `${c.dir} ${c.version?.value ?? '-'} ${c.appVersion?.value ?? '-'}`)).toEqual(['charts/other 1.2.3 0.1.0', 'charts/spegel - -']);
      expect(set.diagnostics.map(diagnosticLine)).toEqual([
        'note charts/spegel/Chart.yaml:4 version "v0.0.1" is set when the chart is packaged (helm package --version, .github/workflows/release.yaml:7); not checked',
        'note charts/spegel/Chart.yaml:5 appVersion "v0.0.1" is set when the chart is packaged (helm package --app-version, .github/workflows/release.yaml:7); not checked',
      ]);
    });
  });

  it('a path with a variable names the charts under its fixed part, and a command without --version or --app-version none', async () => {
    const files = {
      '.github/workflows/charts.yml': 'run: |\n  for CHART in a b; do helm package --app-version "$TAG" "charts/$CHART"; done\n  helm package deploy/chart\n',
      'charts/a/Chart.yaml': 'name: a\nversion: 1.0.0\nappVersion: 0.0.1\n',
      'charts/b/Chart.yaml': 'name: b\nversion: 1.0.0\nappVersion: 0.0.1\n',
      'deploy/chart/Chart.yaml': 'name: c\nversion: 1.0.0\nappVersion: 0.0.1\n',
    };
    await chartRoot(files, async (root) => {
      const set = await loadManifests({ root });
      expect(set.charts.map((c) => `${c.dir} ${c.version?.value ?? '-'} ${c.appVersion?.value ?? '-'}`)).toEqual(['charts/a 1.0.0 -', 'charts/b 1.0.0 -', 'deploy/chart 1.0.0 0.0.1']);
    });
  });

  it('reads the flags and paths of each helm package command, across continued lines and up to the next command', () => {
    const commands = helmPackageCommands([
      'helm package charts/app',
      '\thelm package --app-version="$TAG" \\',
      '  -d dist ./charts/$CHART/ && helm push x',
      'run: helm lint charts/a; helm package --version 1.2.3 --sign --key k charts/a charts/b | tee log',
    ].join('\n'));
    expect(commands.map((c) => `${c.line} [${[...c.flags].join(' ')}] ${c.paths.join(' ')}`)).toEqual([
      '1 [] charts/app',
      '2 [--app-version -d] ./charts/$CHART/',
      '4 [--version --sign --key] charts/a charts/b',
    ]);
  });

  it('a chart path with a variable or glob names the charts under its fixed part; no path, the current folder', () => {
    const packaged = (run: string) => helmPackageCommands(run)[0].paths;
    expect(packaged('helm package --app-version ${{ env.TAG }} ${{ matrix.chart }}')).toEqual(['${{}}']);
    expect(packaged('helm package --app-version v1')).toEqual(['.']);
  });
});
