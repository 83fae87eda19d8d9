import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, repoRoot } from '../hook/built-cli.js';
import { sarifSchemaErrors } from '../reporters/sarif-validation.js';

const action = parse(readFileSync(join(repoRoot, 'action.yml'), 'utf8'));
const step = action.runs.steps.find((s: { id?: string }) => s.id === 'check');

/**
 * Runs the action's check step as the runner would: `bash -eo pipefail`, with the step's env (its
 * `${{ }}` expressions filled in) and the runner's GITHUB_OUTPUT / RUNNER_TEMP / GITHUB_ACTION_PATH.
 */
function runStep(inputs: Record<string, string>, workspace: string) {
  const temp = mkdtempSync(join(tmpdir(), 'tagcheck-action-run-'));
  const outputFile = join(temp, 'output');
  writeFileSync(outputFile, '');
  const defaults = Object.fromEntries(Object.entries(action.inputs).map(([name, spec]: [string, any]) => [name, String(spec.default ?? '')]));
  const values: Record<string, string> = { ...defaults, ...inputs };
  const expand = (text: string) =>
    text
      .replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_m, name: string) => values[name] ?? '')
      .replace(/\$\{\{\s*github\.action_path\s*\}\}/g, repoRoot);
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, XDG_CACHE_HOME: join(temp, 'cache'), GITHUB_OUTPUT: outputFile, RUNNER_TEMP: temp, GITHUB_ACTION_PATH: repoRoot };
  for (const [name, value] of Object.entries(step.env as Record<string, string>)) env[name] = expand(value);
  // The step runs the committed bundle (action/tagcheck.cjs → action/dist), which the lead regenerates after
  // merges and `npm run bundle:check` keeps honest; here the step's script runs the tree under test instead.
  expect(normalize(env.TAGCHECK_BIN!)).toBe(join(repoRoot, 'action/tagcheck.cjs'));
  env.TAGCHECK_BIN = join(repoRoot, 'bin/tagcheck.js');
  const script = join(temp, 'step.sh');
  writeFileSync(script, step.run);
  const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd: workspace, env, encoding: 'utf8' });
  const outputs = Object.fromEntries(readFileSync(outputFile, 'utf8').trim().split('\n').map((line) => line.split('=')));
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, outputs };
}

describe('the action check step, run with bash like the runner', () => {
  beforeAll(ensureBuilt, 120_000);

  it('prints annotations, sets the counts and fails on errors', () => {
    const run = runStep({ path: 'fixtures/demo', tag: 'v1.4.0', scope: 'manifests' }, repoRoot);
    expect(run.code).toBe(1);
    expect(run.outputs).toEqual({ errors: '2', warnings: '2', notes: '0', 'exit-code': '1' });
    expect(run.stdout).toContain('::error file=deploy/overlays/production/kustomization.yaml,line=8,col=13,title=image-tag-mismatch::');
    expect(run.stdout.match(/^::/gm)).toHaveLength(4);
  });

  it('writes SARIF to sarif-file instead, counts from it, and fail-on none passes', () => {
    const workspace = mkdtempSync(join(tmpdir(), 'tagcheck-action-ws-'));
    const run = runStep({ path: join(repoRoot, 'fixtures/demo'), tag: 'v1.4.0', scope: 'manifests', 'sarif-file': 'out/tagcheck.sarif', 'fail-on': 'none' }, workspace);
    expect(run.stderr).not.toContain('internal error');
    expect(run.code).toBe(0);
    expect(run.outputs).toEqual({ errors: '2', warnings: '2', notes: '0', 'exit-code': '0' });
    const log = JSON.parse(readFileSync(join(workspace, 'out/tagcheck.sarif'), 'utf8'));
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(run.stdout).not.toContain('::error');
  });

  it('passes extra args through, and a run failure is exit 2 with zero counts', () => {
    const run = runStep({ path: 'fixtures/demo', args: '--no-such-flag' }, repoRoot);
    expect(run.code).toBe(2);
    expect(run.outputs).toEqual({ errors: '0', warnings: '0', notes: '0', 'exit-code': '2' });
    expect(run.stderr).toContain('--no-such-flag');
  });
});
