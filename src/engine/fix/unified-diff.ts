/**
 * A git-style unified diff of one file whose edits never add or remove lines (`fix` replaces text inside a
 * line), so line i of the old text is line i of the new one and hunks are runs of changed lines with
 * `context` unchanged lines around them. Lines keep their `\r` (a CRLF file's patch applies with `git apply`).
 */
export function unifiedDiff(file: string, before: string, after: string, context = 3): string {
  if (before === after) return '';
  const oldLines = splitLines(before);
  const newLines = splitLines(after);
  if (oldLines.length !== newLines.length) throw new Error(`unifiedDiff: ${file} changed its line count`);
  const changed: number[] = [];
  for (let i = 0; i < oldLines.length; i++) if (oldLines[i].text !== newLines[i].text || oldLines[i].eol !== newLines[i].eol) changed.push(i);

  const hunks: { from: number; to: number }[] = [];
  for (const index of changed) {
    const from = Math.max(0, index - context);
    const to = Math.min(oldLines.length - 1, index + context);
    const last = hunks.at(-1);
    // hunks whose context touches or overlaps become one, as diff and git do
    if (last && from <= last.to + 1) last.to = to;
    else hunks.push({ from, to });
  }

  let out = `--- a/${file}\n+++ b/${file}\n`;
  for (const { from, to } of hunks) {
    const count = to - from + 1;
    out += `@@ -${range(from, count)} +${range(from, count)} @@\n`;
    const removed: string[] = [];
    const added: string[] = [];
    const flush = () => {
      out += removed.join('') + added.join('');
      removed.length = 0;
      added.length = 0;
    };
    for (let i = from; i <= to; i++) {
      if (changed.includes(i)) {
        removed.push(line('-', oldLines[i]));
        added.push(line('+', newLines[i]));
      } else {
        flush();
        out += line(' ', oldLines[i]);
      }
    }
    flush();
  }
  return out;
}

interface Line {
  text: string;
  /** the line's `\n`, or '' for a last line without one */
  eol: string;
}

function splitLines(text: string): Line[] {
  const parts = text.split('\n');
  const lines = parts.map((part, i) => ({ text: part, eol: i < parts.length - 1 ? '\n' : '' }));
  // a final newline ends the last line; it does not start an empty one
  if (lines.length > 1 && lines.at(-1)!.text === '') lines.pop();
  return lines;
}

function line(mark: string, { text, eol }: Line): string {
  return eol ? `${mark}${text}\n` : `${mark}${text}\n\\ No newline at end of file\n`;
}

/** `start,count` with 1-based start; a one-line hunk is written `start` alone, as git does. */
function range(from: number, count: number): string {
  return count === 1 ? `${from + 1}` : `${from + 1},${count}`;
}
