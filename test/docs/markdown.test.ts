import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allDocReferences, type DocReference } from '../../src/model/docs.js';
import { isDatedRecord, isReleaseNotes } from '../../src/sources/docs/discover.js';
import { loadDocs } from '../../src/sources/docs/index.js';
import { findCodeRegions } from '../../src/sources/docs/markdown.js';
import { lineStartsOf, positionAt } from '../../src/sources/line-starts.js';
import { findDocReferences } from '../../src/sources/docs/references.js';

/** The code of a document as text, one entry per region. */
function code(text: string): string[] {
  return findCodeRegions(text).map((r) => `${r.kind}:${text.slice(r.start, r.end)}`);
}

/** `line:column value` of every reference, the way findings are keyed. */
function where(references: DocReference[]): string[] {
  return references.map((r) => `${r.kind} ${r.version.line}:${r.version.column} ${r.version.value}`);
}

/** The 1-based UTF-16 column of `needle` on its line, computed without the scanner (an editor's column). */
function columnOf(text: string, needle: string): { line: number; column: number } {
  const at = text.indexOf(needle);
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

describe('Markdown code regions', () => {
  it('finds ``` and ~~~ fences with any info string, and the inline spans of paragraphs', () => {
    const text = 'Run `a:1` now.\n\n```sh title="x"\nb:2\n```\n\n~~~yaml\nc:3\n~~~\n';
    expect(code(text)).toEqual(['inline:a:1', 'fence:b:2\n', 'fence:c:3\n']);
  });

  it('closes a fence only with the same character, at least as long, with nothing after it', () => {
    const text = '````md\n```\nstill code\n~~~\n```` trailing\n````\nafter `x`\n';
    expect(code(text)).toEqual(['fence:```\nstill code\n~~~\n```` trailing\n', 'inline:x']);
  });

  it('a ``` line with a backtick in its info string is inline code, not a fence', () => {
    // the ``` run has no closer of its length; the single backticks pair up across the line break
    expect(code('``` a`b\nc `d`\n')).toEqual(['inline:b\nc ']);
  });

  it('finds fences indented, in list items and in blockquotes; an unclosed fence runs to the end', () => {
    const text = '   ```\nthree spaces\n   ```\n- ```\n  in a list\n  ```\n1. > ```\n   > quoted\n   > ```\n> ~~~\n> unclosed';
    expect(code(text)).toEqual(['fence:three spaces\n', 'fence:  in a list\n', 'fence:   > quoted\n', 'fence:> unclosed']);
  });

  it('pairs backtick runs of the same length, across the lines of one paragraph but not across paragraphs', () => {
    expect(code('`` a ` b `` and `c\nd` but `e\n\nf`')).toEqual(['inline: a ` b ', 'inline:c\nd']);
  });

  it('an escaped backtick opens nothing; inside code a backslash is literal', () => {
    expect(code('\\`not code\\` and `code\\`')).toEqual(['inline:code\\']);
  });

  it('leaves out inline code in tables and in indented code blocks', () => {
    const text = '| v | image |\n|---|---|\n| 1 | `a:1` |\n\nv | image\n--- | ---\n1 | `b:1`\n\n    `c:1` indented\n\n`d:1`\n';
    expect(code(text)).toEqual(['inline:c:1', 'inline:d:1']);
  });

  it('stays linear on a paragraph of unmatched backticks and on a long document', () => {
    // 3,000 openers of distinct lengths, none closed (4.5 M characters): a scan per opener would be quadratic
    const unmatched = Array.from({ length: 3_000 }, (_, i) => '`'.repeat(i + 1)).join(' x ');
    const started = performance.now();
    expect(code(unmatched)).toEqual([]);
    const big = `${'prose with `a:1` inline\n'.repeat(100_000)}\n\`\`\`\n${'b:2\n'.repeat(100_000)}\`\`\`\n`;
    expect(findCodeRegions(big)).toHaveLength(100_001);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('stays linear with many fences and nothing after them to find (no table rows, no blank lines)', () => {
    // each stretch between fences once searched on to the next table row, here never: quadratic, found by the bench
    const text = 'prose with `code` and more prose\n```\nx\n```\n'.repeat(40_000);
    const started = performance.now();
    expect(findCodeRegions(text)).toHaveLength(80_000);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('positions', () => {
  it('are 1-based lines and UTF-16 columns, like the YAML positions', () => {
    const starts = lineStartsOf('ab\ncd\r\nef');
    expect([0, 1, 3, 4, 7].map((o) => positionAt(starts, o))).toEqual([
      { line: 1, column: 1 }, { line: 1, column: 2 }, { line: 2, column: 1 }, { line: 2, column: 2 }, { line: 3, column: 1 },
    ]);
  });

  it('survive CRLF, tabs and non-ASCII (including characters outside the BMP) before the snippet', () => {
    const text = [
      '# Démarrage 🚀\r',
      '\r',
      'Étape 1 — l’image 🐳 : `docker pull ghcr.io/acme/app:v1.2.2`\r',
      '\r',
      '```sh\r',
      '\t\tdocker pull ghcr.io/acme/app:v1.1.1\r',
      '🚀🚀 kubectl apply -k github.com/acme/app//config?ref=v1.0.0\r',
      '```\r',
    ].join('\n');
    expect(where(findDocReferences(text, 'docs/x.md'))).toEqual([
      `image ${columnOf(text, 'v1.2.2').line}:${columnOf(text, 'v1.2.2').column} v1.2.2`,
      `image ${columnOf(text, 'v1.1.1').line}:${columnOf(text, 'v1.1.1').column} v1.1.1`,
      `git-ref ${columnOf(text, 'v1.0.0').line}:${columnOf(text, 'v1.0.0').column} v1.0.0`,
    ]);
    // and by hand: 🐳 and 🚀 are two UTF-16 units each, a tab is one column
    expect(where(findDocReferences(text, 'docs/x.md'))).toEqual(['image 3:54 v1.2.2', 'image 6:32 v1.1.1', 'git-ref 7:55 v1.0.0']);
  });
});

describe('references in code', () => {
  it('images: the tag, the normalized repository, the digest; placeholders and tails of longer words are not images', () => {
    const text = [
      '```',
      'image: "ghcr.io/acme/app:v1.2.2@sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945"',
      'kubectl set image deploy/app app=acme/app:1.0.0, docker pull nginx:1.25.',
      'docker pull ${REGISTRY}/acme/app:v1.2.2 ghcr.io/acme/app:v1.2.3-<arch> ghcr.io/acme/app:v1.2.${PATCH} app:latest',
      'https://ghcr.io/acme/app:v9 localhost:5000/acme/app:v2.0.0',
      '```',
    ].join('\n');
    const references = findDocReferences(text, 'README.md');
    expect(where(references)).toEqual(['image 2:26 v1.2.2', 'image 3:43 1.0.0', 'image 3:68 1.25', 'image 5:53 v2.0.0']);
    expect(references.map((r) => (r.kind === 'image' ? `${r.repository} ${r.written} ${r.digest ?? ''}`.trim() : ''))).toEqual([
      'ghcr.io/acme/app ghcr.io/acme/app:v1.2.2@sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945 sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945',
      'docker.io/acme/app acme/app:1.0.0',
      'docker.io/library/nginx nginx:1.25',
      'localhost:5000/acme/app localhost:5000/acme/app:v2.0.0',
    ]);
  });

  it('GitHub URLs: kustomize ?ref= (any parameter position, .git, git@), releases/download/TAG/, raw content', () => {
    const text = [
      '```',
      "kubectl apply -k 'github.com/Acme/App/config?ref=v1.2.0'",
      'resources: [https://github.com/acme/app.git//config?timeout=90s&ref=v1.2.2#frag]',
      'git@github.com:acme/app//config?ref=release-1.2',
      'curl -LO https://github.com/acme/app/releases/download/v1.1.0/app.tar.gz',
      'curl -LO https://github.com/acme/app/releases/latest/download/app.tar.gz https://github.com/acme/app/releases/download/v1.1.0',
      'https://raw.githubusercontent.com/acme/app/v1.2.2/deploy.yaml https://raw.githubusercontent.com/acme/app/main/x',
      'go install github.com/acme/app/cmd/app@v1.0.1 github.com/acme/app@latest curl -LO https://github.com/acme/app/archive/refs/tags/v1.0.2.tar.gz',
      'https://gist.github.com/acme/app?ref=v1.0.0 https://api.github.com/repos/acme/app?ref=v1.0.0 ?ref=${TAG} ?ref=v1.${MINOR}.0',
      '```',
    ].join('\n');
    const references = findDocReferences(text, 'README.md');
    expect(references.map((r) => (r.kind === 'git-ref' ? `${r.shape} ${r.repository} ${r.version.line}:${r.version.column} ${r.version.value}` : r.kind))).toEqual([
      'kustomize-ref Acme/App 2:50 v1.2.0',
      'kustomize-ref acme/app 3:69 v1.2.2',
      'kustomize-ref acme/app 4:37 release-1.2',
      'release-download acme/app 5:56 v1.1.0',
      'raw-content acme/app 7:44 v1.2.2',
      'go-module acme/app 8:40 v1.0.1',
      'archive acme/app 8:129 v1.0.2',
    ]);
  });

  it('YAML key pairs in fences: a kustomize images entry (newName before name) and Helm values; siblings only', () => {
    const text = [
      '```yaml',
      'images:',
      '  - name: ghcr.io/acme/app',
      '    newTag: v1.2.2',
      '  - newTag: "1.2.3" # quoted, before its name',
      '    name: ghcr.io/acme/worker',
      '    newName: ghcr.io/acme/worker-v2',
      '  - name: nginx',
      '    digest: sha256:abc',
      'image:',
      '  repository: ghcr.io/acme/app',
      '  pullPolicy: IfNotPresent',
      "  tag: 'v1.2.4'",
      'sidecar:',
      '  tag: v9.9.9',
      '  nested:',
      '    repository: ghcr.io/acme/not-its-sibling',
      '```',
    ].join('\r\n');
    const references = findDocReferences(text, 'README.md').filter((r) => r.kind === 'image');
    expect(references.map((r) => (r.kind === 'image' ? `${r.repository} ${r.version.line}:${r.version.column} ${r.version.value}` : ''))).toEqual([
      'ghcr.io/acme/app 4:13 v1.2.2',
      'ghcr.io/acme/worker-v2 5:14 1.2.3',
      'ghcr.io/acme/app 13:9 v1.2.4',
    ]);
  });

  it('helm install|upgrade: --version and --version=, quotes, flags with values, continued lines, the chart as the last positional', () => {
    const snippet = [
      'helm install my-release descheduler/descheduler --namespace kube-system --version 0.28.1',
      'helm upgrade --install app oci://ghcr.io/acme/charts/app \\',
      '  -n acme -f values.yaml --set image.repository=ghcr.io/acme/app \\\r',
      '  --version="2.0.3" # comment',
      '$ helm --kube-context prod upgrade app ./charts/app/ --version=v2.0.0 && helm install x bitnami/redis --version 17.0.0',
      'helm install --generate-name acme/app --version 1.0.0; helm template acme/app --version 1.0.0',
      'helm install app https://example.com/app-1.0.0.tgz --version 1.0.0 | helm install x acme/x --version ""',
    ].join('\n');
    const text = `\`\`\`sh\n${snippet}\n\`\`\`\n`;
    const helm = findDocReferences(text, 'README.md').filter((r) => r.kind === 'helm-chart');
    const offset = (needle: string) => columnOf(text, needle);
    expect(helm.map((h) => (h.kind === 'helm-chart' ? `${h.chart} ${h.written} ${h.version.value} @${h.version.line}:${h.version.column}` : ''))).toEqual([
      `descheduler descheduler/descheduler 0.28.1 @${offset('0.28.1').line}:${offset('0.28.1').column}`,
      `app oci://ghcr.io/acme/charts/app 2.0.3 @${offset('2.0.3').line}:${offset('2.0.3').column}`,
      `app ./charts/app/ v2.0.0 @${offset('v2.0.0').line}:${offset('v2.0.0').column}`,
      // after \`&&\` another command starts: a second helm install, of someone else's chart
      `redis bitnami/redis 17.0.0 @${offset('17.0.0').line}:${offset('17.0.0').column}`,
      `app acme/app 1.0.0 @${offset('1.0.0').line}:${offset('1.0.0').column}`,
    ]);
  });

  it('helm commands on one long line are each read, in linear time: the line end is found once for all of them', () => {
    // each hit searched on to the end of its line (and parsed from a slice of the rest): 40,000 commands took
    // 0.5 s, these 120,000 (4.3 MB) ~5 s
    const command = (i: number) => `helm install a${i} acme/a${i} --version 1.0.${i}; `;
    const line = Array.from({ length: 120_000 }, (_, i) => command(i)).join('');
    const started = performance.now();
    const found = findDocReferences(`\`\`\`sh\n${line}\n\`\`\`\n`, 'README.md');
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(found).toHaveLength(120_000);
    // the same as each command on a line of its own, but for the column
    const last = found[found.length - 1];
    expect(last.kind === 'helm-chart' && `${last.chart} ${last.version.value} ${last.version.line}:${last.version.column}`).toBe(
      `a119999 1.0.119999 2:${line.lastIndexOf('1.0.119999') + 1}`,
    );
    const alone = findDocReferences(`\`\`\`sh\n${command(7)}\n\`\`\`\n`, 'README.md')[0];
    expect({ ...found[7], version: { ...found[7].version, column: 0 } }).toEqual({ ...alone, version: { ...alone.version, column: 0 } });
  });
});

describe('Markdown files', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'tagcheck-docs-'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  const put = async (file: string, text: string | Buffer) => {
    await mkdir(dirname(join(root, file)), { recursive: true });
    await writeFile(join(root, file), text);
  };
  const snippet = '```\ndocker pull ghcr.io/acme/app:v1.0.0\n```\n';

  it('release notes name old versions on purpose: never read by default', () => {
    const notes = ['CHANGELOG.md', 'changelog/v1.md', 'CHANGELOG-1.29.md', 'RELEASE.md', 'docs/releases/v1.2.md', 'release-notes/1.2.md', 'docs/release-guide.md', 'CHANGES.md', 'History.md', 'NEWS.md', 'news/2024.md'];
    const docs = ['README.md', 'docs/install.md', 'docs/newsletter.md', 'docs/about-changes.md', 'docs/prerelease-builds.md'];
    expect(notes.filter((f) => !isReleaseNotes(f))).toEqual([]);
    expect(docs.filter(isReleaseNotes)).toEqual([]);
  });

  it('so do upgrade and migration guides and the release process\'s pages: never read by default', () => {
    // contour's upgrading.md has a section per release since 0.15; velero's upgrade-to-1.17.md; ingress-nginx's MANUAL_RELEASE.md
    const guides = ['site/content/resources/upgrading.md', 'UPGRADE.md', 'docs/upgrade-to-1.17.md', 'docs/upgrades/v2.md', 'docs/migration-guide.md', 'MIGRATION.md', 'docs/migrating-from-v1.md', 'RELEASING.md', 'MANUAL_RELEASE.md', 'docs/how-to-release.md'];
    const docs = ['docs/install.md', 'docs/helm-upgrades-explained/x.md', 'docs/data-migrator.md', 'docs/prerelease-builds.md'];
    expect(guides.filter((f) => !isReleaseNotes(f))).toEqual([]);
    expect(docs.filter(isReleaseNotes)).toEqual([]);
  });

  it('blog posts and design records name the versions of their day: not read by default, unless a docs: glob names the folder', async () => {
    const records = ['site/content/posts/2020-05-27-CSI-integration.md', 'blog/v1.md', 'website/_posts/x.md', 'design/one-pager-x.md', 'docs/proposals/p.md', 'keps/1432-x/README.md', 'enhancements/e.md', 'docs/adr/0001.md', 'docs/2024-01-02_meeting.md'];
    const docs = ['README.md', 'docs/designing-policies.md', 'docs/design.md', 'docs/blogging.md', 'docs/2024.md', 'docs/posts.md'];
    expect(records.filter((f) => !isDatedRecord(f))).toEqual([]);
    expect(docs.filter((f) => isDatedRecord(f))).toEqual([]);
    for (const file of ['README.md', 'design/x.md', 'blog/2020-01-01-y.md']) await put(file, snippet);
    expect((await loadDocs({ root })).files).toEqual(['README.md']);
    expect((await loadDocs({ root, globs: ['README.md', 'design/**'] })).files).toEqual(['README.md', 'design/x.md']);
  });

  it('reads *.md and *.markdown everywhere but .git, node_modules, vendor and release notes; a BOM is not a column', async () => {
    for (const file of ['README.md', 'docs/a.MD', 'docs/b.markdown', '.github/c.md', 'CHANGELOG.md', 'node_modules/x/README.md', 'vendor/y/README.md', '.git/z.md', 'docs/d.mdx']) await put(file, snippet);
    await put('docs/bom.md', `\uFEFF\`ghcr.io/acme/app:v1.0.0\``);
    const docs = await loadDocs({ root });
    expect(docs.files).toEqual(['.github/c.md', 'README.md', 'docs/a.MD', 'docs/b.markdown', 'docs/bom.md']);
    expect(allDocReferences(docs).find((r) => r.version.file === 'docs/bom.md')?.version).toMatchObject({ line: 1, column: 19 });
    expect(docs.diagnostics).toEqual([]);
  });

  it('configured globs choose the files; release notes only when named literally; a folder means everything below it', async () => {
    for (const file of ['README.md', 'docs/install.md', 'docs/releases/v1.md', 'CHANGELOG.md', 'guide/x.md']) await put(file, snippet);
    expect((await loadDocs({ root, globs: ['**/*.md'] })).files).toEqual(['README.md', 'docs/install.md', 'guide/x.md']);
    expect((await loadDocs({ root, globs: ['docs', 'CHANGELOG.md'] })).files).toEqual(['CHANGELOG.md', 'docs/install.md']);
    expect((await loadDocs({ root, globs: [] })).files).toEqual([]);
    await put('docs/usage.mdx', snippet);
    await put('docs/diagram.png', 'not markdown');
    expect((await loadDocs({ root, globs: ['docs/**/*.mdx', 'guide'] })).files).toEqual(['docs/usage.mdx', 'guide/x.md']);
    expect((await loadDocs({ root, globs: ['docs'] })).files).toEqual(['docs/install.md']);
  });

  it('Markdown in test-fixture folders is left out with one note, as the manifests there are, unless a docs: glob names the folder', async () => {
    const fixtures = ['test/performance/scheduler/README.md', 'e2e/README.md', 'pkg/testdata/notes.md', 'hack/kind-e2e/README.md', 'Tests/x.md'];
    for (const file of ['README.md', 'docs/testing.md', 'docs/e2e-guide.md', ...fixtures]) await put(file, snippet);
    const byDefault = await loadDocs({ root });
    expect(byDefault.files).toEqual(['README.md', 'docs/e2e-guide.md', 'docs/testing.md']);
    expect(allDocReferences(byDefault).map((r) => r.version.file)).toEqual(['README.md', 'docs/e2e-guide.md', 'docs/testing.md']);
    expect(byDefault.diagnostics).toEqual([
      {
        level: 'note',
        message: expect.stringMatching(/^5 Markdown files in test-fixture folders \(test\/, tests\/, .*\) not read: .*name the folders in docs: in \.tagcheck\.yaml/),
      },
    ]);
    // `**` names no folder, so the fixtures stay out; a glob or a literal path naming the folder reads it
    expect((await loadDocs({ root, globs: ['**/*.md'] })).files).toEqual(['README.md', 'docs/e2e-guide.md', 'docs/testing.md']);
    const named = await loadDocs({ root, globs: ['test/**/*.md', 'e2e/README.md', 'README.md'] });
    expect(named.files).toEqual(['README.md', 'e2e/README.md', 'test/performance/scheduler/README.md']);
    expect(named.diagnostics).toEqual([]);
    // a folder above the fixture folder does not name it
    expect((await loadDocs({ root, globs: ['pkg'] })).files).toEqual([]);
    expect((await loadDocs({ root, globs: ['pkg/testdata'] })).files).toEqual(['pkg/testdata/notes.md']);
  });

  it('an unreadable, binary, non-UTF-8 or oversized file is a warning naming it; the others are still read', async () => {
    await put('README.md', snippet);
    await put('binary.md', Buffer.from([0x60, 0x00, 0x01]));
    await put('latin1.md', Buffer.from([0x63, 0x61, 0x66, 0xe9]));
    await symlink(join(root, 'missing.md'), join(root, 'dangling.md'));
    const elsewhere = await mkdtemp(join(tmpdir(), 'tagcheck-docs-outside-'));
    await writeFile(join(elsewhere, 'secret.md'), snippet);
    await symlink(join(elsewhere, 'secret.md'), join(root, 'outside.md'));
    const docs = await loadDocs({ root, reader: async (path, limit) => (path.endsWith('README.md') ? { size: limit + 1, bytes: null } : { size: 3, bytes: await import('node:fs/promises').then((fs) => fs.readFile(path)) }) });
    expect(docs.diagnostics.map((d) => `${d.level} ${d.file}: ${d.message}`).sort()).toEqual([
      `note outside.md: symlink to ${join(elsewhere, 'secret.md')}, outside the checked directory; not followed`,
      'warning README.md: 10.0 MB, larger than the 10 MB limit for Markdown; skipped',
      'warning binary.md: binary file, not Markdown; skipped',
      'warning dangling.md: cannot be read: no such file (a dangling symlink?)',
      'warning latin1.md: not valid UTF-8; skipped',
    ]);
    expect(docs.files).toEqual([]);
    await rm(elsewhere, { recursive: true, force: true });
  });

  it('a named pipe called README.md is named in a warning, never waited on', async () => {
    const { execFileSync } = await import('node:child_process');
    execFileSync('mkfifo', [join(root, 'README.md')]);
    await put('docs/install.md', snippet);
    const docs = await loadDocs({ root });
    expect(docs.diagnostics.map((d) => `${d.level} ${d.file}: ${d.message}`)).toEqual(['warning README.md: cannot be read: not a regular file (a named pipe); skipped']);
    expect(docs.files).toEqual(['docs/install.md']);
  });
});
