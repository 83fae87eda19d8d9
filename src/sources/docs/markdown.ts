/**
 * The code in a Markdown document: fenced code blocks and inline code spans, as offsets into the text.
 * A small scanner after CommonMark, not a full parser: install instructions live in code, and a 5 MB document
 * must cost little at start-up. So no JavaScript loop visits every line: fence lines, blank lines and table
 * delimiter rows are found by three line-anchored regular expressions (native code; each is linear, with no
 * nested choice that could backtrack), backticks by indexOf, and JavaScript only runs at those hits.
 *
 * Deliberately lenient where CommonMark depends on container context: a fence may be indented by any amount and
 * follow blockquote markers (`>`) and list markers (`-`, `*`, `+`, `1.`, `1)`), so fences inside lists and quotes
 * are found without tracking list indentation. Indented (4-space) code blocks and HTML `<pre>` are not code here.
 * Inline code in a table is left out: tables list versions on purpose (descheduler's image per release).
 */

/** A run of code: `[start, end)` offsets of its content (without fences or backticks). */
export interface CodeRegion {
  start: number;
  end: number;
  kind: 'fence' | 'inline';
}

/** A fence: ``` or ~~~ (3 or more) and the rest of its line, the info string; where its line starts is checked apart. */
const FENCE = /(`{3,}|~{3,})([^\n]*)/g;
/** What may precede a fence on its line: indentation, blockquote markers, list markers (`- `, `1. `, `1) `). */
const CONTAINER_MARKERS = /^[ \t]*(?:(?:>|[-*+][ \t]|\d{1,9}[.)][ \t])[ \t]*)*$/;
/** A blank line (spaces, tabs, a CR, or a bare `>` of a quote) ends a paragraph; matched with the LF before it. */
const BLANK_LINE = /\n[ \t\r>]*(?=\n|$)/g;
/**
 * A table delimiter row candidate (`|---|:--:|`, `--- | ---`): only pipes, dashes, colons and blanks, a dash among
 * the first. Matched with the LF before it, so the regular expression engine skips from line break to line break.
 */
const DELIMITER_ROW = /\n[ \t>]*\|?[ \t]*:?-[-|: \t]*(?=\r?\n|\r?$)/g;

/** Every code region of `text`, in document order. */
export function findCodeRegions(text: string): CodeRegion[] {
  const regions: CodeRegion[] = [];
  const length = text.length;
  let open: { char: string; length: number } | null = null;
  let contentStart = 0;
  let outside = 0;
  FENCE.lastIndex = 0;
  for (let match = FENCE.exec(text); match; match = FENCE.exec(text)) {
    const [line, fence, info] = match;
    const lineStart = text.lastIndexOf('\n', match.index - 1) + 1;
    if (!CONTAINER_MARKERS.test(text.slice(lineStart, match.index))) continue;
    const lineEnd = match.index + line.length;
    if (open) {
      if (fence[0] === open.char && fence.length >= open.length && /^[ \t\r]*$/.test(info)) {
        regions.push({ start: contentStart, end: lineStart, kind: 'fence' });
        open = null;
        outside = Math.min(lineEnd + 1, length);
      }
    } else if (fence[0] === '~' || !info.includes('`')) {
      // (a ``` line with a backtick in its info string is inline code, not a fence)
      inlineSpans(text, outside, lineStart, regions);
      open = { char: fence[0], length: fence.length };
      contentStart = Math.min(lineEnd + 1, length);
    }
  }
  // An unclosed fence runs to the end of the document, as in CommonMark.
  if (open) regions.push({ start: contentStart, end: length, kind: 'fence' });
  else inlineSpans(text, outside, length, regions);
  return regions;
}

interface BacktickRun {
  start: number;
  length: number;
  /** preceded by an odd number of backslashes: `\`` is a literal backtick outside code */
  escaped: boolean;
  /** index of the paragraph (between blank lines) the run is in */
  paragraph: number;
}

/**
 * Inline code spans of the text `[start, end)` between fences: a run of N backticks opens a span that the next run
 * of exactly N backticks in the same paragraph closes. Runs are paired in one pass (the next run of the same length
 * is precomputed), so a paragraph full of unmatched backticks stays linear. Paragraphs with a table delimiter row
 * are tables, whose code is left out.
 */
function inlineSpans(text: string, start: number, end: number, regions: CodeRegion[]): void {
  let at = text.indexOf('`', start);
  if (at < 0 || at >= end) return;
  const blanks = matchStarts(BLANK_LINE, text, start, end);
  const tables = tableParagraphs(text, start, end, blanks);
  const runs: BacktickRun[] = [];
  let paragraph = 0;
  while (at >= 0 && at < end) {
    let stop = at;
    while (stop < end && text.charCodeAt(stop) === 0x60) stop++;
    while (paragraph < blanks.length && blanks[paragraph] < at) paragraph++;
    // a table's runs are never code here, and never pair with runs outside it
    if (!tables.has(paragraph)) {
      let backslashes = 0;
      while (at - backslashes - 1 >= start && text.charCodeAt(at - backslashes - 1) === 0x5c) backslashes++;
      runs.push({ start: at, length: stop - at, escaped: backslashes % 2 === 1, paragraph });
    }
    at = text.indexOf('`', stop);
  }
  if (runs.length < 2) return;
  const nextSameLength = new Array<number>(runs.length).fill(-1);
  // key: paragraph and run length (a run longer than 65,535 backticks pairs by its first 65,535)
  const lastSeen = new Map<number, number>();
  for (let i = runs.length - 1; i >= 0; i--) {
    const key = runs[i].paragraph * 65_536 + Math.min(runs[i].length, 65_535);
    nextSameLength[i] = lastSeen.get(key) ?? -1;
    lastSeen.set(key, i);
  }
  let i = 0;
  while (i < runs.length) {
    const opener = runs[i];
    // An escaped single backtick is literal; inside code a backslash is literal, so closers are never escaped.
    const closer = opener.escaped && opener.length === 1 ? -1 : nextSameLength[i];
    if (closer < 0) {
      i++;
      continue;
    }
    regions.push({ start: opener.start + opener.length, end: runs[closer].start, kind: 'inline' });
    i = closer + 1;
  }
}

/** The paragraphs (indexes between `blanks`) of `[start, end)` that hold a table delimiter row. */
function tableParagraphs(text: string, start: number, end: number, blanks: number[]): Set<number> {
  const tables = new Set<number>();
  let paragraph = 0;
  // A delimiter row follows its header row, so it is never the first line of `[start, end)`: every one is found
  // with the LF before it.
  for (const row of matchStarts(DELIMITER_ROW, text, start, end)) {
    const lineEnd = text.indexOf('\n', row + 1);
    const line = text.slice(row + 1, lineEnd < 0 ? text.length : lineEnd);
    if (!line.includes('|') || !line.includes('-')) continue;
    while (paragraph < blanks.length && blanks[paragraph] < row + 1) paragraph++;
    tables.add(paragraph);
  }
  return tables;
}

/**
 * Start offsets of a global regex's matches within `[start, end)`. It runs on a slice (a view, not a copy), so a
 * search never runs on past `end` to the next match far away: a pattern with no match after `end` would otherwise
 * scan the rest of the document once per range.
 */
function matchStarts(pattern: RegExp, text: string, start: number, end: number): number[] {
  const starts: number[] = [];
  const range = text.slice(start, end);
  pattern.lastIndex = 0;
  // (the LF that ends a blank line is not consumed, so it can start the next one)
  for (let match = pattern.exec(range); match; match = pattern.exec(range)) starts.push(start + match.index);
  return starts;
}

/**
 * Offsets to 1-based line and column. Columns count UTF-16 code units from the line start, as `yaml`'s
 * LineCounter does for manifests: a tab is one column, a character outside the BMP two, and a CR before the LF
 * ends no line early (CRLF files keep their columns). Built only for files that name a version.
 */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  position(offset: number): { line: number; column: number } {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.starts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - this.starts[low] + 1 };
  }
}
