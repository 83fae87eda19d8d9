import type { DocReference } from '../../model/docs.js';
import { parseImageRef } from '../../model/image-ref.js';
import { BlockMemo, Hits, inScanOrder, locate, merged, ReferenceTable, remembered } from './hits.js';
import { CodeMap, type CodeRegion } from './markdown.js';
import { referencesFrom, type MarkdownFacts } from './reference-facts.js';
import { GITHUB, isDigit, RAW, Shapes } from './shapes.js';
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
