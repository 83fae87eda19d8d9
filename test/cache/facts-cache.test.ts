import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildId, toolVersion } from '../../src/engine/tool.js';
import { bodyChecksum, contentHash, openFactsCache } from '../../src/sources/manifests/facts-cache.js';
import { extractFileFacts, type FileFacts } from '../../src/sources/manifests/file-facts.js';
import { runCli } from '../cli/run-cli.js';
import { binPath, ensureBuilt } from '../hook/built-cli.js';
import { tempDir } from '../support/temp-dir.js';
import { expectOneWholeCacheFile } from './cache-file.js';

const deployment = (image: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: ${image}\n`;


/** A repository with one workload, and a cache folder of its own (never the repository, never ~/.cache). */
function project(image = 'ghcr.io/acme/app:v1.0.0') {
  const root = tempDir('tagcheck-cache-repo-');
  writeFileSync(join(root, '.tagcheck.yaml'), 'images:\n  - ghcr.io/acme/app\n');
  writeFileSync(join(root, 'app.yaml'), deployment(image));
  const cacheHome = tempDir('tagcheck-cache-home-');
  const env = { PATH: process.env.PATH, XDG_CACHE_HOME: cacheHome };
  const check = async (...extra: string[]) => {
    const run = await runCli([root, '--offline', '--tag', 'v1.0.0', '--format', 'json', ...extra], { env });
    expect(run.code, run.stderr).toBeLessThan(2);
    const report = JSON.parse(run.stdout) as { findings: Array<{ ruleId: string; actual?: string; location?: { file: string; line: number; column: number } }>; diagnostics?: unknown[] };
    return report;
  };
  const cacheFiles = () => {
    try {
      return readdirSync(join(cacheHome, 'tagcheck')).map((name) => join(cacheHome, 'tagcheck', name));
    } catch {
      return [];
    }
  };
  return { root, cacheHome, env, check, cacheFiles };
}

/** Writes a cache file as tagcheck would, with any header fields and entries (to forge or to age one). */
function writeCache(file: string, entries: Record<string, FileFacts>, header: Partial<{ format: number; tool: string; build: string }> = {}) {
  const body = JSON.stringify(entries);
  const head = { format: 2, tool: toolVersion(), build: buildId(), ...header, checksum: bodyChecksum(body) };
  writeFileSync(file, `${JSON.stringify(head)}\n${body}`);
}

/** The facts of app.yaml with its image replaced: what a stale or forged cache entry would claim. */
function forgedFacts(root: string, image: string): Record<string, FileFacts> {
  const bytes = readFileSync(join(root, 'app.yaml'));
  const facts = extractFileFacts(bytes, 'app.yaml');
  expect(facts.containers).toHaveLength(1);
  return { [contentHash(bytes)]: { ...facts, containers: [{ ...facts.containers[0], image }] } };
}

describe('the facts cache through the CLI', () => {
  it('a warm run reads the cache (a forged entry shows), and --no-cache neither reads nor writes it', async () => {
    const { root, check, cacheFiles, cacheHome } = project();
    expect((await check('--no-cache')).findings).toEqual([]);
    expect(cacheFiles()).toEqual([]);
    expect((await check()).findings).toEqual([]);
    const [file] = cacheFiles();
    expect(file).toBeDefined();
    // positive control: an entry for app.yaml's exact bytes is believed, so the cache is really read
    writeCache(file, forgedFacts(root, 'ghcr.io/acme/app:v0.9.9'));
    expect((await check()).findings.map((f) => f.actual)).toEqual(['v0.9.9']);
    expect((await check('--no-cache')).findings).toEqual([]);
    expect(readdirSync(join(cacheHome, 'tagcheck'))).toHaveLength(1);
  });

  it('a changed file is parsed again: its new content decides, at its new position', async () => {
    const { root, check } = project();
    expect((await check()).findings).toEqual([]);
    writeFileSync(join(root, 'app.yaml'), `# moved down a line\n${deployment('ghcr.io/acme/app:v0.9.0')}`);
    const report = await check();
    expect(report.findings.map((f) => [f.ruleId, f.actual, f.location])).toEqual([['image-tag-mismatch', 'v0.9.0', { file: 'app.yaml', line: 11, column: 18 }]]);
    // and back: the old bytes' entry was dropped or is still right, never a mix
    writeFileSync(join(root, 'app.yaml'), deployment('ghcr.io/acme/app:v1.0.0'));
    expect((await check()).findings).toEqual([]);
  });

  it('the same bytes under another path get that path', async () => {
    const { root, check } = project('ghcr.io/acme/app:v0.9.0');
    expect((await check()).findings.map((f) => f.location?.file)).toEqual(['app.yaml']);
    mkdirSync(join(root, 'copy'));
    writeFileSync(join(root, 'copy', 'app.yaml'), deployment('ghcr.io/acme/app:v0.9.0'));
    expect((await check()).findings.map((f) => f.location?.file)).toEqual(['app.yaml', 'copy/app.yaml']);
  });

  it('a cache from another tool version, another build or another format is ignored whole', async () => {
    const { root, check, cacheFiles } = project();
    await check();
    const [file] = cacheFiles();
    for (const header of [{ tool: '0.0.1' }, { build: 'another-build' }, { format: 0 }]) {
      writeCache(file, forgedFacts(root, 'ghcr.io/acme/app:v0.9.9'), header);
      expect((await check()).findings, JSON.stringify(header)).toEqual([]);
    }
  });

  it('a truncated, altered or garbage cache file is ignored and replaced by a good one', async () => {
    const { root, check, cacheFiles } = project();
    await check();
    const [file] = cacheFiles();
    writeCache(file, forgedFacts(root, 'ghcr.io/acme/app:v0.9.9'));
    const good = readFileSync(file, 'utf8');
    const damaged = [
      good.slice(0, Math.floor(good.length / 2)),
      good.slice(0, good.indexOf('\n')),
      // valid JSON, wrong checksum: a flipped character in an image
      good.replace('v0.9.9', 'v0.9.8'),
      '\0\0\0garbage',
      '',
    ];
    for (const text of damaged) {
      writeFileSync(file, text);
      expect((await check()).findings, JSON.stringify(text.slice(0, 40))).toEqual([]);
      const rewritten = readFileSync(file, 'utf8');
      const [head, body] = [rewritten.slice(0, rewritten.indexOf('\n')), rewritten.slice(rewritten.indexOf('\n') + 1)];
      expect(JSON.parse(head).checksum).toBe(bodyChecksum(body));
    }
  });
});

describe('the facts cache module', () => {
  const facts: FileFacts = { containers: [{ image: 'a:1', kind: 'Pod', line: 3, column: 5 }], diagnostics: [{ level: 'note', message: 'x', line: 1, column: 1 }] };
  const options = (dir: string) => ({ dir, root: '/repo', toolVersion: '1.0.0', buildId: 'b1' });

  it('keeps what was set, for the same version and build only', async () => {
    const dir = tempDir('tagcheck-cache-module-');
    const first = await openFactsCache(options(dir));
    expect(first.get('h1')).toBeUndefined();
    first.set('h1', facts);
    await first.save();
    expect((await openFactsCache(options(dir))).get('h1')).toEqual(facts);
    expect((await openFactsCache({ ...options(dir), toolVersion: '1.0.1' })).get('h1')).toBeUndefined();
    expect((await openFactsCache({ ...options(dir), buildId: 'b2' })).get('h1')).toBeUndefined();
    expect((await openFactsCache({ ...options(dir), root: '/other' })).get('h1')).toBeUndefined();
  });

  it('drops the entries a run did not use', async () => {
    const dir = tempDir('tagcheck-cache-module-');
    const first = await openFactsCache(options(dir));
    first.set('old', facts);
    first.set('kept', facts);
    await first.save();
    const second = await openFactsCache(options(dir));
    expect(second.get('kept')).toEqual(facts);
    await second.save();
    const third = await openFactsCache(options(dir));
    expect([third.get('kept'), third.get('old')]).toEqual([facts, undefined]);
  });

  it('saving where no folder can be made is silent: it is a cache', async () => {
    const file = join(tempDir('tagcheck-cache-module-'), 'a-file');
    writeFileSync(file, '');
    const cache = await openFactsCache(options(join(file, 'below')));
    cache.set('h', facts);
    await expect(cache.save()).resolves.toBeUndefined();
  });
});

describe('the built CLI', () => {
  beforeAll(ensureBuilt, 120_000);

  function runBin(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile(process.execPath, [binPath, ...args], { env: { PATH: process.env.PATH, ...env }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
        resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
      });
    });
  }

  /** 60 workload files, some with drift, some invalid, some not Kubernetes objects, with CRLF and a BOM. */
  function manyFiles(): string {
    const root = tempDir('tagcheck-cache-many-');
    writeFileSync(join(root, '.tagcheck.yaml'), 'images:\n  - ghcr.io/acme/app\n');
    for (let i = 0; i < 60; i++) {
      const tag = i % 7 === 0 ? 'v0.9.0' : 'v1.0.0';
      let text = `${deployment(`ghcr.io/acme/app:${tag}`)}---\napiVersion: v1\nkind: Service\nmetadata: {name: s${i}}\n`;
      if (i % 10 === 3) text += '---\nbroken: [1, 2\n';
      if (i % 10 === 5) text = `\uFEFF${text.replaceAll('\n', '\r\n')}`;
      if (i % 10 === 8) text += '---\n- a list\n';
      writeFileSync(join(root, `app-${String(i).padStart(2, '0')}.yaml`), text);
    }
    return root;
  }

  it('worker threads give exactly the report and diagnostics of one thread, cold and warm', async () => {
    const root = manyFiles();
    const args = [root, '--offline', '--tag', 'v1.0.0', '--format', 'json', '--verbose'];
    const oneThread = await runBin([...args, '--no-cache'], { TAGCHECK_PARSE_WORKERS: '0' });
    expect(oneThread.code).toBe(1);
    const report = JSON.parse(oneThread.stdout);
    expect(report.findings.filter((f: { ruleId: string }) => f.ruleId === 'image-tag-mismatch')).toHaveLength(9);
    expect(report.diagnostics.filter((d: { message: string }) => /invalid YAML/.test(d.message))).toHaveLength(6);
    const cacheHome = tempDir('tagcheck-cache-home-');
    const parallelCold = await runBin(args, { TAGCHECK_PARSE_WORKERS: '2', XDG_CACHE_HOME: cacheHome });
    const warm = await runBin(args, { TAGCHECK_PARSE_WORKERS: '2', XDG_CACHE_HOME: cacheHome });
    expect(parallelCold.stdout).toBe(oneThread.stdout);
    expect(warm.stdout).toBe(oneThread.stdout);
    // the cold runs parse the config and the 60 manifests; the warm run takes all 61 from the cache
    expect(oneThread.stderr).toContain('tagcheck: parsed 61 of 61 YAML files (0 from cache)\n');
    expect(parallelCold.stderr).toContain('tagcheck: parsed 61 of 61 YAML files (0 from cache)\n');
    expect(warm.stderr).toContain('tagcheck: parsed 0 of 61 YAML files (61 from cache)\n');
    const withoutCacheLines = (text: string) => text.replace(/^tagcheck: facts cache: .*\n/m, '').replace(/^tagcheck: parsed \d+ of \d+ YAML files .*\n/m, '');
    expect(withoutCacheLines(parallelCold.stderr)).toBe(withoutCacheLines(oneThread.stderr));
    expect(withoutCacheLines(warm.stderr)).toBe(withoutCacheLines(oneThread.stderr));
  });

  it('concurrent runs on one cache leave it whole, and later runs are right', async () => {
    const root = manyFiles();
    const cacheHome = tempDir('tagcheck-cache-home-');
    const args = [root, '--offline', '--tag', 'v1.0.0', '--format', 'json'];
    const expected = (await runBin([...args, '--no-cache'], {})).stdout;
    // Each run sees different content for one file, so each writes a different cache.
    const runs = await Promise.all(
      Array.from({ length: 6 }, async (_, i) => {
        writeFileSync(join(root, `extra-${i}.yaml`), deployment('ghcr.io/acme/app:v1.0.0'));
        return runBin(args, { XDG_CACHE_HOME: cacheHome, TAGCHECK_PARSE_WORKERS: String(i % 2) });
      }),
    );
    for (const run of runs) expect(run.code, run.stderr).toBe(1);
    expectOneWholeCacheFile(cacheHome);
    for (let i = 0; i < 6; i++) rmSync(join(root, `extra-${i}.yaml`));
    expect((await runBin(args, { XDG_CACHE_HOME: cacheHome })).stdout).toBe(expected);
  });

  it('the cache folder defaults to PATH/node_modules/.cache/tagcheck when PATH has node_modules, never PATH itself otherwise', async () => {
    const root = manyFiles();
    const home = tempDir('tagcheck-cache-fakehome-');
    await runBin([root, '--offline', '--tag', 'v1.0.0'], { HOME: home });
    expect(readdirSync(join(home, '.cache', 'tagcheck'))).toHaveLength(1);
    expect(readdirSync(root).filter((name) => !name.endsWith('.yaml'))).toEqual([]);
    mkdirSync(join(root, 'node_modules'));
    await runBin([root, '--offline', '--tag', 'v1.0.0'], { HOME: home });
    expect(readdirSync(join(realpathSync(root), 'node_modules', '.cache', 'tagcheck'))).toHaveLength(1);
  });
});
