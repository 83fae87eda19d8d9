// Prints `errors=N`, `warnings=N`, `notes=N` for $GITHUB_OUTPUT from a tagcheck report written by the action:
// a SARIF log (suppressed results not counted) or GitHub workflow commands (suppressed findings are never printed).
import { readFileSync } from 'node:fs';

const [file, format] = process.argv.slice(2);
const counts = { error: 0, warning: 0, note: 0 };
let text = '';
try {
  text = readFileSync(file, 'utf8');
} catch {
  // No report (the run failed before writing one): every count is 0 and the exit code tells why.
}
if (format === 'sarif' && text) {
  for (const run of JSON.parse(text).runs ?? []) {
    for (const result of run.results ?? []) {
      if (!result.suppressions?.length && result.level in counts) counts[result.level]++;
    }
  }
} else {
  for (const line of text.split('\n')) {
    const command = /^::(error|warning|notice)[ :]/.exec(line)?.[1];
    if (command) counts[command === 'notice' ? 'note' : command]++;
  }
}
process.stdout.write(`errors=${counts.error}\nwarnings=${counts.warning}\nnotes=${counts.note}\n`);
