import type { CodeRegion } from './markdown.js';

/**
 * The line tests and the backtick pairing of a Markdown paragraph, shared by the two readers of inline code: the
 * plain one over a whole document (markdown.ts findCodeRegions) and the cursor the scans ask (code-cursor.ts).
 */

/** Where the line starting at `lineStart` ends: its LF, or `end`. */
export function lineEndIn(text: string, lineStart: number, end: number): number {
  const newline = text.indexOf('\n', lineStart);
  return newline < 0 || newline > end ? end : newline;
}

/** Whether `[start, end)` holds only blanks, CRs and `>` (a blank line, or a bare `>` of a quote). */
export function isBlankLine(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d && c !== 0x3e) return false;
  }
  return true;
}

/**
 * Whether the line `[start, end)` is a table delimiter row (`|---|:--:|`, `--- | ---`): after indentation or `>`,
 * an optional pipe, blanks and colon, a dash, then only pipes, dashes, colons and blanks (a CR may end it); a pipe
 * somewhere, so that a thematic break (`---`) is no table.
 */
export function isDelimiterRow(text: string, start: number, end: number): boolean {
  let i = start;
  while (i < end && (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x09 || text.charCodeAt(i) === 0x3e)) i++;
  let pipe = text.charCodeAt(i) === 0x7c;
  if (pipe) i++;
  while (i < end && (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x09)) i++;
  if (text.charCodeAt(i) === 0x3a) i++;
  if (i >= end || text.charCodeAt(i) !== 0x2d) return false;
  const stop = text.charCodeAt(end - 1) === 0x0d ? end - 1 : end;
  for (i++; i < stop; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7c) pipe = true;
    else if (c !== 0x2d && c !== 0x3a && c !== 0x20 && c !== 0x09) return false;
  }
  return pipe;
}

/** What a paragraph without inline code has (shared: it is never written to). */
export const NO_SPANS: readonly CodeRegion[] = [];

/**
 * The inline code spans of the paragraph text `[start, end)`: a run of N backticks opens a span that the next run
 * of exactly N backticks closes. `stretchStart` bounds the backslashes that escape a backtick. Nearly every
 * paragraph has single backticks only, which pair in the order they come, so they are paired as they are found;
 * the first longer run hands the paragraph to the general pairing (pairRuns).
 */
export function paragraphSpans(text: string, start: number, end: number, stretchStart: number): readonly CodeRegion[] {
  let spans: CodeRegion[] | undefined;
  let opener = -1;
  for (let at = text.indexOf('`', start); at >= 0 && at < end; at = text.indexOf('`', at + 1)) {
    if (at + 1 < end && text.charCodeAt(at + 1) === 0x60) return pairRuns(text, start, end, stretchStart);
    if (opener >= 0) {
      (spans ??= []).push({ start: opener + 1, end: at, kind: 'inline' });
      opener = -1;
    } else if (!isEscaped(text, at, stretchStart)) {
      opener = at;
    }
  }
  return spans ?? NO_SPANS;
}

/**
 * paragraphSpans for runs of any length. Runs are paired in one pass (the next run of the same length is
 * precomputed), so a paragraph full of unmatched backticks stays linear.
 */
function pairRuns(text: string, start: number, end: number, stretchStart: number): readonly CodeRegion[] {
  // the runs as two lists of numbers, where each starts and how long it is (no object per run)
  const starts: number[] = [];
  const lengths: number[] = [];
  for (let at = text.indexOf('`', start); at >= 0 && at < end; ) {
    let stop = at + 1;
    while (stop < end && text.charCodeAt(stop) === 0x60) stop++;
    starts.push(at);
    lengths.push(stop - at);
    at = text.indexOf('`', stop);
  }
  if (starts.length < 2) return NO_SPANS;
  const closers = nextOfSameLength(lengths);
  const spans: CodeRegion[] = [];
  let i = 0;
  while (i < starts.length) {
    // An escaped single backtick is literal; inside code a backslash is literal, so closers are never escaped.
    const closer = lengths[i] === 1 && isEscaped(text, starts[i], stretchStart) ? -1 : closers[i];
    if (closer < 0) {
      i++;
      continue;
    }
    spans.push({ start: starts[i] + lengths[i], end: starts[closer], kind: 'inline' });
    i = closer + 1;
  }
  return spans;
}

/** For each run, the index of the next run of the same length, or -1. */
function nextOfSameLength(lengths: readonly number[]): number[] {
  const next = new Array<number>(lengths.length);
  const lastSeen = new Map<number, number>();
  for (let i = lengths.length - 1; i >= 0; i--) {
    next[i] = lastSeen.get(lengths[i]) ?? -1;
    lastSeen.set(lengths[i], i);
  }
  return next;
}

/** Whether the backtick at `at` follows an odd number of backslashes (counted back to `stretchStart`). */
function isEscaped(text: string, at: number, stretchStart: number): boolean {
  let backslashes = 0;
  while (at - backslashes - 1 >= stretchStart && text.charCodeAt(at - backslashes - 1) === 0x5c) backslashes++;
  return backslashes % 2 === 1;
}
