import type { Stats } from 'node:fs';
import type { MarkdownReferences } from '../../model/docs.js';
import type { FactsCache } from '../manifests/facts-cache.js';
import { markdownReferencesFrom } from './reference-facts.js';
import { scanDocReferences } from './references.js';

/** A Markdown file as read: its bytes, its text decoded on demand, and the status it was read with. */
export interface MarkdownRead {
  bytes: Buffer;
  text: () => string;
  info?: Stats;
}

/**
 * The file's references, from the cache when its bytes are known there (the scan's result is then stored). They
 * depend on the text alone, so they are kept by content hash (a 5 MB README is hashed in ~3 ms and scanned in
 * tens). The text is decoded only for a scan: a cache hit on a 5 MB file never builds a 5 MB string. The file's
 * status is recorded with the hash, so that the next run can skip reading it at all while it stays unchanged.
 */
export function markdownReferences({ bytes, text, info }: MarkdownRead, file: string, cache: FactsCache | undefined, absolute: string): MarkdownReferences {
  if (!cache) return markdownReferencesFrom(scanDocReferences(text()), file);
  const hash = cache.hash(bytes);
  if (info) cache.recordStatus(absolute, info, hash);
  let facts = cache.getMarkdown(hash);
  if (!facts) {
    facts = scanDocReferences(text());
    cache.setMarkdown(hash, facts);
  }
  return markdownReferencesFrom(facts, file);
}
