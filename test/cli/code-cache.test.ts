import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../hook/built-cli.js';

// The launcher (src/cli/launch.ts) runs dist/tagcheck.cjs from a V8 code cache. A cache may speed a run up, never
// change what it does: these run copies of the built launcher and bundle, with their own cache folders.
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

let scratch: string;
let project: string;
beforeAll(() => {
  ensureBuilt();
  scratch = mkdtempSync(join(tmpdir(), 'tagcheck-code-cache-'));
  project = join(scratch, 'project');
  mkdirSync(join(project, 'deploy'), { recursive: true });
  writeFileSync(join(project, '.tagcheck.yaml'), 'images:\n  - ghcr.io/acme/app\n');
  writeFileSync(join(project, 'deploy', 'app.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers:\n    - {name: a, image: ghcr.io/acme/app:v0.9.0}\n');
}, 120_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A copy of bin/ and dist/ without dist's own code cache (a copy has another mtime, so it would miss anyway). */
function install(name: string): string {
  const root = join(scratch, name);
  cpSync(join(repoRoot, 'bin'), join(root, 'bin'), { recursive: true });
  mkdirSync(join(root, 'dist'));
  for (const file of readdirSync(join(repoRoot, 'dist'))) if (file.endsWith('.cjs')) cpSync(join(repoRoot, 'dist', file), join(root, 'dist', file));
  return root;
}

async function check(root: string, env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  const args = [join(root, 'bin', 'tagcheck.js'), 'check', project, '--tag', 'v1.0.0', '--offline'];
  try {
    const { stdout, stderr } = await run(process.execPath, args, { env: { PATH: process.env.PATH, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const cacheFiles = (dir: string) => (existsSync(dir) ? readdirSync(dir) : []);
const buildIdOf = (root: string) => /^\/\/ tagcheck build ([0-9a-f]{16})\n/.exec(readFileSync(join(root, 'dist', 'tagcheck.cjs'), 'utf8'))![1];

describe('the V8 code cache', () => {
  it('npm run build leaves a cache for this Node in dist/, which a first run uses: it writes none of its own', async () => {
    const id = buildIdOf(repoRoot);
    expect(readdirSync(join(repoRoot, 'dist')).filter((f) => f.startsWith(id) && f.endsWith(`-${process.version}-${process.arch}.v8`))).toHaveLength(1);
    const home = mkdtempSync(join(scratch, 'home-'));
    const result = await check(repoRoot, { HOME: home, XDG_CACHE_HOME: home });
    expect(result.code).toBe(1);
    expect(cacheFiles(join(home, 'tagcheck', 'code'))).toEqual([]);
  });

  it('without one, a run writes one named by build, file and Node; the next run reads it and rewrites nothing', async () => {
    const root = install('plain');
    const home = mkdtempSync(join(scratch, 'home-'));
    const folder = join(home, 'tagcheck', 'code');
    const first = await check(root, { XDG_CACHE_HOME: home });
    const bundle = statSync(join(root, 'dist', 'tagcheck.cjs'));
    const name = `${buildIdOf(root)}-${bundle.size}-${Math.trunc(bundle.mtimeMs)}-${process.version}-${process.arch}.v8`;
    expect(cacheFiles(folder)).toEqual([name]);
    const written = statSync(join(folder, name));
    const second = await check(root, { XDG_CACHE_HOME: home });
    expect(second).toEqual(first);
    expect(first.code).toBe(1);
    expect(first.stdout).toContain('ghcr.io/acme/app is tagged v0.9.0');
    // accepted: a rejected cache would have been written again
    expect(statSync(join(folder, name)).mtimeMs).toBe(written.mtimeMs);
    expect(cacheFiles(folder)).toEqual([name]);
  });

  it('a damaged or truncated cache is rejected by V8 and replaced; the run is the same', async () => {
    const root = install('damaged');
    const home = mkdtempSync(join(scratch, 'home-'));
    const folder = join(home, 'tagcheck', 'code');
    const expected = await check(root, { XDG_CACHE_HOME: home });
    const [name] = cacheFiles(folder);
    const good = readFileSync(join(folder, name));
    for (const damaged of [Buffer.from('not a code cache at all'), good.subarray(0, good.length >> 1), Buffer.alloc(good.length, 0x5a)]) {
      writeFileSync(join(folder, name), damaged);
      expect(await check(root, { XDG_CACHE_HOME: home })).toEqual(expected);
      expect(readFileSync(join(folder, name)).equals(damaged)).toBe(false);
    }
  });

  it("another build's cache is never used, even for a bundle of the same length (V8 checks only the length)", async () => {
    const root = install('edited');
    const home = mkdtempSync(join(scratch, 'home-'));
    await check(root, { XDG_CACHE_HOME: home });
    // the same length, another build id and another message: what a rebuild of an edited source can look like
    const bundle = join(root, 'dist', 'tagcheck.cjs');
    const before = readFileSync(bundle, 'utf8');
    const id = buildIdOf(root);
    const after = before.replace(id, id.split('').reverse().join('')).replaceAll('is tagged ', 'IS TAGGED ');
    expect(after.length).toBe(before.length);
    writeFileSync(bundle, after);
    const result = await check(root, { XDG_CACHE_HOME: home });
    expect(result.stdout).toContain('ghcr.io/acme/app IS TAGGED v0.9.0');
    expect(cacheFiles(join(home, 'tagcheck', 'code'))).toHaveLength(2);
  });

  it('TAGCHECK_CODE_CACHE=off reads and writes none', async () => {
    const root = install('off');
    const home = mkdtempSync(join(scratch, 'home-'));
    const result = await check(root, { XDG_CACHE_HOME: home, TAGCHECK_CODE_CACHE: 'off' });
    expect(result.code).toBe(1);
    expect(cacheFiles(join(home, 'tagcheck', 'code'))).toEqual([]);
  });

  it('a folder keeps the 8 newest caches: a new one removes the oldest, never another kind of file', async () => {
    const root = install('prune');
    const home = mkdtempSync(join(scratch, 'home-'));
    const folder = join(home, 'tagcheck', 'code');
    mkdirSync(folder, { recursive: true });
    // ten caches of earlier builds, a day apart, and a file that is no cache
    const old = Array.from({ length: 10 }, (_, i) => `${String(i).repeat(16)}-1-1-${process.version}-${process.arch}.v8`);
    old.forEach((file, i) => {
      writeFileSync(join(folder, file), 'old');
      const days = (10 - i) * 86_400;
      utimesSync(join(folder, file), Date.now() / 1000 - days, Date.now() / 1000 - days);
    });
    writeFileSync(join(folder, 'notes.txt'), 'mine');
    const result = await check(root, { XDG_CACHE_HOME: home });
    expect(result.code).toBe(1);
    const id = buildIdOf(root);
    const left = cacheFiles(folder).sort();
    expect(left.filter((file) => file.startsWith(id))).toHaveLength(1);
    // the new cache and the 7 newest of the old ones (written last: old[3] … old[9])
    expect(left.filter((file) => !file.startsWith(id))).toEqual(['notes.txt', ...old.slice(3)].sort());
  });
});
