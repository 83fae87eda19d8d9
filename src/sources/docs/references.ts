import type { DocReference, GitReferenceShape } from '../../model/docs.js';
import { parseImageRef } from '../../model/image-ref.js';
import { helmInstall } from './helm-command.js';
import { CodeMap, type CodeRegion } from './markdown.js';
import { referencesFrom, type MarkdownFacts, type ReferenceTuple } from './reference-facts.js';
import { yamlPairs } from './yaml-pairs.js';

/**
 * Every version a Markdown document's code names in one of the shapes install instructions use (image
 * references, GitHub URLs with a tag, `helm install --version`). Ownership is not decided here: image
 * references and URLs come back with `own: false` for the engine to mark.
 */
export function findDocReferences(text: string, file: string): DocReference[] {
  return referencesFrom(scanDocReferences(text), file);
}

/**
 * The references of `text` in the compact form (reference-facts.ts). Each shape is found from a literal (`:` before
 * a digit, `github.com`, `raw.githubusercontent.com`, `helm `), each searched natively over the whole text, and the
 * hits of all four are taken in document order by one pass: a hit counts only inside a code region (one CodeCursor
 * for all four, which pairs backticks only in the paragraphs of hits, each once). Prose costs those searches, and
 * nothing is matched word by word. A hit's text is read once per distinct text (an install guide repeats the same
 * few thousands of times): each shape remembers what a text it has seen names, and where in it the version starts.
 * A whole block (a fence's content, a paragraph) seen before is not scanned again (BlockMemo); `rememberBlocks`
 * false scans every block, for the tests that hold the two to the same result.
 */
export function scanDocReferences(text: string, rememberBlocks = true): MarkdownFacts {
  const table = new ReferenceTable();
  if (!text.includes('`') && !text.includes('~~~')) return { references: table.tuples, at: [] };
  const code = new CodeMap(text);
  const cursor = code.cursor();
  const shapes = new Shapes(text, table);
  // the next hit of each literal (-1: none left); the literals start with different characters, so never tie
  let colon = versionColonFrom(text, 0);
  let github = text.indexOf(GITHUB);
  let raw = text.indexOf(RAW);
  let helm = helmFrom(text, 0);
  const blocks = new BlockMemo(shapes.hits);
  for (;;) {
    const hit = earliest(earliest(colon, github), earliest(raw, helm));
    if (hit < 0) break;
    cursor.enter(hit);
    if (rememberBlocks && cursor.blockStart !== blocks.start && blocks.enter(text, cursor.blockStart, cursor.blockEnd, cursor.blockKind)) {
      // a block seen before: its hits again, shifted, and every literal searched again from its end
      // (a literal whose next hit is past the block, or that has none left, is not searched again)
      const end = cursor.blockEnd;
      if (colon >= 0 && colon < end) colon = versionColonFrom(text, end);
      if (github >= 0 && github < end) github = text.indexOf(GITHUB, end);
      if (raw >= 0 && raw < end) raw = text.indexOf(RAW, end);
      if (helm >= 0 && helm < end) helm = helmFrom(text, end);
      continue;
    }
    const region = cursor.regionAt(hit);
    if (hit === colon) {
      // an image reference's run of characters is read whole: a colon inside it starts no other
      colon = versionColonFrom(text, region ? shapes.image(hit, region) : hit + 1);
    } else if (hit === github) {
      if (region) shapes.github(hit, region);
      github = text.indexOf(GITHUB, hit + GITHUB.length);
    } else if (hit === raw) {
      if (region) shapes.raw(hit, region);
      raw = text.indexOf(RAW, hit + RAW.length);
    } else {
      if (region) shapes.helm(hit, region);
      helm = helmFrom(text, hit + 4);
    }
  }
  blocks.leave();
  const hits = inScanOrder(shapes.hits, table);
  const yamlPairs = new Hits();
  const knownFences = rememberBlocks ? new Map<string, number[]>() : undefined;
  for (const fence of code.fences) yamlPairReferences(text, fence, yamlPairs, table, knownFences);
  return { references: table.tuples, at: locate(text, merged(hits, yamlPairs)) };
}

/** The earlier of two offsets, -1 meaning none. */
function earliest(a: number, b: number): number {
  return a < 0 || (b >= 0 && b < a) ? b : a;
}

/**
 * The first colon at or after `from` before a digit, or before `v`/`V` and a digit (where a tag that looks like a
 * version starts), or -1.
 */
function versionColonFrom(text: string, from: number): number {
  for (let colon = text.indexOf(':', from); colon >= 0; colon = text.indexOf(':', colon + 1)) {
    const next = text.charCodeAt(colon + 1);
    if (isDigit(next) || ((next === 0x76 || next === 0x56) && isDigit(text.charCodeAt(colon + 2)))) return colon;
  }
  return -1;
}

/** The first `helm` followed by a blank at or after `from`, or -1. */
function helmFrom(text: string, from: number): number {
  for (let hit = text.indexOf('helm', from); hit >= 0; hit = text.indexOf('helm', hit + 4)) {
    const after = text.charCodeAt(hit + 4);
    if (after === 0x20 || after === 0x09) return hit;
  }
  return -1;
}

/** What the shapes found, in the order of their hits, and what each remembers of the hit texts it has read. */
class Shapes {
  readonly hits = new Hits();
  private readonly knownImages = new Map<string, Named | null>();
  private readonly knownUrls = new Map<string, NamedRef[]>();
  private readonly knownHelmLines = new Map<string, Named | null>();
  private readonly readImage = (run: string) => imageIn(run, this.table);
  private readonly readUrl = (rest: string) => gitRefsIn(rest, this.table);
  private readonly readHelmLine = (line: string) => helmIn(line, 0, line.length, this.table);

  constructor(
    private readonly text: string,
    private readonly table: ReferenceTable,
  ) {}

  /**
   * The image reference around the version colon at `colon` (`:1…`, `:v1…`): the maximal run of reference
   * characters around it. Returns where that run ends.
   */
  image(colon: number, region: CodeRegion): number {
    const text = this.text;
    let start = colon;
    while (start > region.start && REFERENCE_CHARS[text.charCodeAt(start - 1)] === 1) start--;
    REFERENCE_RUN.lastIndex = colon + 1;
    REFERENCE_RUN.test(text);
    const end = Math.min(REFERENCE_RUN.lastIndex, region.end);
    const before = start > region.start ? text[start - 1] : '';
    const after = end < region.end ? text[end] : '';
    if (CONTINUATION.has(text[start]) || PLACEHOLDER_NEIGHBOURS.has(before) || PLACEHOLDER_NEIGHBOURS.has(after)) return end;
    const named = remembered(this.knownImages, text.slice(start, end), this.readImage);
    if (named) this.hits.add(named.index, start + named.offset);
    return end;
  }

  /** The git refs of the URL whose host starts at `hit` (`github.com/OWNER/REPO…`). */
  github(hit: number, region: CodeRegion): void {
    const text = this.text;
    if (!startsHost(text, hit, region)) return;
    const from = hit + GITHUB.length;
    URL_CHARS.lastIndex = from;
    URL_CHARS.test(text);
    const end = URL_CHARS.lastIndex;
    if (end > region.end) return;
    for (const named of remembered(this.knownUrls, text.slice(from, end), this.readUrl)) {
      // (the character after the ref may be the one that ends the URL: `?ref=v1}`)
      if (!PLACEHOLDER_NEIGHBOURS.has(text[from + named.offset + named.length] ?? '')) this.hits.add(named.index, from + named.offset);
    }
  }

  /** raw.githubusercontent.com/OWNER/REPO/REF/… at `hit`: a list of its own, so that each list stays in order. */
  raw(hit: number, region: CodeRegion): void {
    const text = this.text;
    if (!startsHost(text, hit, region)) return;
    RAW_REST.lastIndex = hit + RAW.length;
    const match = RAW_REST.exec(text);
    if (!match || RAW_REST.lastIndex > region.end) return;
    const [whole, owner, repo, ref] = match;
    const named = gitRef(this.table, 'raw-content', owner, repo, ref, match.index + whole.length - ref.length - 1);
    if (named && !PLACEHOLDER_NEIGHBOURS.has(text[named.offset + named.length] ?? '')) this.hits.add(named.index, named.offset);
  }

  /**
   * `helm` as a word at `hit`, followed by a blank: the start of a command helmInstall reads. A command that ends
   * on its line reads the same wherever that line is, so each distinct line is parsed once.
   */
  helm(hit: number, region: CodeRegion): void {
    const text = this.text;
    if (hit > region.start && (isReferenceChar(text.charCodeAt(hit - 1)) || text[hit - 1] === '.')) return;
    const lineEnd = text.indexOf('\n', hit);
    const stop = lineEnd < 0 || lineEnd > region.end ? region.end : lineEnd;
    // a backslash at the end of the line may continue the command on the next: read in place
    const named = continuesLine(text, stop)
      ? helmIn(text, hit, region.end, this.table)
      : remembered(this.knownHelmLines, text.slice(hit, stop), this.readHelmLine);
    if (named) this.hits.add(named.index, hit + named.offset);
  }
}

/**
 * The hits of each block (a fence's content, a paragraph) by its text: a long document repeats whole blocks (a
 * generated guide, the same snippet per section), and a block's hits depend on its text and kind alone, so a block
 * seen before costs a lookup, not a scan.
 */
class BlockMemo {
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

/** The distinct references of one document, each once. */
class ReferenceTable {
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
interface Named {
  index: number;
  offset: number;
}

/** `compute(key)`, remembered in `known`. */
function remembered<T>(known: Map<string, T>, key: string, compute: (key: string) => T): T {
  let value = known.get(key);
  if (value === undefined) known.set(key, (value = compute(key)));
  return value;
}

/** The references one scan finds, in its order: each as its index in the table and the offset of its version. */
class Hits {
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
function inScanOrder(hits: Hits, table: ReferenceTable): Hits {
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
function merged(first: Hits, then: Hits): Hits {
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
function locate(text: string, found: Hits): number[] {
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

/** Next to a reference, these mean a template or placeholder builds it (`${REGISTRY}/app:v1`, `app:v1.2.3-<arch>`). */
const PLACEHOLDER_NEIGHBOURS = new Set(['$', '{', '}', '<', '>', '%', '\\']);
/** A run that starts with one of these is the tail of something longer (`${REGISTRY}/acme/app:v1`). */
const CONTINUATION = new Set(['/', '.', '-', ':', '@']);

/** `[\w.\-/:@]`: the characters of an image reference (tag and digest included), 1 by char code. */
const REFERENCE_CHARS = new Uint8Array(0x80).map((_, c) => (/[\w.\-/:@]/.test(String.fromCharCode(c)) ? 1 : 0));

function isReferenceChar(c: number): boolean {
  return REFERENCE_CHARS[c] === 1;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** The reference characters from a position on (sticky: read where it is set). */
const REFERENCE_RUN = /[\w.\-/:@]*/y;

/** The image reference a run of reference characters writes, with a tag; null when it is none. */
function imageIn(run: string, table: ReferenceTable): Named | null {
  const written = run.replace(/[.:\-/]+$/, '');
  const parsed = parseImageRef(written);
  if (!parsed.ok || parsed.ref.tag === undefined) return null;
  const { repository, tag, digest } = parsed.ref;
  const digestAt = written.indexOf('@');
  const name = digestAt >= 0 ? written.slice(0, digestAt) : written;
  const index = table.add(digest ? ['image', repository, written, tag, digest] : ['image', repository, written, tag]);
  return { index, offset: name.lastIndexOf(':') + 1 };
}

/**
 * After `github.com`: `/OWNER/REPO` (or `:OWNER/REPO` after `git@`), then the rest of the URL up to a character a
 * URL in code does not contain unquoted. Sticky, so each runs once at a hit of the literal.
 */
const GITHUB_REST = /[/:]([\w.-]+)\/([\w.-]+)([^\s'"`<>()[\]{}|,;\\]*)/y;
const RAW_REST = /\/([\w.-]+)\/([\w.-]+)\/([^\s'"`<>()[\]{}|,;\\/]+)\//y;
const RELEASE_DOWNLOAD = '/releases/download/';
/** `/archive/refs/tags/TAG.tar.gz`, `/archive/TAG.zip`: a source archive at a tag. */
const ARCHIVE = /^(\/archive\/(?:refs\/tags\/)?)([^/]+?)\.(?:tar\.gz|zip)$/;
const GITHUB = 'github.com';
const RAW = 'raw.githubusercontent.com';

/** `gist.github.com`, `api.github.com`, `mygithub.com` are other hosts. */
function startsHost(text: string, offset: number, region: CodeRegion): boolean {
  if (offset <= region.start) return true;
  const c = text.charCodeAt(offset - 1);
  return !(isReferenceChar(c) && c !== 0x2f && c !== 0x3a && c !== 0x40);
}

/** The characters a URL in code holds unquoted (GITHUB_REST's tail): the URL ends at the first other one. */
const URL_CHARS = /[^\s'"`<>()[\]{}|,;\\]*/y;

/** A git ref a URL names: the reference's index, where the ref starts in the URL and how long it is. */
interface NamedRef extends Named {
  length: number;
}


/** The git refs in what follows `github.com` in a URL (GITHUB_REST matches all of it or nothing). */
function gitRefsIn(rest: string, table: ReferenceTable): NamedRef[] {
  GITHUB_REST.lastIndex = 0;
  const match = GITHUB_REST.exec(rest);
  if (!match) return [];
  const [whole, owner, repo, tail] = match;
  const tailStart = whole.length - tail.length;
  const found: NamedRef[] = [];
  const push = (shape: GitReferenceShape, value: string, offset: number) => {
    const named = gitRef(table, shape, owner, repo, value, offset);
    if (named) found.push(named);
  };
  if (tail.startsWith(RELEASE_DOWNLOAD)) {
    const from = RELEASE_DOWNLOAD.length;
    const slash = tail.indexOf('/', from);
    // `releases/download/TAG/asset`; `releases/latest/download/…` names no version
    if (slash > from) push('release-download', tail.slice(from, slash), tailStart + from);
    return found;
  }
  const archive = ARCHIVE.exec(tail);
  if (archive) {
    push('archive', archive[2], tailStart + archive[1].length);
    return found;
  }
  // `go install github.com/OWNER/REPO/cmd/x@v1.2.2`: a module version (`@latest`, `@main` name none)
  const version = tail.lastIndexOf('@');
  if (version >= 0 && !tail.includes('?')) {
    push('go-module', tail.slice(version + 1), tailStart + version + 1);
    return found;
  }
  const query = tail.indexOf('?');
  if (query < 0) return found;
  let offset = query + 1;
  for (const parameter of tail.slice(query + 1).split('#')[0].split('&')) {
    if (parameter.startsWith('ref=')) push('kustomize-ref', parameter.slice(4), tailStart + offset + 4);
    offset += parameter.length + 1;
  }
  return found;
}

/** A ref in a URL at `offset`: trailing dots are punctuation, and a ref without a digit (`main`) names no version. */
function gitRef(table: ReferenceTable, shape: GitReferenceShape, owner: string, repo: string, value: string, offset: number): NamedRef | null {
  const ref = value.replace(/\.+$/, '');
  if (ref === '' || !/\d/.test(ref)) return null;
  return { index: table.add(['git-ref', shape, `${owner}/${repo.replace(/\.git$/i, '')}`, ref]), offset, length: ref.length };
}



function continuesLine(text: string, stop: number): boolean {
  return text[stop - 1] === '\\' || (text[stop - 1] === '\r' && text[stop - 2] === '\\');
}

/** The install at `start` of `code`, its version's offset from `start`. */
function helmIn(code: string, start: number, end: number, table: ReferenceTable): Named | null {
  const install = helmInstall(code, start, end);
  return install && { index: table.add(['helm-chart', install.chart, install.written, install.version]), offset: install.versionOffset - start };
}

/**
 * `name`/`newName` + `newTag` of a kustomize images entry, `repository` + `tag` of Helm values, in a fenced block;
 * each distinct block's pairs are read once (`known`: its text → its references and their offsets in it; undefined:
 * every block is read).
 */
function yamlPairReferences(text: string, region: CodeRegion, out: Hits, table: ReferenceTable, known: Map<string, number[]> | undefined): void {
  const code = text.slice(region.start, region.end);
  if (!code.includes('ag:')) return;
  const found = known ? remembered(known, code, () => yamlPairHits(code, table)) : yamlPairHits(code, table);
  for (let i = 0; i < found.length; i += 2) out.add(found[i], region.start + found[i + 1]);
}

/** The YAML pairs of one block's code: each reference's index and its tag's offset in the code, two numbers each. */
function yamlPairHits(code: string, table: ReferenceTable): number[] {
  const found: number[] = [];
  for (const pair of yamlPairs(code)) {
    const parsed = parseImageRef(pair.repository);
    if (!parsed.ok || parsed.ref.tag !== undefined || parsed.ref.digest !== undefined || !isDigit(pair.tag.replace(/^[vV]/, '').charCodeAt(0))) continue;
    found.push(table.add(['image', parsed.ref.repository, `${pair.repository}:${pair.tag}`, pair.tag]), pair.tagOffset);
  }
  return found;
}
