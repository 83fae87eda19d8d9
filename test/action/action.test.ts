import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/model/finding.js';
import { githubReporter } from '../../src/reporters/github.js';
import { sarifReporter } from '../../src/reporters/sarif.js';
import { reportData, tagMismatch } from '../reporters/fixtures.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const countScript = join(repoRoot, 'action/count-findings.mjs');

function count(report: string, format: 'sarif' | 'github'): string {
  const file = join(mkdtempSync(join(tmpdir(), 'tagcheck-action-')), 'report');
  writeFileSync(file, report);
  return execFileSync(process.execPath, [countScript, file, format], { encoding: 'utf8' });
}

const findings: Finding[] = [
  tagMismatch,
  { ...tagMismatch, location: { file: 'b.yaml', line: 1, column: 1 } },
  { ...tagMismatch, ruleId: 'mutable-image-tag', level: 'warning' },
  { ...tagMismatch, ruleId: 'mutable-image-tag', level: 'note' },
  { ...tagMismatch, location: { file: 'c.yaml', line: 1, column: 1 }, suppressed: { kind: 'inSource', justification: 'later' } },
];

describe('action.yml', () => {
  const action = parse(readFileSync(join(repoRoot, 'action.yml'), 'utf8'));

  it('is a composite action on Node 20 with the documented inputs and outputs', () => {
    expect(action.runs.using).toBe('composite');
    expect(action.runs.steps[0]).toMatchObject({ uses: 'actions/setup-node@v4', with: { 'node-version': 20 } });
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['path', 'tag', 'config', 'fail-on', 'sarif-file']));
    expect(Object.keys(action.outputs)).toEqual(['errors', 'warnings', 'notes', 'exit-code']);
    // Inputs never appear inside a run script, where they could inject shell code.
    for (const step of action.runs.steps) expect(step.run ?? '').not.toMatch(/\$\{\{\s*inputs\./);
  });

  it('runs the committed bundle: no step installs or builds, and the launcher needs nothing from node_modules', () => {
    for (const step of action.runs.steps) expect(step.run ?? '').not.toMatch(/\bnpm\b|\bnpx\b|tsc|esbuild/);
    const check = action.runs.steps.find((step: { id?: string }) => step.id === 'check');
    expect(check.env.TAGCHECK_BIN).toBe('${{ github.action_path }}/action/tagcheck.cjs');
    expect(readFileSync(join(repoRoot, 'action/tagcheck.cjs'), 'utf8')).toContain("require('./dist/launch.cjs').launch()");
    // Every module the bundle requires or imports is a Node built-in, another bundle file or the lazily loaded
    // --cluster client (never on a check's path): nothing from node_modules.
    const files = readdirSync(join(repoRoot, 'action/dist')).filter((file) => file.endsWith('.cjs'));
    expect(files.sort()).toEqual(['client-node.cjs', 'launch.cjs', 'parse-worker.cjs', 'tagcheck.cjs']);
    for (const file of files) {
      const text = readFileSync(join(repoRoot, 'action/dist', file), 'utf8');
      const specifiers = [...text.matchAll(/\b(?:require|import)\(["']([^"']+)["']\)/g)].map((match) => match[1]);
      expect(specifiers.length, file).toBeGreaterThan(0);
      for (const specifier of specifiers) {
        const allowed = isBuiltin(specifier) || files.includes(specifier.replace(/^\.\//, '')) || specifier === '@kubernetes/client-node';
        expect(allowed, `${file} loads ${specifier}`).toBe(true);
      }
    }
  });

  it('counts unsuppressed findings per level from a SARIF report', () => {
    expect(count(sarifReporter(reportData(findings), { color: false }), 'sarif')).toBe('errors=2\nwarnings=1\nnotes=1\n');
  });

  it('counts the same from annotations, and zeros when there is no report', () => {
    expect(count(githubReporter(reportData(findings), { color: false }), 'github')).toBe('errors=2\nwarnings=1\nnotes=1\n');
    expect(execFileSync(process.execPath, [countScript, '/nonexistent/report', 'sarif'], { encoding: 'utf8' })).toBe('errors=0\nwarnings=0\nnotes=0\n');
  });
});
