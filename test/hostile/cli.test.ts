import { execFile, execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../cli/run-cli.js';
import { freshCacheHome } from '../support/cache-home.js';
import { CONFIG, CONFIG_CASES, GOOD, GOOD_FILE, GOOD_FINDING, MANIFEST_CASES, OWN_IMAGE, RELEASE, type HostileCase } from './corpus.js';
import { ensureBuilt } from '../hook/built-cli.js';

// Issue 6, end to end: every hostile input sits beside a good manifest with a planted drift; tagcheck must
// exit 0, 1 or 2 (2 only for a broken config), never print a stack trace, name the bad file, and still
// report the good file's finding.

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(projectRoot, 'bin', 'tagcheck.js');
const isRoot = process.getuid?.() === 0;
/** Cases also run through the real launcher, in a child process, as users and CI run it. */
const THROUGH_BIN = new Set(['alias bomb (billion laughs)', 'binary file named .yaml', 'symlink loop between files', 'config with an unknown key', 'non-UTF-8 bytes', 'FIFO named .yaml (a read would block forever)']);

const figures = { tried: 0, throughBin: 0, crashes: 0, findingsLost: 0, unnamed: 0 };
let base: string;

beforeAll(async () => {
  // the launcher runs the bundle: built here when missing or older than the sources (a bare `npx vitest run`)
  ensureBuilt();
  base = await mkdtemp(join(tmpdir(), 'tagcheck-hostile-cli-'));
  // An unprivileged child must reach the repositories: the temp dir is private by default.
  await chmod(base, 0o755);
}, 120_000);

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
  const total = MANIFEST_CASES.length + CONFIG_CASES.length;
  console.log(`hostile inputs: ${figures.tried} of ${total} tried (${figures.throughBin} also through bin/tagcheck.js); crashes ${figures.crashes}; findings lost ${figures.findingsLost}; bad files not named ${figures.unnamed}`);
});

async function materialize(test: HostileCase): Promise<string> {
  const root = join(base, test.name.replace(/[^a-z0-9]+/gi, '-'));
  await mkdir(join(root, 'deploy'), { recursive: true });
  await writeFile(join(root, GOOD_FILE), GOOD);
  if (!('.tagcheck.yaml' in test.files)) await writeFile(join(root, '.tagcheck.yaml'), CONFIG);
  for (const [name, content] of Object.entries(test.files)) {
    const target = join(root, name);
    await mkdir(dirname(target), { recursive: true });
    if (typeof content === 'string' || Buffer.isBuffer(content)) await writeFile(target, content);
    else if ('symlink' in content) await symlink(content.symlink, target);
    else if ('dir' in content) await mkdir(target);
    else if ('fifo' in content) execFileSync('mkfifo', [target]);
    else {
      await writeFile(target, content.unreadable);
      await chmod(target, 0o000);
    }
  }
  return root;
}

function argsFor(test: HostileCase, root: string): string[] {
  return ['check', root, '--offline', '--format', 'json', ...(test.withoutTag ? [] : ['--tag', RELEASE]), ...(test.args ?? [])];
}

/** The launcher in a child process; as root, an unreadable file is only unreadable to another user, so drop to nobody. */
function runBin(args: string[], cwd: string, unprivileged: boolean): Promise<CliRun> {
  const [command, prefix] = unprivileged ? ['setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', '--', process.execPath]] : [process.execPath, []];
  return new Promise((resolve) => {
    execFile(command, [...prefix, bin, ...args], { cwd, env: { PATH: process.env.PATH, HOME: '/tmp', XDG_CACHE_HOME: freshCacheHome() }, timeout: 60_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

function hasUnreadable(test: HostileCase): boolean {
  return Object.values(test.files).some((c) => typeof c === 'object' && !Buffer.isBuffer(c) && 'unreadable' in c);
}

function assertNoCrash(run: CliRun): void {
  const crashed = ![0, 1, 2].includes(run.code) || /^\s+at\s/m.test(run.stdout + run.stderr) || /internal error/.test(run.stderr);
  if (crashed) figures.crashes++;
  expect([0, 1, 2], `exit ${run.code}; stderr: ${run.stderr.slice(0, 2000)}`).toContain(run.code);
  expect(run.stdout + run.stderr).not.toMatch(/^\s+at\s/m);
  expect(run.stderr).not.toMatch(/internal error/);
}

interface JsonReport {
  findings: { ruleId: string; location?: { file: string; line: number; column: number }; expected?: string; actual?: string }[];
  diagnostics?: { message: string; location?: { file: string } }[];
}

function assertManifestCase(test: HostileCase, run: CliRun): void {
  assertNoCrash(run);
  let report: JsonReport;
  try {
    report = JSON.parse(run.stdout) as JsonReport;
  } catch {
    figures.findingsLost++;
    throw new Error(`stdout is not the JSON report (exit ${run.code}): ${run.stdout.slice(0, 500)} / ${run.stderr.slice(0, 500)}`);
  }
  const at = (f: JsonReport['findings'][number]) => (f.location ? `${f.location.file}:${f.location.line}:${f.location.column}` : '');
  const good = report.findings.find((f) => f.ruleId === 'image-tag-mismatch' && at(f) === `${GOOD_FINDING.file}:${GOOD_FINDING.line}:${GOOD_FINDING.column}`);
  if (!good) figures.findingsLost++;
  expect(good, JSON.stringify(report.findings)).toMatchObject({ expected: RELEASE, actual: 'v1.0.0' });
  expect(run.code).toBe(1);
  if (test.alsoFinds) {
    const planted = report.findings.find((f) => f.ruleId === 'image-tag-mismatch' && at(f) === test.alsoFinds);
    if (!planted) figures.findingsLost++;
    expect(planted, JSON.stringify(report.findings)).toMatchObject({ expected: RELEASE, actual: 'v0.9.0' });
  }
  if (test.names) {
    const others = report.findings.filter((f) => f !== good);
    const said = `${run.stderr}\n${JSON.stringify(report.diagnostics ?? [])}\n${JSON.stringify(others)}`;
    if (!said.includes(test.names)) figures.unnamed++;
    expect(said, 'the output names the bad file').toContain(test.names);
  }
}

function assertConfigCase(test: HostileCase, run: CliRun): void {
  assertNoCrash(run);
  expect(run.code, run.stderr).toBe(2);
  expect(run.stdout).toBe('');
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines, run.stderr).toHaveLength(1);
  if (!lines[0].includes(test.names!)) figures.unnamed++;
  expect(lines[0]).toMatch(new RegExp(`^tagcheck: ${test.names!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
}

describe('hostile repository input, end to end through the CLI', () => {
  it('has a corpus of at least 40 cases, config cases included', () => {
    expect(MANIFEST_CASES.length + CONFIG_CASES.length).toBeGreaterThanOrEqual(40);
    expect(CONFIG_CASES.length).toBeGreaterThanOrEqual(5);
    expect(new Set([...MANIFEST_CASES, ...CONFIG_CASES].map((c) => c.name)).size).toBe(MANIFEST_CASES.length + CONFIG_CASES.length);
  });

  it('reports the good file alone when nothing hostile is beside it (the baseline the cases compare to)', async () => {
    const root = await materialize({ name: 'baseline', files: {}, names: null });
    const run = await runCli(argsFor({ name: 'baseline', files: {}, names: null }, root));
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(run.code).toBe(1);
    expect(report.findings.map((f) => [f.ruleId, f.location])).toEqual([['image-tag-mismatch', GOOD_FINDING]]);
  });

  it.each(MANIFEST_CASES.map((test) => [test.name, test] as const))('%s', async (_name, test) => {
    const root = await materialize(test);
    const started = performance.now();
    const unprivileged = hasUnreadable(test) && isRoot;
    const run = unprivileged ? await runBin(argsFor(test, root), root, true) : await runCli(argsFor(test, root));
    figures.tried++;
    if (unprivileged) figures.throughBin++;
    assertManifestCase(test, run);
    if (test.within) expect(performance.now() - started).toBeLessThan(test.within);
    if (THROUGH_BIN.has(test.name) && !unprivileged) {
      assertManifestCase(test, await runBin(argsFor(test, root), root, false));
      figures.throughBin++;
    }
  }, 60_000);

  it.each(CONFIG_CASES.map((test) => [test.name, test] as const))('%s', async (_name, test) => {
    const root = await materialize(test);
    const unprivileged = hasUnreadable(test) && isRoot;
    // --config is relative to the working directory: run from the repository.
    const run = unprivileged ? await runBin(argsFor(test, root), root, true) : await runCli(argsFor(test, root), { cwd: root });
    figures.tried++;
    if (unprivileged) figures.throughBin++;
    assertConfigCase(test, run);
    if (THROUGH_BIN.has(test.name) && !unprivileged) {
      assertConfigCase(test, await runBin(argsFor(test, root), root, false));
      figures.throughBin++;
    }
  }, 60_000);
});

export { OWN_IMAGE };
