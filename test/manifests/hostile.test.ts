import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatImageRef } from '../../src/model/image-ref.js';
import type { Diagnostic, ManifestSet } from '../../src/model/release.js';
import { loadManifests } from '../../src/sources/manifests/index.js';
import { readYamlFile } from '../../src/sources/manifests/yaml-file.js';

/** A good workload in every case: its use must survive whatever else the repository holds. */
const GOOD = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: good
spec:
  template:
    spec:
      containers:
        - name: good
          image: ghcr.io/acme/good:v1.0.0
`;
const GOOD_USE = 'good.yaml:10:18 ghcr.io/acme/good:v1.0.0';

type Content = string | Buffer | { symlink: string } | { mode: number; text: string } | { dir: true };

interface HostileCase {
  name: string;
  files: Record<string, Content>;
  /** the diagnostic the case must produce; null when the input is valid and must simply work */
  expect: { file: string; level: Diagnostic['level']; message: RegExp; line?: number } | null;
  /** extra assertions on the result */
  check?: (set: ManifestSet) => void;
  /** wall-clock bound in ms for inputs built to be slow */
  within?: number;
  skip?: boolean;
}

const deployment = (image: string) => `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: c
      image: ${image}
`;

const billionLaughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
for (let i = 1; i <= 9; i++) {
  const prev = String.fromCharCode(96 + i);
  const next = String.fromCharCode(97 + i);
  billionLaughs.push(`${next}: &${next} [${Array(9).fill(`*${prev}`).join(',')}]`);
}
const aliasBomb = `apiVersion: v1
kind: Pod
metadata:
  name: bomb
x:
${billionLaughs.map((line) => `  ${line}`).join('\n')}
spec:
  containers: [*j, *j]
`;

const isRoot = process.getuid?.() === 0;

const cases: HostileCase[] = [
  { name: 'invalid YAML (unclosed flow sequence)', files: { 'bad.yaml': 'kind: Pod\nspec: [a, b\n' }, expect: { file: 'bad.yaml', level: 'warning', message: /^invalid YAML: / } },
  { name: 'tab indentation', files: { 'tabs.yaml': 'kind: Pod\nspec:\n\tcontainers: []\n' }, expect: { file: 'tabs.yaml', level: 'warning', message: /invalid YAML/, line: 3 } },
  { name: 'duplicate keys', files: { 'dup.yaml': 'kind: Pod\nkind: Deployment\n' }, expect: { file: 'dup.yaml', level: 'warning', message: /invalid YAML: .*unique/i, line: 2 } },
  { name: 'unterminated string', files: { 'str.yaml': deployment('"ghcr.io/acme/x:v1') }, expect: { file: 'str.yaml', level: 'warning', message: /invalid YAML/ } },
  { name: 'alias bomb (billion laughs)', files: { 'bomb.yaml': aliasBomb }, expect: { file: 'bomb.yaml', level: 'warning', message: /not an object/ }, within: 2000 },
  { name: '50 MB file', files: { 'huge.yaml': Buffer.alloc(50 * 1024 * 1024, 'a: b\n') }, expect: { file: 'huge.yaml', level: 'warning', message: /^50\.0 MB, larger than the 10 MB limit/ }, within: 3000 },
  { name: 'binary file named .yaml', files: { 'logo.yaml': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]) }, expect: { file: 'logo.yaml', level: 'warning', message: /binary file/ } },
  { name: 'non-UTF-8 bytes', files: { 'latin1.yaml': Buffer.concat([Buffer.from('kind: ConfigMap\ndata:\n  name: caf'), Buffer.from([0xe9]), Buffer.from('\n')]) }, expect: { file: 'latin1.yaml', level: 'warning', message: /not valid UTF-8/ } },
  {
    name: 'byte-order mark',
    files: { 'bom.yaml': `\uFEFF${deployment('ghcr.io/acme/bom:v1')}` },
    expect: null,
    check: (set) => expect(uses(set)).toContain('bom.yaml:8:14 ghcr.io/acme/bom:v1'),
  },
  {
    name: 'JSON in a .yaml file',
    files: { 'json.yaml': JSON.stringify({ apiVersion: 'v1', kind: 'Pod', spec: { containers: [{ name: 'c', image: 'ghcr.io/acme/json:v2' }] } }, null, 2) },
    expect: null,
    check: (set) => expect(uses(set)).toContain('json.yaml:8:18 ghcr.io/acme/json:v2'),
  },
  { name: 'empty documents between separators', files: { 'seps.yaml': '---\n---\n---\n' }, expect: null },
  { name: 'empty file', files: { 'empty.yaml': '' }, expect: { file: 'empty.yaml', level: 'note', message: /^empty file$/ } },
  { name: 'scalar document', files: { 'scalar.yaml': 'just a string\n' }, expect: { file: 'scalar.yaml', level: 'note', message: /a scalar, not a Kubernetes object/, line: 1 } },
  { name: 'list document', files: { 'list.yaml': '- a\n- b\n' }, expect: { file: 'list.yaml', level: 'note', message: /a list, not a Kubernetes object/, line: 1 } },
  { name: 'containers: null', files: { 'null.yaml': 'kind: Pod\nspec:\n  containers: null\n' }, expect: { file: 'null.yaml', level: 'warning', message: /containers in Pod is not a list/, line: 3 } },
  { name: 'containers: a string', files: { 'str-list.yaml': 'kind: Pod\nspec:\n  containers: nginx\n' }, expect: { file: 'str-list.yaml', level: 'warning', message: /not a list/, line: 3 } },
  { name: 'a container that is a scalar', files: { 'item.yaml': 'kind: Pod\nspec:\n  containers:\n    - nginx\n' }, expect: { file: 'item.yaml', level: 'warning', message: /not an object/, line: 4 } },
  { name: 'image that is a number', files: { 'num.yaml': deployment('12345') }, expect: { file: 'num.yaml', level: 'warning', message: /image .* is "12345", not a string/, line: 8 } },
  { name: 'image that is a map', files: { 'map.yaml': deployment('{ name: x }') }, expect: { file: 'map.yaml', level: 'warning', message: /image of a container in Pod/, line: 8 } },
  { name: 'empty image', files: { 'empty-image.yaml': deployment('""') }, expect: { file: 'empty-image.yaml', level: 'warning', message: /is empty/, line: 8 } },
  { name: 'image with uppercase', files: { 'upper.yaml': deployment('ghcr.io/Acme/App:v1') }, expect: { file: 'upper.yaml', level: 'warning', message: /^invalid image reference: .*lowercase/, line: 8 } },
  { name: 'image with spaces', files: { 'spaces.yaml': deployment('"ghcr.io/acme/app v1"') }, expect: { file: 'spaces.yaml', level: 'warning', message: /^invalid image reference: .*white space/, line: 8 } },
  { name: 'image with an invalid tag', files: { 'tag.yaml': deployment('ghcr.io/acme/app:-bad') }, expect: { file: 'tag.yaml', level: 'warning', message: /invalid tag/, line: 8 } },
  { name: 'Helm template syntax outside templates/', files: { 'deploy/tpl.yaml': 'kind: Pod\n{{- if .Values.x }}\nspec: {}\n{{- end }}\n' }, expect: { file: 'deploy/tpl.yaml', level: 'note', message: /template syntax .* outside a Helm chart's templates/ } },
  { name: 'Jinja/Liquid tags alone ({% if %})', files: { 'deploy/tls.yaml.j2.yaml': 'kind: Pod\n{% if tls %}\nspec: {}\n{% endif %}\n' }, expect: { file: 'deploy/tls.yaml.j2.yaml', level: 'note', message: /^template syntax \(\{% … %\}\) makes this file invalid YAML; skipped$/, line: 2 }, check: (set) => expect(set.diagnostics.filter((d) => d.level === 'warning')).toEqual([]) },
  {
    name: "a {% raw %} snippet (external-secrets' docs/snippets)",
    files: { 'docs/snippets/template.yaml': '{% raw %}\napiVersion: external-secrets.io/v1beta1\nkind: ExternalSecret\nmetadata:\n  name: t\nspec:\n  target:\n    template:\n      data:\n        url: "{{ .host }}"\n{% endraw %}\n' },
    expect: { file: 'docs/snippets/template.yaml', level: 'note', message: /^template syntax \(\{\{ … \}\} and \{% … %\}\) outside a Helm chart's templates\/ makes this file invalid YAML; skipped$/ },
    check: (set) => expect(set.diagnostics.filter((d) => d.level === 'warning')).toEqual([]),
  },
  { name: 'a {% raw %} line alone', files: { 'docs/raw.yaml': '{% raw %}\nkind: ConfigMap\n{% endraw %}\n' }, expect: { file: 'docs/raw.yaml', level: 'note', message: /^template syntax \(\{% … %\}\) makes/, line: 1 }, check: (set) => expect(set.diagnostics.filter((d) => d.level === 'warning')).toEqual([]) },
  { name: 'image written with a Jinja tag', files: { 'deploy/jinja-image.yaml': deployment('"ghcr.io/acme/app:{% if prod %}v1{% else %}dev{% endif %}"') }, expect: { file: 'deploy/jinja-image.yaml', level: 'note', message: /placeholder filled in at release time/, line: 8 }, check: (set) => expect(uses(set).some((u) => u.includes('acme/app'))).toBe(false) },
  { name: 'Chart.yaml with template syntax', files: { 'chart/Chart.yaml': 'name: c\nversion: {{ .Version }}\n' }, expect: { file: 'chart/Chart.yaml', level: 'note', message: /version is template syntax/, line: 2 }, check: (set) => expect(set.charts[0].version).toBeUndefined() },
  { name: 'image written as template syntax', files: { 'deploy/tpl-image.yaml': deployment('{{ .Values.image }}') }, expect: { file: 'deploy/tpl-image.yaml', level: 'note', message: /template syntax/, line: 8 } },
  { name: 'Chart.yaml placeholder', files: { 'chart/Chart.yaml': 'name: c\nversion: 1.0.0\nappVersion: "%APP_VERSION%"\n' }, expect: { file: 'chart/Chart.yaml', level: 'note', message: /placeholder/, line: 3 }, check: (set) => expect(set.charts[0].appVersion).toBeUndefined() },
  { name: 'Chart.yaml.tmpl', files: { 'chart/Chart.yaml.tmpl': 'name: c\nversion: {{ .Version }}\n' }, expect: { file: 'chart/Chart.yaml.tmpl', level: 'note', message: /template for Chart\.yaml/ }, check: (set) => expect(set.charts.map((c) => [c.file, c.name, c.version, c.appVersion])).toEqual([['chart/Chart.yaml.tmpl', undefined, undefined, undefined]]) },
  { name: 'templates/ beside a Chart.yaml.tmpl are never parsed', files: { 'chart/Chart.yaml.tmpl': 'name: c\nversion: %VERSION%\n', 'chart/templates/ds.yaml': 'kind: DaemonSet\n  {{- include "x" . | nindent 4 }}\n' }, expect: { file: 'chart/Chart.yaml.tmpl', level: 'note', message: /template for Chart\.yaml/ }, check: (set) => expect(set.files).not.toContain('chart/templates/ds.yaml') },
  { name: 'Chart.template.yaml beside templates/', files: { 'chart/Chart.template.yaml': 'name: c\nversion: v0.0.0\nappVersion: v0.0.0\n', 'chart/templates/d.yaml': 'kind: Deployment\n{{- if .Values.x }}\n' }, expect: { file: 'chart/Chart.template.yaml', level: 'note', message: /template for Chart\.yaml/ }, check: (set) => expect([set.charts.map((c) => [c.file, c.version, c.appVersion]), set.files.includes('chart/templates/d.yaml')]).toEqual([[['chart/Chart.template.yaml', undefined, undefined]], false]) },
  { name: 'Chart.yaml that is a list', files: { 'chart/Chart.yaml': '- name: c\n' }, expect: { file: 'chart/Chart.yaml', level: 'warning', message: /not a mapping/ } },
  { name: 'invalid values.yaml', files: { 'chart/Chart.yaml': 'name: c\nversion: 1.0.0\n', 'chart/values.yaml': 'image:\n  repository: [\n' }, expect: { file: 'chart/values.yaml', level: 'warning', message: /invalid YAML/ } },
  { name: 'invalid template under templates/ is never parsed', files: { 'chart/Chart.yaml': 'name: c\nversion: 1.0.0\n', 'chart/templates/x.yaml': '{{ if }}\n\t: : :\n' }, expect: null, check: (set) => expect(set.files).not.toContain('chart/templates/x.yaml') },
  { name: 'invalid image in values.yaml', files: { 'chart/Chart.yaml': 'name: c\nversion: 1.0.0\n', 'chart/values.yaml': 'image:\n  repository: ghcr.io/Acme/X\n  tag: v1\n' }, expect: { file: 'chart/values.yaml', level: 'warning', message: /^invalid image reference/, line: 2 } },
  {
    name: 'kustomization resources that form a cycle',
    files: { 'a/kustomization.yaml': 'resources: [../b]\n', 'b/kustomization.yaml': 'resources: [../a, pod.yaml]\nimages: [{name: ghcr.io/acme/c, newTag: v9}]\n', 'b/pod.yaml': deployment('ghcr.io/acme/c') },
    expect: { file: 'b/kustomization.yaml', level: 'warning', message: /form a cycle \((a → b → a|b → a → b)\)/, line: 1 },
    check: (set) => expect(set.kustomizeOverrides.every((o) => o.incomplete)).toBe(true),
  },
  {
    name: 'kustomization with a remote resource',
    files: { 'k/kustomization.yaml': 'resources:\n  - https://github.com/acme/app//deploy?ref=v1.0.0\nimages:\n  - name: ghcr.io/acme/remote\n    newTag: v2\n' },
    expect: { file: 'k/kustomization.yaml', level: 'note', message: /remote resource "https:\/\/github\.com\/acme\/app\/\/deploy\?ref=v1\.0\.0" is not fetched/, line: 2 },
    check: (set) => expect(set.kustomizeOverrides.map((o) => [o.matched, o.incomplete])).toEqual([[false, true]]),
  },
  { name: 'kustomization with a missing resource', files: { 'k/kustomization.yaml': 'resources:\n  - gone.yaml\n' }, expect: { file: 'k/kustomization.yaml', level: 'warning', message: /resource "gone\.yaml" does not exist/, line: 2 } },
  { name: 'kustomization resource outside the root', files: { 'k/kustomization.yaml': 'resources:\n  - ../../../etc\n' }, expect: { file: 'k/kustomization.yaml', level: 'note', message: /outside the checked directory/, line: 2 } },
  { name: 'kustomization resource symlinked outside the root', files: { 'k/kustomization.yaml': 'resources:\n  - ../linked\n', linked: { symlink: '/etc' } }, expect: { file: 'k/kustomization.yaml', level: 'note', message: /resource "\.\.\/linked" is outside the checked directory/, line: 2 } },
  { name: 'kustomization resources not a list', files: { 'k/kustomization.yaml': 'resources: 42\n' }, expect: { file: 'k/kustomization.yaml', level: 'warning', message: /resources is not a list/, line: 1 } },
  { name: 'kustomization images entry without name', files: { 'k/kustomization.yaml': 'images:\n  - newTag: v1\n' }, expect: { file: 'k/kustomization.yaml', level: 'warning', message: /no name/ } },
  { name: 'resource directory without kustomization', files: { 'k/kustomization.yaml': 'resources: [../plain]\n', 'plain/x.txt': 'x' }, expect: { file: 'k/kustomization.yaml', level: 'warning', message: /^resource "\.\.\/plain" is a folder without a kustomization\.yaml$/, line: 1 } },
  { name: 'symlink loop between files', files: { 'loop-a.yaml': { symlink: 'loop-b.yaml' }, 'loop-b.yaml': { symlink: 'loop-a.yaml' } }, expect: { file: 'loop-a.yaml', level: 'warning', message: /symlink loop/ } },
  { name: 'symlinked directory loop', files: { 'deploy/self': { symlink: '..' }, 'deploy/x.yaml': deployment('ghcr.io/acme/x:v1') }, expect: null, within: 3000, check: (set) => expect(uses(set)).toContain('deploy/x.yaml:8:14 ghcr.io/acme/x:v1') },
  { name: 'symlink pointing outside the root', files: { 'outside.yaml': { symlink: '/etc/hostname' } }, expect: { file: 'outside.yaml', level: 'note', message: /^symlink to .*, outside the checked directory; not followed/ } },
  { name: 'dangling symlink', files: { 'dangling.yaml': { symlink: 'nowhere.yaml' } }, expect: { file: 'dangling.yaml', level: 'warning', message: /cannot be read/ } },
  { name: 'unreadable file (chmod 000)', skip: isRoot, files: { 'secret.yaml': { mode: 0o000, text: deployment('ghcr.io/acme/s:v1') } }, expect: { file: 'secret.yaml', level: 'warning', message: /^cannot be read: permission denied/ } },
  { name: 'deeply nested flow collections', files: { 'deep.yaml': `kind: Pod\nspec: ${'['.repeat(20000)}${']'.repeat(20000)}\n` }, expect: { file: 'deep.yaml', level: 'warning', message: /invalid YAML|could not be parsed|nested too deeply/ }, within: 10000 },
  {
    name: 'CRLF line endings',
    files: { 'crlf.yaml': deployment('ghcr.io/acme/crlf:v1').replaceAll('\n', '\r\n') },
    expect: null,
    check: (set) => expect(uses(set)).toContain('crlf.yaml:8:14 ghcr.io/acme/crlf:v1'),
  },
  { name: 'a directory named like a manifest', files: { 'dir.yaml': { dir: true } }, expect: null },
];

function uses(set: ManifestSet): string[] {
  return set.imageUses.map((use) => `${use.at.file}:${use.at.line}:${use.at.column} ${formatImageRef(use.ref)}`);
}

const base = mkdtempSync(path.join(tmpdir(), 'tagcheck-hostile-'));
afterAll(() => {
  // chmod back so the temp dir can be removed even when not running as root
  for (const test of cases) for (const [name, content] of Object.entries(test.files)) {
    if (typeof content === 'object' && 'mode' in content) try { chmodSync(path.join(base, slug(test.name), name), 0o644); } catch { /* already gone */ }
  }
  rmSync(base, { recursive: true, force: true });
});

function slug(name: string): string {
  return name.replace(/[^a-z0-9]+/gi, '-');
}

function materialize(test: HostileCase): string {
  const root = path.join(base, slug(test.name));
  mkdirSync(root, { recursive: true });
  writeFileSync(path.join(root, 'good.yaml'), GOOD);
  for (const [name, content] of Object.entries(test.files)) {
    const target = path.join(root, name);
    mkdirSync(path.dirname(target), { recursive: true });
    if (typeof content === 'string' || Buffer.isBuffer(content)) writeFileSync(target, content);
    else if ('symlink' in content) symlinkSync(content.symlink, target);
    else if ('dir' in content) mkdirSync(target);
    else { writeFileSync(target, content.text); chmodSync(target, content.mode); }
  }
  return root;
}

describe('hostile repository input never crashes and never hides good findings', () => {
  it('has at least 40 cases', () => expect(cases.length).toBeGreaterThanOrEqual(40));

  it.each(cases.map((test) => [test.name, test] as const))('%s', async (_name, test) => {
    if (test.skip) return;
    const root = materialize(test);
    const started = performance.now();
    const set = await loadManifests({ root });
    const elapsed = performance.now() - started;
    if (test.within) expect(elapsed).toBeLessThan(test.within);
    expect(uses(set)).toContain(GOOD_USE);
    if (test.expect) {
      const { file, level, message, line } = test.expect;
      const match = set.diagnostics.find((d) => d.file === file && message.test(d.message));
      expect(match, `diagnostics: ${JSON.stringify(set.diagnostics, null, 1)}`).toBeDefined();
      expect(match!.level).toBe(level);
      if (line !== undefined) expect(match!.line).toBe(line);
    } else {
      expect(set.diagnostics).toEqual([]);
    }
    test.check?.(set);
  });

  it('a read failure (as a non-root user sees for chmod 000) becomes a warning naming the file', async () => {
    const diagnostics: Diagnostic[] = [];
    const denied = Object.assign(new Error('EACCES: permission denied, open'), { code: 'EACCES' });
    const parsed = await readYamlFile('/x/secret.yaml', 'secret.yaml', diagnostics, () => Promise.reject(denied));
    expect(parsed).toBeNull();
    expect(diagnostics).toEqual([{ file: 'secret.yaml', level: 'warning', message: 'cannot be read: permission denied' }]);
  });
});
