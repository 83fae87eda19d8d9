import type { DocReference } from '../../model/docs.js';
import type { Position } from '../../model/located.js';
import type { FactsCache } from '../manifests/facts-cache.js';
import { findDocReferences } from './references.js';

type WithoutFile<T> = T extends { version: infer V } ? Omit<T, 'version'> & { version: Omit<V, keyof Position> & Omit<Position, 'file'> } : never;

/**
 * What one Markdown file contributes, without its name: the references depend on the text alone, so they are
 * kept in the facts cache by content hash (a 5 MB README is hashed in a few ms and scanned in tens).
 */
export interface MarkdownFacts {
  references: Array<WithoutFile<DocReference>>;
}

/** The file's references, from the cache when its bytes are known there (the scan's result is then stored). */
export function markdownReferences(bytes: Buffer, text: string, file: string, cache: FactsCache | undefined): DocReference[] {
  if (!cache) return findDocReferences(text, file);
  const hash = cache.hash(bytes);
  const known = cache.getMarkdown(hash);
  if (known) return hydrate(known, file);
  const references = findDocReferences(text, file);
  cache.setMarkdown(hash, {
    references: references.map(({ version: { file: _file, ...version }, ...rest }) => ({ ...rest, version }) as WithoutFile<DocReference>),
  });
  return references;
}

/** Fresh objects for this run (the engine sets `own` on them; the cached entries stay as scanned). */
function hydrate(facts: MarkdownFacts, file: string): DocReference[] {
  return facts.references.map((reference) => ({ ...reference, version: { ...reference.version, file } }) as DocReference);
}
