// A deterministic large Markdown document for bench/docs-startup.mjs (and for profiling the Markdown source:
// `node -e "import('./bench/docs-corpus.mjs').then(m => process.stdout.write(m.bigReadme(5 << 20).text))" > big.md`).

/**
 * A deterministic README of about `bytes` bytes; returns the text and the line of the planted stale reference.
 * `dense`: every section is an install guide (6 versioned references per 900 bytes: the worst case);
 * `reference`: a generated API reference, the usual reason a Markdown file reaches megabytes (prose, field
 * tables with inline code, YAML examples without images), with one install snippet per hundred sections;
 * `prose`: a long design document, inline code now and then and a fenced snippet every fifty paragraphs;
 * `repeated`: one project README (badges, install by kustomize, Helm and manifests, values YAML, a compatibility
 * table), verbatim again and again, as a docs export that concatenates pages shows the same page many times.
 */
export function bigReadme(bytes, shape = 'dense') {
  const reference = (i) => [
    `### \`spec.component${i}\``,
    '',
    `Component${i} configures one part of the controller. It is optional; when it is left out, the defaults of`,
    `the [operator guide](docs/operator.md#component-${i}) apply, which is what most clusters want. Fields follow.`,
    '',
    '| field | type | default | description |',
    '| --- | --- | --- | --- |',
    `| \`replicas\` | \`int32\` | \`${i % 3 + 1}\` | how many pods run this component |`,
    `| \`timeout\` | \`Duration\` | \`${i % 60}s\` | how long one reconcile may take |`,
    `| \`selector\` | \`LabelSelector\` | \`{}\` | which nodes, e.g. \`kubernetes.io/os: linux\` |`,
    '',
    '```yaml',
    'spec:',
    `  component${i}:`,
    `    replicas: ${i % 3 + 1}`,
    `    timeout: ${i % 60}s`,
    '```',
    '',
    ...(i % 100 === 0 ? ['```sh', 'helm upgrade --install app acme/app --version 2.1.0', 'docker pull ghcr.io/acme/app:v1.0.0', '```', ''] : []),
  ];
  const prose = (i) => [
    `Paragraph ${i} of a long design document. Most of a large Markdown file is prose like this: reasons, trade-offs,`,
    'links to [other documents](docs/other.md) and the occasional **emphasis**, wrapped at a hundred and twenty',
    `characters, with inline code only now and then, such as \`--flag-${i % 7}\`, and no version anywhere in it.`,
    '',
    ...(i % 50 === 0 ? ['```sh', 'helm upgrade --install app acme/app --version 2.1.0', '```', ''] : []),
  ];
  const dense = (i) => [
    `## Section ${i}: installing component ${i % 17}`,
    '',
    `Install the release with \`kubectl apply -k github.com/acme/app/config?ref=v1.0.0\` or pull \`ghcr.io/acme/app:v1.0.0\`;`,
    'the long prose around it is what most of a large document is: sentences, links to [the guide](docs/guide.md),',
    `options such as \`--concurrency ${i % 9}\`, and *emphasis* that never holds a version worth checking at all.`,
    '',
    '| option | default | meaning |',
    '| --- | --- | --- |',
    `| \`--timeout\` | \`${i}s\` | how long to wait, with \`ghcr.io/acme/app:v0.${i % 10}.0\` in a table |`,
    '',
    '```sh',
    'helm repo add acme https://acme.github.io/charts',
    `helm upgrade --install app acme/app --namespace team-${i % 5} --version 2.1.0`,
    'kubectl apply -f https://github.com/acme/app/releases/download/v1.0.0/install.yaml',
    '```',
    '',
    '```yaml',
    'containers:',
    '  - name: app',
    '    image: ghcr.io/acme/app:v1.0.0',
    `  - name: sidecar-${i}`,
    '    image: docker.io/library/busybox:1.36',
    '```',
    '',
  ];
  const readme = [
    '# app',
    '',
    '[![release](https://img.shields.io/github/v/release/acme/app)](https://github.com/acme/app/releases) [![docs](https://img.shields.io/badge/docs-latest-blue)](https://acme.github.io/app)',
    '',
    'app reconciles the things a cluster needs. This README is the short version; the [user guide](docs/guide.md)',
    'has the rest, including upgrades from older releases and the [FAQ](docs/faq.md).',
    '',
    '## Install',
    '',
    'With kustomize, from this repository at the release tag:',
    '',
    '```sh',
    "kubectl apply -k 'github.com/acme/app/config/default?ref=v1.0.0'",
    '```',
    '',
    'With the release manifests, or the image alone (`ghcr.io/acme/app:v1.0.0`, also on `docker.io/acme/app`):',
    '',
    '```sh',
    'kubectl apply -f https://github.com/acme/app/releases/download/v1.0.0/install.yaml',
    'docker pull ghcr.io/acme/app:v1.0.0',
    '```',
    '',
    'With Helm:',
    '',
    '```sh',
    'helm repo add acme https://acme.github.io/charts',
    'helm upgrade --install app acme/app \\',
    '  --namespace app-system --create-namespace \\',
    '  --version 2.1.0',
    '```',
    '',
    'To pin the image in your own values:',
    '',
    '```yaml',
    'image:',
    '  repository: ghcr.io/acme/app',
    '  tag: v1.0.0',
    '  pullPolicy: IfNotPresent',
    'resources:',
    '  requests:',
    '    cpu: 100m',
    '    memory: 128Mi',
    '```',
    '',
    '## Compatibility',
    '',
    '| app | Kubernetes | image |',
    '| --- | --- | --- |',
    '| v1.0 | 1.28 - 1.31 | `ghcr.io/acme/app:v1.0.0` |',
    '| v0.9 | 1.27 - 1.30 | `ghcr.io/acme/app:v0.9.3` |',
    '',
    '## Contributing',
    '',
    'Run `make test` before you open a pull request, and `make lint` if you changed Go code. Sidecars such as',
    '`docker.io/library/busybox:1.36` in the examples are only there to show the wiring.',
    '',
  ];
  const section = shape === 'reference' ? reference : shape === 'prose' ? prose : shape === 'repeated' ? () => readme : dense;
  const lines = ['# app', ''];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const part = section(i);
    lines.push(...part);
    size += part.join('\n').length + 1;
  }
  lines.push('A last note: `docker pull ghcr.io/acme/app:v0.9.0` was the previous release.', '');
  return { text: lines.join('\n'), plantedLine: lines.length - 1 };
}

