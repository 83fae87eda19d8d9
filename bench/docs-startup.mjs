// The Markdown row (docs-version-stale, issue 11), kept apart from bench/run.mjs: does a 5 MB Markdown file slow
// the tiny-repo start-up? The 3-file repository of the start-up row, checked with and without a 5 MB README.md
// (prose, inline code, tables, install snippets in fenced blocks, one planted stale reference near the end), runs
// interleaved so both see the same machine load; best of N; each with a cold cache (an empty cache folder per run)
// and a warm one (the facts cache keeps the README's references by content). Exits 1 unless the big README yields
// exactly the planted finding at the planted line.
// Usage: npm run build && node bench/docs-startup.mjs [--runs N] [--megabytes N]
// Four READMEs (bench/docs-corpus.mjs): a long design document (prose), a generated API reference (how Markdown
// usually reaches 5 MB: tables and examples everywhere), one project README repeated verbatim (a docs export) and a
// dense install guide where every 900 bytes hold six versioned references, each section a little different (the
// worst case).
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bigReadme } from './docs-corpus.mjs';
import { tinyRepository } from './tiny-repo.mjs';
import { measure } from './measure.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const runs = Number(option('--runs', '15'));
const megabytes = Number(option('--megabytes', '5'));
const tagcheckBin = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'tagcheck.js');
const log = (line) => process.stderr.write(`bench: ${line}\n`);

/** The start-up row's repository, with an `origin` remote, and a 5 MB README of `shape` beside it when given. */
function docsRepository(shape) {
  const readme = shape ? bigReadme(megabytes * 1024 * 1024, shape) : undefined;
  const dir = tinyRepository('tagcheck-bench-docs-', {
    origin: 'https://github.com/acme/app.git',
    ...(readme ? { extraFiles: { 'README.md': readme.text } } : {}),
  });
  return { dir, planted: readme?.plantedLine };
}

const ms = (v) => `${Math.round(v)} ms`;
const loadBefore = loadavg()[0];
const repos = { plain: docsRepository(undefined), prose: docsRepository('prose'), reference: docsRepository('reference'), repeated: docsRepository('repeated'), dense: docsRepository('dense') };
let failed = false;
try {
  const check = (dir, ...extra) => [tagcheckBin, 'check', dir, '--tag', 'v1.0.0', '--offline', ...extra];
  for (const shape of ['prose', 'reference', 'repeated', 'dense']) {
    // cold, then warm on the cache the cold run filled: both must report exactly the planted finding
    const home = mkdtempSync(join(tmpdir(), 'tagcheck-bench-docs-check-'));
    for (const temperature of ['cold', 'warm']) {
      const run = await measure(process.execPath, check(repos[shape].dir, '--format', 'json'), { env: { ...process.env, XDG_CACHE_HOME: home } });
      const report = JSON.parse(run.stdout);
      const docs = report.findings.filter((f) => f.ruleId === 'docs-version-stale').map((f) => `${f.location.file}:${f.location.line} ${f.actual}`);
      const want = [`README.md:${repos[shape].planted} v0.9.0`];
      if (JSON.stringify(docs) !== JSON.stringify(want)) {
        log(`${shape} (${temperature}): expected exactly ${want.join(', ')}; got ${docs.join(', ') || 'nothing'}`);
        failed = true;
      }
    }
    rmSync(home, { recursive: true, force: true });
  }
  // Cold: each run with an empty cache folder of its own (a first run, or one after the README changed); warm:
  // one cache folder per repository, filled by the first run (a re-run, a pre-push check of unchanged docs).
  const shapes = ['plain', 'prose', 'reference', 'repeated', 'dense'];
  const variants = ['node', ...shapes.flatMap((shape) => [`${shape}:cold`, `${shape}:warm`])];
  const warmHome = Object.fromEntries(shapes.map((shape) => [shape, mkdtempSync(join(tmpdir(), 'tagcheck-bench-docs-warm-'))]));
  const best = Object.fromEntries(variants.map((n) => [n, Infinity]));
  const cpu = Object.fromEntries(variants.map((n) => [n, Infinity]));
  try {
    for (let i = 0; i < runs; i++) {
      for (const name of variants) {
        const [shape, temperature] = name.split(':');
        const coldHome = temperature === 'cold' ? mkdtempSync(join(tmpdir(), 'tagcheck-bench-docs-cold-')) : undefined;
        const env = { ...process.env, XDG_CACHE_HOME: coldHome ?? warmHome[shape] };
        const run = await measure(process.execPath, name === 'node' ? ['-e', '0'] : check(repos[shape].dir), { env });
        if (coldHome) rmSync(coldHome, { recursive: true, force: true });
        // the first warm run fills the cache: it is a cold run, not counted
        if (temperature === 'warm' && i === 0) continue;
        best[name] = Math.min(best[name], run.wallMs);
        if (Number.isFinite(run.cpuMs)) cpu[name] = Math.min(cpu[name], run.cpuMs);
      }
    }
  } finally {
    for (const dir of Object.values(warmHome)) rmSync(dir, { recursive: true, force: true });
  }
  log(`best of ${runs}, interleaved: ${variants.map((n) => `${n} ${ms(best[n])} (CPU ${ms(cpu[n])})`).join(', ')}`);
  console.log('| benchmark | tagcheck | baseline | added | target | result |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  const label = { prose: 'a design document', reference: 'an API reference', repeated: 'one README repeated', dense: 'a dense install guide' };
  for (const temperature of ['cold', 'warm']) {
    const plain = best[`plain:${temperature}`];
    for (const shape of ['prose', 'reference', 'repeated', 'dense']) {
      const added = best[`${shape}:${temperature}`] - plain;
      console.log(`| start-up, 3-file repo + ${megabytes} MB README.md (${label[shape]}) --offline, ${temperature} cache | ${ms(best[`${shape}:${temperature}`])} (CPU ${ms(cpu[`${shape}:${temperature}`])}) | same repo without it ${ms(plain)} | ${added < 0 ? '−' : '+'}${ms(Math.abs(added))} | ≤ +50 ms | ${added <= 50 ? 'PASS' : 'MISS'} |`);
    }
  }
  for (const temperature of ['cold', 'warm']) {
    const plain = best[`plain:${temperature}`];
    console.log(`| start-up, 3-file repo --offline, ${temperature} cache (for reference) | ${ms(plain)} | node -e 0 ${ms(best.node)} | ${(plain / best.node).toFixed(2)}× | ≤ 1.5× node -e 0 | ${plain / best.node <= 1.5 ? 'PASS' : 'MISS'} |`);
  }
  console.log(`\n${new Date().toISOString().slice(0, 16)} UTC, node ${process.version}, load average ${loadBefore.toFixed(1)} at start, ${loadavg()[0].toFixed(1)} at end`);
} finally {
  for (const repo of Object.values(repos)) rmSync(repo.dir, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
