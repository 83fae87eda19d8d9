import type { DocReference } from '../../model/docs.js';
import type { FactsCache } from '../manifests/facts-cache.js';
import { findDocReferences } from './references.js';

/**
 * What one Markdown file contributes, without its name: the references depend on the text alone, so they are
 * kept in the facts cache by content hash (a 5 MB README is hashed in ~3 ms and scanned in tens).
 *
 * Stored compactly, because an install guide can name 36,000 versions: each reference is a row of its shape (its
 * keys in order, `version.*` flattened, the file's place kept but not its name) and its values, a string as its index in `strings` (an integer ≥ 0), a
 * line or column n as -n, a flag as itself. A 5 MB guide's entry is then ~1 MB of JSON instead of 5.
 */
const FILE_KEY = 'version.file';

export interface MarkdownFacts {
  strings: string[];
  shapes: string[][];
  rows: Array<Array<number | boolean>>;
}

/**
 * The file's references, from the cache when its bytes are known there (the scan's result is then stored). The
 * text is decoded only for a scan: a cache hit on a 5 MB file then never builds a 5 MB string.
 */
export function markdownReferences(bytes: Buffer, text: () => string, file: string, cache: FactsCache | undefined): DocReference[] {
  if (!cache) return findDocReferences(text(), file);
  const hash = cache.hash(bytes);
  const known = cache.getMarkdown(hash);
  const hydrated = known && decodeMarkdownFacts(known, file);
  if (hydrated) return hydrated;
  const references = findDocReferences(text(), file);
  const facts = encodeMarkdownFacts(references);
  if (facts) cache.setMarkdown(hash, facts);
  return references;
}

/** The compact form, or undefined when a value does not fit it (then the file is simply not cached). */
export function encodeMarkdownFacts(references: DocReference[]): MarkdownFacts | undefined {
  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  const shapes: string[][] = [];
  const rows: MarkdownFacts['rows'] = [];
  const encode = (value: unknown, row: Array<number | boolean>): boolean => {
    if (typeof value === 'string') {
      let index = stringIndex.get(value);
      if (index === undefined) stringIndex.set(value, (index = strings.push(value) - 1));
      row.push(index);
    } else if (typeof value === 'boolean') row.push(value);
    else if (typeof value === 'number' && Number.isInteger(value) && value > 0) row.push(-value);
    else return false;
    return true;
  };
  // A reference's shape is found by comparing its keys with the few shapes seen (no string built per reference).
  const seen: Array<{ top: string[]; version: string[]; index: number }> = [];
  const matches = (shape: { top: string[]; version: string[] }, fields: Record<string, unknown>): boolean => {
    let i = 0;
    for (const key in fields) if (shape.top[i++] !== key) return false;
    if (i !== shape.top.length) return false;
    let j = 0;
    for (const name in fields.version as object) if (shape.version[j++] !== name) return false;
    return j === shape.version.length;
  };
  for (const reference of references) {
    const fields = reference as unknown as Record<string, unknown>;
    let shape = seen.find((candidate) => matches(candidate, fields));
    if (!shape) {
      const top = Object.keys(fields);
      const version = Object.keys(fields.version as object);
      if (!top.includes('version')) return undefined;
      shape = { top, version, index: shapes.push(top.flatMap((key) => (key === 'version' ? version.map((name) => `version.${name}`) : [key]))) - 1 };
      seen.push(shape);
    }
    const row: Array<number | boolean> = [shape.index];
    for (const key of shape.top) {
      if (key !== 'version') {
        if (!encode(fields[key], row)) return undefined;
        continue;
      }
      const version = fields.version as Record<string, unknown>;
      // the file is the one asked for on the way back: its key keeps its place, it has no value
      for (const name of shape.version) if (name !== 'file' && !encode(version[name], row)) return undefined;
    }
    rows.push(row);
  }
  return { strings, shapes, rows };
}

/** Fresh objects for this run (the engine sets `own` on them), or undefined when the entry is damaged. */
export function decodeMarkdownFacts(facts: MarkdownFacts, file: string): DocReference[] | undefined {
  const { strings, shapes, rows } = facts;
  // each shape's keys split once into where the value goes, not once per row
  const plans = shapes.map((keys) => (Array.isArray(keys) ? keys.map(planKey) : undefined));
  const references: DocReference[] = [];
  for (const row of rows) {
    const keys = Array.isArray(row) ? plans[row[0] as number] : undefined;
    if (!keys) return undefined;
    const reference: Record<string, unknown> = {};
    const version: Record<string, unknown> = {};
    let next = 1;
    for (const { name, inVersion, isFile } of keys) {
      let value: unknown;
      if (isFile) value = file;
      else {
        const encoded = row[next++];
        if (typeof encoded === 'boolean') value = encoded;
        else if (Number.isInteger(encoded) && encoded < 0) value = -encoded;
        else if (Number.isInteger(encoded) && encoded < strings.length) value = strings[encoded];
        else return undefined;
      }
      if (inVersion) {
        version[name] = value;
        reference.version ??= version;
      } else reference[name] = value;
    }
    if (next !== row.length || version.file !== file) return undefined;
    if (typeof version.value !== 'string' || typeof version.line !== 'number' || typeof version.column !== 'number' || typeof reference.kind !== 'string') return undefined;
    references.push(reference as unknown as DocReference);
  }
  return references;
}

const VERSION_PREFIX = 'version.';

function planKey(key: string): { name: string; inVersion: boolean; isFile: boolean } {
  const inVersion = key.startsWith(VERSION_PREFIX);
  return { name: inVersion ? key.slice(VERSION_PREFIX.length) : key, inVersion, isFile: key === FILE_KEY };
}

/** The shape check the cache file runs on read (a damaged entry drops the whole file). */
export function isMarkdownFacts(value: unknown): value is MarkdownFacts {
  const facts = value as MarkdownFacts | null;
  return (
    !!facts &&
    Array.isArray(facts.strings) &&
    facts.strings.every((s) => typeof s === 'string') &&
    Array.isArray(facts.shapes) &&
    facts.shapes.every((keys) => Array.isArray(keys) && keys.every((k) => typeof k === 'string')) &&
    Array.isArray(facts.rows) &&
    facts.rows.every((row) => Array.isArray(row) && row.length > 0 && typeof row[0] === 'number')
  );
}
