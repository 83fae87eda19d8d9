import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { prePush, type CheckCommand } from '../../src/cli/hook.js';
import { contentHash } from '../../src/sources/manifests/facts-cache.js';
import { runCli } from '../cli/run-cli.js';
import { captureIO, git, makeRepo } from '../hook/git-repo.js';
import { removeAfterTest, tempDir } from '../support/temp-dir.js';

const ZERO = '0'.repeat(40);
const deployment = (image: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: ${image}\n`;
// line 5 names the stale version, at column 29
const readme = (version: string, lead = '') => `# App\n\n${lead}Install:\n\n    docker pull ghcr.io/acme/app:${version}\n\nMore prose.\n`;
const fencedReadme = (version: string, lead = '') => `# App\n\n${lead}Install:\n\n\`\`\`sh\ndocker pull ghcr.io/acme/app:${version}\n\`\`\`\n`;


/** The cache file's entries (after checking its checksum), and a writer that keeps the checksum right (to forge). */
function cacheFile(cacheHome: string) {
  const files = () => readdirSync(join(cacheHome, 'tagcheck')).map((name) => join(cacheHome, 'tagcheck', name));
  const read = () => {
    const [file] = files();
    const text = readFileSync(file, 'utf8');
    const newline = text.indexOf('\n');
    return { file, header: JSON.parse(text.slice(0, newline)) as Record<string, unknown>, entries: JSON.parse(text.slice(newline + 1)) as Record<string, unknown> };
  };
  const write = (entries: Record<string, unknown>) => {
    const { file, header } = read();
    const body = JSON.stringify(entries);
    writeFileSync(file, `${JSON.stringify({ ...header, sha256: createHash('sha256').update(body).digest('hex') })}\n${body}`);
  };
  return { files, read, write };
}

function docsProject(text: string) {
  const root = tempDir('tagcheck-md-cache-repo-');
  writeFileSync(join(root, '.tagcheck.yaml'), 'images:\n  - ghcr.io/acme/app\n');
  writeFileSync(join(root, 'app.yaml'), deployment('ghcr.io/acme/app:v1.0.0'));
  writeFileSync(join(root, 'README.md'), text);
  const cacheHome = tempDir('tagcheck-md-cache-home-');
  const env = { PATH: process.env.PATH, XDG_CACHE_HOME: cacheHome };
  const stale = async (...extra: string[]) => {
    const run = await runCli([root, '--offline', '--tag', 'v1.0.0', '--format', 'json', ...extra], { env });
    expect(run.code, run.stderr).toBeLessThan(2);
    const report = JSON.parse(run.stdout) as { findings: Array<{ ruleId: string; actual?: string; location?: { file: string; line: number; column: number } }> };
    return report.findings.filter((f) => f.ruleId === 'docs-version-stale').map((f) => [f.actual, f.location]);
  };
  return { root, cacheHome, stale, cache: cacheFile(cacheHome) };
}

describe('Markdown facts in the content-keyed cache', () => {
  it('a warm run reads the README from the cache (a forged entry shows); a changed README is scanned again', async () => {
    const { root, stale, cache } = docsProject(fencedReadme('v0.9.0'));
    const cold = await stale();
    expect(cold).toEqual([['v0.9.0', { file: 'README.md', line: 6, column: 30 }]]);
    expect(await stale()).toEqual(cold);
    const key = `md:${contentHash(readFileSync(join(root, 'README.md')))}`;
    const { entries } = cache.read();
    expect(entries[key]).toBeDefined();
    // positive control: the entry for the README's exact bytes is believed, so the cache is really read
    const forged = JSON.parse(JSON.stringify(entries[key]).replaceAll('v0.9.0', 'v0.8.0')) as unknown;
    cache.write({ ...entries, [key]: forged });
    expect(await stale()).toEqual([['v0.8.0', { file: 'README.md', line: 6, column: 30 }]]);
    expect(await stale('--no-cache')).toEqual(cold);
    // new bytes, new key: the new text decides, at its new position
    writeFileSync(join(root, 'README.md'), fencedReadme('v0.7.0', 'One more line.\n\n'));
    expect(await stale()).toEqual([['v0.7.0', { file: 'README.md', line: 8, column: 30 }]]);
    writeFileSync(join(root, 'README.md'), fencedReadme('v1.0.0'));
    expect(await stale()).toEqual([]);
  });

  it('the same README bytes under another name get that name', async () => {
    const { root, stale } = docsProject(fencedReadme('v0.9.0'));
    await stale();
    writeFileSync(join(root, 'INSTALL.md'), fencedReadme('v0.9.0'));
    const files = (await stale()).map(([, location]) => (location as { file: string }).file);
    expect(files).toContain('INSTALL.md');
    expect(files).toContain('README.md');
  });

  it('a damaged Markdown entry throws the whole cache away: the scan decides', async () => {
    const { root, stale, cache } = docsProject(fencedReadme('v0.9.0'));
    const cold = await stale();
    const key = `md:${contentHash(readFileSync(join(root, 'README.md')))}`;
    const damagedEntries = [
      { strings: 'none', shapes: [], rows: [] },
      // a string index past the table, a row longer than its shape, a reference without its version
      { strings: [], shapes: [['kind']], rows: [[0, 5]] },
      { strings: ['image'], shapes: [['kind']], rows: [[0, 0, 0]] },
      { strings: ['image'], shapes: [['kind']], rows: [[0, 0]] },
      // an empty entry would claim the README names nothing
      { strings: [], shapes: [], rows: 'none' },
      null,
      [],
    ];
    for (const damaged of damagedEntries) {
      cache.write({ ...cache.read().entries, [key]: damaged });
      expect(await stale(), JSON.stringify(damaged)).toEqual(cold);
      // and the next run wrote a good entry back
      expect((cache.read().entries[key] as { rows?: unknown[] }).rows, JSON.stringify(damaged)).toHaveLength(1);
    }
  });

  it('indented code is not code for the scan: the cached result is the same as a cold one', async () => {
    const { stale } = docsProject(readme('v0.9.0'));
    const cold = await stale('--no-cache');
    expect(await stale()).toEqual(cold);
    expect(await stale()).toEqual(cold);
  });
});

describe('hook pre-push and the cache', () => {
  it("checks the tag's temp tree with the repository's cache file: one file, warm on the next push, right after a change", async () => {
    const root = makeRepo('acme-app', { '.tagcheck.yaml': 'images:\n  - ghcr.io/acme/app\n', 'deploy/app.yaml': deployment('ghcr.io/acme/app:v1.2.2') });
    removeAfterTest(join(root, '..'));
    const cacheHome = tempDir('tagcheck-hook-cache-home-');
    const check: CheckCommand = (argv, io) => main(['check', ...argv], io);
    const push = async (tag: string) => {
      const sha = git(root, 'rev-parse', 'HEAD');
      git(root, 'tag', '-f', tag);
      const io = { ...captureIO(root, `refs/tags/${tag} ${sha} refs/tags/${tag} ${ZERO}\n`), env: { PATH: process.env.PATH, XDG_CACHE_HOME: cacheHome } };
      const code = await prePush([], io, async () => check);
      return { code, err: io.err() };
    };
    const cache = cacheFile(cacheHome);
    const first = await push('v1.2.3');
    expect(first.code, first.err).toBe(1);
    expect(first.err).toContain('image-tag-mismatch');
    // the file a plain `tagcheck check` of the repository uses, not one named after the temp tree
    const plain = await runCli([root, '--offline', '--tag', 'v1.2.3', '--format', 'json', '--verbose'], { env: { PATH: process.env.PATH, XDG_CACHE_HOME: cacheHome } });
    expect(cache.files()).toHaveLength(1);
    expect(plain.stderr).toContain(`facts cache: ${cache.files()[0]}`);
    expect(cache.files()[0]).toContain(createHash('sha256').update(realpathSync(root)).digest('hex').slice(0, 20));
    // positive control: the second push reads that file (a forged entry for the manifest's bytes shows)
    const key = contentHash(readFileSync(join(root, 'deploy/app.yaml')));
    const { entries } = cache.read();
    cache.write({ ...entries, [key]: JSON.parse(JSON.stringify(entries[key]).replace('v1.2.2', 'v1.2.4')) as unknown });
    expect((await push('v1.2.4')).code).toBe(0);
    // a fixed manifest is new bytes: parsed again, never the old entry
    writeFileSync(join(root, 'deploy/app.yaml'), deployment('ghcr.io/acme/app:v1.2.5'));
    git(root, 'commit', '-qam', 'bump');
    const fixed = await push('v1.2.5');
    expect(fixed.code, fixed.err).toBe(0);
    writeFileSync(join(root, 'deploy/app.yaml'), deployment('ghcr.io/acme/app:v1.2.5'));
    expect((await push('v1.2.6')).code).toBe(1);
    expect(cache.files()).toHaveLength(1);
  });
});

describe('the compact Markdown entry', () => {
  it('gives back exactly the references of the scan, under the name asked', async () => {
    const { findDocReferences } = await import('../../src/sources/docs/references.js');
    const { decodeMarkdownFacts, encodeMarkdownFacts } = await import('../../src/sources/docs/markdown-facts.js');
    const text = [
      '```sh',
      'docker pull ghcr.io/acme/app:v1.2.2@sha256:' + 'a'.repeat(64),
      'kubectl apply -k "github.com/acme/app/deploy?ref=v1.2.2"',
      'curl -LO https://github.com/acme/app/releases/download/v1.2.2/app.tar.gz',
      'helm install app acme/app --version 1.2.2',
      '```',
      '',
      '```yaml',
      'images:',
      '  - name: ghcr.io/acme/app',
      '    newTag: v1.2.2',
      '```',
      '',
      'Then `docker run ghcr.io/acme/other:2.0.0` — ünïcode 🎉 before `ghcr.io/acme/app:v1.2.1`.',
    ].join('\n');
    const references = findDocReferences(text, 'docs/a.md');
    expect(new Set(references.map((r) => r.kind))).toEqual(new Set(['image', 'git-ref', 'helm-chart']));
    const facts = encodeMarkdownFacts(references);
    expect(facts).toBeDefined();
    const restored = decodeMarkdownFacts(JSON.parse(JSON.stringify(facts)) as NonNullable<typeof facts>, 'docs/a.md');
    expect(restored).toEqual(references);
    // key order too (reports print what rules copy from these)
    expect(JSON.stringify(restored)).toBe(JSON.stringify(references));
    const elsewhere = decodeMarkdownFacts(facts!, 'other.md')!;
    expect(elsewhere.map((r) => r.version.file)).toEqual(references.map(() => 'other.md'));
    // fresh objects: marking one as own does not change the entry
    (elsewhere[0] as { own?: boolean }).own = true;
    expect(decodeMarkdownFacts(facts!, 'other.md')![0]).toEqual({ ...references[0], version: { ...references[0].version, file: 'other.md' } });
  });
});
