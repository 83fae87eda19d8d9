import { execFileSync, spawnSync } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../src/engine/check.js';
import { runFix } from '../../src/engine/fix/run-fix.js';
import { binPath, ensureBuilt } from '../hook/built-cli.js';
import { applyChanges, fixturesDir, readTree } from './support.js';

beforeAll(ensureBuilt);
const temps: string[] = [];
afterAll(() => Promise.all(temps.map((dir) => rm(dir, { recursive: true, force: true }))));

/** A clone of a docs-version-stale fixture: its folder named after the repository, `origin` on GitHub. */
async function cloneOf(variant: string, repo: string): Promise<string> {
  const parent = await mkdtemp(path.join(tmpdir(), 'tagcheck-fix-docs-'));
  temps.push(parent);
  const root = path.join(parent, repo.split('/')[1]);
  await cp(path.join(fixturesDir, 'rules', 'docs-version-stale', variant), root, { recursive: true });
  execFileSync('git', ['init', '-q'], { cwd: root });
  execFileSync('git', ['remote', 'add', 'origin', `https://github.com/${repo}.git`], { cwd: root });
  return root;
}

const stale = async (root: string, tag: string) =>
  (await runCheck({ root, tag, env: {}, scope: 'manifests' })).report.findings.filter((f) => f.ruleId === 'docs-version-stale' && !f.suppressed);

describe('tagcheck fix rewrites stale Markdown (docs-version-stale)', () => {
  it('every shape, in lists, quotes, CRLF and non-ASCII files: byte-exact elsewhere, clean afterwards, idempotent', async () => {
    const root = await cloneOf('failing', 'acme/app');
    const before = await readTree(root);
    const findings = await stale(root, 'v1.3.0');
    expect(findings.length).toBe(20);

    const result = await runFix({ root, tag: 'v1.3.0', env: {} });
    expect(result.refused).toEqual([]);
    expect(result.changes.map((c) => `${c.file}:${c.line}:${c.column} ${c.from}→${c.to}`).sort())
      .toEqual(findings.map((f) => `${f.location!.file}:${f.location!.line}:${f.location!.column} ${f.actual}→${f.expected}`).sort());
    expect(new Set(result.changes.map((c) => c.ruleId))).toEqual(new Set(['docs-version-stale']));
    // exactly the reported changes, every other byte (CRLF of docs/windows.md included) as it was
    expect(await readTree(root)).toEqual(applyChanges(before, result.changes));
    expect((await readTree(root)).get('docs/windows.md')).toContain('\r\n\tdocker pull ghcr.io/acme/app:v1.3.0\t#');
    expect((await readTree(root)).get('README.md')).toContain("kubectl apply -k 'github.com/acme/app/config/default?ref=v1.3.0'");

    expect(await stale(root, 'v1.3.0')).toEqual([]);
    const again = await runFix({ root, tag: 'v1.3.0', env: {} });
    expect(again.changes).toEqual([]);
  });

  it('a reference pinned by digest too is reported by check and listed by fix as not fixed, with why', async () => {
    const root = await cloneOf('failing', 'acme/app');
    const { writeFile } = await import('node:fs/promises');
    const digest = 'sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945';
    await writeFile(path.join(root, 'docs', 'pinned.md'), `Pin it: \`ghcr.io/acme/app:v1.2.2@${digest}\`\n`);
    const result = await runFix({ root, tag: 'v1.3.0', env: {}, dryRun: true });
    expect(result.refused).toEqual([{ file: 'docs/pinned.md', line: 1, column: 27, ruleId: 'docs-version-stale', from: 'v1.2.2', to: 'v1.3.0', reason: 'pinned by digest as well: update the tag and the digest together' }]);
    expect(result.changes.some((c) => c.file === 'docs/pinned.md')).toBe(false);
  });

  it('bin/tagcheck.js: descheduler at v0.29.0, the README installs v0.29.0 after fix and check passes', async () => {
    const root = await cloneOf('failing-descheduler', 'kubernetes-sigs/descheduler');
    const run = (args: string[]) => spawnSync(process.execPath, [binPath, ...args], { cwd: root, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: '/tmp' } });

    const dry = run(['fix', '--tag', 'v0.29.0', '--dry-run']);
    expect(dry.status).toBe(1);
    expect(dry.stdout).toContain("-kustomize build 'github.com/kubernetes-sigs/descheduler/kubernetes/job?ref=v0.26.1' | kubectl apply -f -");
    expect(dry.stdout).toContain("+kustomize build 'github.com/kubernetes-sigs/descheduler/kubernetes/job?ref=v0.29.0' | kubectl apply -f -");

    const fixed = run(['fix', '--tag', 'v0.29.0']);
    expect(fixed.status).toBe(0);
    expect(fixed.stdout.split('\n').filter((line) => line.includes('docs-version-stale'))).toEqual([
      'README.md:7:42: v0.26.1 → v0.29.0 (docs-version-stale)',
      'README.md:33:76: v0.26.1 → v0.29.0 (docs-version-stale)',
      'README.md:38:80: v0.26.1 → v0.29.0 (docs-version-stale)',
      'README.md:43:83: v0.26.1 → v0.29.0 (docs-version-stale)',
    ]);
    const check = run(['check', '--tag', 'v0.29.0', '--offline', '--format', 'json']);
    expect(check.status).toBe(0);
    expect(JSON.parse(check.stdout).findings).toEqual([]);
  });
});
