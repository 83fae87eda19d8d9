import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { binPath, ensureBuilt, repoRoot } from '../hook/built-cli.js';
import { coveredByRun } from '../support/bundle-coverage.js';
import { tempDir } from '../support/temp-dir.js';

// The built CLI writes its output straight to file descriptors 1 and 2 (src/cli/descriptor-output.ts) and keeps
// node:crypto, fs/promises and Node's stream modules off a small offline check (issue 12: start-up). These runs
// are real processes over real pipes, files, /dev/null and a pseudo-terminal.

const bundle = join(repoRoot, 'dist', 'tagcheck.cjs');
// writes the names of the Node modules the process loaded when it exits (process.moduleLoadList)
const moduleProbe = `process.on('exit', () => require('node:fs').writeFileSync(process.env.MODULE_PROBE_FILE, process.moduleLoadList.join('\\n')));`;

interface Run { code: number | null; stdout: string; stderr: string }

/** Runs `node [nodeArgs] bin/tagcheck.js args`; stdout is a pipe unless given a file descriptor. */
function run(args: string[], options: { env?: NodeJS.ProcessEnv; nodeArgs?: string[]; stdout?: number; readAfterMs?: number; closeStdout?: boolean } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), binPath, ...args], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, XDG_CACHE_HOME: tempDir('tagcheck-out-cache-'), ...options.env },
      stdio: ['ignore', options.stdout ?? 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    if (child.stdout) {
      if (options.closeStdout) child.stdout.destroy();
      else {
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        if (options.readAfterMs) {
          child.stdout.pause();
          setTimeout(() => child.stdout!.resume(), options.readAfterMs);
        }
      }
    }
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A repository whose check reports `pods` stale images: a JSON report of ~350 bytes a pod. */
function staleRepository(pods: number): string {
  const root = tempDir('tagcheck-out-repo-');
  writeFileSync(join(root, '.tagcheck.yaml'), 'images:\n  - ghcr.io/acme/app\n');
  const docs = Array.from({ length: pods }, (_, i) =>
    `apiVersion: v1\nkind: Pod\nmetadata: {name: p${i}}\nspec:\n  containers:\n    - {name: a, image: ghcr.io/acme/app:v0.9.0}\n`);
  writeFileSync(join(root, 'pods.yaml'), docs.join('---\n'));
  return root;
}

async function loadedNodeModules(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ run: Run; modules: string[] }> {
  const probeFile = join(tempDir('tagcheck-out-probe-'), 'modules');
  const probe = join(tempDir('tagcheck-out-probe-'), 'probe.cjs');
  writeFileSync(probe, moduleProbe);
  const result = await run(args, { nodeArgs: ['--require', probe], env: { MODULE_PROBE_FILE: probeFile, ...env } });
  return { run: result, modules: readFileSync(probeFile, 'utf8').split('\n') };
}

beforeAll(() => ensureBuilt(), 120_000);

describe('start-up of a small offline check', () => {
  // fs.promises loads internal/fs/promises, the public fs/promises only re-exports it
  const heavy = ['NativeModule crypto', 'NativeModule internal/fs/promises', 'NativeModule net', 'NativeModule stream'];

  it('loads neither node:crypto nor fs/promises nor the stream modules, over pipes', async () => {
    const repo = staleRepository(1);
    const { run: result, modules } = await loadedNodeModules([repo, '--offline', '--tag', 'v1.0.0', '--format', 'json']);
    expect(result.code, result.stderr).toBe(1);
    expect(JSON.parse(result.stdout).findings).toHaveLength(1);
    expect(modules).toContain('NativeModule vm'); // positive control: the probe sees what the launcher loads
    expect(heavy.filter((name) => modules.includes(name))).toEqual([]);
  });

  it('positive controls: the probe does see them when a run needs them', async () => {
    const repo = staleRepository(1);
    // SARIF fingerprints use node:crypto; a symlinked manifest is resolved with fs/promises
    symlinkSync(join(repo, 'pods.yaml'), join(repo, 'linked.yaml'));
    const { modules } = await loadedNodeModules([repo, '--offline', '--tag', 'v1.0.0', '--format', 'sarif']);
    expect(modules).toContain('NativeModule crypto');
    expect(modules).toContain('NativeModule internal/fs/promises');
  });
});

describe('output straight to the file descriptors', () => {
  it('a full non-blocking pipe hands the rest to the stream: the report arrives whole and in order', async () => {
    // Writers that share a pipe share its flags: a second Node process on the same pipe (`a & b | cat`, a task
    // runner's parallel jobs) builds its process.stdout, and libuv makes the pipe non-blocking under tagcheck.
    // Once the reader falls behind, a direct write then gets EAGAIN. Here the parent is that second writer.
    const repo = staleRepository(4000);
    const coverage = tempDir('tagcheck-out-coverage-');
    const parent = `const child = require('node:child_process').spawn(process.execPath, ${JSON.stringify([binPath, repo, '--offline', '--tag', 'v1.0.0', '--format', 'json'])}, { stdio: 'inherit' });
process.stdout.write('');
child.on('close', (code) => { process.exitCode = code; });`;
    const result = await new Promise<Run>((resolve, reject) => {
      const child = spawn(process.execPath, ['-e', parent], {
        env: { PATH: process.env.PATH, HOME: process.env.HOME, XDG_CACHE_HOME: tempDir('tagcheck-out-cache-'), NODE_V8_COVERAGE: coverage },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.stdout.pause();
      setTimeout(() => child.stdout.resume(), 500);
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout.length).toBeGreaterThan(1_000_000);
    const findings = (JSON.parse(result.stdout) as { findings: { location: { line: number } }[] }).findings;
    expect(findings).toHaveLength(4000);
    expect(findings.map((f) => f.location.line)).toEqual(Array.from({ length: 4000 }, (_, i) => i * 7 + 6));
    // the fallback really ran (else this test would pass on a blocking pipe too)
    expect((await coveredByRun(coverage, bundle)).functions).toContain('useStream');
  }, 60_000);

  it('a plain pipe is written directly, never through a stream', async () => {
    const coverage = tempDir('tagcheck-out-coverage-');
    const result = await run([staleRepository(3), '--offline', '--tag', 'v1.0.0'], { env: { NODE_V8_COVERAGE: coverage } });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/3 problems/);
    const { functions } = await coveredByRun(coverage, bundle);
    expect(functions).toContain('descriptorOutput');
    expect(functions).not.toContain('useStream');
  });

  it('a reader that went away ends the output quietly, and the exit code is still the check\'s', async () => {
    const result = await run([staleRepository(2000), '--offline', '--tag', 'v1.0.0', '--format', 'json'], { closeStdout: true });
    expect(result).toEqual({ code: 1, stdout: '', stderr: '' });
  });

  it('writes to a file and to /dev/null', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'tagcheck-out-file-')), 'report.json');
    for (const target of [out, '/dev/null']) {
      const fd = openSync(target, 'w');
      try {
        const result = await run([staleRepository(2), '--offline', '--tag', 'v1.0.0', '--format', 'json'], { stdout: fd });
        expect(result.code, result.stderr).toBe(1);
      } finally {
        closeSync(fd);
      }
    }
    expect(JSON.parse(readFileSync(out, 'utf8')).findings).toHaveLength(2);
  });

  it('a terminal gets the stream, and so colour', async () => {
    // script(1) (util-linux) runs the command on a pseudo-terminal
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(binPath)} ${JSON.stringify(staleRepository(1))} --offline --tag v1.0.0`;
    const result = await new Promise<Run>((resolve, reject) => {
      const child = spawn('script', ['-qec', command, '/dev/null'], {
        env: { PATH: process.env.PATH, HOME: process.env.HOME, TERM: 'xterm-256color', XDG_CACHE_HOME: tempDir('tagcheck-out-cache-') },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr: '' }));
    });
    expect(result.stdout).toMatch(/1 problem/);
    expect(result.stdout).toContain('\u001b[');
  });
});
