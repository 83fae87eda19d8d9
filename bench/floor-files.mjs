// The files both parse floors (bench/floor.mjs, bench/floor-js-yaml.mjs) read: every file of the corpus is read
// (a linter must look at each), and the YAML ones outside Helm templates (Go templates, not YAML) are parsed.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Reads every file below root; yields the text of each one a floor parses, and counts them all in `read.files`. */
export function* yamlTextsToParse(root, read = { files: 0 }) {
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath ?? entry.path, entry.name);
    const text = readFileSync(path, 'utf8');
    read.files++;
    if (/\.ya?ml$/.test(entry.name) && !/[/\\]templates[/\\]/.test(path)) yield text;
  }
}
