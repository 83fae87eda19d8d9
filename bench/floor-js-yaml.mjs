// The fastest-parser floor: one Node process that reads every file of the corpus and parses every YAML file
// with `js-yaml`'s `loadAll` (plain JavaScript values, no positions), and nothing else. js-yaml is the fastest
// YAML parser in the ecosystem; tagcheck keeps exact positions and so cannot use it, but its offline wall time
// is reported as a multiple of this floor as well as of the `yaml` one (bench/floor.mjs).
// Usage: node bench/floor-js-yaml.mjs DIR   (prints {"files":…,"documents":…} on stdout)
import { loadAll } from 'js-yaml';
import { yamlTextsToParse } from './floor-files.mjs';

const root = process.argv[2];
if (!root) {
  console.error('usage: node bench/floor-js-yaml.mjs DIR');
  process.exit(2);
}

const read = { files: 0 };
let documents = 0;
let failed = 0;
for (const text of yamlTextsToParse(root, read)) {
  try {
    loadAll(text, () => documents++);
  } catch {
    failed++;
  }
}
console.log(JSON.stringify({ files: read.files, documents, failed }));
