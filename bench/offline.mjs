// Benchmarks 1 and 2: the offline lint of a generated monorepo against the YAML parse floor, with the
// planted-findings check, and the start-up of a check on a 3-file repository against `node -e 0`.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus } from './corpus.mjs';
import { bestOf, interleavedBestOf, measure } from './measure.mjs';
import { tinyRepository } from './tiny-repo.mjs';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const tagcheckBin = join(repoRoot, 'bin', 'tagcheck.js');
const floorScript = join(repoRoot, 'bench', 'floor.mjs');
const jsYamlFloorScript = join(repoRoot, 'bench', 'floor-js-yaml.mjs');

/** Compares tagcheck's image-tag-mismatch findings with the planted ones: exact (file, line, column) multiset. */
export function comparePlanted(planted, report) {
  const found = (report?.findings ?? [])
    .filter((f) => f.ruleId === 'image-tag-mismatch')
    .map((f) => `${f.location?.file ?? '?'}:${f.location?.line ?? '?'}:${f.location?.column ?? '?'}`);
  const expected = planted.map((p) => `${p.file}:${p.line}:${p.column}`);
  const remaining = [...found];
  const missing = [];
  for (const key of expected) {
    const at = remaining.indexOf(key);
    if (at === -1) missing.push(key);
    else remaining.splice(at, 1);
  }
  return { found: found.length, expected: expected.length, missing, extra: remaining, ok: missing.length === 0 && remaining.length === 0 };
}

function parseReport(stdout) {
  try {
    return JSON.parse(stdout);
  } catch {
    return null;
  }
}

/** Benchmark 1. Returns { rows, failed, details }. */
export async function benchOffline({ runs, log }) {
  const dir = mkdtempSync(join(tmpdir(), 'tagcheck-bench-corpus-'));
  try {
    const corpus = generateCorpus(dir);
    const { files, documents } = corpus.stats;
    log(`corpus: ${files} files, ${documents} YAML documents, ${corpus.planted.length} planted drifts in ${dir}`);

    const floor = await bestOf(runs, process.execPath, [floorScript, dir]);
    if (floor.code !== 0) throw new Error(`floor failed: ${floor.stderr.trim()}`);
    log(`yaml floor: best ${ms(floor.wallMs)} of ${runs} (CPU ${ms(floor.leastCpuMs)}), peak RSS ${mb(floor.peakRssKb)}`);
    const jsYaml = await bestOf(runs, process.execPath, [jsYamlFloorScript, dir]);
    if (jsYaml.code !== 0) throw new Error(`js-yaml floor failed: ${jsYaml.stderr.trim()}`);
    log(`js-yaml floor: best ${ms(jsYaml.wallMs)} of ${runs} (CPU ${ms(jsYaml.leastCpuMs)}), peak RSS ${mb(jsYaml.peakRssKb)}`);

    // Cold: every run starts from an empty cache folder of its own (and writes it, as a first run does).
    // Warm: the same command again on a cache a cold run filled. No node_modules in the corpus, so
    // XDG_CACHE_HOME decides where the cache goes.
    const args = [tagcheckBin, 'check', dir, '--tag', corpus.releaseTag, '--offline', '--format', 'json'];
    const cacheRoot = mkdtempSync(join(tmpdir(), 'tagcheck-bench-cache-'));
    let coldRun = 0;
    const cold = await bestOf(runs, process.execPath, args, { envFor: () => ({ ...process.env, XDG_CACHE_HOME: join(cacheRoot, `cold-${coldRun++}`) }) });
    const threads = Math.min(Math.max(cpus().length - 1, 0), 3) + 1;
    log(`tagcheck cold: best ${ms(cold.wallMs)} of ${runs} (CPU ${ms(cold.leastCpuMs)} on ${threads} parse threads, ${cpus().length} cores), peak RSS ${mb(cold.peakRssKb)}, exit ${cold.code}`);
    const warmEnv = { ...process.env, XDG_CACHE_HOME: join(cacheRoot, 'cold-0') };
    const warm = await bestOf(Math.max(runs, 5), process.execPath, args, { env: warmEnv });
    log(`tagcheck warm: best ${ms(warm.wallMs)} of ${Math.max(runs, 5)} (CPU ${ms(warm.leastCpuMs)}), peak RSS ${mb(warm.peakRssKb)}, exit ${warm.code}`);
    rmSync(cacheRoot, { recursive: true, force: true });
    if (process.env.BENCH_CPU_PROF) {
      // One extra, untimed run under the profiler: node bench/profile-summary.mjs DIR/*.cpuprofile
      await measure(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${join(process.env.BENCH_CPU_PROF, 'offline')}`, ...args, '--no-cache']);
      log(`CPU profile of the offline check written to ${join(process.env.BENCH_CPU_PROF, 'offline')}`);
    }
    const report = parseReport(cold.stdout);
    const planted = comparePlanted(corpus.planted, report);
    if (!report) log(`tagcheck printed no JSON report (exit ${cold.code}): ${cold.stderr.trim().split('\n')[0] ?? ''}`);
    for (const key of planted.missing) log(`planted finding missing: image-tag-mismatch at ${key}`);
    for (const key of planted.extra) log(`unexpected finding: image-tag-mismatch at ${key}`);
    const otherRules = countOtherRules(report);
    if (otherRules) log(`other findings on the corpus: ${otherRules}`);
    const warmSame = warm.stdout === cold.stdout;
    if (!warmSame) log('the warm run printed a different report from the cold run');

    const ratio = cold.wallMs / jsYaml.wallMs;
    const yamlRatio = cold.wallMs / floor.wallMs;
    const warmRatio = warm.wallMs / cold.wallMs;
    const scale = `${fmtInt(files)} files, ${fmtInt(documents)} docs`;
    const rows = [
      row(`offline lint cold, wall (${scale}; ${threads} threads)`, ms(cold.wallMs), `js-yaml loadAll ${ms(jsYaml.wallMs)}`, `${ratio.toFixed(2)}×`, '≤ 3× js-yaml',
        report ? ratio <= 3 : false),
      row('offline lint cold vs the yaml floor', ms(cold.wallMs), `yaml parseAllDocuments ${ms(floor.wallMs)}`, `${yamlRatio.toFixed(2)}×`, '≤ 1.5× yaml floor',
        report ? yamlRatio <= 1.5 : false),
      row('offline lint cold, peak RSS', mb(cold.peakRssKb), `js-yaml ${mb(jsYaml.peakRssKb)}, yaml ${mb(floor.peakRssKb)}`,
        `${(cold.peakRssKb / jsYaml.peakRssKb).toFixed(2)}×`, '≤ 200 MB', report ? cold.peakRssKb / 1024 <= 200 : false),
      row('offline lint warm (facts cache), wall', ms(warm.wallMs), `cold ${ms(cold.wallMs)}`, `${warmRatio.toFixed(2)}×`, '≤ 0.15× cold, same report',
        report ? warmRatio <= 0.15 && warmSame : false),
      row('planted image-tag-mismatch findings', `${planted.found - planted.extra.length}/${planted.expected} at file:line:col, ${planted.extra.length} extra`,
        `${planted.expected} planted`, '', 'exactly the planted', planted.ok),
    ];
    return { rows, failed: !planted.ok || !warmSame };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Benchmark 2: the pre-push case. Returns { rows }. */
export async function benchStartup({ runs, log, action = true }) {
  const rows = [];
  const dir = tinyRepository('tagcheck-bench-tiny-');
  try {
    const args = [tagcheckBin, 'check', dir, '--tag', 'v1.0.0', '--offline'];
    // Cold: each run with an empty cache folder of its own (a first run, or one after every file changed; it
    // writes the cache, as a first run does). Warm: one folder that a first, uncounted run filled (a re-run, a
    // pre-push check of files already checked): the common case, and the one the facts cache is for. The three
    // run in rounds (node, cold, warm, node, …): this VM's speed drifts by tens of percent within a minute, and
    // runs of one command after the other's would turn that drift into the ratio.
    const coldHomes = [];
    const env = { ...process.env, XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), 'tagcheck-bench-tiny-cache-')) };
    await measure(process.execPath, args, { env });
    const [node, cold, warm] = await interleavedBestOf(runs, [
      { command: process.execPath, args: ['-e', '0'] },
      {
        command: process.execPath,
        args,
        options: {
          envFor: () => {
            coldHomes.push(mkdtempSync(join(tmpdir(), 'tagcheck-bench-tiny-cold-')));
            return { ...process.env, XDG_CACHE_HOME: coldHomes.at(-1) };
          },
        },
      },
      { command: process.execPath, args, options: { env } },
    ]);
    for (const home of coldHomes) rmSync(home, { recursive: true, force: true });
    rmSync(env.XDG_CACHE_HOME, { recursive: true, force: true });
    if (action) rows.push(...(await (await import('./action-bench.mjs')).benchAction({ runs: Math.min(runs, 10), log, tinyRepo: dir })).rows);
    const startupRows = [];
    for (const [temperature, run] of [['warm', warm], ['cold', cold]]) {
      log(`start-up (${temperature} cache): tagcheck best ${ms(run.wallMs)} (CPU ${ms(run.leastCpuMs)}, exit ${run.code}), node -e 0 best ${ms(node.wallMs)} (CPU ${ms(node.leastCpuMs)}), of ${runs}`);
      const ratio = run.wallMs / node.wallMs;
      const ran = run.code === 0 || run.code === 1;
      if (!ran) log(`tagcheck on the tiny repository exited ${run.code}: ${run.stderr.trim().split('\n')[0] ?? ''}`);
      startupRows.push(row(`start-up, 3-file repo --offline, ${temperature} cache`, ms(run.wallMs), `node -e 0 ${ms(node.wallMs)}`, `${ratio.toFixed(2)}×`,
        '≤ 1.5× node -e 0', ran && ratio <= 1.5));
    }
    rows.unshift(...startupRows);
    return { rows };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function countOtherRules(report) {
  const counts = {};
  for (const f of report?.findings ?? []) if (f.ruleId !== 'image-tag-mismatch') counts[f.ruleId] = (counts[f.ruleId] ?? 0) + 1;
  return Object.entries(counts).map(([id, n]) => `${id} ×${n}`).join(', ');
}

export const row = (name, tagcheck, baseline, ratio, target, pass) => ({ name, tagcheck, baseline, ratio, target, result: pass ? 'PASS' : 'MISS' });
export const ms = (v) => (v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${Math.round(v)} ms`);
export const mb = (kb) => (Number.isFinite(kb) && kb > 0 ? `${Math.round(kb / 1024)} MB` : 'n/a');
const fmtInt = (n) => n.toLocaleString('en-US');
