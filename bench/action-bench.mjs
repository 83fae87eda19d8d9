// Benchmark 4: the GitHub Action's check step, emulated as the runner runs it: the `check` step's script from
// action.yml under `bash -eo pipefail`, with its `${{ }}` expressions filled in, GITHUB_OUTPUT / RUNNER_TEMP /
// GITHUB_ACTION_PATH set, on the start-up benchmark's 3-file repository, with the committed bundle
// (action/tagcheck.cjs → action/dist) and no node_modules anywhere on its path. Measured: step start to the
// first byte of output, and to the step's end. actions/setup-node, the step before it, is GitHub's and is not
// emulated (it only selects the runner's cached Node 20).
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { ms, row } from './offline.mjs';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** Runs the check step once in `workspace`; resolves { firstOutputMs, totalMs, code, output }. */
function runStep(actionPath, workspace, step, inputs) {
  const temp = mkdtempSync(join(tmpdir(), 'tagcheck-bench-action-'));
  const outputFile = join(temp, 'output');
  writeFileSync(outputFile, '');
  const expand = (text) => text
    .replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_m, name) => inputs[name] ?? '')
    .replace(/\$\{\{\s*github\.action_path\s*\}\}/g, actionPath);
  const env = { PATH: process.env.PATH, HOME: temp, GITHUB_OUTPUT: outputFile, RUNNER_TEMP: temp, GITHUB_ACTION_PATH: actionPath };
  for (const [name, value] of Object.entries(step.env)) env[name] = expand(value);
  const script = join(temp, 'step.sh');
  writeFileSync(script, step.run);
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    let firstOutputMs;
    let output = '';
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd: workspace, env });
    const onData = (chunk) => {
      firstOutputMs ??= Number(process.hrtime.bigint() - started) / 1e6;
      output += chunk;
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('close', (code) => {
      const totalMs = Number(process.hrtime.bigint() - started) / 1e6;
      const outputs = readFileSync(outputFile, 'utf8');
      rmSync(temp, { recursive: true, force: true });
      resolve({ firstOutputMs: firstOutputMs ?? totalMs, totalMs, code, output, outputs });
    });
  });
}

/** Returns { rows }. `tinyRepo` is the start-up benchmark's repository. */
export async function benchAction({ runs, log, tinyRepo }) {
  // The action as a user's workflow gets it: a copy of the repository's action files only, no node_modules.
  const actionPath = mkdtempSync(join(tmpdir(), 'tagcheck-bench-action-path-'));
  try {
    for (const part of ['action.yml', 'action', 'package.json']) cpSync(join(repoRoot, part), join(actionPath, part), { recursive: true });
    const action = parse(readFileSync(join(actionPath, 'action.yml'), 'utf8'));
    const step = action.runs.steps.find((s) => s.id === 'check');
    const inputs = { ...Object.fromEntries(Object.entries(action.inputs).map(([name, spec]) => [name, String(spec.default ?? '')])), path: '.', tag: 'v1.0.0', scope: 'manifests' };
    let best;
    for (let i = 0; i < runs; i++) {
      const result = await runStep(actionPath, tinyRepo, step, inputs);
      if (!best || result.firstOutputMs < best.firstOutputMs) best = result;
    }
    const ran = best.code === 0 && /exit-code=0/.test(best.outputs);
    if (!ran) log(`the action step exited ${best.code}: ${best.output.trim().split('\n')[0] ?? ''}`);
    log(`action step: first output after ${ms(best.firstOutputMs)}, done after ${ms(best.totalMs)} (best of ${runs}); the setup-node step is not emulated`);
    return {
      rows: [row('GitHub Action check step, 3-file repo (no npm ci)', `first output ${ms(best.firstOutputMs)}`, `step done ${ms(best.totalMs)}`, '',
        '≤ 2 s to first output', ran && best.firstOutputMs <= 2000)],
    };
  } finally {
    rmSync(actionPath, { recursive: true, force: true });
  }
}
