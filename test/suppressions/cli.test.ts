import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { writeFiles } from '../hook/git-repo.js';

const deployment = (image: string, comment = '') =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: ${image}${comment}\n`;

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'tagcheck-suppress-'));
  writeFiles(root, { '.tagcheck.yaml': 'images:\n  - ghcr.io/acme/app\n', ...files });
  return root;
}

describe('suppressions through the CLI', () => {
  it('an in-source comment marks the finding suppressed in JSON and SARIF, and it no longer fails the run', async () => {
    const root = project({ 'deploy/app.yaml': deployment('ghcr.io/acme/app:v1.0.0', '  # tagcheck-ignore image-tag-mismatch -- canary stays on 1.0') });
    const json = await runCli(['check', root, '--offline', '--tag', 'v1.1.0', '--format', 'json']);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ ruleId: 'image-tag-mismatch', suppressed: { kind: 'inSource', justification: 'canary stays on 1.0' } });
    expect(report.summary.error).toBe(0);

    const sarif = JSON.parse((await runCli(['check', root, '--offline', '--tag', 'v1.1.0', '--format', 'sarif'])).stdout);
    expect(sarif.runs[0].results[0].suppressions).toEqual([{ kind: 'inSource', status: 'accepted', justification: 'canary stays on 1.0' }]);
    expect((await runCli(['check', root, '--offline', '--tag', 'v1.1.0', '--format', 'github'])).stdout).toBe('');
  });

  it('a config ignore entry suppresses by rule and path; other paths still fail', async () => {
    const root = project({
      '.tagcheck.yaml': 'images:\n  - ghcr.io/acme/app\nignore:\n  - rule: image-tag-mismatch\n    path: legacy/**\n    reason: frozen stack\n',
      'legacy/app.yaml': deployment('ghcr.io/acme/app:v0.9.0'),
      'deploy/app.yaml': deployment('ghcr.io/acme/app:v1.0.0'),
    });
    const run = await runCli(['check', root, '--offline', '--tag', 'v1.1.0', '--format', 'json']);
    expect(run.code).toBe(1);
    const byFile = Object.fromEntries(JSON.parse(run.stdout).findings.map((f: any) => [f.location.file, f.suppressed]));
    expect(byFile).toEqual({ 'deploy/app.yaml': undefined, 'legacy/app.yaml': { kind: 'external', justification: 'frozen stack' } });
  });
});
