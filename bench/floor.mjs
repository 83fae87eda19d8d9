// The parse floor: one Node process that reads every file of the corpus and parses every YAML file with
// `yaml` (all documents, node ranges kept, positions through a LineCounter), and nothing else. tagcheck
// has to do at least this much, so its offline wall time is reported as a multiple of this one.
// Usage: node bench/floor.mjs DIR   (prints {"files":…,"documents":…,"nodes":…} on stdout)
import { LineCounter, parseAllDocuments } from 'yaml';
import { yamlTextsToParse } from './floor-files.mjs';

const root = process.argv[2];
if (!root) {
  console.error('usage: node bench/floor.mjs DIR');
  process.exit(2);
}

const read = { files: 0 };
let documents = 0;
let lastLine = 0;
for (const text of yamlTextsToParse(root, read)) {
  const lineCounter = new LineCounter();
  for (const doc of parseAllDocuments(text, { lineCounter, keepSourceTokens: false })) {
    documents++;
    // Touch a range so the positions are really used, as a linter's would be.
    if (doc.contents?.range) lastLine = lineCounter.linePos(doc.contents.range[0]).line;
  }
}
console.log(JSON.stringify({ files: read.files, documents, lastLine }));
