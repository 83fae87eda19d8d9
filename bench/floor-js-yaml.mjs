// The fastest-parser floor: one Node process that reads every file of the corpus and parses every YAML file
// with `js-yaml`'s `loadAll` (plain JavaScript values, no positions), and nothing else. js-yaml is the fastest
// YAML parser in the ecosystem; tagcheck keeps exact positions and so cannot use it, but its offline wall time
// is reported as a multiple of this floor as well as of the `yaml` one (bench/floor.mjs).
// Usage: node bench/floor-js-yaml.mjs DIR   (prints {"files":…,"documents":…} on stdout)
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAll } from 'js-yaml';

const root = process.argv[2];
if (!root) {
  console.error('usage: node bench/floor-js-yaml.mjs DIR');
  process.exit(2);
}

let files = 0;
let documents = 0;
let failed = 0;
for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile()) continue;
  const path = join(entry.parentPath ?? entry.path, entry.name);
  const text = readFileSync(path, 'utf8');
  files++;
  // The same files as bench/floor.mjs: Helm templates are read, not parsed.
  if (!/\.ya?ml$/.test(entry.name) || /[/\\]templates[/\\]/.test(path)) continue;
  try {
    loadAll(text, () => documents++);
  } catch {
    failed++;
  }
}
console.log(JSON.stringify({ files, documents, failed }));
