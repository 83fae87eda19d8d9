// Warm runs of several tagcheck builds on one corpus, alternated, best of N each: on a machine shared with other
// work the bench's warm/cold ratio moves with the load, a side-by-side comparison much less.
// Usage: node bench/warm-side-by-side.mjs [--runs N] BIN... (each BIN a bin/tagcheck.js of a build, e.g. a copy of
// bin/, dist/ and package.json of another commit next to this node_modules)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCorpus, RELEASE_TAG } from './corpus.mjs';

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args.splice(runsAt, 2)[1]) : 15;
const bins = args;
if (bins.length === 0) throw new Error('usage: node bench/warm-side-by-side.mjs [--runs N] BIN...');

const root = mkdtempSync(join(tmpdir(), 'tagcheck-side-corpus-'));
const homes = bins.map(() => mkdtempSync(join(tmpdir(), 'tagcheck-side-cache-')));
try {
  generateCorpus(root);
  // as in the bench, the files are older than the 2 s in which the cache does not trust a file's status
  await new Promise((resolve) => setTimeout(resolve, 2500));
  const run = (i) => {
    const started = process.hrtime.bigint();
    const child = spawnSync(process.execPath, [bins[i], 'check', root, '--tag', RELEASE_TAG, '--offline', '--format', 'json'], {
      env: { ...process.env, XDG_CACHE_HOME: homes[i] },
      maxBuffer: 1 << 26,
    });
    return { ms: Number(process.hrtime.bigint() - started) / 1e6, stdout: child.stdout.toString() };
  };
  // the first run of each fills its cache (cold, uncounted)
  const reports = bins.map((_, i) => run(i).stdout);
  const best = bins.map(() => Infinity);
  for (let n = 0; n < runs; n++) bins.forEach((_, i) => (best[i] = Math.min(best[i], run(i).ms)));
  bins.forEach((bin, i) => console.log(`${bin}: warm best of ${runs} ${best[i].toFixed(0)} ms${reports[i] === reports[0] ? '' : ' (a different report)'}`));
} finally {
  for (const dir of [root, ...homes]) rmSync(dir, { recursive: true, force: true });
}
