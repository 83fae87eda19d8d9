import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coveredByRun } from '../support/bundle-coverage.js';

// End-to-end runs of the real launcher, bin/tagcheck.js → dist/. `npm test` builds first (pretest);
// a bare `npx vitest run` builds here when dist/ is missing.
const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(projectRoot, 'bin', 'tagcheck.js');
const run = promisify(execFile);

interface Run { code: number; stdout: string; stderr: string }
let runs = 0;

async function tagcheck(args: string[], nodeArgs: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  try {
    const { stdout, stderr } = await run(process.execPath, [...nodeArgs, bin, ...args], {
      cwd: projectRoot,
      // the facts cache goes to this file's scratch folder, one per run, never into the repository
      env: { PATH: process.env.PATH, HOME: process.env.HOME, XDG_CACHE_HOME: join(scratch, `cache-${++runs}`), ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    if (typeof e.code !== 'number') throw error;
    return { code: e.code, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

let scratch: string;
beforeAll(async () => {
  if (!existsSync(join(projectRoot, 'dist', 'tagcheck.cjs'))) {
    await run('npm', ['run', 'build', '--silent'], { cwd: projectRoot });
  }
  scratch = await mkdtemp(join(tmpdir(), 'tagcheck-e2e-'));
}, 120_000);
afterAll(() => rm(scratch, { recursive: true, force: true }));

describe('bin/tagcheck.js', () => {
  it('--version', async () => {
    const pkg = JSON.parse(await readFile(join(projectRoot, 'package.json'), 'utf8')) as { version: string };
    expect(await tagcheck(['--version'])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('a bad flag is one line on stderr and exit 2, no stack trace', async () => {
    const result = await tagcheck(['check', '--no-such-flag']);
    expect(result).toEqual({ code: 2, stdout: '', stderr: 'tagcheck: unknown option --no-such-flag (see --help)\n' });
  });

  it('a clean repository exits 0', async () => {
    await writeFile(join(scratch, 'app.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app}\n');
    const result = await tagcheck([scratch, '--offline', '--format', 'json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).findings).toEqual([]);
  });

  it('the demo prints its findings and exits 1', async () => {
    const result = await tagcheck(['fixtures/demo', '--offline', '--tag', 'v1.4.0']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^deploy\/overlays\/production\/kustomization\.yaml:8:13 +error +.*v1\.3\.2.* +image-tag-mismatch$/m);
    expect(result.stdout).toMatch(/^charts\/shop\/Chart\.yaml:6:13 +error .* chart-app-version-mismatch$/m);
    expect(result.stdout).toMatch(/^deploy\/plain\/cache\.yaml:15:18 +warning .* mutable-image-tag$/m);
    expect(result.stdout).toMatch(/^docs\/install\.md:6:52 +warning .* docs-version-stale$/m);
    expect(result.stdout).toMatch(/^tagcheck: 4 problems \(2 errors, 2 warnings, 0 notes\); release v1\.4\.0; /m);
  });
});

describe('npm run demo', () => {
  it('runs every rule against the demo\'s registry and cluster snapshots and prints the exit code', async () => {
    const pkg = JSON.parse(await readFile(join(projectRoot, 'package.json'), 'utf8'));
    const script: string = pkg.scripts.demo;
    // the build step aside (beforeAll built dist/), the very command a newcomer runs
    expect(script.startsWith('npm run build && ')).toBe(true);
    const command = script.slice('npm run build && '.length);
    expect(command).toContain('--registry-snapshot fixtures/demo/registry-snapshot.json');
    expect(command).toContain('--cluster-snapshot fixtures/demo/cluster-snapshot.json');
    const { stdout } = await run('sh', ['-c', command], { cwd: projectRoot, env: { PATH: `${dirname(process.execPath)}:${process.env.PATH}`, HOME: process.env.HOME, XDG_CACHE_HOME: join(scratch, 'cache-newcomer') } });
    for (const line of [
      /^\.tagcheck\.yaml:8:5 +error .* components-out-of-sync$/m,
      /^charts\/shop\/values\.yaml:7:10 +error .*shop-web:latest is the same image as main.* latest-is-prerelease$/m,
      /^charts\/shop\/values\.yaml:7:10 +error .*shop-web:v1\.4\.0 lacks linux\/arm64.* platform-missing$/m,
      /^deploy\/base\/kustomization\.yaml:10:13 +error .* manifest-index-missing$/m,
      /^deploy\/overlays\/production\/kustomization\.yaml:8:13 +error .* latest-missing$/m,
      /^charts\/shop\/values\.yaml:7:10 +error .*shop-web:v1\.4\.0 index sha256:\w+ has no signature.* signature-missing$/m,
      /^charts\/shop\/values\.yaml:7:10 +error .*shop-web:v1\.4\.0 index sha256:\w+ has no SBOM.* attestation-missing$/m,
      /^charts\/shop\/values\.yaml:7:10 +error .*the tag moved after the deploy +deployed-digest-drift$/m,
      /^deploy\/base\/kustomization\.yaml:10:13 +error .*shop-worker:v1\.3\.2, but the release is v1\.4\.0 +deployed-image-mismatch$/m,
      /^docs\/install\.md:6:52 +warning .* docs-version-stale$/m,
    ]) {
      expect(stdout).toMatch(line);
    }
    expect(stdout).toMatch(/^tagcheck: 13 problems \(11 errors, 2 warnings, 0 notes\); release v1\.4\.0; 21 rules run$/m);
    expect(stdout.trimEnd().endsWith('(exit code 1)')).toBe(true);
  });
});

describe('start-up cost of an offline check', () => {
  // dist/tagcheck.cjs is one bundle (scripts/bundle.mjs) in which every source module is an esbuild lazy
  // initializer named after its source file ("src/sources/registry/client.ts"() { … }). V8's coverage of the run
  // (NODE_V8_COVERAGE) says which of them ran: the modules the run loaded, by source name.
  async function loadedModules(args: string[], env: NodeJS.ProcessEnv = {}): Promise<string[]> {
    const coverage = await mkdtemp(join(scratch, 'coverage-'));
    await tagcheck(args, [], { NODE_V8_COVERAGE: coverage, ...env });
    const { functions, scripts } = await coveredByRun(coverage, join(projectRoot, 'dist', 'tagcheck.cjs'));
    return [...scripts, ...[...functions].filter((name) => /^src\/.*\.ts$/.test(name))];
  }

  it('--offline never loads the registry client, the snapshot reader or @kubernetes/client-node', async () => {
    const modules = await loadedModules([scratch, '--offline']);
    // positive control: the coverage sees the modules an offline check does need
    expect(modules).toContain('src/engine/check.ts');
    expect(modules).toContain('src/sources/manifests/kustomize.ts');
    expect(modules.filter((name) => /sources\/registry\/(client|snapshot)|registry-facts|sources\/cluster|@kubernetes/.test(name))).toEqual([]);
  });

  it('a registry run from a snapshot loads the snapshot reader and not the network client', async () => {
    const snapshot = join(scratch, 'snapshot.json');
    await writeFile(snapshot, JSON.stringify({ version: 1, repositories: {} }));
    const modules = await loadedModules([scratch, '--registry-snapshot', snapshot]);
    expect(modules).toContain('src/sources/registry/snapshot.ts');
    expect(modules.filter((name) => /sources\/registry\/client|@kubernetes/.test(name))).toEqual([]);
  });

  it('with worker threads pinned, the bundled worker entry parses (no silent fall-back to one thread)', async () => {
    const repo = await mkdtemp(join(scratch, 'workers-'));
    for (const name of ['a', 'b', 'c']) {
      await writeFile(join(repo, `${name}.yaml`), `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}}\nspec:\n  containers:\n    - {name: a, image: ghcr.io/acme/app:v1.0.0}\n`);
    }
    const modules = await loadedModules([repo, '--offline', '--tag', 'v1.0.0'], { TAGCHECK_PARSE_WORKERS: '2' });
    expect(modules).toContain(`file://${join(projectRoot, 'dist', 'parse-worker.cjs')}`);
    expect(modules).toContain('src/sources/manifests/parse-pool.ts');
  });
});
