// `npm run bench`: measures tagcheck against its floors and against what users script today, prints one
// table, and exits 1 when the planted-findings check fails (a missed speed target is reported, not fatal).
// Usage: node bench/run.mjs [--only offline,startup,registry] [--runs N]
// Progress goes to stderr; the table (Markdown) goes to stdout.
import { benchOffline, benchStartup } from './offline.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at === -1 ? fallback : args[at + 1];
};
const only = new Set(option('--only', 'offline,startup,registry').split(','));
const runs = Number(option('--runs', '5'));
const log = (line) => process.stderr.write(`bench: ${line}\n`);

const { cpus, loadavg } = await import('node:os');
const loadBefore = loadavg()[0];
const rows = [];
let failed = false;
const sections = [
  ['offline', () => benchOffline({ runs: Math.min(runs, 3), log })],
  ['startup', () => benchStartup({ runs: Math.max(runs, 10), log })],
  ['registry', async () => (await import('./registry-bench.mjs')).benchRegistry({ log })],
];
for (const [name, section] of sections) {
  if (!only.has(name)) continue;
  try {
    const result = await section();
    rows.push(...result.rows);
    failed ||= Boolean(result.failed);
  } catch (error) {
    log(`${name} failed: ${error instanceof Error ? error.message : String(error)}`);
    rows.push({ name: `${name}: could not run`, tagcheck: '', baseline: '', ratio: '', target: '', result: 'ERROR' });
    failed = true;
  }
}

const header = { name: 'benchmark', tagcheck: 'tagcheck', baseline: 'baseline', ratio: 'ratio', target: 'target', result: 'result' };
const columns = Object.keys(header);
const widths = columns.map((c) => Math.max(...[header, ...rows].map((r) => String(r[c]).length)));
const line = (r) => `| ${columns.map((c, i) => String(r[c]).padEnd(widths[i])).join(' | ')} |`;
console.log(line(header));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of rows) console.log(line(r));
// Wall-time ratios are only as good as the machine is quiet: say how busy it was.
console.log(`\n${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${cpus().length} cores, ` +
  `load average ${loadBefore.toFixed(1)} at start, ${loadavg()[0].toFixed(1)} at end`);
process.exitCode = failed ? 1 : 0;
