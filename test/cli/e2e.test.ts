import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// End-to-end runs of the real launcher, bin/tagcheck.js → dist/. `npm test` builds first (pretest);
// a bare `npx vitest run` builds here when dist/ is missing.
const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(projectRoot, 'bin', 'tagcheck.js');
const run = promisify(execFile);

interface Run { code: number; stdout: string; stderr: string }

async function tagcheck(args: string[], nodeArgs: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  try {
    const { stdout, stderr } = await run(process.execPath, [...nodeArgs, bin, ...args], {
      cwd: projectRoot,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
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
  if (!existsSync(join(projectRoot, 'dist', 'src', 'cli', 'main.js'))) {
    await run('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: projectRoot });
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
    expect(result.stdout).toMatch(/^tagcheck: 3 problems \(2 errors, 1 warning, 0 notes\); release v1\.4\.0; /m);
  });
});

describe('npm run demo', () => {
  it('runs every rule against the demo\'s registry snapshot and prints the exit code', async () => {
    const pkg = JSON.parse(await readFile(join(projectRoot, 'package.json'), 'utf8'));
    const script: string = pkg.scripts.demo;
    // the build step aside (beforeAll built dist/), the very command a newcomer runs
    expect(script.startsWith('npm run build && ')).toBe(true);
    const command = script.slice('npm run build && '.length);
    expect(command).toContain('--registry-snapshot fixtures/demo/registry-snapshot.json');
    const { stdout } = await run('sh', ['-c', command], { cwd: projectRoot, env: { PATH: `${dirname(process.execPath)}:${process.env.PATH}`, HOME: process.env.HOME } });
    for (const line of [
      /^\.tagcheck\.yaml:8:5 +error .* components-out-of-sync$/m,
      /^charts\/shop\/values\.yaml:7:10 +error .*shop-web:latest is the same image as main.* latest-is-prerelease$/m,
      /^charts\/shop\/values\.yaml:7:10 +error .*shop-web:v1\.4\.0 lacks linux\/arm64.* platform-missing$/m,
      /^deploy\/base\/kustomization\.yaml:10:13 +error .* manifest-index-missing$/m,
      /^deploy\/overlays\/production\/kustomization\.yaml:8:13 +error .* latest-missing$/m,
    ]) {
      expect(stdout).toMatch(line);
    }
    expect(stdout).toMatch(/^tagcheck: 8 problems \(7 errors, 1 warning, 0 notes\); release v1\.4\.0; 16 rules run/m);
    expect(stdout.trimEnd().endsWith('(exit code 1)')).toBe(true);
  });
});

describe('start-up cost of an offline check', () => {
  // A module resolve hook records every module the run loads, in a separate hooks thread, to a file.
  async function loadedModules(args: string[]): Promise<string[]> {
    const log = join(scratch, `modules-${Math.random().toString(36).slice(2)}.log`);
    const hooks = join(scratch, 'hooks.mjs');
    const register = join(scratch, 'register.mjs');
    await writeFile(hooks, `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(process.env.TAGCHECK_MODULE_LOG, result.url + '\\n');
  return result;
}
`);
    await writeFile(register, `import { register } from 'node:module';\nregister(${JSON.stringify(`file://${hooks}`)});\n`);
    await tagcheck(args, ['--import', register], { TAGCHECK_MODULE_LOG: log });
    return (await readFile(log, 'utf8')).split('\n').filter(Boolean);
  }

  it('--offline never loads the registry client, the snapshot reader or @kubernetes/client-node', async () => {
    const modules = await loadedModules([scratch, '--offline']);
    // positive control: the hook sees the modules an offline check does need
    expect(modules.some((url) => url.includes('/dist/src/engine/check.js'))).toBe(true);
    expect(modules.filter((url) => /sources\/registry\/(client|snapshot)|registry-facts|@kubernetes/.test(url))).toEqual([]);
  });

  it('a registry run from a snapshot loads the snapshot reader and not the network client', async () => {
    const snapshot = join(scratch, 'snapshot.json');
    await writeFile(snapshot, JSON.stringify({ version: 1, repositories: {} }));
    const modules = await loadedModules([scratch, '--registry-snapshot', snapshot]);
    expect(modules.some((url) => url.includes('sources/registry/snapshot.js'))).toBe(true);
    expect(modules.filter((url) => /sources\/registry\/client|@kubernetes/.test(url))).toEqual([]);
  });
});
