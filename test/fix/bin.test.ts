import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binPath, ensureBuilt } from '../hook/built-cli.js';
import { cloneOf, readTree, removeTemps, repoOf } from './support.js';

beforeAll(ensureBuilt);
afterAll(removeTemps);

function tagcheck(cwd: string, args: string[], prefix: string[] = []) {
  const [command, ...rest] = [...prefix, process.execPath, binPath, ...args];
  const run = spawnSync(command, rest, { cwd, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: '/tmp' } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('bin/tagcheck.js fix end to end', () => {
  it('descheduler at v0.29.0: the --dry-run diff applies with git apply and gives exactly what fix writes', async () => {
    const fixed = await cloneOf('kubernetes-sigs-descheduler-v0.28.1', 'kubernetes-sigs/descheduler');
    const patched = await cloneOf('kubernetes-sigs-descheduler-v0.28.1', 'kubernetes-sigs/descheduler');
    const original = await readTree(patched);

    const dry = tagcheck(patched, ['fix', '--tag', 'v0.29.0', '--dry-run']);
    expect(dry.code).toBe(1);
    expect(dry.stdout).toMatch(/^--- a\/kubernetes\/deployment\/deployment.yaml\n\+\+\+ b\/kubernetes\/deployment\/deployment.yaml\n@@ -19,7 \+19,7 @@\n/);
    expect(dry.stderr).toBe('tagcheck: 1 change in 1 file would be made: run tagcheck fix --tag v0.29.0\n');
    expect(await readTree(patched)).toEqual(original);

    const run = tagcheck(fixed, ['fix', '--tag', 'v0.29.0']);
    expect(run).toEqual({ code: 0, stdout: 'kubernetes/deployment/deployment.yaml:22:58: v0.28.1 → v0.29.0 (image-tag-mismatch)\nfixed: 1 change in 1 file\n', stderr: '' });

    await writeFile(path.join(patched, '..', 'fix.patch'), dry.stdout);
    execFileSync('git', ['apply', '../fix.patch'], { cwd: patched });
    const after = await readTree(fixed);
    expect(await readTree(patched)).toEqual(after);
    const line = after.get('kubernetes/deployment/deployment.yaml')!.split('\n')[21];
    expect(line).toBe('          image: registry.k8s.io/descheduler/descheduler:v0.29.0');

    expect(tagcheck(fixed, ['check', '--offline', '--tag', 'v0.29.0']).code).toBe(0);
  });
});

/** Permission errors need a user without root's override: setpriv drops to nobody when the tests run as root. */
const asNobody = process.getuid?.() === 0 && existsSync('/usr/bin/setpriv') ? ['/usr/bin/setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : process.getuid?.() === 0 ? undefined : [];

describe.skipIf(asNobody === undefined)('permissions, as an unprivileged user', () => {
  const pod = 'kind: Pod\nspec:\n  containers:\n    - image: ghcr.io/acme/shop:v1.0.0\n';

  async function openRepo(): Promise<string> {
    const root = await repoOf('shop', { 'deploy/a.yaml': pod, 'deploy/b.yaml': pod });
    // the temp folders are private to their creator; nobody must be able to walk into them
    for (let dir = root; dir !== tmpdir() && dir.startsWith(tmpdir()); dir = path.dirname(dir)) await chmod(dir, 0o755);
    await chmod(path.join(root, 'deploy'), 0o777);
    await chmod(path.join(root, 'deploy/a.yaml'), 0o666);
    await chmod(path.join(root, 'deploy/b.yaml'), 0o666);
    return root;
  }

  it('a manifest nobody can read (chmod 000): exit 2, one line, the readable one is not written either', async () => {
    const root = await openRepo();
    await chmod(path.join(root, 'deploy/a.yaml'), 0o000);
    const run = tagcheck(root, ['fix', '--tag', 'v1.1.0'], asNobody);
    await chmod(path.join(root, 'deploy/a.yaml'), 0o644);
    expect(run).toEqual({ code: 2, stdout: '', stderr: 'tagcheck: deploy/a.yaml: cannot be read: permission denied; nothing written\n' });
    expect((await readTree(root)).get('deploy/b.yaml')).toBe(pod);
  });

  it('a folder where no temporary file can be created: exit 2, one line, files untouched', async () => {
    const root = await openRepo();
    await chmod(path.join(root, 'deploy'), 0o555);
    const run = tagcheck(root, ['fix', '--tag', 'v1.1.0'], asNobody);
    await chmod(path.join(root, 'deploy'), 0o755);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^tagcheck: deploy\/a.yaml: cannot write next to it \(permission denied\); nothing written\n$/);
    expect(await readTree(root)).toEqual(new Map([['deploy/a.yaml', pod], ['deploy/b.yaml', pod]]));
  });
});
