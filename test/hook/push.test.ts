import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { binPath, ensureBuilt } from './built-cli.js';
import { git, makeRepo, writeFiles } from './git-repo.js';

const deployment = (tag: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop\nspec:\n  template:\n    spec:\n      containers:\n        - name: shop\n          image: ghcr.io/acme/shop:${tag}\n`;

/**
 * A real repository named `shop` with a local bare remote `shop.git`, the hook installed by the built CLI,
 * and a `node` shim first on PATH that leaves a mark each time the hook starts Node.
 */
function setUp() {
  const root = makeRepo('shop', { 'deploy/app.yaml': deployment('v1.2.2') });
  const remote = join(root, '..', 'shop.git');
  git(root, 'init', '-q', '--bare', remote);
  git(root, 'remote', 'add', 'origin', remote);
  const shimDir = mkdtempSync(join(tmpdir(), 'tagcheck-node-shim-'));
  const marks = join(shimDir, 'node-started');
  writeFileSync(join(shimDir, 'node'), `#!/bin/sh\necho started >> '${marks}'\nexec '${process.execPath}' "$@"\n`);
  chmodSync(join(shimDir, 'node'), 0o755);
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${shimDir}:${process.env.PATH}`, GIT_TERMINAL_PROMPT: '0' };
  for (const key of ['GITHUB_REF_NAME', 'GITHUB_REF_TYPE', 'CI_COMMIT_TAG', 'GITHUB_REPOSITORY', 'CI_PROJECT_PATH', 'NO_COLOR', 'FORCE_COLOR']) delete env[key];
  const run = (command: string, ...args: string[]) => {
    const result = spawnSync(command, args, { cwd: root, env, encoding: 'utf8' });
    return { code: result.status, output: `${result.stdout}${result.stderr}` };
  };
  const nodeStarted = () => {
    const started = existsSync(marks);
    rmSync(marks, { force: true });
    return started;
  };
  return { root, remote, run, nodeStarted };
}

describe('pre-push hook, end to end with a real push', () => {
  beforeAll(ensureBuilt, 120_000);

  it('blocks a tag whose manifests pin an older own image, lets the fixed tag and branch pushes through', () => {
    const { root, remote, run, nodeStarted } = setUp();
    const install = run(process.execPath, binPath, 'hook', 'install');
    expect(install.output).toContain('installed the pre-push hook');
    expect(install.code).toBe(0);

    // A branch push: the hook does not even start Node.
    const branch = run('git', 'push', '-q', 'origin', 'main');
    expect(branch.code).toBe(0);
    expect(nodeStarted()).toBe(false);

    // The tag's commit still pins v1.2.2; a fix in the working tree must not hide that.
    git(root, 'tag', '-a', 'v1.2.3', '-m', 'v1.2.3');
    writeFiles(root, { 'deploy/app.yaml': deployment('v1.2.3') });
    const blocked = run('git', 'push', 'origin', 'v1.2.3');
    expect(nodeStarted()).toBe(true);
    expect(blocked.code).not.toBe(0);
    expect(blocked.output).toContain('image-tag-mismatch');
    expect(blocked.output).toContain('deploy/app.yaml');
    expect(blocked.output).toContain('push of tag v1.2.3 blocked');
    expect(git(root, 'ls-remote', '--tags', remote)).toBe('');

    // After the fix, a new tag pushes.
    writeFiles(root, { 'deploy/app.yaml': deployment('v1.2.4') });
    git(root, 'commit', '-qam', 'release v1.2.4');
    git(root, 'tag', 'v1.2.4');
    const fixed = run('git', 'push', 'origin', 'v1.2.4');
    expect(fixed.output).not.toContain('blocked');
    expect(fixed.code).toBe(0);
    expect(nodeStarted()).toBe(true);
    expect(git(root, 'ls-remote', '--tags', remote)).toContain('refs/tags/v1.2.4');

    // Branch pushes after the fix still pass without Node.
    const again = run('git', 'push', '-q', 'origin', 'main');
    expect(again.code).toBe(0);
    expect(nodeStarted()).toBe(false);
  });

  it('a project folder in a monorepo is checked at the tag too', () => {
    const root = makeRepo('mono', { 'services/shop/deploy/app.yaml': deployment('v2.0.0'), 'README.md': 'x\n' });
    const remote = join(root, '..', 'mono.git');
    git(root, 'init', '-q', '--bare', remote);
    git(root, 'remote', 'add', 'origin', remote);
    mkdirSync(join(root, 'services/shop'), { recursive: true });
    writeFileSync(join(root, 'services/shop/.tagcheck.yaml'), 'images:\n  - ghcr.io/acme/shop\n');
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'config');
    const env = { ...process.env };
    for (const key of ['GITHUB_REF_NAME', 'GITHUB_REF_TYPE', 'CI_COMMIT_TAG', 'GITHUB_REPOSITORY', 'CI_PROJECT_PATH']) delete env[key];
    expect(spawnSync(process.execPath, [binPath, 'hook', 'install', 'services/shop'], { cwd: root, env }).status).toBe(0);
    git(root, 'tag', 'v2.0.1');
    const push = spawnSync('git', ['push', 'origin', 'v2.0.1'], { cwd: root, env, encoding: 'utf8' });
    expect(push.status).not.toBe(0);
    // git shows the hook's stderr: the finding is there, with its path inside the project folder.
    expect(push.stderr).toContain('deploy/app.yaml:10:18');
    expect(push.stderr).toContain('image-tag-mismatch');
  });

  it('takes the repository name from the remote being pushed to, and warns when nothing is own', () => {
    // A clone in a folder named `checkout` whose origin is a mirror with another name; `release` is the project.
    const root = makeRepo('checkout', { 'deploy/app.yaml': deployment('v1.2.2') });
    const mirror = join(root, '..', 'mirror.git');
    const release = join(root, '..', 'shop.git');
    git(root, 'init', '-q', '--bare', mirror);
    git(root, 'init', '-q', '--bare', release);
    git(root, 'remote', 'add', 'origin', mirror);
    git(root, 'remote', 'add', 'release', release);
    const env: NodeJS.ProcessEnv = { ...process.env, GIT_TERMINAL_PROMPT: '0' };
    for (const key of ['GITHUB_REF_NAME', 'GITHUB_REF_TYPE', 'CI_COMMIT_TAG', 'GITHUB_REPOSITORY', 'CI_PROJECT_PATH', 'NO_COLOR', 'FORCE_COLOR']) delete env[key];
    expect(spawnSync(process.execPath, [binPath, 'hook', 'install', '--', '--verbose'], { cwd: root, env }).status).toBe(0);
    git(root, 'tag', 'v1.2.3');

    const toRelease = spawnSync('git', ['push', 'release', 'v1.2.3'], { cwd: root, env, encoding: 'utf8' });
    expect(toRelease.stderr).toContain('own images by repository name "shop" (from push remote release)');
    expect(toRelease.stderr).toContain('image-tag-mismatch');
    expect(toRelease.status).not.toBe(0);

    // Pushed to the mirror, the name is `mirror`: nothing is own, and the hook says so instead of a silent pass.
    const toMirror = spawnSync('git', ['push', 'origin', 'v1.2.3'], { cwd: root, env, encoding: 'utf8' });
    expect(toMirror.stderr).toContain(
      'tagcheck: warning: no image in the manifests belongs to this project (repository name "mirror" from push remote origin); list them under images: in .tagcheck.yaml or run tagcheck init',
    );
    expect(toMirror.stderr).not.toContain('image-tag-mismatch');
    expect(toMirror.status).toBe(0);
  });
});
