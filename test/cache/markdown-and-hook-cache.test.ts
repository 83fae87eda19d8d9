import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, realpathSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { prePush, type CheckCommand } from '../../src/cli/hook.js';
import { bodyChecksum, contentHash } from '../../src/sources/manifests/facts-cache.js';
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
    writeFileSync(file, `${JSON.stringify({ ...header, checksum: bodyChecksum(body) })}\n${body}`);
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

  it('a README whose status the cache recorded is neither read nor hashed (a forged record shows); a rewrite is read', async () => {
    const { root, stale, cache } = docsProject(fencedReadme('v0.9.0'));
    // older than the 2 s in which a status is not trusted
    await new Promise((resolve) => setTimeout(resolve, 2200));
    const cold = await stale();
    expect(cold).toEqual([['v0.9.0', { file: 'README.md', line: 6, column: 30 }]]);
    const file = join(root, 'README.md');
    const { entries } = cache.read();
    const status = entries[`stat:${file}`] as unknown[] | undefined;
    expect(status?.[5]).toBe(contentHash(readFileSync(file)));
    // positive control: the record points at forged facts; a warm run believes them, so it never read the file
    const forged = JSON.parse(JSON.stringify(entries[`md:${status![5] as string}`]).replaceAll('v0.9.0', 'v0.8.0')) as unknown;
    cache.write({ ...entries, [`stat:${file}`]: [...status!.slice(0, 5), 'forged'], 'md:forged': forged });
    expect(await stale()).toEqual([['v0.8.0', { file: 'README.md', line: 6, column: 30 }]]);
    // same size, mtime put back: the ctime still changed, so the new bytes decide
    const { mtime } = statSync(file);
    writeFileSync(file, fencedReadme('v0.7.0'));
    utimesSync(file, mtime, mtime);
    expect(await stale()).toEqual([['v0.7.0', { file: 'README.md', line: 6, column: 30 }]]);
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
    const image = ['image', 'ghcr.io/acme/app', 'ghcr.io/acme/app:v0.9.0', 'v0.9.0'];
    const damagedEntries = [
      { references: 'none', at: [] },
      // an index past the table, a first line step of 0, a column of 0, an occurrence cut short
      { references: [image], at: [1, 6, 30] },
      { references: [image], at: [0, 0, 30] },
      { references: [image], at: [0, 6, 0] },
      { references: [image], at: [0, 6] },
      // a reference of no known kind or shape, one without its version, one with a number for a string
      { references: [['chart', ...image.slice(1)]], at: [0, 6, 30] },
      { references: [['git-ref', 'branch', 'acme/app', 'v0.9.0']], at: [0, 6, 30] },
      { references: [image.slice(0, 3)], at: [0, 6, 30] },
      { references: [[...image.slice(0, 3), 9]], at: [0, 6, 30] },
      // an empty entry would claim the README names nothing
      { references: [], at: 'none' },
      null,
      [],
    ];
    for (const damaged of damagedEntries) {
      cache.write({ ...cache.read().entries, [key]: damaged });
      expect(await stale(), JSON.stringify(damaged)).toEqual(cold);
      // and the next run wrote a good entry back
      expect((cache.read().entries[key] as { at?: unknown[] }).at, JSON.stringify(damaged)).toEqual([0, 6, 30]);
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
    const { findDocReferences, scanDocReferences } = await import('../../src/sources/docs/references.js');
    const { isMarkdownFacts, referencesFrom } = await import('../../src/sources/docs/reference-facts.js');
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
    // key order as the scan has always built them (reports print what rules copy from these)
    expect(Object.keys(references[0])).toEqual(['kind', 'repository', 'written', 'version', 'digest', 'own']);
    expect(Object.keys(references[0].version)).toEqual(['value', 'file', 'line', 'column']);
    const facts = JSON.parse(JSON.stringify(scanDocReferences(text))) as unknown;
    expect(isMarkdownFacts(facts)).toBe(true);
    const restored = referencesFrom(facts as Parameters<typeof referencesFrom>[0], 'docs/a.md');
    expect(restored).toEqual(references);
    expect(JSON.stringify(restored)).toBe(JSON.stringify(references));
    const elsewhere = referencesFrom(facts as Parameters<typeof referencesFrom>[0], 'other.md');
    expect(elsewhere.map((r) => r.version.file)).toEqual(references.map(() => 'other.md'));
    // fresh objects: marking one as own does not change the entry
    (elsewhere[0] as { own?: boolean }).own = true;
    expect(referencesFrom(facts as Parameters<typeof referencesFrom>[0], 'other.md')[0]).toEqual({ ...references[0], version: { ...references[0].version, file: 'other.md' } });
  });

  it('the model\'s grouped form holds the same occurrences, with fresh distinct references', async () => {
    const { findDocReferences, scanDocReferences } = await import('../../src/sources/docs/references.js');
    const { markdownReferencesFrom } = await import('../../src/sources/docs/reference-facts.js');
    const { docReferencesOf } = await import('../../src/model/docs.js');
    const line = 'helm upgrade --install app acme/app --version 2.1.0 && docker pull ghcr.io/acme/app:v1.0.0@sha256:' + 'b'.repeat(64);
    const text = ['```sh', line, 'kubectl apply -k "github.com/acme/app/deploy?ref=v1.0.0"', line, '```'].join('\n');
    const facts = scanDocReferences(text);
    const grouped = markdownReferencesFrom(facts, 'a.md');
    expect(grouped.references).toHaveLength(3);
    expect(docReferencesOf(grouped)).toEqual(findDocReferences(text, 'a.md'));
    // marking one as own does not change the facts (the cache's entry) nor the next run's
    const image = grouped.references.find((r) => r.kind === 'image') as { own: boolean };
    image.own = true;
    const again = markdownReferencesFrom(facts, 'a.md').references;
    expect(again.map((r) => ('own' in r ? r.own : 'n/a')).sort()).toEqual([false, false, 'n/a']);
  });

  it('keeps a repeated reference once, and each occurrence at its own place', async () => {
    const { findDocReferences, scanDocReferences } = await import('../../src/sources/docs/references.js');
    const line = 'helm upgrade --install app acme/app --version 2.1.0 && docker pull ghcr.io/acme/app:v1.0.0';
    const text = ['```sh', line, line, '```', '', `Or \`${line}\`.`].join('\r\n');
    const facts = scanDocReferences(text);
    expect(facts.references).toHaveLength(2);
    expect(facts.at).toHaveLength(6 * 3);
    const where = findDocReferences(text, 'a.md').map((r) => `${r.kind} ${r.version.line}:${r.version.column}`);
    const [chart, image] = [line.indexOf('2.1.0') + 1, line.indexOf('v1.0.0') + 1];
    const inline = 'Or `'.length;
    expect(where).toEqual([
      `helm-chart 2:${chart}`, `image 2:${image}`, `helm-chart 3:${chart}`, `image 3:${image}`, `helm-chart 6:${inline + chart}`, `image 6:${inline + image}`,
    ]);
  });
});
