import type { DistinctDocReference, DocReference, GitReferenceShape, MarkdownReferences } from '../../model/docs.js';

/**
 * What one Markdown file's code names, without the file's name: the scan's result, and the form the facts cache
 * keeps by content hash (src/sources/manifests/facts-cache.ts). An install guide names the same few references
 * thousands of times, so each distinct reference is kept once, as a tuple, and each occurrence is three numbers:
 * no object per occurrence (the model keeps this form, `markdownReferencesFrom`), and a 5 MB guide's 36,000
 * references are a few hundred kilobytes of JSON.
 */
export interface MarkdownFacts {
  /** each distinct reference once, without its place */
  references: ReferenceTuple[];
  /**
   * the occurrences in document order, three numbers each: the index in `references`, the line as the difference
   * from the previous occurrence's line (the first one's from 0), the column (both as in DocReference)
   */
  at: number[];
}

export type ReferenceTuple =
  | [kind: 'image', repository: string, written: string, tag: string]
  | [kind: 'image', repository: string, written: string, tag: string, digest: string]
  | [kind: 'git-ref', shape: GitReferenceShape, repository: string, ref: string]
  | [kind: 'helm-chart', chart: string, written: string, version: string];

/**
 * The references of `file` as the model groups them: the distinct references are fresh objects for this run (the
 * engine decides `own` on them); the occurrences are the facts' own numbers, only read from here on.
 */
export function markdownReferencesFrom(facts: MarkdownFacts, file: string): MarkdownReferences {
  return { file, references: facts.references.map(distinctReferenceOf), at: facts.at };
}

/** Every occurrence of `file` as a DocReference of its own (the scan's tests and tools; the check never builds them). */
export function referencesFrom(facts: MarkdownFacts, file: string): DocReference[] {
  const { references: tuples, at } = facts;
  const references: DocReference[] = new Array(at.length / 3);
  let line = 0;
  for (let i = 0; i < at.length; i += 3) {
    const tuple = tuples[at[i]];
    line += at[i + 1];
    references[i / 3] = { ...distinctReferenceOf(tuple), version: { value: tuple[3], file, line, column: at[i + 2] } } as DocReference;
  }
  return references;
}

function distinctReferenceOf(tuple: ReferenceTuple): DistinctDocReference {
  switch (tuple[0]) {
    case 'image':
      return tuple.length === 5
        ? { kind: 'image', repository: tuple[1], written: tuple[2], version: tuple[3], digest: tuple[4], own: false }
        : { kind: 'image', repository: tuple[1], written: tuple[2], version: tuple[3], own: false };
    case 'git-ref':
      return { kind: 'git-ref', shape: tuple[1], repository: tuple[2], version: tuple[3], own: false };
    case 'helm-chart':
      return { kind: 'helm-chart', chart: tuple[1], written: tuple[2], version: tuple[3] };
  }
}

const SHAPES: readonly string[] = ['kustomize-ref', 'release-download', 'raw-content', 'archive', 'go-module'] satisfies GitReferenceShape[];

/** The check the cache file runs on read: every tuple and every occurrence (a damaged entry drops the whole file). */
export function isMarkdownFacts(value: unknown): value is MarkdownFacts {
  const facts = value as MarkdownFacts | null;
  if (!facts || !Array.isArray(facts.references) || !facts.references.every(isReferenceTuple)) return false;
  const { at } = facts;
  if (!Array.isArray(at) || at.length % 3 !== 0) return false;
  for (let i = 0; i < at.length; i += 3) {
    const index = at[i];
    const lineStep = at[i + 1];
    const column = at[i + 2];
    if (!Number.isInteger(index) || index < 0 || index >= facts.references.length) return false;
    if (!Number.isInteger(lineStep) || lineStep < (i === 0 ? 1 : 0) || !Number.isInteger(column) || column < 1) return false;
  }
  return true;
}

function isReferenceTuple(value: unknown): value is ReferenceTuple {
  if (!Array.isArray(value) || !value.every((field) => typeof field === 'string')) return false;
  switch (value[0]) {
    case 'image':
      return value.length === 4 || value.length === 5;
    case 'git-ref':
      return value.length === 4 && SHAPES.includes(value[1] as string);
    case 'helm-chart':
      return value.length === 4;
    default:
      return false;
  }
}
