import { existsSync } from 'node:fs';
import { readFile, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError } from '../../src/model/errors.js';
import { checkoutTreeAt, tagsAtHead, tagsPointingAt } from '../../src/sources/git/tree-at-commit.js';
import { createRepo, type TestRepo } from './repo.js';
import { symlink } from 'node:fs/promises';

let repo: TestRepo;
let first: string;
beforeEach(async () => {
  repo = await createRepo();
  await repo.write('deploy/app.yaml', 'image: ghcr.io/acme/app:v1.0.0\n');
  await repo.write('charts/app/Chart.yaml', 'appVersion: 1.0.0\n');
  await symlink('app.yaml', join(repo.dir, 'deploy', 'link.yaml'));
  first = repo.commit('v1');
  repo.git('tag', '-a', 'v1.0.0', '-m', 'release 1.0.0');
  await repo.write('deploy/app.yaml', 'image: ghcr.io/acme/app:v2.0.0\n');
  repo.commit('v2');
  repo.git('tag', 'v2.0.0');
  // An uncommitted edit the hook must not see.
  await repo.write('deploy/app.yaml', 'image: ghcr.io/acme/app:dirty\n');
  await repo.write('untracked.yaml', 'x: 1\n');
});
afterEach(async () => { await repo.remove(); });

describe('checkoutTreeAt', () => {
  it('extracts the tree at an annotated tag, not the working tree', async () => {
    const tree = await checkoutTreeAt(repo.dir, 'v1.0.0');
    try {
      expect(await readFile(join(tree.dir, 'deploy/app.yaml'), 'utf8')).toBe('image: ghcr.io/acme/app:v1.0.0\n');
      expect(await readFile(join(tree.dir, 'charts/app/Chart.yaml'), 'utf8')).toBe('appVersion: 1.0.0\n');
      expect(await readlink(join(tree.dir, 'deploy/link.yaml'))).toBe('app.yaml');
      expect(existsSync(join(tree.dir, 'untracked.yaml'))).toBe(false);
      expect(existsSync(join(tree.dir, '.git'))).toBe(false);
    } finally {
      await tree.cleanup();
    }
    expect(existsSync(tree.dir)).toBe(false);
  });

  it('accepts a commit id, a tag object id and a lightweight tag', async () => {
    const tagObject = repo.git('rev-parse', 'v1.0.0');
    expect(tagObject).not.toBe(first);
    for (const [revision, expected] of [[first, 'v1.0.0'], [tagObject, 'v1.0.0'], ['v2.0.0', 'v2.0.0']]) {
      const tree = await checkoutTreeAt(repo.dir, revision);
      try {
        expect(await readFile(join(tree.dir, 'deploy/app.yaml'), 'utf8')).toBe(`image: ghcr.io/acme/app:${expected}\n`);
      } finally {
        await tree.cleanup();
      }
    }
  });

  it('extracts only the subdirectory when the root is one', async () => {
    const tree = await checkoutTreeAt(join(repo.dir, 'deploy'), 'v2.0.0');
    try {
      expect(await readFile(join(tree.dir, 'app.yaml'), 'utf8')).toBe('image: ghcr.io/acme/app:v2.0.0\n');
      expect(existsSync(join(tree.dir, 'charts'))).toBe(false);
    } finally {
      await tree.cleanup();
    }
  });

  it.each([
    ['no-such-tag', /^no-such-tag: no such commit in the repository at /],
    ['--output=/tmp/x', /^not a commit: "--output=\/tmp\/x"$/],
    ['', /^not a commit: ""$/],
  ])('refuses %j with one line', async (revision, message) => {
    const error = await checkoutTreeAt(repo.dir, revision).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(message);
  });
});

describe('tags at a commit', () => {
  it('lists lightweight and annotated tags at HEAD and at a given commit', async () => {
    repo.git('tag', 'v2.0.0-rc.1', 'HEAD');
    expect((await tagsAtHead(repo.dir)).sort()).toEqual(['v2.0.0', 'v2.0.0-rc.1']);
    expect(await tagsPointingAt(repo.dir, first)).toEqual(['v1.0.0']);
    expect(await tagsPointingAt(repo.dir, '--all')).toEqual([]);
  });
});

describe('checkoutTreeAt folder name', () => {
  it.each([['widget', 'widget'], ['../escape', '..-escape'], ['..', 'tree'], [undefined, 'tree']])('name %j gives folder %j inside the temp dir', async (name, folder) => {
    const tree = await checkoutTreeAt(repo.dir, 'v2.0.0', name === undefined ? {} : { name });
    try {
      expect(tree.dir.split('/').pop()).toBe(folder);
      expect(tree.dir).toMatch(/tagcheck-tree-[^/]+\/[^/]+$/);
      expect(await readFile(join(tree.dir, 'deploy/app.yaml'), 'utf8')).toBe('image: ghcr.io/acme/app:v2.0.0\n');
    } finally {
      await tree.cleanup();
    }
    expect(existsSync(tree.dir)).toBe(false);
  });
});
