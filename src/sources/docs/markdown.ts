/**
 * The code in a Markdown document: fenced code blocks and inline code spans, as offsets into the text.
 * A small line scanner after CommonMark, not a full parser: install instructions live in code, and a 5 MB
 * document must cost one pass over its lines plus an indexOf walk over its backticks (no regular expression runs
 * over prose, so nothing can backtrack).
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

interface Fence {
  char: number;
  length: number;
}

const BACKTICK = 0x60;
const TILDE = 0x7e;

/** Every code region of `text`, in document order. */
export function findCodeRegions(text: string): CodeRegion[] {
  const regions: CodeRegion[] = [];
  const length = text.length;
  let open: Fence | null = null;
  let contentStart = 0;
  let paragraphStart = -1;
  let table = false;
  const endParagraph = (end: number) => {
    if (paragraphStart >= 0 && !table) inlineSpans(text, paragraphStart, end, regions);
    paragraphStart = -1;
    table = false;
  };
  let lineStart = 0;
  while (lineStart <= length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = length;
    const fence = fenceAt(text, lineStart, lineEnd);
    if (open) {
      if (fence && fence.char === open.char && fence.length >= open.length && fence.infoBlank) {
        regions.push({ start: contentStart, end: lineStart, kind: 'fence' });
        open = null;
      }
    } else if (fence && (fence.char === TILDE || !fence.infoHasBacktick)) {
      endParagraph(lineStart);
      open = { char: fence.char, length: fence.length };
      contentStart = Math.min(lineEnd + 1, length);
    } else if (isBlank(text, lineStart, lineEnd)) {
      endParagraph(lineStart);
    } else {
      if (paragraphStart < 0) paragraphStart = lineStart;
      if (!table && isTableDelimiterRow(text, lineStart, lineEnd)) table = true;
    }
    if (lineEnd >= length) break;
    lineStart = lineEnd + 1;
  }
  // An unclosed fence runs to the end of the document, as in CommonMark.
  if (open) regions.push({ start: contentStart, end: length, kind: 'fence' });
  endParagraph(length);
  return regions;
}

interface FenceLine {
  char: number;
  length: number;
  /** nothing but white space after the fence (a closing fence must be bare) */
  infoBlank: boolean;
  /** a backtick in the info string makes a ``` line inline code instead of a fence */
  infoHasBacktick: boolean;
}

/** A fence line (``` or ~~~, three or more) after indentation and container markers; null otherwise. */
function fenceAt(text: string, start: number, end: number): FenceLine | null {
  let i = skipContainerMarkers(text, start, end);
  const char = text.charCodeAt(i);
  if (char !== BACKTICK && char !== TILDE) return null;
  let run = i;
  while (run < end && text.charCodeAt(run) === char) run++;
  const length = run - i;
  if (length < 3) return null;
  let infoBlank = true;
  let infoHasBacktick = false;
  for (i = run; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === BACKTICK) infoHasBacktick = true;
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d) infoBlank = false;
  }
  return { char, length, infoBlank, infoHasBacktick };
}

/** Skips spaces, tabs, `>` and list markers at the start of a line; returns the offset of what follows. */
function skipContainerMarkers(text: string, start: number, end: number): number {
  let i = start;
  for (;;) {
    while (i < end && (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x09)) i++;
    const c = text.charCodeAt(i);
    if (i < end && c === 0x3e /* > */) {
      i++;
      continue;
    }
    if (i < end && (c === 0x2d || c === 0x2a || c === 0x2b) /* - * + */ && isSpaceAt(text, i + 1, end)) {
      i += 2;
      continue;
    }
    let digits = i;
    while (digits < end && digits - i < 9 && text.charCodeAt(digits) >= 0x30 && text.charCodeAt(digits) <= 0x39) digits++;
    const marker = text.charCodeAt(digits);
    if (digits > i && (marker === 0x2e || marker === 0x29) /* . ) */ && isSpaceAt(text, digits + 1, end)) {
      i = digits + 2;
      continue;
    }
    return i;
  }
}

function isSpaceAt(text: string, i: number, end: number): boolean {
  return i < end && (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x09);
}

function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d && c !== 0x3e /* a bare `>` is a blank line of a quote */) return false;
  }
  return true;
}

/** A GFM table's delimiter row: `|---|:---:|`, `--- | ---`: only pipes, dashes, colons and spaces, with a pipe and a dash. */
function isTableDelimiterRow(text: string, start: number, end: number): boolean {
  let pipe = false;
  let dash = false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7c) pipe = true;
    else if (c === 0x2d) dash = true;
    else if (c !== 0x3a && c !== 0x20 && c !== 0x09 && c !== 0x0d && c !== 0x3e) return false;
  }
  return pipe && dash;
}

interface BacktickRun {
  start: number;
  length: number;
  /** preceded by an odd number of backslashes: `\`` is a literal backtick outside code */
  escaped: boolean;
}

/**
 * Inline code spans of one paragraph `[start, end)`: a run of N backticks opens a span that the next run of
 * exactly N backticks closes. Each run is paired in one pass over the runs (the next run of the same length
 * is precomputed), so a paragraph full of unmatched backticks stays linear.
 */
function inlineSpans(text: string, start: number, end: number, regions: CodeRegion[]): void {
  const runs: BacktickRun[] = [];
  let at = text.indexOf('`', start);
  while (at >= 0 && at < end) {
    let stop = at;
    while (stop < end && text.charCodeAt(stop) === BACKTICK) stop++;
    let backslashes = 0;
    while (at - backslashes - 1 >= start && text.charCodeAt(at - backslashes - 1) === 0x5c) backslashes++;
    runs.push({ start: at, length: stop - at, escaped: backslashes % 2 === 1 });
    at = text.indexOf('`', stop);
  }
  if (runs.length < 2) return;
  const nextSameLength = new Array<number>(runs.length).fill(-1);
  const lastSeen = new Map<number, number>();
  for (let i = runs.length - 1; i >= 0; i--) {
    nextSameLength[i] = lastSeen.get(runs[i].length) ?? -1;
    lastSeen.set(runs[i].length, i);
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
