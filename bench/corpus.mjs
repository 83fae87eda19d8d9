// Deterministic monorepo corpus for the offline benchmark: ~2,000 manifest files holding ~20,000 YAML
// documents (plain workloads, kustomize bases + overlays, Helm charts), three own images at the release
// tag and exactly 20 planted drifts whose file:line is returned so the harness can demand an exact match.
// Usage: node bench/corpus.mjs DIR   (prints a summary as JSON)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const RELEASE_TAG = 'v2.5.0';
export const OWN_IMAGES = ['ghcr.io/acme/api', 'ghcr.io/acme/worker', 'ghcr.io/acme/web'];
/** tags an own image may have drifted to; never equal to the release under any tagFormat */
const STALE_TAGS = ['v2.4.0', 'v2.4.1', 'v2.3.7', 'v2.5.0-rc.2', 'v2.2.0'];

// Fifty third-party images, pinned: they must never trigger the release rules.
const THIRD_PARTY = [
  'docker.io/library/nginx:1.25.3', 'docker.io/library/redis:7.2.4', 'docker.io/library/postgres:16.1',
  'docker.io/library/busybox:1.36.1', 'docker.io/library/alpine:3.19.0', 'docker.io/library/memcached:1.6.22',
  'docker.io/library/rabbitmq:3.12.10', 'docker.io/library/mongo:7.0.4', 'docker.io/library/mysql:8.2.0',
  'docker.io/library/haproxy:2.9.1', 'docker.io/bitnami/kafka:3.6.1', 'docker.io/bitnami/zookeeper:3.9.1',
  'docker.io/bitnami/kubectl:1.29.0', 'docker.io/grafana/grafana:10.2.3', 'docker.io/grafana/loki:2.9.3',
  'docker.io/grafana/tempo:2.3.1', 'docker.io/grafana/promtail:2.9.3', 'docker.io/otel/opentelemetry-collector:0.91.0',
  'docker.io/envoyproxy/envoy:v1.28.0', 'docker.io/jaegertracing/all-in-one:1.52.0',
  'quay.io/prometheus/prometheus:v2.48.1', 'quay.io/prometheus/node-exporter:v1.7.0',
  'quay.io/prometheus/alertmanager:v0.26.0', 'quay.io/prometheus/blackbox-exporter:v0.24.0',
  'quay.io/prometheus-operator/prometheus-config-reloader:v0.70.0', 'quay.io/jetstack/cert-manager-controller:v1.13.3',
  'quay.io/jetstack/cert-manager-webhook:v1.13.3', 'quay.io/jetstack/cert-manager-cainjector:v1.13.3',
  'quay.io/argoproj/argocd:v2.9.3', 'quay.io/oauth2-proxy/oauth2-proxy:v7.5.1', 'quay.io/keycloak/keycloak:23.0.3',
  'quay.io/cilium/cilium:v1.14.5', 'registry.k8s.io/ingress-nginx/controller:v1.9.5',
  'registry.k8s.io/kube-state-metrics/kube-state-metrics:v2.10.1', 'registry.k8s.io/metrics-server/metrics-server:v0.6.4',
  'registry.k8s.io/descheduler/descheduler:v0.29.0', 'registry.k8s.io/external-dns/external-dns:v0.14.0',
  'registry.k8s.io/coredns/coredns:v1.11.1', 'registry.k8s.io/pause:3.9', 'registry.k8s.io/git-sync/git-sync:v4.1.0',
  'gcr.io/distroless/static:nonroot-amd64', 'gcr.io/cadvisor/cadvisor:v0.47.2', 'ghcr.io/fluxcd/source-controller:v1.2.3',
  'ghcr.io/fluxcd/kustomize-controller:v1.2.1', 'ghcr.io/dexidp/dex:v2.37.0', 'ghcr.io/external-secrets/external-secrets:v0.9.11',
  'public.ecr.aws/karpenter/controller:v0.33.1', 'mcr.microsoft.com/dotnet/aspnet:8.0.0',
  'docker.elastic.co/elasticsearch/elasticsearch:8.11.3', 'docker.elastic.co/kibana/kibana:8.11.3',
];

/** mulberry32: a tiny seeded PRNG, so every run writes byte-identical files */
function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A file built line by line so that every planted value's 1-based line number is known exactly. */
class FileText {
  lines = [];
  docs = 0;
  /** appends one YAML document; returns the first line number it occupies */
  doc(lines) {
    if (this.docs > 0 || this.lines.length > 0) this.lines.push('---');
    this.docs++;
    const start = this.lines.length + 1;
    this.lines.push(...lines);
    return start;
  }
  toString() {
    return this.lines.join('\n') + '\n';
  }
}

const pad = (n, width = 3) => String(n).padStart(width, '0');

export function generateCorpus(root, { seed = 20251126 } = {}) {
  const random = seededRandom(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
  const planted = []; // { file, line, image, actual, via }
  const stats = { files: 0, yamlFiles: 0, documents: 0, ownRefs: 0 };

  const write = (rel, text, docs = 0) => {
    const path = join(root, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    stats.files++;
    if (/\.ya?ml$/.test(rel) && !rel.includes('/templates/')) stats.yamlFiles++;
    stats.documents += docs;
  };
  const plant = (file, line, image, actual, via) => planted.push({ file, line, image, actual, via });

  // Which references drift: 8 inline images, 6 kustomize newTags, 6 Helm values tags (no appVersion drift).
  const INLINE_DRIFTS = 8;
  const KUSTOMIZE_DRIFTS = 6;
  const VALUES_DRIFTS = 6;

  /** container block lines; `image` is the full reference; returns { lines, imageLine (index in lines) } */
  const container = (name, image, indent) => {
    const s = ' '.repeat(indent);
    const lines = [
      `${s}- name: ${name}`,
      `${s}  image: ${image}`,
      `${s}  imagePullPolicy: IfNotPresent`,
      `${s}  ports:`,
      `${s}    - name: http`,
      `${s}      containerPort: ${int(3000, 9000)}`,
      `${s}  env:`,
      `${s}    - name: LOG_LEVEL`,
      `${s}      value: ${pick(['info', 'debug', 'warn'])}`,
      `${s}  resources:`,
      `${s}    requests: { cpu: ${int(1, 9)}00m, memory: ${int(1, 8)}28Mi }`,
      `${s}    limits: { memory: ${int(2, 16)}28Mi }`,
      `${s}  readinessProbe:`,
      `${s}    httpGet: { path: /healthz, port: http }`,
    ];
    return { lines, imageLine: 1 };
  };

  /** pod spec lines at `indent`; images[0] is the main container; returns image line offsets */
  const podSpec = (name, images, indent) => {
    const s = ' '.repeat(indent);
    const lines = [`${s}serviceAccountName: ${name}`, `${s}securityContext: { runAsNonRoot: true }`];
    const imageLines = [];
    if (random() < 0.2) {
      lines.push(`${s}initContainers:`);
      const c = container('init', pick(THIRD_PARTY), indent + 2);
      lines.push(...c.lines);
    }
    lines.push(`${s}containers:`);
    images.forEach((image, i) => {
      const c = container(i === 0 ? name : `sidecar-${i}`, image, indent + 2);
      imageLines.push(lines.length + c.imageLine);
      lines.push(...c.lines);
    });
    return { lines, imageLines };
  };

  const meta = (kind, apiVersion, name, ns) => [
    `apiVersion: ${apiVersion}`,
    `kind: ${kind}`,
    'metadata:',
    `  name: ${name}`,
    `  namespace: ${ns}`,
    '  labels:',
    `    app.kubernetes.io/name: ${name}`,
    '    app.kubernetes.io/part-of: acme',
  ];

  /** a workload document; returns { lines, imageLines } with line offsets relative to the document */
  const workload = (kind, name, ns, images) => {
    const lines = [];
    let spec;
    if (kind === 'CronJob') {
      lines.push(...meta(kind, 'batch/v1', name, ns), 'spec:', `  schedule: "${int(0, 59)} ${int(0, 23)} * * *"`,
        '  jobTemplate:', '    spec:', '      template:', '        spec:', '          restartPolicy: OnFailure');
      spec = podSpec(name, images, 10);
    } else {
      lines.push(...meta(kind, 'apps/v1', name, ns), 'spec:', `  replicas: ${int(1, 5)}`);
      if (kind === 'StatefulSet') lines.push(`  serviceName: ${name}`);
      lines.push('  selector:', '    matchLabels:', `      app.kubernetes.io/name: ${name}`, '  template:', '    metadata:',
        '      labels:', `        app.kubernetes.io/name: ${name}`, '    spec:');
      spec = podSpec(name, images, 6);
    }
    const base = lines.length;
    lines.push(...spec.lines);
    return { lines, imageLines: spec.imageLines.map((l) => base + l) };
  };

  const service = (name, ns) => [
    ...meta('Service', 'v1', name, ns),
    'spec:', '  type: ClusterIP', '  selector:', `    app.kubernetes.io/name: ${name}`,
    '  ports:', '    - name: http', `      port: ${int(80, 9000)}`, '      targetPort: http',
  ];
  const configMap = (name, ns) => [
    ...meta('ConfigMap', 'v1', `${name}-config`, ns),
    'data:', `  LOG_FORMAT: json`, `  FEATURE_FLAGS: "${pick(['a,b', 'b', 'c,d,e'])}"`,
    '  app.properties: |', `    pool.size=${int(4, 64)}`, `    cache.ttl=${int(10, 600)}s`,
  ];

  // ---- plain workloads: 1,650 multi-document files under apps/ --------------------------------------
  const PLAIN_FILES = 1650;
  const inlineDriftAt = new Set();
  while (inlineDriftAt.size < INLINE_DRIFTS) inlineDriftAt.add(int(0, PLAIN_FILES - 1));
  for (let f = 0; f < PLAIN_FILES; f++) {
    const team = `team-${pad(f % 40, 2)}`;
    const rel = `apps/${team}/svc-${pad(f, 4)}/${pick(['deploy', 'workloads', 'stack'])}.yaml`;
    const ns = `${team}-${pick(['prod', 'staging', 'dev'])}`;
    const text = new FileText();
    const components = int(3, 5);
    let ownLines = [];
    for (let c = 0; c < components; c++) {
      const name = `svc-${pad(f, 4)}-c${c}`;
      const kind = pick(['Deployment', 'Deployment', 'Deployment', 'StatefulSet', 'CronJob']);
      const own = random() < 0.15;
      const mainImage = own ? `${pick(OWN_IMAGES)}:${RELEASE_TAG}` : pick(THIRD_PARTY);
      const images = [mainImage];
      if (random() < 0.3) images.push(pick(THIRD_PARTY));
      const w = workload(kind, name, ns, images);
      const start = text.doc(w.lines);
      if (own) {
        stats.ownRefs++;
        ownLines.push({ line: start + w.imageLines[0], image: mainImage.split(':')[0], docLines: w.lines, idx: w.imageLines[0], start });
      }
      if (kind !== 'CronJob') text.doc(service(name, ns));
      text.doc(configMap(name, ns));
    }
    text.doc([...meta('PodDisruptionBudget', 'policy/v1', `svc-${pad(f, 4)}`, ns), 'spec:', '  maxUnavailable: 1',
      '  selector:', '    matchLabels:', '      app.kubernetes.io/part-of: acme']);
    if (inlineDriftAt.has(f)) {
      // Drift the first own reference of this file, or add one more own workload when there was none.
      let target = ownLines[0];
      if (!target) {
        const image = OWN_IMAGES[f % OWN_IMAGES.length];
        const w = workload('Deployment', `svc-${pad(f, 4)}-own`, ns, [`${image}:${RELEASE_TAG}`]);
        const start = text.doc(w.lines);
        stats.ownRefs++;
        target = { line: start + w.imageLines[0], image, idx: w.imageLines[0], start };
      }
      const actual = STALE_TAGS[planted.length % STALE_TAGS.length];
      const lineIndex = target.line - 1;
      text.lines[lineIndex] = text.lines[lineIndex].replace(`:${RELEASE_TAG}`, `:${actual}`);
      plant(rel, target.line, target.image, actual, 'inline');
    }
    write(rel, text.toString(), text.docs);
  }

  // ---- kustomize: 25 apps, each a base + 3 overlays = 100 kustomizations -----------------------------
  const KUSTOMIZE_APPS = 25;
  const overlays = ['dev', 'staging', 'prod'];
  const kustomizeDriftAt = new Set();
  while (kustomizeDriftAt.size < KUSTOMIZE_DRIFTS) kustomizeDriftAt.add(int(0, KUSTOMIZE_APPS * overlays.length - 1));
  for (let a = 0; a < KUSTOMIZE_APPS; a++) {
    const app = `platform/app-${pad(a, 2)}`;
    const own = OWN_IMAGES[a % OWN_IMAGES.length];
    const sidecar = THIRD_PARTY[(a * 7) % THIRD_PARTY.length];
    const [sidecarName, sidecarTag] = sidecar.split(/:(?=[^:/]+$)/);
    const resources = new FileText();
    // One workload per image, so an overlay's newTag decides exactly one container.
    const w = workload('Deployment', `app-${pad(a, 2)}`, 'default', [`${own}:${RELEASE_TAG}`, sidecar]);
    resources.doc(w.lines);
    resources.doc(service(`app-${pad(a, 2)}`, 'default'));
    for (let i = 0; i < 6; i++) resources.doc(configMap(`app-${pad(a, 2)}-part${i}`, 'default'));
    stats.ownRefs++;
    write(`${app}/base/resources.yaml`, resources.toString(), resources.docs);
    write(`${app}/base/kustomization.yaml`, [
      'apiVersion: kustomize.config.k8s.io/v1beta1', 'kind: Kustomization', 'resources:', '  - resources.yaml',
      'labels:', '  - pairs:', `      app.kubernetes.io/instance: app-${pad(a, 2)}`, '',
    ].join('\n'), 1);
    overlays.forEach((overlay, o) => {
      const drift = kustomizeDriftAt.has(a * overlays.length + o);
      const tag = drift ? STALE_TAGS[planted.length % STALE_TAGS.length] : RELEASE_TAG;
      const lines = [
        'apiVersion: kustomize.config.k8s.io/v1beta1', 'kind: Kustomization', `namespace: app-${pad(a, 2)}-${overlay}`,
        'resources:', '  - ../../base', '  - config.yaml', 'images:', `  - name: ${own}`, `    newTag: ${tag}`,
        `  - name: ${sidecarName}`, `    newTag: ${sidecarTag}`,
      ];
      const rel = `${app}/overlays/${overlay}/kustomization.yaml`;
      if (drift) plant(rel, 9, own, tag, 'kustomize');
      stats.ownRefs++;
      write(rel, lines.join('\n') + '\n', 1);
      const config = new FileText();
      config.doc(configMap(`app-${pad(a, 2)}-${overlay}`, `app-${pad(a, 2)}-${overlay}`));
      write(`${app}/overlays/${overlay}/config.yaml`, config.toString(), config.docs);
    });
  }

  // ---- Helm: 30 charts; 15 deploy an own image (6 of them pin a stale values tag) ---------------------
  const CHARTS = 30;
  const valuesDriftAt = new Set();
  while (valuesDriftAt.size < VALUES_DRIFTS) valuesDriftAt.add(int(0, 14));
  for (let c = 0; c < CHARTS; c++) {
    const name = `chart-${pad(c, 2)}`;
    const dir = `charts/${name}`;
    const ownChart = c < 15;
    write(`${dir}/Chart.yaml`, [
      'apiVersion: v2', `name: ${name}`, `description: Deploys ${name}`, 'type: application',
      `version: 1.${c}.${int(0, 9)}`, `appVersion: "${RELEASE_TAG.slice(1)}"`, '',
    ].join('\n'), 1);
    const values = ['replicaCount: 2', 'image:'];
    let tagLine;
    if (ownChart) {
      const image = OWN_IMAGES[c % OWN_IMAGES.length];
      values.push(`  repository: ${image}`, '  pullPolicy: IfNotPresent');
      tagLine = values.length + 1;
      if (valuesDriftAt.has(c)) {
        const actual = STALE_TAGS[planted.length % STALE_TAGS.length];
        values.push(`  tag: ${actual}`);
        plant(`${dir}/values.yaml`, tagLine, image, actual, 'helm-values');
      } else {
        // Empty tag: the templates default it to .Chart.AppVersion.
        values.push(pick(['  tag: ""', `  tag: ${RELEASE_TAG}`, '  tag:']));
      }
      stats.ownRefs++;
    } else {
      const [repo, tag] = THIRD_PARTY[(c * 3) % THIRD_PARTY.length].split(/:(?=[^:/]+$)/);
      const [registry, ...path] = repo.split('/');
      values.push(`  registry: ${registry}`, `  repository: ${path.join('/')}`, `  tag: "${tag}"`);
    }
    const [mRepo, mTag] = THIRD_PARTY[(c * 11 + 5) % THIRD_PARTY.length].split(/:(?=[^:/]+$)/);
    values.push('metrics:', '  enabled: true', '  image:', `    repository: ${mRepo}`, `    tag: ${mTag}`,
      'service:', '  type: ClusterIP', '  port: 80', 'resources:', '  requests: { cpu: 100m, memory: 128Mi }',
      'nodeSelector: {}', 'tolerations: []', 'affinity: {}');
    write(`${dir}/values.yaml`, values.join('\n') + '\n', 1);
    write(`${dir}/templates/_helpers.tpl`, [
      `{{- define "${name}.fullname" -}}`, '{{ .Release.Name }}-{{ .Chart.Name }}', '{{- end }}', '',
    ].join('\n'));
    write(`${dir}/templates/deployment.yaml`, [
      'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', `  name: {{ include "${name}.fullname" . }}`, 'spec:',
      '  replicas: {{ .Values.replicaCount }}', '  template:', '    spec:', '      containers:',
      '        - name: {{ .Chart.Name }}',
      ownChart
        ? '          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"'
        : '          image: "{{ .Values.image.registry }}/{{ .Values.image.repository }}:{{ .Values.image.tag }}"',
      '          {{- with .Values.resources }}', '          resources:', '            {{- toYaml . | nindent 12 }}',
      '          {{- end }}', '        {{- if .Values.metrics.enabled }}', '        - name: metrics',
      '          image: "{{ .Values.metrics.image.repository }}:{{ .Values.metrics.image.tag }}"', '        {{- end }}', '',
    ].join('\n'));
    write(`${dir}/templates/service.yaml`, [
      'apiVersion: v1', 'kind: Service', 'metadata:', `  name: {{ include "${name}.fullname" . }}`, 'spec:',
      '  type: {{ .Values.service.type }}', '  ports:', '    - port: {{ .Values.service.port }}', '',
    ].join('\n'));
  }

  // The project's own images, as the config names them.
  write('.tagcheck.yaml', ['images:', ...OWN_IMAGES.map((i) => `  - ${i}`), ''].join('\n'));
  planted.sort((x, y) => (x.file < y.file ? -1 : x.file > y.file ? 1 : x.line - y.line));
  // The column of each planted value, read back from the file as written: where the finding must point
  // (the first character of the value after `key: `, a quote included).
  for (const p of planted) {
    const text = readFileSync(join(root, p.file), 'utf8').split('\n')[p.line - 1];
    const key = /^\s*(?:-\s+)?[\w.]+:\s+/.exec(text);
    p.column = key ? key[0].length + 1 : 0;
  }
  return { root, releaseTag: RELEASE_TAG, planted, stats };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: node bench/corpus.mjs DIR');
    process.exit(2);
  }
  const corpus = generateCorpus(dir);
  console.log(JSON.stringify({ stats: corpus.stats, planted: corpus.planted }, null, 2));
}
