import { LineCounter, parseAllDocuments, visit, type Document, type Scalar } from 'yaml';
import type { TextEdit } from '../../model/finding.js';
import { lineStartsOf, positionAt } from '../../sources/line-starts.js';

/**
 * How `tagcheck fix` turns a TextEdit into bytes, for one file's text (BOM already removed, as positions are
 * counted without it). This is the interface rules (and the docs rule) report against:
 *
 * - `at.line` / `at.column` are 1-based; a column counts UTF-16 code units from the line start (what `yaml`'s
 *   LineCounter and a JavaScript string index give), so CRLF files count `\r` as the line's last character.
 * - In a YAML file (`*.yaml`, `*.yml`, `Kustomization`), `at` is the first character of the scalar the user
 *   edits (its opening quote, if quoted) or the exact start of `from` inside a scalar. Within the scalar's
 *   source the last occurrence of `from` that stands alone (not inside a longer name or version: a tag comes
 *   last in `repo:tag`) is replaced, so quotes, comments, indentation and line endings stay byte-exact. The edit
 *   is refused, with a reason, for block scalars (except an exact-start edit inside a literal block, a kustomize
 *   inline patch: the occurrence there is replaced and the block proven to read as before otherwise), anchored scalars that an alias uses elsewhere, escaped
 *   double-quoted text whose source does not spell `from` literally, and when the scalar no longer contains
 *   `from` (the file changed). Every accepted edit is proven by parsing the edited text again: the scalar at
 *   the same place must read as before with only `from` replaced by `to`, and no document may break.
 * - In any other file (Markdown), `at` is exactly where `from` starts; no parsing. The text there must still
 *   read `from`, else the edit is refused.
 */

/** One edit located in the text: replace `text.slice(start, start + from.length)` (which is `from`) by `to`. */
export interface PlacedEdit {
  edit: TextEdit;
  start: number;
  /** 1-based line and column of the replaced text itself (not of the scalar around it) */
  line: number;
  column: number;
}

export type Placement = { ok: true; placed: PlacedEdit } | { ok: false; reason: string };

export function isYamlFile(file: string): boolean {
  return /\.ya?ml$/i.test(file) || /(^|\/)Kustomization$/.test(file);
}

/** Offset of a 1-based line and column in `lineStarts`; undefined when the file has no such place. */
function offsetOf(lineStarts: readonly number[], text: string, line: number, column: number): number | undefined {
  const lineStart = lineStarts[line - 1];
  if (lineStart === undefined || column < 1) return undefined;
  const offset = lineStart + column - 1;
  const lineEnd = lineStarts[line] ?? text.length + 1;
  return offset < lineEnd ? offset : undefined;
}


/** Literal placement for non-YAML files: `from` must start exactly at `at`. */
function placeLiteral(text: string, lineStarts: readonly number[], edit: TextEdit): Placement {
  const start = offsetOf(lineStarts, text, edit.at.line, edit.at.column);
  if (start === undefined || !text.startsWith(edit.from, start)) {
    return { ok: false, reason: `the text at ${edit.at.line}:${edit.at.column} no longer reads "${edit.from}" (changed since the check?)` };
  }
  return { ok: true, placed: { edit, start, line: edit.at.line, column: edit.at.column } };
}

/** A parsed YAML file, with every scalar by its start offset and every alias name in use per document. */
interface YamlIndex {
  text: string;
  lineStarts: number[];
  scalars: { node: Scalar; doc: Document.Parsed }[];
  aliasNames: Map<Document.Parsed, Set<string>>;
  errors: number;
}

function indexYaml(text: string): YamlIndex {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false });
  const list = Array.isArray(docs) ? docs : [];
  const scalars: YamlIndex['scalars'] = [];
  const aliasNames = new Map<Document.Parsed, Set<string>>();
  let errors = 0;
  for (const doc of list) {
    errors += doc.errors.length;
    const names = new Set<string>();
    aliasNames.set(doc, names);
    visit(doc, {
      Scalar(_key, node) { scalars.push({ node, doc }); },
      Alias(_key, node) { names.add(node.source); },
    });
  }
  return { text, lineStarts: lineCounter.lineStarts, scalars, aliasNames, errors };
}

/** A scalar's text as the user wrote it (`1.10` stays `1.10`), for comparing before and after an edit. */
function scalarText(node: Scalar): string {
  return typeof node.source === 'string' ? node.source : String(node.value);
}

const NAME_CHAR = /[A-Za-z0-9_.+-]/;

/** Indexes of `needle` in `haystack` not glued to a longer token (`v1.2` inside `v1.2.3` does not count). */
function standaloneOccurrences(haystack: string, needle: string): number[] {
  const found: number[] = [];
  if (needle === '') return found;
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
    const before = haystack[i - 1];
    const after = haystack[i + needle.length];
    if ((before === undefined || !NAME_CHAR.test(before)) && (after === undefined || !NAME_CHAR.test(after))) found.push(i);
  }
  return found;
}

/** The scalar value expected after replacing the standalone occurrence of `from` (the last one) by `to`. */
function replacedValue(value: string, from: string, to: string): string | undefined {
  const index = standaloneOccurrences(value, from).at(-1);
  return index === undefined ? undefined : value.slice(0, index) + to + value.slice(index + from.length);
}

function placeInYaml(text: string, index: YamlIndex, edit: TextEdit): Placement {
  const offset = offsetOf(index.lineStarts, text, edit.at.line, edit.at.column);
  if (offset === undefined) return { ok: false, reason: `the file has no line ${edit.at.line}, column ${edit.at.column} (changed since the check?)` };
  // The scalar that starts at `at`, else the scalar `at` points into (an exact-start edit).
  const found = index.scalars.find(({ node }) => node.range?.[0] === offset)
    ?? index.scalars.find(({ node }) => node.range !== undefined && node.range !== null && node.range[0] < offset && offset < node.range[1]);
  const range = found?.node.range;
  if (!found || !range) return { ok: false, reason: `no YAML value at ${edit.at.line}:${edit.at.column} (changed since the check?)` };
  const { node, doc } = found;
  const [start, end] = range;
  if (node.type === 'BLOCK_LITERAL' && offset > start) return placeInLiteralBlock(text, index, edit, offset);
  if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
    return { ok: false, reason: `"${edit.from}" is in a block scalar (| or >); edit it by hand` };
  }
  if (/^patch\s*:/.test(text.slice(offset, offset + 12)) && !scalarText(node).includes(edit.from)) {
    return { ok: false, reason: `"${edit.from}" is inside an inline kustomize patch that is not a literal block (| or |-); edit it by hand` };
  }
  if (node.anchor && index.aliasNames.get(doc)?.has(node.anchor)) {
    return { ok: false, reason: `the value is anchored (&${node.anchor}) and an alias (*${node.anchor}) uses it elsewhere; changing it would change that too, so it is left to you` };
  }
  const value = scalarText(node);
  if (replacedValue(value, edit.from, edit.to) === undefined) {
    return { ok: false, reason: `the value at ${edit.at.line}:${edit.at.column} no longer contains "${edit.from}" (changed since the check?)` };
  }
  const source = text.slice(start, end);
  const inSource = offset > start
    ? (source.startsWith(edit.from, offset - start) ? offset - start : undefined)
    : standaloneOccurrences(source, edit.from).at(-1);
  if (inSource === undefined) {
    return { ok: false, reason: `"${edit.from}" is written with escapes in a double-quoted string; edit it by hand` };
  }
  const placedStart = start + inSource;
  return { ok: true, placed: { edit, start: placedStart, ...positionAt(index.lineStarts, placedStart) } };
}

/**
 * An edit at an exact place inside a literal block scalar (a kustomize inline patch): `at` is the start of the
 * value inside the patch text (its opening quote, if quoted), which ends at the quote, a space, `,`, `}` or `]`
 * (an image reference holds none of them). The replacement stays on its line, so the block's other lines and
 * indentation are untouched; verifyYaml proves the block then reads as before with only that occurrence changed.
 */
function placeInLiteralBlock(text: string, index: YamlIndex, edit: TextEdit, offset: number): Placement {
  if (/[\r\n]/.test(edit.from + edit.to)) return { ok: false, reason: `"${edit.from}" → "${edit.to}" would change the lines of a block scalar; edit it by hand` };
  const lineEnd = text.indexOf('\n', offset);
  let line = text.slice(offset, lineEnd < 0 ? text.length : lineEnd);
  let skip = 0;
  const quote = line[0];
  if (quote === '"' || quote === "'") {
    const close = line.indexOf(quote, 1);
    line = line.slice(1, close < 0 ? line.length : close);
    skip = 1;
  } else {
    line = line.split(/[\s,}\]]/)[0];
  }
  const at = standaloneOccurrences(line, edit.from).at(-1);
  if (at === undefined) return { ok: false, reason: `the value at ${edit.at.line}:${edit.at.column} no longer contains "${edit.from}" (changed since the check?)` };
  const placedStart = offset + skip + at;
  return { ok: true, placed: { edit, start: placedStart, ...positionAt(index.lineStarts, placedStart) } };
}

/** `value` with the `n`th (0-based) standalone occurrence of `from` replaced by `to`. */
function replaceNth(value: string, from: string, to: string, n: number): string | undefined {
  const at = standaloneOccurrences(value, from)[n];
  return at === undefined ? undefined : value.slice(0, at) + to + value.slice(at + from.length);
}

/**
 * The value a scalar must read after the edit at `p`. In a literal block several edits can share the scalar:
 * each replaces the same occurrence (by order) as in the block's source, where content lines are the source
 * lines minus one indentation.
 */
function wantedValue(text: string, node: Scalar, p: PlacedEdit, placed: readonly PlacedEdit[]): string | undefined {
  if (node.type !== 'BLOCK_LITERAL' || !node.range) return replacedValue(scalarText(node), p.edit.from, p.edit.to);
  const [start, end] = node.range;
  const contentStart = text.indexOf('\n', start) + 1;
  const inBlock = placed.filter((q) => start <= q.start && q.start < end).map((q) => ({
    q, nth: standaloneOccurrences(text.slice(contentStart, q.start + q.edit.from.length), q.edit.from).length - 1,
  }));
  // from the last edit to the first, so the earlier ones keep their place
  let value: string | undefined = scalarText(node);
  for (const { q, nth } of inBlock.sort((a, b) => b.q.start - a.q.start)) value = value === undefined ? undefined : replaceNth(value, q.edit.from, q.edit.to, nth);
  return value;
}

/** Applies placed edits (non-overlapping) to `text`, from the last to the first so offsets stay valid. */
export function applyPlaced(text: string, placed: readonly PlacedEdit[]): string {
  let result = text;
  for (const p of [...placed].sort((a, b) => b.start - a.start)) {
    result = result.slice(0, p.start) + p.edit.to + result.slice(p.start + p.edit.from.length);
  }
  return result;
}

/** Re-parses the edited YAML: each edited scalar must read as before with only `from` → `to`, and nothing may break. */
function verifyYaml(before: YamlIndex, after: string, placed: readonly PlacedEdit[]): string | undefined {
  const reparsed = indexYaml(after);
  if (reparsed.errors > before.errors || reparsed.scalars.length !== before.scalars.length) return 'the edited file would not parse the same';
  for (const p of placed) {
    const original = before.scalars.find(({ node }) => node.range && node.range[0] <= p.start && p.start < node.range[1]);
    if (!original?.node.range) return 'the edited value could not be found again';
    const originalStart = original.node.range[0];
    // Edits only change lengths inside their scalars, so a scalar's start moves by the edits before it.
    const shiftToScalar = placed.filter((q) => q.start < originalStart).reduce((sum, q) => sum + q.edit.to.length - q.edit.from.length, 0);
    const now = reparsed.scalars.find(({ node }) => node.range?.[0] === originalStart + shiftToScalar);
    const wanted = wantedValue(before.text, original.node, p, placed);
    if (!now || scalarText(now.node) !== wanted || now.node.type !== original.node.type) {
      return `"${p.edit.from}" → "${p.edit.to}" would not give the value "${wanted ?? ''}"`;
    }
  }
  return undefined;
}

export interface TextPlan {
  /** the text after the accepted edits (the input when none) */
  text: string;
  placed: PlacedEdit[];
  refused: { edit: TextEdit; reason: string }[];
}

/**
 * Places every edit for one file's text and proves the YAML ones by re-parsing. Identical edits (the same node
 * reported twice) collapse into one; edits that overlap another are refused rather than guessed at.
 */
export function planTextEdits(file: string, text: string, edits: readonly TextEdit[]): TextPlan {
  const refused: TextPlan['refused'] = [];
  const yaml = isYamlFile(file) ? indexYaml(text) : undefined;
  const lineStarts = yaml?.lineStarts ?? lineStartsOf(text);
  let placed: PlacedEdit[] = [];
  for (const edit of edits) {
    const placement = yaml ? placeInYaml(text, yaml, edit) : placeLiteral(text, lineStarts, edit);
    if (!placement.ok) { refused.push({ edit, reason: placement.reason }); continue; }
    const p = placement.placed;
    const same = placed.find((q) => q.start === p.start && q.edit.from === p.edit.from);
    if (same) {
      if (same.edit.to !== p.edit.to) refused.push({ edit, reason: `another finding wants "${same.edit.to}" here` });
      continue;
    }
    const overlaps = placed.some((q) => p.start < q.start + q.edit.from.length && q.start < p.start + p.edit.from.length);
    if (overlaps) { refused.push({ edit, reason: 'overlaps another edit in the same place' }); continue; }
    placed.push(p);
  }
  if (yaml && placed.length > 0) {
    // Prove each edit alone (so one bad edit cannot hide in the others), then all of them together.
    placed = placed.filter((p) => {
      const problem = verifyYaml(yaml, applyPlaced(text, [p]), [p]);
      if (problem) refused.push({ edit: p.edit, reason: problem });
      return !problem;
    });
    const problem = placed.length > 1 ? verifyYaml(yaml, applyPlaced(text, placed), placed) : undefined;
    if (problem) {
      for (const p of placed) refused.push({ edit: p.edit, reason: `together with the other edits in this file: ${problem}` });
      placed = [];
    }
  }
  placed.sort((a, b) => a.start - b.start);
  return { text: applyPlaced(text, placed), placed, refused };
}
