// Where a tiny check's start-up goes: imports what `tagcheck check --offline` loads, piece by piece, then runs
// the check on a tiny repository twice (the first run pays for lazily loaded code), timing each in this one
// process (wall and CPU). glob, chalk and semver's package index are no longer on that path (glob loads only
// for config `manifests:` globs, chalk only for coloured output); their cost is shown last for comparison.
// Usage: node bench/startup-breakdown.mjs [TINY_REPO]   (without it, a 3-file repository is written to a temp dir)
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const step = async (name, load) => {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await load();
  const used = process.cpuUsage(cpu);
  console.log(`${name.padEnd(40)} ${(performance.now() - started).toFixed(0).padStart(5)} ms wall ${((used.user + used.system) / 1000).toFixed(0).padStart(5)} ms CPU`);
};
const dist = new URL('../dist/', import.meta.url).href;
let root = process.argv[2];
const made = !root;
if (made) {
  root = mkdtempSync(join(tmpdir(), 'tagcheck-breakdown-'));
  writeFileSync(join(root, '.tagcheck.yaml'), 'images:\n  - ghcr.io/acme/app\n');
  mkdirSync(join(root, 'deploy'));
  writeFileSync(join(root, 'deploy', 'kustomization.yaml'), 'resources:\n  - app.yaml\nimages:\n  - name: ghcr.io/acme/app\n    newTag: v1.0.0\n');
  writeFileSync(join(root, 'deploy', 'app.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: app}\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: ghcr.io/acme/app:v1.0.0\n');
}
await step('yaml (72 CommonJS files)', () => import('yaml'));
await step('semver: compare, eq, parse', () => Promise.all(['compare', 'eq', 'parse'].map((f) => import(`semver/functions/${f}.js`))));
await step('dist/rules/index.js (15 rules)', () => import(`${dist}rules/index.js`));
await step('dist/src/config/load.js', () => import(`${dist}src/config/load.js`));
await step('dist/src/sources/manifests', () => import(`${dist}src/sources/manifests/index.js`));
await step('dist/src/sources/git (release tag)', () => import(`${dist}src/sources/git/release-tag.js`));
await step('dist/src/cli/main.js + check.js (the rest)', () => Promise.all([import(`${dist}src/cli/main.js`), import(`${dist}src/cli/check.js`)]));
const { runCheck } = await import(`${dist}src/engine/check.js`);
const check = () => runCheck({ root, env: {}, tag: 'v1.0.0', scope: 'manifests' });
await step('runCheck on the tiny repo (first)', check);
await step('runCheck on the tiny repo (again)', check);
console.log('not on the offline path any more:');
await step('  glob + minimatch + path-scurry', () => import('glob'));
await step('  chalk', () => import('chalk'));
await step('  semver, whole package', () => import('semver'));
if (made) rmSync(root, { recursive: true, force: true });
