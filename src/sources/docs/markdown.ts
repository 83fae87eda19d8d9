import { CodeCursor } from './code-cursor.js';
import { isBlankLine, isDelimiterRow, lineEndIn, paragraphSpans } from './paragraph.js';

/**
 * The code in a Markdown document: fenced code blocks and inline code spans, as offsets into the text.
 * A small scanner after CommonMark, not a full parser: install instructions live in code, and a 5 MB document
 * must cost little at start-up. So no JavaScript loop visits every line or every backtick: fences are found by
 * indexOf, and inline code only in the paragraphs the scans ask about (CodeMap and its CodeCursor).
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

/** What may precede a fence on its line: indentation, blockquote markers, list markers (`- `, `1. `, `1) `). */
const CONTAINER_MARKERS = /^[ \t]*(?:(?:>|[-*+][ \t]|\d{1,9}[.)][ \t])[ \t]*)*$/;
/** Every code region of `text`, in document order. */
export function findCodeRegions(text: string): CodeRegion[] {
  const code = new CodeMap(text);
  const regions: CodeRegion[] = [];
  for (let i = 0; i < code.stretches.length; i += 2) {
    inlineSpans(text, code.stretches[i], code.stretches[i + 1], regions);
    // each stretch but an unclosed fence's end is followed by the fence it ends at
    if (i / 2 < code.fences.length) regions.push(code.fences[i / 2]);
  }
  return regions;
}

/**
 * The code of a document, asked about offset by offset: the fenced blocks are found up front, the inline spans only
 * of the paragraphs asked about (a 5 MB document with a few versions in it never pairs its 100,000 backticks). A
 * fence line is found from the first ``` or ~~~ of a line, by indexOf; the rest of that line is its info string
 * and no other fence is looked for on it.
 */
export class CodeMap {
  /** the fenced blocks, in document order */
  readonly fences: CodeRegion[] = [];
  /** the text outside fences (and fence lines), where inline code may be: `[start, end)` pairs, in order */
  readonly stretches: number[] = [];

  constructor(readonly text: string) {
    const length = text.length;
    // the fence open, by its character and length (0: none)
    let openChar = 0;
    let openLength = 0;
    let contentStart = 0;
    let outside = 0;
    let backticks = text.indexOf('```');
    let tildes = text.indexOf('~~~');
    for (let at = 0; ; ) {
      if (backticks >= 0 && backticks < at) backticks = text.indexOf('```', at);
      if (tildes >= 0 && tildes < at) tildes = text.indexOf('~~~', at);
      const fence = backticks < 0 ? tildes : tildes < 0 ? backticks : Math.min(backticks, tildes);
      if (fence < 0) break;
      const char = text.charCodeAt(fence);
      let infoStart = fence;
      while (text.charCodeAt(infoStart) === char) infoStart++;
      const newline = text.indexOf('\n', infoStart);
      const lineEnd = newline < 0 ? length : newline;
      at = lineEnd;
      const lineStart = text.lastIndexOf('\n', fence - 1) + 1;
      if (lineStart < fence && !CONTAINER_MARKERS.test(text.slice(lineStart, fence))) continue;
      if (openLength > 0) {
        if (char === openChar && infoStart - fence >= openLength && isBlank(text, infoStart, lineEnd)) {
          this.fences.push({ start: contentStart, end: lineStart, kind: 'fence' });
          openLength = 0;
          outside = Math.min(lineEnd + 1, length);
        }
      } else if (char === 0x7e || !includesBacktick(text, infoStart, lineEnd)) {
        // (a ``` line with a backtick in its info string is inline code, not a fence)
        this.stretches.push(outside, lineStart);
        openChar = char;
        openLength = infoStart - fence;
        contentStart = Math.min(lineEnd + 1, length);
      }
    }
    // An unclosed fence runs to the end of the document, as in CommonMark.
    if (openLength > 0) this.fences.push({ start: contentStart, end: length, kind: 'fence' });
    else this.stretches.push(outside, length);
  }

  /** A reader of the regions at offsets asked in increasing order (amortized O(1) each, but for new paragraphs). */
  cursor(): CodeCursor {
    return new CodeCursor(this);
  }
}

/** Whether `[start, end)` holds only spaces, tabs and CRs (a closing fence's info string). */
function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d) return false;
  }
  return true;
}

function includesBacktick(text: string, start: number, end: number): boolean {
  const at = text.indexOf('`', start);
  return at >= 0 && at < end;
}

/**
 * Inline code spans of the text `[start, end)` between fences, paragraph by paragraph (a span never crosses a
 * blank line). Paragraphs with a table delimiter row are tables, whose code is left out. Only the lines of
 * paragraphs that hold a backtick are looked at, each once.
 */
function inlineSpans(text: string, start: number, end: number, regions: CodeRegion[]): void {
  for (let at = text.indexOf('`', start); at >= 0 && at < end; ) {
    const paragraph = paragraphAround(text, at, start, end);
    if (!paragraph.table) for (const span of paragraphSpans(text, paragraph.start, paragraph.end, start)) regions.push(span);
    at = text.indexOf('`', paragraph.end);
  }
}

interface Paragraph {
  /** where its first line starts */
  start: number;
  /** the LF before the blank line that ends it, or the end of the range */
  end: number;
  /** whether one of its lines is a table delimiter row */
  table: boolean;
}

/**
 * The paragraph of `[start, end)` around `at` (not on a blank line), found by walking its lines up and down from
 * `at` to the nearest blank line (spaces, tabs, a CR, or a bare `>` of a quote), the range's bounds ending a line.
 */
function paragraphAround(text: string, at: number, start: number, end: number): Paragraph {
  let table = false;
  let lineStart = text.lastIndexOf('\n', at - 1) + 1;
  // a delimiter row follows its header row, so the range's first line is never one
  table ||= lineStart > start && isDelimiterRow(text, lineStart, lineEndIn(text, lineStart, end));
  while (lineStart > start) {
    // (the line above starts after the LF before the one that ends it)
    const above = lineStart < 2 ? 0 : text.lastIndexOf('\n', lineStart - 2) + 1;
    const aboveEnd = lineStart - 1;
    if (isBlankLine(text, above, aboveEnd)) break;
    lineStart = above;
    table ||= lineStart > start && isDelimiterRow(text, lineStart, aboveEnd);
  }
  let lineEnd = text.indexOf('\n', at);
  while (lineEnd >= 0 && lineEnd < end) {
    const next = lineEnd + 1;
    const nextEnd = lineEndIn(text, next, end);
    if (isBlankLine(text, next, nextEnd)) return { start: Math.max(lineStart, start), end: lineEnd, table };
    table ||= isDelimiterRow(text, next, nextEnd);
    lineEnd = nextEnd;
  }
  return { start: Math.max(lineStart, start), end, table };
}
