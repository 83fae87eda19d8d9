import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/engine/check.js';

describe('YAML files that do not parse', () => {
  it('one that names no Kubernetes object is a note; a manifest, kustomization or values file stays a warning', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'tagcheck-parse-failures-'));
    try {
      const files: Record<string, string> = {
        // sealed-secrets v0.27.0 site/config.yaml (Hugo): a duplicate key
        'site/config.yaml': 'title: x\nparams:\n  a: 1\n  a: 2\n',
        'deploy/broken.yaml': 'apiVersion: v1\nkind: Pod\nspec: [\n',
        'chart/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.0.0\n',
        'chart/values.yaml': 'image:\n  repository: [\n',
      };
      for (const [file, text] of Object.entries(files)) {
        await mkdir(path.dirname(path.join(root, file)), { recursive: true });
        await writeFile(path.join(root, file), text);
      }
      const result = await runCheck({ root, env: {}, scope: 'manifests' });
      expect(result.diagnostics.filter((d) => d.message.startsWith('invalid YAML')).map((d) => `${d.level} ${d.file}`).sort()).toEqual([
        'note site/config.yaml',
        'warning chart/values.yaml',
        'warning deploy/broken.yaml',
      ].sort());
      expect(result.diagnostics.find((d) => d.file === 'site/config.yaml')?.message).toMatch(/no Kubernetes object in the file; skipped\)$/);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
