import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bodyChecksum, contentHash } from '../../src/sources/manifests/facts-cache.js';
import { runCli } from '../cli/run-cli.js';
import { binPath, ensureBuilt } from '../hook/built-cli.js';
import { tempDir } from '../support/temp-dir.js';
import { expectOneWholeCacheFile } from './cache-file.js';

// The files kustomize, Helm and the config loader read are cached as data (k:, patch:, chart:, values:,
// config: entries): a warm run must give the cold run's report, and any change must be read again.


const FILES: Record<string, string> = {
  '.tagcheck.yaml': 'images:\n  - ghcr.io/acme/app\n  - ghcr.io/acme/worker\n',
  'deploy/base/kustomization.yaml': 'resources:\n  - app.yaml\n',
  'deploy/base/app.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: ghcr.io/acme/app:v1.0.0\n',
  'deploy/prod/kustomization.yaml': [
    'resources:', '  - ../base', 'patches:', '  - path: worker.yaml', '  - patch: |-', '      kind: Deployment', '      metadata:',
    '        name: app', '      spec:', '        template:', '          spec:', '            initContainers:', '              - name: init',
    '                image: ghcr.io/acme/worker:v1.0.0', 'images:', '  - name: ghcr.io/acme/app', '    newTag: v1.0.0', '',
  ].join('\n'),
  'deploy/prod/worker.yaml': 'kind: Deployment\nmetadata:\n  name: app\nspec:\n  template:\n    spec:\n      containers:\n        - name: worker\n          image: ghcr.io/acme/worker:v1.0.0\n',
  'charts/app/Chart.yaml': 'apiVersion: v2\nname: app\nversion: 1.0.0\nappVersion: "1.0.0"\n',
  'charts/app/values.yaml': 'image:\n  repository: ghcr.io/acme/app\n  tag: v1.0.0\n',
  'charts/app/templates/deployment.yaml': 'image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"\n',
};

interface Report {
  findings: Array<{ ruleId: string; actual?: string; location?: { file: string; line: number; column: number } }>;
}

function project() {
  const root = tempDir('tagcheck-kept-repo-');
  const write = (file: string, text: string) => {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), text);
  };
  for (const [file, text] of Object.entries(FILES)) write(file, text);
  const cacheHome = tempDir('tagcheck-kept-home-');
  const env = { PATH: process.env.PATH, XDG_CACHE_HOME: cacheHome };
  const run = (...extra: string[]) => runCli([root, '--offline', '--tag', 'v1.0.0', '--format', 'json', '--verbose', ...extra], { env });
  const check = async (...extra: string[]) => {
    const result = await run(...extra);
    expect(result.code, result.stderr).toBeLessThan(2);
    const parsed = /parsed (\d+) of (\d+) YAML files \((\d+) from cache\)/.exec(result.stderr);
    expect(parsed, result.stderr).not.toBeNull();
    const report = JSON.parse(result.stdout) as Report;
    return { report, stdout: result.stdout, parsed: Number(parsed![1]), of: Number(parsed![2]), cached: Number(parsed![3]) };
  };
  const found = (report: Report) => report.findings.map((f) => [f.ruleId, f.actual, `${f.location?.file}:${f.location?.line}:${f.location?.column}`]);
  const cacheFile = () => {
    const [name] = readdirSync(join(cacheHome, 'tagcheck'));
    return join(cacheHome, 'tagcheck', name);
  };
  return { root, write, run, check, found, cacheFile };
}

/** The cache file's header and entries, and a writer that keeps its checksum right (to forge an entry). */
function readCache(file: string) {
  const text = readFileSync(file, 'utf8');
  const newline = text.indexOf('\n');
  const header = JSON.parse(text.slice(0, newline)) as Record<string, unknown>;
  const entries = JSON.parse(text.slice(newline + 1)) as Record<string, unknown>;
  const write = (changed: Record<string, unknown>) => {
    const body = JSON.stringify(changed);
    writeFileSync(file, `${JSON.stringify({ ...header, checksum: bodyChecksum(body) })}\n${body}`);
  };
  return { header, entries, write };
}

describe('cached kustomizations, patches, charts, values and config', () => {
  it('a warm run parses nothing and reports exactly what the cold run did', async () => {
    const { check } = project();
    const cold = await check();
    expect(cold.report.findings).toEqual([]);
    // the config, 3 kustomize files, 2 resources (one is also a patch), Chart.yaml and values.yaml
    expect([cold.parsed, cold.of, cold.cached]).toEqual([7, 7, 0]);
    const warm = await check();
    expect([warm.parsed, warm.of, warm.cached]).toEqual([0, 7, 7]);
    expect(warm.stdout).toBe(cold.stdout);
    expect(warm.stdout).toBe((await check('--no-cache')).stdout);
  });

  it('each changed file is read again, and its new content decides at its new position', async () => {
    const { check, write, found } = project();
    await check();
    const changes: Array<[string, string, unknown[]]> = [
      ['deploy/prod/kustomization.yaml', FILES['deploy/prod/kustomization.yaml'].replace('newTag: v1.0.0', 'newTag: v0.9.0'),
        [['image-tag-mismatch', 'v0.9.0', 'deploy/prod/kustomization.yaml:17:13']]],
      // the inline patch's image, exact inside the literal block
      ['deploy/prod/kustomization.yaml', FILES['deploy/prod/kustomization.yaml'].replace('worker:v1.0.0', 'worker:v0.8.0'),
        [['image-tag-mismatch', 'v0.8.0', 'deploy/prod/kustomization.yaml:14:24']]],
      ['deploy/prod/worker.yaml', `# moved\n${FILES['deploy/prod/worker.yaml'].replace('v1.0.0', 'v0.7.0')}`,
        [['image-tag-mismatch', 'v0.7.0', 'deploy/prod/worker.yaml:10:18']]],
      ['charts/app/values.yaml', FILES['charts/app/values.yaml'].replace('tag: v1.0.0', 'tag: v0.6.0'),
        [['image-tag-mismatch', 'v0.6.0', 'charts/app/values.yaml:3:8']]],
      ['charts/app/Chart.yaml', FILES['charts/app/Chart.yaml'].replace('"1.0.0"', '"0.5.0"'),
        [['chart-app-version-mismatch', '0.5.0', 'charts/app/Chart.yaml:4:13']]],
      // the config decides which images are own: without the worker, its drift is no finding
      ['.tagcheck.yaml', 'images:\n  - ghcr.io/acme/app\n', []],
    ];
    for (const [file, text, expected] of changes) {
      write(file, text);
      if (file === '.tagcheck.yaml') write('deploy/prod/worker.yaml', FILES['deploy/prod/worker.yaml'].replace('v1.0.0', 'v0.7.0'));
      const changed = await check();
      expect(found(changed.report), file).toEqual(expected);
      expect(changed.parsed, file).toBe(file === '.tagcheck.yaml' ? 2 : 1);
      expect(changed.stdout, file).toBe((await check('--no-cache')).stdout);
      write(file, FILES[file]);
      write('deploy/prod/worker.yaml', FILES['deploy/prod/worker.yaml']);
      expect((await check()).report.findings, `${file} restored`).toEqual([]);
    }
  });

  it('a config that became invalid fails as it does uncached: one line, exit 2', async () => {
    const { run, write } = project();
    expect((await run()).code).toBe(0);
    write('.tagcheck.yaml', 'images:\n  - ghcr.io/acme/app\nimagez: []\n');
    const cached = await run();
    const uncached = await run('--no-cache');
    expect(cached.code).toBe(2);
    expect(cached.stderr.trim().split('\n').at(-1)).toMatch(/^tagcheck: \.tagcheck\.yaml:3:1: unknown key "imagez"/);
    expect(cached.stderr.trim().split('\n').at(-1)).toBe(uncached.stderr.trim().split('\n').at(-1));
    // and again: an invalid config is never kept, so it is never mistaken for a valid one
    expect((await run()).code).toBe(2);
  });

  it('the cache is really read for kustomizations (a forged entry shows), and an entry of the wrong shape means a new parse', async () => {
    const { root, check, found, cacheFile } = project();
    await check();
    const file = cacheFile();
    const { entries, write } = readCache(file);
    const key = `k:${contentHash(readFileSync(join(root, 'deploy/prod/kustomization.yaml')))}`;
    const entry = entries[key] as { read: { data: { images: Array<{ newTag: { value: string } }> } } };
    expect(entry.read.data.images[0].newTag.value).toBe('v1.0.0');
    entry.read.data.images[0].newTag.value = 'v0.0.1';
    write(entries);
    expect(found((await check()).report)).toEqual([['image-tag-mismatch', 'v0.0.1', 'deploy/prod/kustomization.yaml:17:13']]);

    // wrong shapes, each with a right checksum: the whole file is dropped and everything is parsed again
    const shapes: Array<[string, unknown]> = [
      [key, { diagnostics: [], read: { diagnostics: [], data: { resources: 'x' } } }],
      [key, { diagnostics: 'x', read: null }],
      [`chart:${contentHash(readFileSync(join(root, 'charts/app/Chart.yaml')))}`, { diagnostics: [], read: { diagnostics: [], data: null } }],
      [`values:${contentHash(readFileSync(join(root, 'charts/app/values.yaml')))}`, { diagnostics: [], read: { diagnostics: [], data: {} } }],
      [Object.keys(entries).find((name) => name.startsWith('config:'))!, { config: { images: 'x' } }],
      ['patch:whatever', { diagnostics: [], read: { diagnostics: [], data: { operations: [] } } }],
    ];
    for (const [name, value] of shapes) {
      readCache(file).write({ ...readCache(file).entries, [name]: value });
      const run = await check();
      expect(run.report.findings, name).toEqual([]);
      expect(run.parsed, name).toBe(7);
    }
  });

  it('a truncated cache, or one of another build, is ignored whole', async () => {
    const { check, cacheFile } = project();
    await check();
    const file = cacheFile();
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.slice(0, Math.floor(text.length * 0.7)));
    expect((await check()).parsed).toBe(7);
    const { entries, write, header } = readCache(file);
    expect(header.build).toBeTruthy();
    writeFileSync(file, '');
    write(entries);
    expect((await check()).parsed).toBe(0);
    const body = JSON.stringify(entries);
    writeFileSync(file, `${JSON.stringify({ ...header, build: 'another-build', checksum: bodyChecksum(body) })}\n${body}`);
    expect((await check()).parsed).toBe(7);
  });
});

describe('the built CLI on the cached kinds', () => {
  beforeAll(ensureBuilt, 120_000);

  function runBin(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile(process.execPath, [binPath, ...args], { env: { PATH: process.env.PATH, ...env } }, (error, stdout, stderr) => {
        resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
      });
    });
  }

  it('warm parses nothing; concurrent runs with different kustomizations leave one whole cache, and later runs are right', async () => {
    const { root, write } = project();
    const cacheHome = tempDir('tagcheck-kept-bin-home-');
    const args = [root, '--offline', '--tag', 'v1.0.0', '--format', 'json', '--verbose'];
    const cold = await runBin(args, { XDG_CACHE_HOME: cacheHome });
    const warm = await runBin(args, { XDG_CACHE_HOME: cacheHome });
    expect(cold.stderr).toContain('parsed 7 of 7 YAML files (0 from cache)');
    expect(warm.stderr).toContain('parsed 0 of 7 YAML files (7 from cache)');
    expect(warm.stdout).toBe(cold.stdout);

    const runs = await Promise.all(
      Array.from({ length: 6 }, async (_, i) => {
        mkdirSync(join(root, `deploy/extra-${i}`), { recursive: true });
        write(`deploy/extra-${i}/kustomization.yaml`, `resources:\n  - ../base\nimages:\n  - name: ghcr.io/acme/app\n    newTag: v0.${i}.0\n`);
        return runBin(args, { XDG_CACHE_HOME: cacheHome });
      }),
    );
    for (const run of runs) expect(run.code, run.stderr).toBe(1);
    expectOneWholeCacheFile(cacheHome);
    const expected = (await runBin([...args, '--no-cache'], {})).stdout;
    expect((await runBin(args, { XDG_CACHE_HOME: cacheHome })).stdout).toBe(expected);
    for (let i = 0; i < 6; i++) rmSync(join(root, `deploy/extra-${i}`), { recursive: true });
    expect((await runBin(args, { XDG_CACHE_HOME: cacheHome })).stdout).toBe(warm.stdout);
  });
});

describe('files whose status the cache recorded', () => {
  const deployment = (tag: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: ghcr.io/acme/app:${tag}\n`;

  /** A repository whose files are older than the 2 s in which a status is not trusted. */
  async function oldProject() {
    const root = tempDir('tagcheck-status-repo-');
    writeFileSync(join(root, '.tagcheck.yaml'), 'images:\n  - ghcr.io/acme/app\n');
    writeFileSync(join(root, 'app.yaml'), deployment('v1.0.0'));
    await new Promise((resolve) => setTimeout(resolve, 2200));
    const cacheHome = tempDir('tagcheck-status-home-');
    const check = async () => {
      const run = await runCli([root, '--offline', '--tag', 'v1.0.0', '--format', 'json'], { env: { PATH: process.env.PATH, XDG_CACHE_HOME: cacheHome } });
      expect(run.code, run.stderr).toBeLessThan(2);
      return (JSON.parse(run.stdout) as Report).findings.map((f) => [f.actual, `${f.location?.file}:${f.location?.line}:${f.location?.column}`]);
    };
    const cacheFile = () => join(cacheHome, 'tagcheck', readdirSync(join(cacheHome, 'tagcheck'))[0]);
    return { root, check, cacheFile };
  }

  it('an unchanged status means the file is not read (a forged hash shows); a rewrite with the old size and mtime is read again', async () => {
    const { root, check, cacheFile } = await oldProject();
    expect(await check()).toEqual([]);
    const file = join(root, 'app.yaml');
    const { entries, write } = readCache(cacheFile());
    const status = entries[`stat:${file}`] as unknown[] | undefined;
    expect(status?.[5]).toBe(contentHash(readFileSync(file)));
    // positive control: point the record at forged facts; a warm run believes them, so it did not read the file
    const facts = entries[status![5] as string] as { containers: Array<{ image: string }> };
    write({ ...entries, [`stat:${file}`]: [...status!.slice(0, 5), 'forged'], forged: { ...facts, containers: [{ ...facts.containers[0], image: 'ghcr.io/acme/app:v0.0.2' }] } });
    expect(await check()).toEqual([['v0.0.2', 'app.yaml:10:18']]);
    write(entries);
    expect(await check()).toEqual([]);

    // same size, mtime put back: the ctime still changed, so the new bytes decide
    const { mtime } = statSync(file);
    writeFileSync(file, deployment('v0.9.0'));
    utimesSync(file, mtime, mtime);
    expect(statSync(file).size).toBe(Buffer.byteLength(deployment('v1.0.0')));
    expect(await check()).toEqual([['v0.9.0', 'app.yaml:10:18']]);
  });
});
