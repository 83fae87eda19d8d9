// Where a tiny check's start-up goes: imports the heavy dependencies one by one, then the CLI (whatever it
// still loads), then the rules, timing each in this one process (wall and CPU). The cheapest start-up is
// the one that loads nothing it does not use on the offline path.
// Usage: node bench/startup-breakdown.mjs
const step = async (name, load) => {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await load();
  const used = process.cpuUsage(cpu);
  console.log(`${name.padEnd(34)} ${(performance.now() - started).toFixed(0).padStart(5)} ms wall ${((used.user + used.system) / 1000).toFixed(0).padStart(5)} ms CPU`);
};
await step('yaml (72 CommonJS files)', () => import('yaml'));
await step('semver, whole package (47 files)', () => import('semver'));
await step('glob + minimatch + path-scurry', () => import('glob'));
await step('chalk', () => import('chalk'));
await step('dist/src/cli/main.js (the rest)', () => import('../dist/src/cli/main.js'));
await step('dist/rules/index.js', () => import('../dist/rules/index.js'));
await step('node:child_process (git spawn)', () => import('node:child_process'));
