import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePushLines, preCommitPushedRef, prePush, pushedTags, type CheckCommand } from '../../src/cli/hook.js';
import { captureIO, git, makeRepo, writeFiles } from './git-repo.js';

const ZERO = '0'.repeat(40);
const deployment = (tag: string) => `apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: ghcr.io/acme/app:${tag}\n`;

/** A stand-in for `tagcheck check` that records what it was asked and fails when the image lags the tag. */
function recordingCheck() {
  const calls: { argv: string[]; cwd: string; manifest: string; dirName: string; pushRemote?: { name?: string; url: string }; cacheKey?: string }[] = [];
  const load = async (): Promise<CheckCommand> => async (argv, io) => {
    const manifest = readFileSync(join(argv[0], 'deploy/app.yaml'), 'utf8');
    calls.push({ argv, cwd: io.cwd, manifest, dirName: basename(argv[0]), ...(io.pushRemote ? { pushRemote: io.pushRemote } : {}), ...(io.cacheKey ? { cacheKey: io.cacheKey } : {}) });
    const tag = argv[argv.indexOf('--tag') + 1];
    if (!manifest.includes(`ghcr.io/acme/app:${tag}\n`)) {
      io.stdout.write(`deploy/app.yaml:8:18 error image-tag-mismatch\n`);
      return 1;
    }
    return 0;
  };
  return { calls, load };
}

describe('tagcheck hook pre-push', () => {
  it('reads git pre-push lines and keeps only created or moved tags', () => {
    const refs = parsePushLines(
      [
        `refs/heads/main 1111111111111111111111111111111111111111 refs/heads/main ${ZERO}`,
        `refs/tags/v1.2.3 2222222222222222222222222222222222222222 refs/tags/v1.2.3 ${ZERO}`,
        `(delete) ${ZERO} refs/tags/v0.1.0 3333333333333333333333333333333333333333`,
        `refs/tags/local 4444444444444444444444444444444444444444 refs/tags/v2.0.0 ${ZERO}`,
        '',
      ].join('\n'),
    );
    expect(refs).toHaveLength(4);
    expect(pushedTags(refs)).toEqual([
      { tag: 'v1.2.3', sha: '2222222222222222222222222222222222222222' },
      { tag: 'v2.0.0', sha: '4444444444444444444444444444444444444444' },
    ]);
  });

  it('checks the tree at the tag commit, not the working tree, offline, in a folder named like the repository', async () => {
    const root = makeRepo('acme-app', { 'deploy/app.yaml': deployment('v1.2.2') });
    git(root, 'tag', '-a', 'v1.2.3', '-m', 'release');
    const tagObject = git(root, 'rev-parse', 'v1.2.3');
    // The working tree already has the fix, uncommitted: the hook must not be fooled by it.
    writeFiles(root, { 'deploy/app.yaml': deployment('v1.2.3') });

    const check = recordingCheck();
    const io = captureIO(root, `refs/tags/v1.2.3 ${tagObject} refs/tags/v1.2.3 ${ZERO}\n`);
    expect(await prePush(['--', 'origin', 'file:///srv/git/acme-app.git'], io, check.load)).toBe(1);
    expect(check.calls).toHaveLength(1);
    const [call] = check.calls;
    expect(call.manifest).toContain('ghcr.io/acme/app:v1.2.2');
    expect(call.argv.slice(1)).toEqual(['--tag', 'v1.2.3', '--offline']);
    // the temp tree's facts go to the cache file of the repository it copies, not one per temp folder
    expect(call.cacheKey).toBe(realpathSync(root));
    expect(call.dirName).toBe('acme-app');
    // the remote git names as the hook's arguments reaches the check, where it names the repository
    expect(call.pushRemote).toEqual({ name: 'origin', url: 'file:///srv/git/acme-app.git' });
    expect(call.cwd).toBe(call.argv[0]);
    expect(io.err()).toContain('image-tag-mismatch');
    expect(io.out()).toBe('');
    expect(io.err()).toContain('checking tag v1.2.3');
    expect(io.err()).toContain('push of tag v1.2.3 blocked');
    // The temporary tree is gone afterwards.
    expect(existsSync(call.argv[0])).toBe(false);
  });

  it('names the checkout folder after the push remote, before origin and the folder name', async () => {
    const root = makeRepo('checkout', { 'deploy/app.yaml': deployment('v1.2.2') });
    git(root, 'remote', 'add', 'origin', '/somewhere/else/mirror.git');
    git(root, 'tag', 'v1.2.3');
    const sha = git(root, 'rev-parse', 'HEAD');
    const check = recordingCheck();
    // pushing to a URL directly: git passes the URL as the remote's name too
    const url = 'git@github.com:acme/app.git';
    const io = captureIO(root, `refs/tags/v1.2.3 ${sha} refs/tags/v1.2.3 ${ZERO}\n`);
    expect(await prePush(['--', url, url], io, check.load)).toBe(1);
    expect(check.calls[0].dirName).toBe('app');
    expect(check.calls[0].pushRemote).toEqual({ name: url, url });
  });

  it('lets a fixed tag through and checks the project folder with the given options', async () => {
    const root = makeRepo('mono', { 'services/app/deploy/app.yaml': deployment('v2.0.0') });
    git(root, 'tag', 'v2.0.0');
    const sha = git(root, 'rev-parse', 'HEAD');
    const check = recordingCheck();
    const io = captureIO(join(root, 'services'), `refs/tags/v2.0.0 ${sha} refs/tags/v2.0.0 ${ZERO}\n`);
    expect(await prePush(['--dir', 'services/app', '--scope', 'all'], io, check.load)).toBe(0);
    expect(check.calls[0].argv[0].endsWith('/mono/services/app')).toBe(true);
    expect(check.calls[0].argv.slice(1)).toEqual(['--tag', 'v2.0.0', '--scope', 'all']);
    expect(check.calls[0].cacheKey).toBe(join(realpathSync(root), 'services/app'));
    expect(io.err()).not.toContain('blocked');
  });

  it('passes branch pushes and tag deletions without loading the check', async () => {
    const root = makeRepo('app', { 'deploy/app.yaml': deployment('v1') });
    const sha = git(root, 'rev-parse', 'HEAD');
    let loaded = false;
    const load = async (): Promise<CheckCommand> => {
      loaded = true;
      return async () => 1;
    };
    const lines = `refs/heads/main ${sha} refs/heads/main ${ZERO}\n(delete) ${ZERO} refs/tags/v0.1.0 ${sha}\n`;
    expect(await prePush([], captureIO(root, lines), load)).toBe(0);
    expect(await prePush([], captureIO(root, ''), load)).toBe(0);
    expect(loaded).toBe(false);
  });

  it('under the pre-commit framework, takes the pushed tag from its environment', async () => {
    const root = makeRepo('acme-app', { 'deploy/app.yaml': deployment('v1.2.2') });
    git(root, 'tag', 'v1.2.3');
    expect(preCommitPushedRef({ PRE_COMMIT_REMOTE_BRANCH: 'refs/heads/main', PRE_COMMIT_LOCAL_BRANCH: 'main' })).toMatchObject({ remoteRef: 'refs/heads/main' });
    expect(preCommitPushedRef({})).toBeUndefined();
    const check = recordingCheck();
    const env = { PRE_COMMIT_REMOTE_BRANCH: 'refs/tags/v1.2.3', PRE_COMMIT_LOCAL_BRANCH: 'refs/tags/v1.2.3', PRE_COMMIT_REMOTE_NAME: 'origin', PRE_COMMIT_REMOTE_URL: 'https://github.com/acme/acme-app.git' };
    const io = { ...captureIO(root, ''), env };
    expect(await prePush([], io, check.load)).toBe(1);
    expect(check.calls[0].manifest).toContain('ghcr.io/acme/app:v1.2.2');
    // and the remote pushed to, which names the repository
    expect(check.calls[0].pushRemote).toEqual({ name: 'origin', url: 'https://github.com/acme/acme-app.git' });
  });

  it('skips a tag that names a blob instead of blocking the push', async () => {
    const root = makeRepo('app', { 'deploy/app.yaml': deployment('v1.0.0') });
    const blob = git(root, 'rev-parse', 'HEAD:deploy/app.yaml');
    git(root, 'tag', 'key-blob', blob);
    const check = recordingCheck();
    const io = captureIO(root, `refs/tags/key-blob ${blob} refs/tags/key-blob ${ZERO}\n`);
    expect(await prePush([], io, check.load)).toBe(0);
    expect(check.calls).toHaveLength(0);
    expect(io.err()).toContain('tag key-blob does not point at a commit; not checked');
  });
});
