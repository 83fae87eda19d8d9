import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

// Each run gets a fresh module graph in which every evaluation of the `yaml` module is counted.
const loads = { count: 0 };

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

/** The bench's start-up repository: a config, a kustomization, a Deployment. */
function tinyRepo(): string {
  const root = mkdtempSync(join(tmpdir(), 'tagcheck-lazy-yaml-'));
  scratch.push(root);
  writeFileSync(join(root, '.tagcheck.yaml'), 'images:\n  - ghcr.io/acme/app\n');
  mkdirSync(join(root, 'deploy'));
  writeFileSync(join(root, 'deploy', 'kustomization.yaml'), 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - app.yaml\nimages:\n  - name: ghcr.io/acme/app\n    newTag: v0.9.0\n');
  writeFileSync(join(root, 'deploy', 'app.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: ghcr.io/acme/app:v1.0.0\n');
  return root;
}

/** One CLI run on a fresh module graph, as a new process would have; how many times `yaml` was evaluated. */
async function freshRun(argv: string[], env: NodeJS.ProcessEnv) {
  vi.resetModules();
  loads.count = 0;
  vi.doMock('yaml', async (importOriginal) => {
    loads.count++;
    return importOriginal();
  });
  const { main } = await import('../../src/cli/main.js');
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (text: string) => (stdout += text), isTTY: false },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    env,
    cwd: process.cwd(),
  });
  return { code, stdout, stderr, yamlLoads: loads.count };
}

describe('a warm run of the 3-file repository', () => {
  it('never evaluates the yaml module, and says it parsed nothing', async () => {
    const root = tinyRepo();
    const cacheHome = mkdtempSync(join(tmpdir(), 'tagcheck-lazy-yaml-cache-'));
    scratch.push(cacheHome);
    const env = { PATH: process.env.PATH, XDG_CACHE_HOME: cacheHome };
    const argv = ['check', root, '--tag', 'v1.0.0', '--offline', '--verbose'];
    const cold = await freshRun(argv, env);
    expect(cold.code, cold.stderr).toBe(1);
    // positive control: a run that must parse does evaluate it, so the count below means something
    expect(cold.yamlLoads).toBe(1);
    expect(cold.stderr).toContain('tagcheck: parsed 3 of 3 YAML files (0 from cache)\n');
    const warm = await freshRun(argv, env);
    expect(warm.yamlLoads).toBe(0);
    expect(warm.stderr).toContain('tagcheck: parsed 0 of 3 YAML files (3 from cache)\n');
    expect(warm.stdout).toBe(cold.stdout);
    expect(warm.code).toBe(1);
    // and a changed file is parsed again, the others still come from the cache
    writeFileSync(join(root, 'deploy', 'kustomization.yaml'), 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - app.yaml\nimages:\n  - name: ghcr.io/acme/app\n    newTag: v1.0.0\n');
    const changed = await freshRun(argv, env);
    expect(changed.yamlLoads).toBe(1);
    expect(changed.stderr).toContain('tagcheck: parsed 1 of 3 YAML files (2 from cache)\n');
    expect(changed.code, changed.stdout).toBe(0);
  });
});
