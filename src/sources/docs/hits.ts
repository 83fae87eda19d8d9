import type { ReferenceTuple } from './reference-facts.js';

// What one scan of a Markdown document collects (references.ts): its distinct references, its hits in the order
// of the pass, the blocks it has read, and the occurrences in the form the facts keep.

/** The distinct references of one document, each once. */
export class ReferenceTable {
  readonly tuples: ReferenceTuple[] = [];
  private readonly indexes = new Map<string, number>();

  /** The index of `tuple`, added when it is new (asked once per distinct hit text, so the key costs little). */
  add(tuple: ReferenceTuple): number {
    const key = JSON.stringify(tuple);
    let index = this.indexes.get(key);
    if (index === undefined) this.indexes.set(key, (index = this.tuples.push(tuple) - 1));
    return index;
  }

  /** Puts the references in the order `order` lists their indexes; returns each old index's new one. */
  reorder(order: readonly number[]): number[] {
    const tuples = order.map((i) => this.tuples[i]);
    const moved = new Array<number>(order.length);
    order.forEach((old, i) => (moved[old] = i));
    this.tuples.splice(0, this.tuples.length, ...tuples);
    for (const [key, index] of this.indexes) this.indexes.set(key, moved[index]);
    return moved;
  }
}

/** What a hit's text names: a reference (its index in the table) and where its version starts in that text. */
export interface Named {
  index: number;
  offset: number;
}

/** `compute(key)`, remembered in `known`. */
export function remembered<T>(known: Map<string, T>, key: string, compute: (key: string) => T): T {
  let value = known.get(key);
  if (value === undefined) known.set(key, (value = compute(key)));
  return value;
}

/** The references one scan finds, in its order: each as its index in the table and the offset of its version. */
export class Hits {
  readonly indexes: number[] = [];
  readonly offsets: number[] = [];

  add(index: number, offset: number): void {
    this.indexes.push(index);
    this.offsets.push(offset);
  }
}

/**
 * The hits of the one pass over the literals as a scan per shape, one after the other, gave them: the table's
 * references by shape (images, GitHub URLs, raw URLs, helm charts), each in the order it was first seen, and the
 * hits by the offset of their version, ties in that order of the shapes. Found in the order of their literals,
 * the versions are nearly always in order too (a version follows its literal, and the next hit follows it), so
 * the sort is for the odd document (`helm install ghcr.io/a/b:v2 --version 1`).
 */
export function inScanOrder(hits: Hits, table: ReferenceTable): Hits {
  const ranks = table.tuples.map(shapeRank);
  const order = ranks.map((_, i) => i).sort((a, b) => ranks[a] - ranks[b] || a - b);
  if (order.some((old, i) => old !== i)) {
    const moved = table.reorder(order);
    for (let i = 0; i < hits.indexes.length; i++) hits.indexes[i] = moved[hits.indexes[i]];
  }
  if (isIncreasing(hits.offsets)) return hits;
  const rank = (i: number) => shapeRank(table.tuples[hits.indexes[i]]);
  const sorted = hits.offsets.map((_, i) => i).sort((a, b) => hits.offsets[a] - hits.offsets[b] || rank(a) - rank(b) || a - b);
  const inOrder = new Hits();
  for (const i of sorted) inOrder.add(hits.indexes[i], hits.offsets[i]);
  return inOrder;
}

/** The rank of a reference's shape among the scans that once ran one after the other. */
function shapeRank(tuple: ReferenceTuple): number {
  return tuple[0] === 'image' ? 0 : tuple[0] === 'helm-chart' ? 3 : tuple[1] === 'raw-content' ? 2 : 1;
}

function isIncreasing(offsets: number[]): boolean {
  for (let i = 1; i < offsets.length; i++) if (offsets[i] <= offsets[i - 1]) return false;
  return true;
}

function isAscending(offsets: number[]): boolean {
  for (let i = 1; i < offsets.length; i++) if (offsets[i] < offsets[i - 1]) return false;
  return true;
}

function sortedByOffset(hits: Hits): Hits {
  const order = hits.offsets.map((_, i) => i).sort((a, b) => hits.offsets[a] - hits.offsets[b] || a - b);
  const sorted = new Hits();
  for (const i of order) sorted.add(hits.indexes[i], hits.offsets[i]);
  return sorted;
}

/** `first` and `then`, each in order of offsets, as one list in that order; ties keep `first` first. */
export function merged(first: Hits, then: Hits): Hits {
  if (then.offsets.length === 0) return first;
  if (!isAscending(then.offsets)) then = sortedByOffset(then);
  const out = new Hits();
  let i = 0;
  let j = 0;
  while (i < first.offsets.length || j < then.offsets.length) {
    if (j >= then.offsets.length || (i < first.offsets.length && first.offsets[i] <= then.offsets[j])) out.add(first.indexes[i], first.offsets[i++]);
    else out.add(then.indexes[j], then.offsets[j++]);
  }
  return out;
}

/**
 * The occurrences as MarkdownFacts keeps them (index, line step, column), offsets in increasing order: line breaks
 * are counted by indexOf from one reference to the next, and not at all after the last. Columns count UTF-16 code
 * units, as src/sources/line-starts.ts counts them.
 */
export function locate(text: string, found: Hits): number[] {
  const at: number[] = [];
  let line = 1;
  let lastLine = 0;
  let lineStart = 0;
  let nextBreak = text.indexOf('\n');
  for (let i = 0; i < found.offsets.length; i++) {
    const offset = found.offsets[i];
    while (nextBreak >= 0 && nextBreak < offset) {
      line++;
      lineStart = nextBreak + 1;
      nextBreak = text.indexOf('\n', lineStart);
    }
    at.push(found.indexes[i], line - lastLine, offset - lineStart + 1);
    lastLine = line;
  }
  return at;
}

/**
 * The hits of each block (a fence's content, a paragraph) by its text: a long document repeats whole blocks (a
 * generated guide, the same snippet per section), and a block's hits depend on its text and kind alone, so a block
 * seen before costs a lookup, not a scan.
 */
export class BlockMemo {
  /** where the block entered last starts (-1: none) */
  start = -1;
  private readonly known = [new Map<string, number[]>(), new Map<string, number[]>(), new Map<string, number[]>()];
  private recording: { key: string; kind: number; from: number } | undefined;

  constructor(private readonly hits: Hits) {}

  /** Enters the block `[start, end)` (-1: none); true when it was seen before and its hits are added. */
  enter(text: string, start: number, end: number, kind: number): boolean {
    this.leave();
    this.start = start;
    if (start < 0) return false;
    const key = text.slice(start, end);
    const known = this.known[kind].get(key);
    if (known) {
      for (let i = 0; i < known.length; i += 2) this.hits.add(known[i], start + known[i + 1]);
      return true;
    }
    this.recording = { key, kind, from: this.hits.indexes.length };
    return false;
  }

  /** Ends the block entered last: its hits are remembered by its text. */
  leave(): void {
    const recording = this.recording;
    if (!recording) return;
    this.recording = undefined;
    const found: number[] = [];
    for (let i = recording.from; i < this.hits.indexes.length; i++) found.push(this.hits.indexes[i], this.hits.offsets[i] - this.start);
    this.known[recording.kind].set(recording.key, found);
  }
}
