// Runs a command and measures its wall time and peak RSS. Peak RSS comes from GNU time (`/usr/bin/time`,
// Debian's `time` package) when present; otherwise, for Node commands only, from a preloaded module that
// writes process.resourceUsage().maxRSS at exit (which covers the Node process itself, not its children).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const GNU_TIME = '/usr/bin/time';
const rssReporter = fileURLToPath(new URL('./rss-at-exit.mjs', import.meta.url));

/** Runs `command args` to completion; resolves { code, wallMs, maxRssKb, stdout, stderr }. */
export function measure(command, args, { cwd, env = process.env, input } = {}) {
  const scratch = mkdtempSync(join(tmpdir(), 'tagcheck-measure-'));
  const rssFile = join(scratch, 'rss');
  let argv;
  let childEnv = env;
  if (existsSync(GNU_TIME)) {
    argv = [GNU_TIME, '-f', '%M %U %S', '-o', rssFile, command, ...args];
  } else {
    argv = [command, ...args];
    childEnv = { ...env, NODE_OPTIONS: `${env.NODE_OPTIONS ?? ''} --import=${rssReporter}`, BENCH_RSS_FILE: rssFile };
  }
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(argv[0], argv.slice(1), { cwd, env: childEnv, stdio: ['pipe', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (c) => out.push(c));
    child.stderr.on('data', (c) => err.push(c));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      let maxRssKb = NaN;
      let cpuMs = NaN;
      try {
        // GNU time prints "Command exited with non-zero status N" before the figures; take the last line.
        const lines = readFileSync(rssFile, 'utf8').trim().split('\n');
        const [rss, user, system] = lines[lines.length - 1].split(' ').map(Number);
        maxRssKb = rss;
        if (user !== undefined && system !== undefined) cpuMs = (user + system) * 1000;
      } catch {
        // no figure: the command did not run under a reporter
      }
      rmSync(scratch, { recursive: true, force: true });
      resolve({
        code: code ?? (signal ? 128 : 1),
        wallMs,
        /** user + system CPU time (GNU time only): steadier than wall time on a busy machine */
        cpuMs,
        maxRssKb,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
    child.stdin.end(input ?? '');
  });
}

/** Runs `measure` `runs` times; returns the fastest run (best of N), the least CPU time and the highest peak RSS seen. */
export async function bestOf(runs, command, args, options = {}) {
  let best;
  let peakRssKb = 0;
  let leastCpuMs = Infinity;
  for (let i = 0; i < runs; i++) {
    // envFor: a fresh environment per run (the offline bench gives each cold run an empty cache folder)
    const result = await measure(command, args, options.envFor ? { ...options, env: options.envFor(i) } : options);
    if (Number.isFinite(result.maxRssKb)) peakRssKb = Math.max(peakRssKb, result.maxRssKb);
    if (Number.isFinite(result.cpuMs)) leastCpuMs = Math.min(leastCpuMs, result.cpuMs);
    if (!best || result.wallMs < best.wallMs) best = result;
  }
  return { ...best, peakRssKb, leastCpuMs: Number.isFinite(leastCpuMs) ? leastCpuMs : NaN };
}

/**
 * Like bestOf for several commands at once, run in rounds (one run of each per round), so a machine that slows
 * down or speeds up between runs moves every command alike and their ratio stays fair. `jobs`: { command, args,
 * options }, where options may carry envFor(i) as for bestOf. Returns one bestOf-shaped result per job.
 */
export async function interleavedBestOf(runs, jobs) {
  const results = jobs.map(() => ({ best: undefined, peakRssKb: 0, leastCpuMs: Infinity }));
  for (let i = 0; i < runs; i++) {
    for (const [j, { command, args, options = {} }] of jobs.entries()) {
      const result = await measure(command, args, options.envFor ? { ...options, env: options.envFor(i) } : options);
      const kept = results[j];
      if (Number.isFinite(result.maxRssKb)) kept.peakRssKb = Math.max(kept.peakRssKb, result.maxRssKb);
      if (Number.isFinite(result.cpuMs)) kept.leastCpuMs = Math.min(kept.leastCpuMs, result.cpuMs);
      if (!kept.best || result.wallMs < kept.best.wallMs) kept.best = result;
    }
  }
  return results.map(({ best, peakRssKb, leastCpuMs }) => ({ ...best, peakRssKb, leastCpuMs: Number.isFinite(leastCpuMs) ? leastCpuMs : NaN }));
}
