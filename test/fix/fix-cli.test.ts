import { chmod, lstat, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runFixCommand } from '../../src/cli/fix.js';
import type { CliIO } from '../../src/cli/io.js';
import type { FixOptions } from '../../src/engine/fix/run-fix.js';
import { runCli, type CliRun } from '../cli/run-cli.js';
import { readTree, removeTemps, repoOf } from './support.js';

afterAll(removeTemps);

const DIGEST = `sha256:${'b'.repeat(64)}`;

/** A project "shop" (own images: ghcr.io/acme/shop*) in every shape fix edits, one release behind v0.31.0. */
const shop: Record<string, string> = {
  // CRLF, a byte-order mark, a double-quoted image, a third-party sidecar and a comment on the edited line
  'deploy/app.yaml':
    '\ufeff---\r\napiVersion: apps/v1\r\nkind: Deployment\r\nmetadata:\r\n  name: shop\r\nspec:\r\n  template:\r\n    spec:\r\n      containers:\r\n' +
    '        - name: shop\r\n          image: "ghcr.io/acme/shop:v0.30.1" # the app\r\n' +
    '        - name: cache\r\n          image: docker.io/library/redis:7.2\r\n',
  // a kustomize images: entry as a flow mapping
  'deploy/api/kustomization.yaml': 'resources:\n  - api.yaml\nimages:\n  - {name: ghcr.io/acme/shop-api, newTag: v0.30.1}   # bumped by release\n',
  'deploy/api/api.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: ghcr.io/acme/shop-api\n',
  // a chart: appVersion without v, a single-quoted values tag without v
  'charts/shop/Chart.yaml': 'apiVersion: v2\nname: shop\nversion: 1.2.0\nappVersion: 0.30.1 # keep in sync\n',
  'charts/shop/values.yaml': "worker:\n  image:\n    repository: ghcr.io/acme/shop-worker\n    tag: '0.30.1'\n",
  // suppressed in the file: never touched
  'deploy/legacy.yaml':
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: legacy\nspec:\n  containers:\n    - name: legacy\n      image: ghcr.io/acme/shop-legacy:v0.29.0 # tagcheck-ignore image-tag-mismatch -- frozen\n',
};

/** What fix must write: the same bytes with only the tag texts replaced. */
const shopFixed: Record<string, string> = {
  ...shop,
  'deploy/app.yaml': shop['deploy/app.yaml'].replace('"ghcr.io/acme/shop:v0.30.1"', '"ghcr.io/acme/shop:v0.31.0"'),
  'deploy/api/kustomization.yaml': 'resources:\n  - api.yaml\nimages:\n  - {name: ghcr.io/acme/shop-api, newTag: v0.31.0}   # bumped by release\n',
  'charts/shop/Chart.yaml': 'apiVersion: v2\nname: shop\nversion: 1.2.0\nappVersion: 0.31.0 # keep in sync\n',
  'charts/shop/values.yaml': "worker:\n  image:\n    repository: ghcr.io/acme/shop-worker\n    tag: '0.31.0'\n",
};

const cleanEnv = { PATH: process.env.PATH, HOME: process.env.HOME };

async function fix(root: string, args: string[], testOptions: Partial<FixOptions> = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, env: cleanEnv, cwd: root };
  // the seams are not reachable from argv: call the command as main would, with main's one-line failure
  try {
    return { code: await runFixCommand(args, io, testOptions), stdout, stderr };
  } catch (error) {
    return { code: 2, stdout, stderr: `${stderr}tagcheck: ${(error as Error).message}\n` };
  }
}

function expectOneLineFailure(run: CliRun, message: RegExp): void {
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(run.stderr).toMatch(message);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

function treeOf(files: Record<string, string>): Map<string, string> {
  return new Map(Object.entries(files).sort());
}

describe('tagcheck fix on a project with every shape of reference', () => {
  it('--dry-run prints a git-style diff, exits 1 and writes nothing', async () => {
    const root = await repoOf('shop', shop);
    const run = await runCli(['fix', '--tag', 'v0.31.0', '--dry-run'], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      [
        '--- a/charts/shop/Chart.yaml',
        '+++ b/charts/shop/Chart.yaml',
        '@@ -1,4 +1,4 @@',
        ' apiVersion: v2',
        ' name: shop',
        ' version: 1.2.0',
        '-appVersion: 0.30.1 # keep in sync',
        '+appVersion: 0.31.0 # keep in sync',
        '--- a/charts/shop/values.yaml',
        '+++ b/charts/shop/values.yaml',
        '@@ -1,4 +1,4 @@',
        ' worker:',
        '   image:',
        '     repository: ghcr.io/acme/shop-worker',
        "-    tag: '0.30.1'",
        "+    tag: '0.31.0'",
        '--- a/deploy/api/kustomization.yaml',
        '+++ b/deploy/api/kustomization.yaml',
        '@@ -1,4 +1,4 @@',
        ' resources:',
        '   - api.yaml',
        ' images:',
        '-  - {name: ghcr.io/acme/shop-api, newTag: v0.30.1}   # bumped by release',
        '+  - {name: ghcr.io/acme/shop-api, newTag: v0.31.0}   # bumped by release',
        '--- a/deploy/app.yaml',
        '+++ b/deploy/app.yaml',
        '@@ -8,6 +8,6 @@',
        '     spec:\r',
        '       containers:\r',
        '         - name: shop\r',
        '-          image: "ghcr.io/acme/shop:v0.30.1" # the app\r',
        '+          image: "ghcr.io/acme/shop:v0.31.0" # the app\r',
        '         - name: cache\r',
        '           image: docker.io/library/redis:7.2\r',
        '',
      ].join('\n'),
    );
    // deploy/legacy.yaml's tagcheck-ignore keeps its finding as it is, and the summary says so, as check's does
    expect(run.stderr).toBe('tagcheck: 4 changes in 4 files would be made: run tagcheck fix --tag v0.31.0; 1 suppressed, not touched\n');
    expect(await readTree(root)).toEqual(treeOf(shop));
  });

  it('fix rewrites exactly the tag texts, lists each change, and check is clean after; a second fix changes nothing', async () => {
    const root = await repoOf('shop', shop);
    const run = await runCli(['fix', '--tag', 'v0.31.0'], { cwd: root });
    expect(run).toEqual({
      code: 0,
      stdout: [
        'charts/shop/Chart.yaml:4:13: 0.30.1 → 0.31.0 (chart-app-version-mismatch)',
        'charts/shop/values.yaml:4:11: 0.30.1 → 0.31.0 (image-tag-mismatch)',
        'deploy/api/kustomization.yaml:4:43: v0.30.1 → v0.31.0 (image-tag-mismatch)',
        'deploy/app.yaml:11:37: v0.30.1 → v0.31.0 (image-tag-mismatch)',
        'fixed: 4 changes in 4 files; 1 suppressed, not touched',
        '',
      ].join('\n'),
      stderr: '',
    });
    expect(await readTree(root)).toEqual(treeOf(shopFixed));

    const check = await runCli(['check', '--offline', '--tag', 'v0.31.0', '--format', 'json'], { cwd: root });
    expect(check.code).toBe(0);
    const findings = JSON.parse(check.stdout).findings as { ruleId: string; suppressed?: unknown }[];
    expect(findings.map((f) => `${f.ruleId} ${f.suppressed ? 'suppressed' : ''}`)).toEqual(['image-tag-mismatch suppressed']);

    const again = await runCli(['fix', '--tag', 'v0.31.0'], { cwd: root });
    expect(again).toEqual({ code: 0, stdout: 'nothing to fix; 1 suppressed, not touched\n', stderr: '' });
    const dry = await runCli(['fix', '--tag', 'v0.31.0', '--dry-run'], { cwd: root });
    expect(dry).toEqual({ code: 0, stdout: '', stderr: 'tagcheck: nothing to fix; 1 suppressed, not touched\n' });
    expect(await readTree(root)).toEqual(treeOf(shopFixed));
  });

  it('--format json gives { changes: [{file, line, column, from, to, ruleId}] } (plus version, dryRun, release, refused, suppressed)', async () => {
    const root = await repoOf('shop', shop);
    const run = await runCli(['fix', '--tag', 'v0.31.0', '--format', 'json', '--dry-run'], { cwd: root });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual({
      version: 1,
      dryRun: true,
      release: { tag: 'v0.31.0' },
      changes: [
        { file: 'charts/shop/Chart.yaml', line: 4, column: 13, from: '0.30.1', to: '0.31.0', ruleId: 'chart-app-version-mismatch' },
        { file: 'charts/shop/values.yaml', line: 4, column: 11, from: '0.30.1', to: '0.31.0', ruleId: 'image-tag-mismatch' },
        { file: 'deploy/api/kustomization.yaml', line: 4, column: 43, from: 'v0.30.1', to: 'v0.31.0', ruleId: 'image-tag-mismatch' },
        { file: 'deploy/app.yaml', line: 11, column: 37, from: 'v0.30.1', to: 'v0.31.0', ruleId: 'image-tag-mismatch' },
      ],
      refused: [],
      suppressed: 1,
    });
    expect(await readTree(root)).toEqual(treeOf(shop));
  });

  it('check --fix (and the default command, tagcheck --fix) is fix', async () => {
    const root = await repoOf('shop', shop);
    const run = await runCli(['check', '--fix', '--offline', '--tag', 'v0.31.0'], { cwd: root });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('fixed: 4 changes in 4 files');
    expect(await readTree(root)).toEqual(treeOf(shopFixed));

    const other = await repoOf('shop', shop);
    const dry = await runCli(['--fix', '--dry-run', '--tag', 'v0.31.0', '.'], { cwd: other });
    expect(dry.code).toBe(1);
    expect(dry.stdout).toMatch(/^--- a\/charts\/shop\/Chart.yaml\n/);
    expect(await readTree(other)).toEqual(treeOf(shop));
  });

  it('--bump-chart-version minor bumps the chart whose appVersion changed, once', async () => {
    const root = await repoOf('shop', shop);
    const run = await runCli(['fix', '--tag', 'v0.31.0', '--bump-chart-version', 'minor'], { cwd: root });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('charts/shop/Chart.yaml:3:10: 1.2.0 → 1.3.0 (chart version minor bump)\n');
    const chart = 'apiVersion: v2\nname: shop\nversion: 1.3.0\nappVersion: 0.31.0 # keep in sync\n';
    expect((await readTree(root)).get('charts/shop/Chart.yaml')).toBe(chart);
    const again = await runCli(['fix', '--tag', 'v0.31.0', '--bump-chart-version', 'minor'], { cwd: root });
    expect(again.stdout).toBe('nothing to fix; 1 suppressed, not touched\n');
    expect((await readTree(root)).get('charts/shop/Chart.yaml')).toBe(chart);
  });

  it('the file mode is kept and a symlinked manifest stays a symlink (its target is edited)', async () => {
    const root = await repoOf('shop', { ...shop, 'shared/values.yaml': shop['charts/shop/values.yaml'] });
    await rm(path.join(root, 'charts/shop/values.yaml'));
    await symlink('../../shared/values.yaml', path.join(root, 'charts/shop/values.yaml'));
    await chmod(path.join(root, 'deploy/app.yaml'), 0o640);
    expect((await runCli(['fix', '--tag', 'v0.31.0'], { cwd: root })).code).toBe(0);
    expect((await stat(path.join(root, 'deploy/app.yaml'))).mode & 0o7777).toBe(0o640);
    expect((await lstat(path.join(root, 'charts/shop/values.yaml'))).isSymbolicLink()).toBe(true);
    expect(await readFile(path.join(root, 'shared/values.yaml'), 'utf8')).toBe(shopFixed['charts/shop/values.yaml']);
    // no temporary file is left behind
    expect((await readdir(path.join(root, 'deploy'))).filter((f) => f.includes('tagcheck-fix'))).toEqual([]);
  });
});

describe('conventions: each file keeps its own, under the configured tagFormat', () => {
  it('tagFormat "v{version}" writes the template even where the file had no v', async () => {
    const root = await repoOf('shop', {
      '.tagcheck.yaml': 'tagFormat: "v{version}"\n',
      'deploy/a.yaml': 'kind: Pod\nspec:\n  containers:\n    - image: ghcr.io/acme/shop:0.30.1\n',
    });
    expect((await runCli(['fix', '--tag', '0.31.0'], { cwd: root })).code).toBe(0);
    expect((await readTree(root)).get('deploy/a.yaml')).toBe('kind: Pod\nspec:\n  containers:\n    - image: ghcr.io/acme/shop:v0.31.0\n');
  });

  it('same (default): V, v and no prefix are each kept; build metadata is spelled _ in image tags', async () => {
    const root = await repoOf('shop', {
      'deploy/a.yaml': 'kind: Pod\nspec:\n  containers:\n    - image: ghcr.io/acme/shop:V1.0.0\n    - image: ghcr.io/acme/shop-b:1.0.0\n    - image: ghcr.io/acme/shop-c:v1.0.0\n',
    });
    expect((await runCli(['fix', '--tag', 'v1.1.0+k3s1'], { cwd: root })).code).toBe(0);
    expect((await readTree(root)).get('deploy/a.yaml')).toBe(
      'kind: Pod\nspec:\n  containers:\n    - image: ghcr.io/acme/shop:V1.1.0_k3s1\n    - image: ghcr.io/acme/shop-b:1.1.0_k3s1\n    - image: ghcr.io/acme/shop-c:v1.1.0_k3s1\n',
    );
  });

  it('without a release tag, image-tag-inconsistent: the references move to the newest version', async () => {
    const root = await repoOf('shop', {
      'deploy/a.yaml': 'kind: Pod\nspec:\n  containers:\n    - image: ghcr.io/acme/shop:v1.2.0\n    - image: ghcr.io/acme/shop-b:1.1.0\n    - image: ghcr.io/acme/shop-c:v1.1.9\n',
    });
    const run = await runCli(['fix', '--format', 'json'], { cwd: root });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ release: null, changes: [{ line: 5, from: '1.1.0', to: '1.2.0', ruleId: 'image-tag-inconsistent' }, { line: 6, from: 'v1.1.9', to: 'v1.2.0' }] });
    expect((await readTree(root)).get('deploy/a.yaml')).toBe(
      'kind: Pod\nspec:\n  containers:\n    - image: ghcr.io/acme/shop:v1.2.0\n    - image: ghcr.io/acme/shop-b:1.2.0\n    - image: ghcr.io/acme/shop-c:v1.2.0\n',
    );
    expect((await runCli(['check', '--offline'], { cwd: root })).code).toBe(0);
  });
});

describe('never touched: refused with a note, the file left as it was', () => {
  it('a digest-pinned reference, an anchor an alias uses, a block scalar: notes, exit 1, other edits still made', async () => {
    const values = 'defaults:\n  tag: &tag v0.30.1\nworker:\n  image:\n    repository: ghcr.io/acme/shop-worker\n    tag: *tag\nsidecar:\n  image: |\n    ghcr.io/acme/shop-sidecar:v0.30.1\n';
    const root = await repoOf('shop', {
      'deploy/pinned.yaml': `kind: Pod\nspec:\n  containers:\n    - image: ghcr.io/acme/shop:v0.30.1@${DIGEST}\n    - image: ghcr.io/acme/shop-b:v0.30.1\n`,
      'charts/shop/Chart.yaml': 'apiVersion: v2\nname: shop\nversion: 1.0.0\nappVersion: v0.31.0\n',
      'charts/shop/values.yaml': values,
    });
    const run = await runCli(['fix', '--tag', 'v0.31.0'], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('deploy/pinned.yaml:5:34: v0.30.1 → v0.31.0 (image-tag-mismatch)\nfixed: 1 change in 1 file; 3 not fixed (see the notes above)\n');
    expect(run.stderr).toBe(
      'tagcheck: note: charts/shop/values.yaml:2:13: v0.30.1 → v0.31.0 not fixed (image-tag-mismatch): the value is anchored (&tag) and an alias (*tag) uses it elsewhere; changing it would change that too, so it is left to you\n' +
        'tagcheck: note: charts/shop/values.yaml:8:10: v0.30.1 → v0.31.0 not fixed (image-tag-mismatch): "v0.30.1" is in a block scalar (| or >); edit it by hand\n' +
        'tagcheck: note: deploy/pinned.yaml:4:14: v0.30.1 → v0.31.0 not fixed (image-tag-mismatch): pinned by digest (sha256:bbbbbbbbbbbb…): the digest decides what runs; update the tag and the digest together\n',
    );
    const tree = await readTree(root);
    expect(tree.get('charts/shop/values.yaml')).toBe(values);
    expect(tree.get('deploy/pinned.yaml')).toBe(`kind: Pod\nspec:\n  containers:\n    - image: ghcr.io/acme/shop:v0.30.1@${DIGEST}\n    - image: ghcr.io/acme/shop-b:v0.31.0\n`);
    const json = JSON.parse((await runCli(['fix', '--tag', 'v0.31.0', '--format', 'json'], { cwd: root })).stdout);
    expect(json.refused).toEqual([
      { file: 'charts/shop/values.yaml', line: 2, column: 13, ruleId: 'image-tag-mismatch', from: 'v0.30.1', to: 'v0.31.0', reason: expect.stringMatching(/anchored/) },
      { file: 'charts/shop/values.yaml', line: 8, column: 10, ruleId: 'image-tag-mismatch', from: 'v0.30.1', to: 'v0.31.0', reason: expect.stringMatching(/block scalar/) },
      { file: 'deploy/pinned.yaml', line: 4, column: 14, ruleId: 'image-tag-mismatch', from: 'v0.30.1', to: 'v0.31.0', reason: expect.stringMatching(/pinned by digest/) },
    ]);
  });

  it('suppressed findings (in the file, config ignore:), third-party images and YAML outside manifests: are not touched', async () => {
    const files = {
      '.tagcheck.yaml': 'manifests: [deploy/overlay/**]\nignore:\n  - rule: image-tag-mismatch\n    path: deploy/overlay/frozen.yaml\n    reason: frozen\n',
      'deploy/overlay/kustomization.yaml': 'resources:\n  - ../base\n  - frozen.yaml\n',
      'deploy/overlay/frozen.yaml': 'kind: Pod\nmetadata:\n  name: frozen\nspec:\n  containers:\n    - name: f\n      image: ghcr.io/acme/shop-frozen:v0.30.1\n',
      'deploy/base/kustomization.yaml': 'resources:\n  - pod.yaml\n',
      'deploy/base/pod.yaml':
        'kind: Pod\nmetadata:\n  name: base\nspec:\n  containers:\n    - name: b\n      image: ghcr.io/acme/shop:v0.30.1\n    - name: redis\n      image: redis:7.0 # tagcheck-ignore mutable-image-tag\n',
    };
    const root = await repoOf('shop', files);
    const run = await runCli(['fix', '--tag', 'v0.31.0'], { cwd: root });
    expect(run.code).toBe(1);
    // frozen.yaml's finding (config ignore:) is counted; the redis tag's mutable-image-tag finding has no edit to keep
    expect(run.stdout).toBe('nothing to fix; 1 not fixed (see the notes above); 1 suppressed, not touched\n');
    expect(run.stderr).toBe(
      'tagcheck: note: deploy/base/pod.yaml:7:14: v0.30.1 → v0.31.0 not fixed (image-tag-mismatch): deploy/base/pod.yaml is not matched by manifests: in the config; not touched\n',
    );
    expect(await readTree(root)).toEqual(treeOf(files));
  });
});

describe('bad input: one line, exit 2, no file written', () => {
  it('a read-only file', async () => {
    const root = await repoOf('shop', shop);
    await chmod(path.join(root, 'deploy/app.yaml'), 0o444);
    expectOneLineFailure(await runCli(['fix', '--tag', 'v0.31.0'], { cwd: root }), /^tagcheck: deploy\/app.yaml: read-only file \(mode 444\); nothing written\n$/);
    await chmod(path.join(root, 'deploy/app.yaml'), 0o644);
    expect(await readTree(root)).toEqual(treeOf(shop));
  });

  it('a file that cannot be read when fix reads it (the reader fails as chmod 000 does for a non-root user)', async () => {
    const root = await repoOf('shop', shop);
    const denied = Object.assign(new Error('EACCES: permission denied, open'), { code: 'EACCES' });
    const run = await fix(root, ['--tag', 'v0.31.0'], {
      fileSystem: { readFile: async (absolute) => (absolute.endsWith('values.yaml') ? Promise.reject(denied) : readFile(absolute)) },
    });
    expectOneLineFailure(run, /^tagcheck: charts\/shop\/values.yaml: cannot be read: permission denied; nothing written\n$/);
    expect(await readTree(root)).toEqual(treeOf(shop));
  });

  it.skipIf(process.getuid?.() === 0)('a manifest the check cannot read (chmod 000) fails the fix instead of passing silently', async () => {
    const root = await repoOf('shop', shop);
    await chmod(path.join(root, 'deploy/app.yaml'), 0o000);
    try {
      expectOneLineFailure(await runCli(['fix', '--tag', 'v0.31.0'], { cwd: root }), /deploy\/app.yaml: cannot be read: permission denied/);
    } finally {
      await chmod(path.join(root, 'deploy/app.yaml'), 0o644);
    }
    expect(await readTree(root)).toEqual(treeOf(shop));
  });

  it('a file changed between read and write: no file is replaced, the other edit is not written either, no temp file left', async () => {
    const root = await repoOf('shop', shop);
    const edited = shop['deploy/app.yaml'].replace('# the app', '# edited meanwhile');
    const run = await fix(root, ['--tag', 'v0.31.0'], {
      beforeCommit: () => writeFile(path.join(root, 'deploy/app.yaml'), edited),
    });
    expectOneLineFailure(run, /^tagcheck: deploy\/app.yaml: changed while tagcheck fix was editing it; nothing written \(run fix again\)\n$/);
    expect(await readTree(root)).toEqual(treeOf({ ...shop, 'deploy/app.yaml': edited }));
  });

  it('flags: a release that is not a version, an unknown bump, a format fix does not have, a missing PATH', async () => {
    const root = await repoOf('shop', shop);
    expectOneLineFailure(await runCli(['fix', '--tag', 'main'], { cwd: root }), /^tagcheck: release tag "main" is not a semantic version; fix only sets versions/);
    expectOneLineFailure(await runCli(['fix', '--bump-chart-version', 'major'], { cwd: root }), /--bump-chart-version "major" is not one of patch, minor/);
    expectOneLineFailure(await runCli(['fix', '--format', 'sarif'], { cwd: root }), /--format "sarif" is not one of text, json/);
    expectOneLineFailure(await runCli(['fix', 'nope'], { cwd: root }), /PATH "nope" does not exist/);
    expectOneLineFailure(await runCli(['fix', '--scope', 'registry'], { cwd: root }), /fix only edits manifests/);
    expect(await readTree(root)).toEqual(treeOf(shop));
  });
});

describe('help', () => {
  it('fix --help and the main usage name the command', async () => {
    const help = await runCli(['fix', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: tagcheck fix \[PATH\]/);
    expect(help.stdout).toContain('--dry-run');
    expect(help.stdout).toContain('--bump-chart-version patch|minor');
    expect((await runCli(['--help'])).stdout).toContain('tagcheck fix [PATH] [--tag TAG] [--dry-run]');
    expect((await runCli(['help', 'fix'])).stdout).toBe(help.stdout);
  });
});
