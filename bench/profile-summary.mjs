// Summarises a V8 CPU profile (`node --cpu-prof`): self time by file and by function, heaviest first, so a
// missed target can be pinned to a file/function. Paths are shown relative to the repository.
// Usage: node bench/profile-summary.mjs FILE.cpuprofile [--top N]
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const [file, ...rest] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/profile-summary.mjs FILE.cpuprofile [--top N]');
  process.exit(2);
}
const top = Number(rest[rest.indexOf('--top') + 1] || 25);
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const profile = JSON.parse(readFileSync(file, 'utf8'));

// Self time per node: samples × interval (timeDeltas are per sample, in µs).
const selfUs = new Map();
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

const where = (frame) => {
  const url = frame.url.replace(/^file:\/\//, '').replace(repoRoot, '');
  return url.replace(/^.*node_modules\//, 'node_modules/') || `(${frame.functionName || 'native'})`;
};
const byFile = new Map();
const byFunction = new Map();
for (const node of profile.nodes) {
  const us = selfUs.get(node.id) ?? 0;
  if (!us) continue;
  const f = node.callFrame;
  const fileKey = f.url ? where(f).replace(/^(node_modules\/(?:@[^/]+\/)?[^/]+)\/.*$/, '$1') : `(${f.functionName || 'program'})`;
  byFile.set(fileKey, (byFile.get(fileKey) ?? 0) + us);
  const fnKey = `${f.functionName || '(anonymous)'}  ${where(f)}:${f.lineNumber + 1}`;
  byFunction.set(fnKey, (byFunction.get(fnKey) ?? 0) + us);
}
const print = (title, map) => {
  console.log(`\n${title}`);
  for (const [key, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${key}`);
  }
};
console.log(`total sampled: ${(total / 1000).toFixed(0)} ms`);
print('self time by file / package', byFile);
print('self time by function', byFunction);
