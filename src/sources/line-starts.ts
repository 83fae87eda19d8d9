/**
 * Offsets to 1-based lines and columns, for text the YAML parser's LineCounter does not see (Markdown, text being
 * edited). Columns count UTF-16 code units from the line start, as LineCounter does for manifests: a tab is one
 * column, a character outside the BMP two, and a CR before the LF ends no line early (CRLF files keep their columns).
 */

/** The offset at which each line starts: 0, then one after every LF. */
export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The 0-based index of the line holding `offset` (a binary search over `lineStarts`). */
export function lineIndexAt(lineStarts: readonly number[], offset: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (lineStarts[middle] <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** The 1-based line and column of `offset`. */
export function positionAt(lineStarts: readonly number[], offset: number): { line: number; column: number } {
  const index = lineIndexAt(lineStarts, offset);
  return { line: index + 1, column: offset - lineStarts[index] + 1 };
}
