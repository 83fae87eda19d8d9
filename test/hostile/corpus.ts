/** The hostile repository inputs of issue 6, each placed beside a good manifest with a planted drift. */

/** What a case writes: text or bytes, a symlink, a directory, a FIFO, or a file only its owner can read. */
export type Content = string | Buffer | { symlink: string } | { dir: true } | { fifo: true } | { unreadable: string };

export interface HostileCase {
  name: string;
  files: Record<string, Content>;
  /** the bad file the output must name (a finding, a diagnostic, or the stderr line); null for odd-but-valid input */
  names: string | null;
  /** a drift planted inside the odd file itself, which must be found too: `file:line:column` */
  alsoFinds?: string;
  /** config cases: the run fails with exit 2 and one stderr line naming the config file */
  config?: boolean;
  /** extra command-line arguments (`--config`) */
  args?: string[];
  /** wall-clock bound in ms for inputs built to be slow */
  within?: number;
  /** run without --tag, so the release comes from the repository (and the config's version.from) */
  withoutTag?: boolean;
}

/** The own image of every case's repository; the good file pins it one release behind. */
export const OWN_IMAGE = 'ghcr.io/acme/shop';
export const RELEASE = 'v1.1.0';
export const GOOD_FILE = 'deploy/good.yaml';
export const GOOD = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: good
spec:
  template:
    spec:
      containers:
        - name: shop
          image: ${OWN_IMAGE}:v1.0.0
`;
/** where the good file's image-tag-mismatch must be reported */
export const GOOD_FINDING = { file: GOOD_FILE, line: 10, column: 18 };
export const CONFIG = `images: [${OWN_IMAGE}]\n`;

/** A Pod whose image value sits at line 8, column 14. */
export const pod = (image: string) => `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: c
      image: ${image}
`;
const drifted = pod(`${OWN_IMAGE}:v0.9.0`);

function aliasBomb(): string {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i <= 9; i++) {
    const prev = String.fromCharCode(96 + i);
    const next = String.fromCharCode(97 + i);
    lines.push(`${next}: &${next} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: bomb\nx:\n${lines.map((l) => `  ${l}`).join('\n')}\nspec:\n  containers: *j\n`;
}

function deepBlockMapping(levels: number): string {
  return `kind: Pod\nspec:\n${Array.from({ length: levels }, (_, i) => `${' '.repeat(i + 1)}k${i}:`).join('\n')} x\n`;
}

const chart = (extra: Record<string, Content>): Record<string, Content> => ({ 'charts/web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\n', ...extra });

export const MANIFEST_CASES: HostileCase[] = [
  { name: 'invalid YAML (unclosed flow sequence)', files: { 'deploy/bad.yaml': 'kind: Pod\nspec: [a, b\n' }, names: 'deploy/bad.yaml' },
  { name: 'tab indentation', files: { 'deploy/tabs.yaml': 'kind: Pod\nspec:\n\tcontainers: []\n' }, names: 'deploy/tabs.yaml' },
  { name: 'duplicate keys', files: { 'deploy/dup.yaml': 'kind: Pod\nkind: Deployment\n' }, names: 'deploy/dup.yaml' },
  { name: 'unterminated string', files: { 'deploy/str.yaml': pod('"ghcr.io/acme/shop:v1') }, names: 'deploy/str.yaml' },
  { name: 'alias bomb (billion laughs)', files: { 'deploy/bomb.yaml': aliasBomb() }, names: 'deploy/bomb.yaml', within: 5000 },
  { name: '50 MB file', files: { 'deploy/huge.yaml': Buffer.alloc(50 * 1024 * 1024, 'a: b\n') }, names: 'deploy/huge.yaml', within: 10000 },
  { name: '1 MB single line', files: { 'deploy/line.yaml': `kind: ConfigMap\ndata:\n  x: ${'y'.repeat(1024 * 1024)}\n` }, names: null },
  { name: 'binary file named .yaml', files: { 'deploy/logo.yaml': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]) }, names: 'deploy/logo.yaml' },
  { name: 'NUL bytes inside text', files: { 'deploy/nul.yaml': `kind: Pod\nspec:\n  x: "a\u0000b"\n\u0000\n` }, names: 'deploy/nul.yaml' },
  { name: 'non-UTF-8 bytes', files: { 'deploy/latin1.yaml': Buffer.concat([Buffer.from('kind: ConfigMap\ndata:\n  name: caf'), Buffer.from([0xe9, 0xff, 0xfe]), Buffer.from('\n')]) }, names: 'deploy/latin1.yaml' },
  { name: 'byte-order mark', files: { 'deploy/bom.yaml': `\uFEFF${drifted}` }, names: null, alsoFinds: 'deploy/bom.yaml:8:14' },
  { name: 'CRLF line endings', files: { 'deploy/crlf.yaml': drifted.replaceAll('\n', '\r\n') }, names: null, alsoFinds: 'deploy/crlf.yaml:8:14' },
  {
    name: 'JSON in a .yaml file',
    files: { 'deploy/json.yaml': JSON.stringify({ apiVersion: 'v1', kind: 'Pod', spec: { containers: [{ name: 'c', image: `${OWN_IMAGE}:v0.9.0` }] } }, null, 2) },
    names: null,
    alsoFinds: 'deploy/json.yaml:8:18',
  },
  { name: 'merge keys and anchors', files: { 'deploy/merge.yaml': `x: &base\n  name: c\n  image: ${OWN_IMAGE}:v0.9.0\nkind: Pod\nspec:\n  containers:\n    - <<: *base\n` }, names: null },
  { name: 'custom tags', files: { 'deploy/tags.yaml': '!Ref kind: !Sub Pod\nspec: !GetAtt x.y\n' }, names: null },
  { name: 'Helm template syntax outside templates/', files: { 'deploy/tpl.yaml': 'kind: Pod\n{{- if .Values.x }}\nspec: {}\n{{- end }}\n' }, names: 'deploy/tpl.yaml' },
  { name: 'image written as template syntax', files: { 'deploy/tpl-image.yaml': pod('{{ .Values.image }}') }, names: 'deploy/tpl-image.yaml' },
  { name: 'empty documents between separators', files: { 'deploy/seps.yaml': '---\n---\n---\n' }, names: null },
  { name: 'empty file', files: { 'deploy/empty.yaml': '' }, names: null },
  { name: 'scalar document', files: { 'deploy/scalar.yaml': 'just a string\n' }, names: null },
  { name: 'list document', files: { 'deploy/list.yaml': '- a\n- b\n' }, names: null },
  { name: '10,000 documents', files: { 'deploy/many.yaml': Array.from({ length: 10000 }, (_, i) => `kind: ConfigMap\nmetadata: {name: c${i}}\n`).join('---\n') }, names: null, within: 10000 },
  { name: 'containers: null', files: { 'deploy/null.yaml': 'kind: Pod\nspec:\n  containers: null\n' }, names: 'deploy/null.yaml' },
  { name: 'containers: a string', files: { 'deploy/str-list.yaml': 'kind: Pod\nspec:\n  containers: nginx\n' }, names: 'deploy/str-list.yaml' },
  { name: 'a container that is a scalar', files: { 'deploy/item.yaml': 'kind: Pod\nspec:\n  containers:\n    - nginx\n' }, names: 'deploy/item.yaml' },
  { name: 'image that is a number', files: { 'deploy/num.yaml': pod('12345') }, names: 'deploy/num.yaml' },
  { name: 'image that is a map', files: { 'deploy/map.yaml': pod('{ name: x }') }, names: 'deploy/map.yaml' },
  { name: 'empty image', files: { 'deploy/empty-image.yaml': pod('""') }, names: 'deploy/empty-image.yaml' },
  { name: 'image with uppercase', files: { 'deploy/upper.yaml': pod('ghcr.io/Acme/Shop:v1') }, names: 'deploy/upper.yaml' },
  { name: 'image with spaces', files: { 'deploy/spaces.yaml': pod('"ghcr.io/acme/shop v1"') }, names: 'deploy/spaces.yaml' },
  { name: 'image with an invalid tag', files: { 'deploy/tag.yaml': pod('ghcr.io/acme/shop:-bad') }, names: 'deploy/tag.yaml' },
  { name: 'deeply nested flow collections', files: { 'deploy/deep.yaml': `kind: Pod\nspec: ${'['.repeat(20000)}${']'.repeat(20000)}\n` }, names: 'deploy/deep.yaml', within: 15000 },
  { name: 'deeply nested block mappings', files: { 'deploy/deep-block.yaml': deepBlockMapping(1500) }, names: null, within: 15000 },
  { name: 'Chart.yaml with template syntax', files: chart({ 'charts/web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: {{ .Version }}\n' }), names: 'charts/web/Chart.yaml' },
  { name: 'Chart.yaml placeholder appVersion', files: chart({ 'charts/web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\nappVersion: "%APP_VERSION%"\n' }), names: 'charts/web/Chart.yaml' },
  { name: 'Chart.yaml.tmpl', files: { 'charts/web/Chart.yaml.tmpl': 'name: web\nversion: {{ .Version }}\n' }, names: 'charts/web/Chart.yaml.tmpl' },
  { name: 'Chart.yaml that is a list', files: { 'charts/web/Chart.yaml': '- name: web\n' }, names: 'charts/web/Chart.yaml' },
  { name: 'invalid values.yaml', files: chart({ 'charts/web/values.yaml': 'image:\n  repository: [\n' }), names: 'charts/web/values.yaml' },
  { name: 'values.yaml with an uppercase image', files: chart({ 'charts/web/values.yaml': 'image:\n  repository: ghcr.io/Acme/Web\n  tag: v1\n' }), names: 'charts/web/values.yaml' },
  { name: 'invalid template under templates/', files: chart({ 'charts/web/templates/x.yaml': '{{ if }}\n\t: : :\n' }), names: null },
  {
    name: 'kustomization resources that form a cycle',
    files: { 'k/a/kustomization.yaml': 'resources: [../b]\n', 'k/b/kustomization.yaml': 'resources: [../a, pod.yaml]\n', 'k/b/pod.yaml': pod('ghcr.io/acme/other:v1') },
    names: 'kustomization.yaml',
  },
  { name: 'kustomization naming itself', files: { 'k/self/kustomization.yaml': 'resources: [.]\n' }, names: 'k/self/kustomization.yaml' },
  { name: 'kustomization with a remote resource', files: { 'k/remote/kustomization.yaml': 'resources:\n  - https://github.com/acme/app//deploy?ref=v1.0.0\n' }, names: 'k/remote/kustomization.yaml' },
  { name: 'kustomization with a missing resource', files: { 'k/gone/kustomization.yaml': 'resources:\n  - gone.yaml\n' }, names: 'k/gone/kustomization.yaml' },
  { name: 'kustomization resource outside PATH', files: { 'k/out/kustomization.yaml': 'resources:\n  - ../../../../etc\n' }, names: 'k/out/kustomization.yaml' },
  { name: 'kustomization resources not a list', files: { 'k/num/kustomization.yaml': 'resources: 42\nimages: 7\n' }, names: 'k/num/kustomization.yaml' },
  { name: 'symlink loop between files', files: { 'deploy/loop-a.yaml': { symlink: 'loop-b.yaml' }, 'deploy/loop-b.yaml': { symlink: 'loop-a.yaml' } }, names: 'deploy/loop-a.yaml' },
  { name: 'symlinked directory loop', files: { 'deploy/self': { symlink: '..' } }, names: null, within: 10000 },
  { name: 'symlink that points outside PATH', files: { 'deploy/outside.yaml': { symlink: '/etc/hostname' } }, names: 'deploy/outside.yaml' },
  { name: 'symlinked directory outside PATH', files: { 'deploy/etc': { symlink: '/etc' } }, names: null },
  { name: 'dangling symlink', files: { 'deploy/dangling.yaml': { symlink: 'nowhere.yaml' } }, names: 'deploy/dangling.yaml' },
  // Discovery skips what is not a regular file, as it skips a directory named `x.yaml`: no read, no message.
  { name: 'FIFO named .yaml (a read would block forever)', files: { 'deploy/pipe.yaml': { fifo: true } }, names: null, within: 10000 },
  { name: 'a directory named like a manifest', files: { 'deploy/dir.yaml': { dir: true } }, names: null },
  { name: 'unreadable file', files: { 'deploy/secret.yaml': { unreadable: drifted } }, names: 'deploy/secret.yaml' },
  { name: 'file name with spaces and non-ASCII', files: { 'deploy/dé ploy/ä b.yaml': 'kind: Pod\nspec: [\n' }, names: 'ä b.yaml' },
];

export const CONFIG_CASES: HostileCase[] = [
  { name: 'config with an unknown key', config: true, files: { '.tagcheck.yaml': `${CONFIG}imagez: [x]\n` }, names: '.tagcheck.yaml:2:1' },
  { name: 'config with a wrong type', config: true, files: { '.tagcheck.yaml': 'images: ghcr.io/acme/shop\n' }, names: '.tagcheck.yaml:1:9' },
  { name: 'config with a wrong nested type', config: true, files: { '.tagcheck.yaml': `${CONFIG}registries:\n  localhost:5000: { insecure: maybe }\n` }, names: '.tagcheck.yaml:3:31' },
  { name: 'config with invalid YAML', config: true, files: { '.tagcheck.yaml': 'images: [ghcr.io/acme/shop\n' }, names: '.tagcheck.yaml:2:1' },
  { name: 'config with duplicate keys', config: true, files: { '.tagcheck.yaml': `${CONFIG}${CONFIG}` }, names: '.tagcheck.yaml:2:1' },
  { name: 'config with tabs', config: true, files: { '.tagcheck.yaml': 'images:\n\t- ghcr.io/acme/shop\n' }, names: '.tagcheck.yaml:2:1' },
  { name: 'config with an unknown rule id', config: true, files: { '.tagcheck.yaml': `${CONFIG}rules: { image-tag-mismatsh: error }\n` }, names: '.tagcheck.yaml:2:10' },
  { name: 'config that is binary', config: true, files: { '.tagcheck.yaml': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0]) }, names: '.tagcheck.yaml' },
  { name: 'config that is a symlink loop', config: true, files: { '.tagcheck.yaml': { symlink: '.tagcheck.yaml' } }, names: '.tagcheck.yaml' },
  { name: 'config that is a symlink outside PATH', config: true, files: { '.tagcheck.yaml': { symlink: '/etc/hostname' } }, names: '.tagcheck.yaml: is a symbolic link to a file outside' },
  { name: 'config that is a FIFO', config: true, files: { '.tagcheck.yaml': { fifo: true } }, names: '.tagcheck.yaml: is not a regular file' },
  { name: 'config that is a directory', config: true, files: { '.tagcheck.yaml': { dir: true } }, names: '.tagcheck.yaml' },
  { name: 'config whose version.from leads outside PATH', config: true, files: { '.tagcheck.yaml': `${CONFIG}version: { from: /etc/hostname }\n` }, names: '.tagcheck.yaml:2:18: version.from: /etc/hostname: is outside', withoutTag: true },
  { name: 'config whose version.from names a missing file', config: true, files: { '.tagcheck.yaml': `${CONFIG}version: { from: charts/gone/Chart.yaml#appVersion }\n` }, names: '.tagcheck.yaml:2:18', withoutTag: true },
  { name: 'unreadable config', config: true, files: { '.tagcheck.yaml': { unreadable: CONFIG } }, names: '.tagcheck.yaml' },
  { name: '--config naming a missing file', config: true, files: {}, names: 'missing.yaml', args: ['--config', 'missing.yaml'] },
];
