import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildReleaseModel } from '../../src/engine/release-model.js';
import { allDocReferences } from '../../src/model/docs.js';

// The pre-push path must not start processes it does not need (bench: start-up ≤ 2.5× `node -e 0`).
let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'tagcheck-startup-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'ignore' });
  git('init', '-q');
  git('remote', 'add', 'origin', 'https://github.com/acme/remote-name.git');
  await writeFile(join(root, 'app.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers:\n    - name: a\n      image: ghcr.io/acme/remote-name:v1\n');
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe('release model on the start-up path', () => {
  it('asks git for the remote name when the ownership fallback needs it (no images: configured)', async () => {
    const model = await buildReleaseModel({ root, env: {}, tag: 'v1' });
    expect(model.repositoryName).toBe('remote-name');
    expect(model.ownRepositories).toEqual(['ghcr.io/acme/remote-name']);
  });

  it('does not run `git remote` when images: is configured (the name cannot change ownership then)', async () => {
    await writeFile(join(root, '.tagcheck.yaml'), 'images:\n  - ghcr.io/acme/other\n');
    const model = await buildReleaseModel({ root, env: {}, tag: 'v1' });
    // the folder name, not the remote's: git was not asked
    expect(model.repositoryName).toBe(basename(root));
    expect(model.ownRepositories).toEqual(['ghcr.io/acme/other']);
  });

  it('asks git for the remote only when the docs name a GitHub URL (docs-version-stale compares OWNER/REPO)', async () => {
    await writeFile(join(root, '.tagcheck.yaml'), 'images:\n  - ghcr.io/acme/other\n');
    await writeFile(join(root, 'README.md'), '`docker pull ghcr.io/acme/other:v0.9.0`\n');
    const imagesOnly = await buildReleaseModel({ root, env: {}, tag: 'v1.0.0' });
    expect(imagesOnly.repositoryName).toBe(basename(root));
    expect(allDocReferences(imagesOnly.docs!).map((r) => [r.kind, 'own' in r ? r.own : undefined])).toEqual([['image', true]]);

    await writeFile(join(root, 'README.md'), '`kubectl apply -k github.com/ACME/remote-name/config?ref=v0.9.0` `github.com/acme/other?ref=v0.9.0`\n');
    const withUrls = await buildReleaseModel({ root, env: {}, tag: 'v1.0.0' });
    // the remote, not the folder name, decides which repository is this one
    expect(allDocReferences(withUrls.docs!).map((r) => [r.kind, 'own' in r ? r.own : undefined])).toEqual([['git-ref', true], ['git-ref', false]]);
  });
});
