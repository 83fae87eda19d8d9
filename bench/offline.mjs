// Benchmarks 1 and 2: the offline lint of a generated monorepo against the YAML parse floor, with the
// planted-findings check, and the start-up of a check on a 3-file repository against `node -e 0`.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus } from './corpus.mjs';
import { bestOf, measure } from './measure.mjs';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const tagcheckBin = join(repoRoot, 'bin', 'tagcheck.js');
const floorScript = join(repoRoot, 'bench', 'floor.mjs');

/** Compares tagcheck's image-tag-mismatch findings with the planted ones: exact (file, line) multiset. */
export function comparePlanted(planted, report) {
  const found = (report?.findings ?? [])
    .filter((f) => f.ruleId === 'image-tag-mismatch')
    .map((f) => `${f.location?.file ?? '?'}:${f.location?.line ?? '?'}`);
  const expected = planted.map((p) => `${p.file}:${p.line}`);
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
    log(`floor: best ${ms(floor.wallMs)} of ${runs} (CPU ${ms(floor.leastCpuMs)}), peak RSS ${mb(floor.peakRssKb)}`);

    const args = [tagcheckBin, 'check', dir, '--tag', corpus.releaseTag, '--offline', '--format', 'json'];
    const run = await bestOf(runs, process.execPath, args);
    log(`tagcheck: best ${ms(run.wallMs)} of ${runs} (CPU ${ms(run.leastCpuMs)}, ${(run.leastCpuMs / floor.leastCpuMs).toFixed(2)}× the floor's), peak RSS ${mb(run.peakRssKb)}, exit ${run.code}`);
    if (process.env.BENCH_CPU_PROF) {
      // One extra, untimed run under the profiler: node bench/profile-summary.mjs DIR/*.cpuprofile
      await measure(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${join(process.env.BENCH_CPU_PROF, 'offline')}`, ...args]);
      log(`CPU profile of the offline check written to ${join(process.env.BENCH_CPU_PROF, 'offline')}`);
    }
    const report = parseReport(run.stdout);
    const planted = comparePlanted(corpus.planted, report);
    if (!report) log(`tagcheck printed no JSON report (exit ${run.code}): ${run.stderr.trim().split('\n')[0] ?? ''}`);
    for (const key of planted.missing) log(`planted finding missing: image-tag-mismatch at ${key}`);
    for (const key of planted.extra) log(`unexpected finding: image-tag-mismatch at ${key}`);
    const otherRules = countOtherRules(report);
    if (otherRules) log(`other findings on the corpus: ${otherRules}`);

    const ratio = run.wallMs / floor.wallMs;
    const scale = `${fmtInt(files)} files, ${fmtInt(documents)} docs`;
    const rows = [
      row(`offline lint, wall (${scale})`, ms(run.wallMs), `floor ${ms(floor.wallMs)}`, `${ratio.toFixed(2)}×`, '≤ 1.5× floor',
        report ? ratio <= 1.5 : false),
      row('offline lint, peak RSS', mb(run.peakRssKb), `floor ${mb(floor.peakRssKb)}`,
        `${(run.peakRssKb / floor.peakRssKb).toFixed(2)}×`, '≤ 250 MB', report ? run.peakRssKb / 1024 <= 250 : false),
      row('planted image-tag-mismatch findings', `${planted.found - planted.extra.length}/${planted.expected} at file:line, ${planted.extra.length} extra`,
        `${planted.expected} planted`, '', 'exactly the planted', planted.ok),
    ];
    return { rows, failed: !planted.ok };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Benchmark 2: the pre-push case. Returns { rows }. */
export async function benchStartup({ runs, log }) {
  const dir = mkdtempSync(join(tmpdir(), 'tagcheck-bench-tiny-'));
  try {
    // A 3-file repository: config, one kustomization, one workload; committed so it is a real git repo.
    writeFileSync(join(dir, '.tagcheck.yaml'), 'images:\n  - ghcr.io/acme/app\n');
    mkdirSync(join(dir, 'deploy'));
    writeFileSync(join(dir, 'deploy', 'kustomization.yaml'),
      'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - app.yaml\nimages:\n  - name: ghcr.io/acme/app\n    newTag: v1.0.0\n');
    writeFileSync(join(dir, 'deploy', 'app.yaml'), [
      'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: app', 'spec:', '  template:', '    spec:',
      '      containers:', '        - name: app', '          image: ghcr.io/acme/app:v1.0.0', '',
    ].join('\n'));
    const git = (...a) => execFileSync('git', a, { cwd: dir, stdio: 'ignore' });
    git('init', '-q');
    git('add', '.');
    git('-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', 'commit', '-qm', 'tiny');

    const node = await bestOf(runs, process.execPath, ['-e', '0']);
    const run = await bestOf(runs, process.execPath, [tagcheckBin, 'check', dir, '--tag', 'v1.0.0', '--offline']);
    log(`start-up: tagcheck best ${ms(run.wallMs)} (CPU ${ms(run.leastCpuMs)}, exit ${run.code}), node -e 0 best ${ms(node.wallMs)} (CPU ${ms(node.leastCpuMs)}), of ${runs}`);
    const ratio = run.wallMs / node.wallMs;
    const ran = run.code === 0 || run.code === 1;
    if (!ran) log(`tagcheck on the tiny repository exited ${run.code}: ${run.stderr.trim().split('\n')[0] ?? ''}`);
    return {
      rows: [row('start-up, 3-file repo --offline', ms(run.wallMs), `node -e 0 ${ms(node.wallMs)}`, `${ratio.toFixed(2)}×`,
        '≤ 2.5× node -e 0', ran && ratio <= 2.5)],
    };
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
