import { isUtf8 } from 'node:buffer';
import type { DocsSet, MarkdownReferences } from '../../model/docs.js';
import type { Diagnostic } from '../../model/release.js';
import { readLimited, readOrWarn, type FileReader } from '../manifests/manifest-bytes.js';
import type { TreeWalk } from '../file-walk.js';
import type { FactsCache } from '../manifests/facts-cache.js';
import { discoverMarkdown } from './discover.js';
import { markdownReferences, type MarkdownRead } from './markdown-facts.js';
import { markdownReferencesFrom } from './reference-facts.js';

/** Markdown above this size is skipped with a warning, as manifests are: docs are small, generated dumps are not. */
export const MAX_MARKDOWN_BYTES = 10 * 1024 * 1024;

export interface DocsOptions {
  root: string;
  /** config `docs:`; undefined means the default files, [] none */
  globs?: string[];
  reader?: FileReader;
  /** the facts cache (content-keyed, shared with the manifests); default: scan every file */
  cache?: FactsCache;
  /** the run's one walk of the tree (file-walk.ts sharedWalk); default: a walk of its own */
  walk?: TreeWalk;
}

/** Reads the project's Markdown into the versions its code names; every unreadable file is a diagnostic. */
export async function loadDocs(options: DocsOptions): Promise<DocsSet & { diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const found = await discoverMarkdown(options.root, options.globs, diagnostics, options.walk);
  const reader = options.reader ?? readLimited;
  const perFile: MarkdownReferences[] = new Array(found.length);
  const files: string[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < found.length) {
      const index = next++;
      const { file, absolute } = found[index];
      // a file whose status is the one the cache recorded with its facts is neither read nor hashed
      const unchanged = options.cache?.unchangedHash(absolute);
      const cached = unchanged === undefined ? undefined : options.cache!.getMarkdown(unchanged);
      if (cached) {
        files.push(file);
        perFile[index] = markdownReferencesFrom(cached, file);
        continue;
      }
      const read = await readMarkdown(absolute, file, reader, diagnostics);
      if (read === null) continue;
      files.push(file);
      perFile[index] = markdownReferences(read, file, options.cache, absolute);
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, found.length) }, worker));
  // in the order the files were found, as the references have always been
  const markdown = perFile.filter((references) => references !== undefined && references.at.length > 0);
  return { files: files.sort(), markdown, diagnostics };
}

async function readMarkdown(absolute: string, file: string, reader: FileReader, diagnostics: Diagnostic[]): Promise<MarkdownRead | null> {
  const read = await readOrWarn(reader, absolute, MAX_MARKDOWN_BYTES, file, diagnostics);
  if (read === null) return null;
  if (read.bytes === null) {
    const size = (read.size / 1024 / 1024).toFixed(1);
    diagnostics.push({ file, level: 'warning', message: `${size} MB, larger than the ${MAX_MARKDOWN_BYTES / 1024 / 1024} MB limit for Markdown; skipped` });
    return null;
  }
  if (read.bytes.subarray(0, 8192).includes(0)) {
    diagnostics.push({ file, level: 'warning', message: 'binary file, not Markdown; skipped' });
    return null;
  }
  if (!isUtf8(read.bytes)) {
    diagnostics.push({ file, level: 'warning', message: 'not valid UTF-8; skipped' });
    return null;
  }
  const bytes = read.bytes;
  // decoded only when the file is scanned (a cache hit needs the bytes alone); a byte-order mark is not a column
  const text = (): string => {
    const decoded = bytes.toString('utf8');
    return decoded.charCodeAt(0) === 0xfeff ? decoded.slice(1) : decoded;
  };
  return { bytes, text, ...(read.info ? { info: read.info } : {}) };
}
