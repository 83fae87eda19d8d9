import type { CodeMap, CodeRegion } from './markdown.js';
import { isBlankLine, isDelimiterRow, lineEndIn, NO_SPANS, paragraphSpans } from './paragraph.js';

/** An LF before a blank line (blanks, CRs and `>` up to the next LF or the end of the text). */
const LF_BEFORE_BLANK_LINE = /\n(?=[ \t\r>]*(?:\n|$))/g;

/**
 * A reader of a document's code at offsets asked in increasing order, the way the literal scans ask (references.ts):
 * fences and the stretches between them by pointer, the inline code of a paragraph once, when a hit in it first asks
 * for it (a paragraph whose hits the scan remembers by its text is never paired). That paragraph is read from the
 * hit: its lines up to the nearest blank line, its end by a search for the next blank line; it is a table only if it
 * holds a pipe, and its backticks are paired only if it holds one. Those three searches go forward and each
 * remembers what it found (NextMatch), so that no text is searched twice by one cursor: 10,000 paragraphs of prose
 * with a hit each and a backtick only at the end cost one search for it, not 10,000 to the end of the text. It reads
 * what findCodeRegions (markdown.ts) reads, by another way (the cursor's test compares the two on generated
 * documents).
 */
export class CodeCursor {
  /**
   * The block `enter` found last: a fence's content or a paragraph, `[blockStart, blockEnd)`, or none (-1: a blank
   * line, a fence line, the text before a stretch). Its code depends on its text alone and on `blockKind`: a fence,
   * a paragraph, or a paragraph on the first line of its stretch (which is never a table's delimiter row).
   */
  blockStart = -1;
  blockEnd = -1;
  blockKind = NONE;
  private fence = 0;
  private stretch = 0;
  /** the inline code of the paragraph entered last, once read (undefined: not yet) */
  private spans: readonly CodeRegion[] | undefined = NO_SPANS;
  /** the first span of the paragraph that does not end before the last offset asked */
  private span = 0;
  private readonly blankLines: NextMatch;
  private readonly backticks: NextMatch;
  private readonly pipes: NextMatch;

  constructor(private readonly code: CodeMap) {
    const text = code.text;
    this.blankLines = new NextMatch((from) => {
      LF_BEFORE_BLANK_LINE.lastIndex = from;
      return LF_BEFORE_BLANK_LINE.test(text) ? LF_BEFORE_BLANK_LINE.lastIndex - 1 : -1;
    });
    this.backticks = new NextMatch((from) => text.indexOf('`', from));
    this.pipes = new NextMatch((from) => text.indexOf('|', from));
  }

  /** The code region holding `offset`, or undefined outside code. */
  at(offset: number): CodeRegion | undefined {
    this.enter(offset);
    return this.regionAt(offset);
  }

  /**
   * Finds the block holding `offset` (blockStart, blockEnd, blockKind), without reading its inline code: a scan
   * that knows the block's text already (BlockMemo in hits.ts) never pairs its backticks.
   */
  enter(offset: number): void {
    const { fences, stretches } = this.code;
    while (this.fence < fences.length && fences[this.fence].end <= offset) this.fence++;
    if (this.fence < fences.length && fences[this.fence].start <= offset) return this.inBlock(fences[this.fence].start, fences[this.fence].end, FENCE);
    while (this.stretch < stretches.length && stretches[this.stretch + 1] <= offset) this.stretch += 2;
    if (this.stretch >= stretches.length || offset < stretches[this.stretch]) return this.inBlock(-1, -1, NONE);
    if (this.blockKind !== NONE && this.blockKind !== FENCE && offset >= this.blockStart && offset < this.blockEnd) return;
    this.enterParagraph(offset);
  }

  /** The code region holding `offset`, in the block entered last (which holds it). */
  regionAt(offset: number): CodeRegion | undefined {
    if (this.blockKind === FENCE) return this.code.fences[this.fence];
    if (this.blockKind === NONE) return undefined;
    const spans = (this.spans ??= this.readSpans());
    while (this.span < spans.length && spans[this.span].end <= offset) this.span++;
    return this.span < spans.length && spans[this.span].start <= offset ? spans[this.span] : undefined;
  }

  private inBlock(start: number, end: number, kind: number): void {
    this.blockStart = start;
    this.blockEnd = end;
    this.blockKind = kind;
  }

  /** Enters the paragraph of the current stretch around `offset`, or none when `offset` is on a blank line. */
  private enterParagraph(offset: number): void {
    const { text, stretches } = this.code;
    const start = stretches[this.stretch];
    const end = stretches[this.stretch + 1];
    let lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    // a blank line is in no paragraph's code (a hit of the scans, on a character no blank line holds, is never on one)
    if (mayBeOnBlankLine(text.charCodeAt(offset)) && isBlankLine(text, lineStart, lineEndIn(text, lineStart, end))) return this.inBlock(-1, -1, NONE);
    while (lineStart > start) {
      // (the line above starts after the LF before the one that ends it)
      const above = lineStart < 2 ? 0 : text.lastIndexOf('\n', lineStart - 2) + 1;
      if (isBlankLine(text, above, lineStart - 1)) break;
      lineStart = above;
    }
    // A stretch ends where a fence line starts, after an LF, or at the end of the text.
    const lastLineEnd = text.charCodeAt(end - 1) === 0x0a ? end - 1 : end;
    const blank = this.blankLines.at(offset);
    this.inBlock(lineStart, blank < 0 || blank > lastLineEnd ? lastLineEnd : blank, lineStart === start ? FIRST_PARAGRAPH : PARAGRAPH);
    this.spans = undefined;
    this.span = 0;
  }

  /** The inline code of the paragraph entered last: none in a table. */
  private readSpans(): readonly CodeRegion[] {
    const { text, stretches } = this.code;
    const { blockStart, blockEnd } = this;
    const start = stretches[this.stretch];
    const pipe = this.pipes.at(blockStart);
    if (pipe >= 0 && pipe < blockEnd && hasDelimiterRow(text, blockStart, blockEnd, start, stretches[this.stretch + 1])) return NO_SPANS;
    const backtick = this.backticks.at(blockStart);
    return backtick >= 0 && backtick < blockEnd ? paragraphSpans(text, backtick, blockEnd, start) : NO_SPANS;
  }
}

/** CodeCursor.blockKind: what holds the offset entered last (the first three index BlockMemo's maps) */
const FENCE = 0;
const PARAGRAPH = 1;
const FIRST_PARAGRAPH = 2;
const NONE = 3;

/** Whether a character can be on a blank line: a blank, a CR, a `>`, or the LF that ends the line. */
function mayBeOnBlankLine(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0d || c === 0x3e || c === 0x0a;
}

/**
 * Whether a line of the paragraph `[from, to)` is a table delimiter row; the stretch's first line never is (a
 * delimiter row follows its header row).
 */
function hasDelimiterRow(text: string, from: number, to: number, stretchStart: number, stretchEnd: number): boolean {
  for (let line = from; line < to; ) {
    const lineEnd = lineEndIn(text, line, stretchEnd);
    if (line > stretchStart && isDelimiterRow(text, line, lineEnd)) return true;
    line = lineEnd + 1;
  }
  return false;
}

/**
 * The first match of a forward search at or after offsets asked in increasing order: a search is run again only
 * for an offset past the match it found, so the searches of one cursor read each part of the text once.
 */
class NextMatch {
  private from = -1;
  private found = -1;

  constructor(private readonly search: (from: number) => number) {}

  /** The first match at or after `from`, or -1. */
  at(from: number): number {
    if (this.from < 0 || from < this.from || (this.found >= 0 && from > this.found)) {
      this.from = from;
      this.found = this.search(from);
    }
    return this.found;
  }
}
