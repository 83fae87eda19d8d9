import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { glob } from 'glob';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { fixturesDir, readTree, removeTemps, repoOf } from './support.js';

afterAll(removeTemps);

const hasKubectl = (() => { try { execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' }); return true; } catch { return false; } })();

describe('tagcheck fix on images set by kustomize patches', () => {
  it('edits inside the literal-block inline patches and the patch file, byte-exact; kubectl then renders the release', async () => {
    const source = path.join(fixturesDir, 'rules/image-tag-mismatch/failing-kustomize-patches');
    const files: Record<string, string> = {};
    for (const file of await glob('**/*', { cwd: source, dot: true, nodir: true, posix: true })) files[file] = await readFile(path.join(source, file), 'utf8');
    const root = await repoOf('acme', files);

    const run = await runCli(['fix', '--tag', 'v0.29.0'], { cwd: root });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const overlay = 'deploy/overlays/prod/kustomization.yaml';
    const patchFile = 'deploy/overlays/prod/worker-image.yaml';
    const tree = await readTree(root);
    // only the tag texts change: the markers' actual=… in the comments inside the patch stay as they were
    expect(tree.get(overlay)).toBe(files[overlay].replace('api:v0.28.1  #', 'api:v0.29.0  #').replace('migrate:v0.28.0  #', 'migrate:v0.29.0  #'));
    expect(tree.get(patchFile)).toBe(files[patchFile].replace('worker:v0.27.3  #', 'worker:v0.29.0  #'));
    expect((await runCli(['check', '--offline', '--tag', 'v0.29.0'], { cwd: root })).code).toBe(0);
    if (hasKubectl) {
      const rendered = execFileSync('kubectl', ['kustomize', path.join(root, 'deploy/overlays/prod')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
      expect([...rendered.matchAll(/image: (\S+)/g)].map((m) => m[1]).sort()).toEqual(
        ['ghcr.io/acme/api:v0.29.0', 'ghcr.io/acme/metrics:v0.29.0', 'ghcr.io/acme/migrate:v0.29.0', 'ghcr.io/acme/worker:v0.29.0'],
      );
    }
  });
});
