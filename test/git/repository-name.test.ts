import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nameFromRemoteUrl, resolveRepositoryName, resolveRepositorySlug, slugFromRemoteUrl } from '../../src/sources/git/repository-name.js';
import { createRepo } from './repo.js';

describe('slugFromRemoteUrl (OWNER/REPO, for the GitHub URLs the docs name)', () => {
  it.each([
    ['https://github.com/kubernetes-sigs/descheduler', 'kubernetes-sigs/descheduler'],
    ['https://github.com/kubernetes-sigs/descheduler.git/', 'kubernetes-sigs/descheduler'],
    ['git@github.com:inspektor-gadget/inspektor-gadget.git', 'inspektor-gadget/inspektor-gadget'],
    ['ssh://git@git.example.com:2222/acme/app.git', 'acme/app'],
    ['https://user:token@gitlab.example.com/group/sub/app.git', 'sub/app'],
    ['https://github.com/Acme/App.GIT\n', 'Acme/App'],
  ])('%s → %s', (url, slug) => {
    expect(slugFromRemoteUrl(url)).toBe(slug);
  });

  it.each(['', 'git@github.com:external-dns.git', '../app.git', 'app'])('%j has no owner', (url) => {
    expect(slugFromRemoteUrl(url)).toBeUndefined();
  });

  it('resolveRepositorySlug takes the sources in the name\'s order: push remote, GITHUB_REPOSITORY, CI_PROJECT_PATH, origin', async () => {
    const repo = await createRepo();
    try {
      repo.git('remote', 'add', 'origin', 'git@github.com:acme/from-origin.git');
      expect(await resolveRepositorySlug(repo.dir)).toBe('acme/from-origin');
      expect(await resolveRepositorySlug(repo.dir, { env: { CI_PROJECT_PATH: 'group/sub/from-gitlab' } })).toBe('sub/from-gitlab');
      expect(await resolveRepositorySlug(repo.dir, { env: { GITHUB_REPOSITORY: 'acme/from-actions', CI_PROJECT_PATH: 'g/x' } })).toBe('acme/from-actions');
      expect(await resolveRepositorySlug(repo.dir, { env: { GITHUB_REPOSITORY: 'acme/from-actions' }, pushRemote: { name: 'fork', url: 'https://github.com/me/fork.git' } })).toBe('me/fork');
    } finally {
      await repo.remove();
    }
  });
});

describe('nameFromRemoteUrl', () => {
  it.each([
    ['https://github.com/kubernetes-sigs/descheduler', 'descheduler'],
    ['https://github.com/kubernetes-sigs/descheduler.git', 'descheduler'],
    ['https://github.com/kubernetes-sigs/descheduler.git/', 'descheduler'],
    ['https://github.com/kubernetes-sigs/descheduler/', 'descheduler'],
    ['https://user:token@gitlab.example.com/group/sub/app.git', 'app'],
    ['git@github.com:inspektor-gadget/inspektor-gadget.git', 'inspektor-gadget'],
    ['git@github.com:external-dns.git', 'external-dns'],
    ['ssh://git@git.example.com:2222/acme/app.git', 'app'],
    ['ssh://git@git.example.com/acme/app', 'app'],
    ['git://example.com/acme/app.git', 'app'],
    ['file:///srv/git/app.git', 'app'],
    ['/srv/git/app.git/', 'app'],
    ['../app.git', 'app'],
    ['https://example.com/acme/App.GIT\n', 'App'],
  ])('%s → %s', (url, name) => {
    expect(nameFromRemoteUrl(url)).toBe(name);
  });

  it.each(['', '/', '.git', '  '])('%j has no name', (url) => {
    expect(nameFromRemoteUrl(url)).toBeUndefined();
  });
});

describe('resolveRepositoryName: origin, else the folder name', () => {
  it('reads the origin remote of a real repository, also from a subdirectory', async () => {
    const repo = await createRepo();
    try {
      repo.git('remote', 'add', 'origin', 'git@github.com:acme/widget.git');
      repo.git('remote', 'add', 'upstream', 'https://github.com/other/thing.git');
      expect((await resolveRepositoryName(repo.dir)).name).toBe('widget');
      await repo.write('deploy/x.yaml', 'a: 1\n');
      expect((await resolveRepositoryName(join(repo.dir, 'deploy'))).name).toBe('widget');
    } finally {
      await repo.remove();
    }
  });

  it('falls back to the folder name without an origin remote, and outside git', async () => {
    const repo = await createRepo();
    const plain = await mkdtemp(join(tmpdir(), 'tagcheck-plain-'));
    try {
      repo.git('remote', 'add', 'upstream', 'https://github.com/other/thing.git');
      expect((await resolveRepositoryName(repo.dir)).name).toBe(basename(repo.dir));
      expect((await resolveRepositoryName(plain)).name).toBe(basename(plain));
    } finally {
      await repo.remove();
      await rm(plain, { recursive: true, force: true });
    }
  });
});

describe('resolveRepositoryName', () => {
  it('takes the push remote, then GITHUB_REPOSITORY, then CI_PROJECT_PATH, then origin, then the folder', async () => {
    const repo = await createRepo();
    try {
      repo.git('remote', 'add', 'origin', '/srv/mirrors/upstream.git');
      const env = { GITHUB_REPOSITORY: 'acme/from-github', CI_PROJECT_PATH: 'group/sub/from-gitlab' };
      const pushRemote = { name: 'release', url: 'git@github.com:acme/pushed.git' };
      expect(await resolveRepositoryName(repo.dir, { env, pushRemote })).toEqual({ name: 'pushed', source: 'push remote release' });
      expect(await resolveRepositoryName(repo.dir, { env, pushRemote: { name: 'https://x/a/by-url', url: 'https://x/a/by-url' } })).toEqual({ name: 'by-url', source: 'push URL' });
      expect(await resolveRepositoryName(repo.dir, { env })).toEqual({ name: 'from-github', source: 'GITHUB_REPOSITORY' });
      expect(await resolveRepositoryName(repo.dir, { env: { CI_PROJECT_PATH: env.CI_PROJECT_PATH } })).toEqual({ name: 'from-gitlab', source: 'CI_PROJECT_PATH' });
      // empty variables are absent ones
      expect(await resolveRepositoryName(repo.dir, { env: { GITHUB_REPOSITORY: '', CI_PROJECT_PATH: ' ' } })).toEqual({ name: 'upstream', source: 'origin' });
      repo.git('remote', 'remove', 'origin');
      expect(await resolveRepositoryName(repo.dir, {})).toEqual({ name: basename(repo.dir), source: 'folder name' });
    } finally {
      await repo.remove();
    }
  });
});
