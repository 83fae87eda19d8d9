import { createHash, randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isMarkdownFacts, type MarkdownFacts } from '../docs/reference-facts.js';
import type { FileFacts } from './file-facts.js';

/**
 * ESLint's `--cache`, for manifests: the facts of each plain manifest (file-facts.ts), keyed by the SHA-256 of
 * its bytes, so a warm run re-reads and hashes files but parses only what changed. One file per checked
 * repository (the name hashes its real path). It is never trusted blindly: a file from another tool version or
 * another build (build ids hash the sources, so a code change with the same version still misses), with a
 * checksum that does not match, or that does not parse is ignored whole; it is written to a temp file and
 * renamed, so concurrent runs each leave a complete file, never a mix.
 *
 * Markdown files (src/sources/docs) keep their version references in the same file, under `md:<hash>`: the two
 * kinds of facts come from different code, so a manifest's bytes that happen to equal a README's never share an entry.
 *
 * Format: line 1 a JSON header `{format, tool, build, sha256}`, line 2 the JSON entries (hash → facts); the
 * header's sha256 is that of line 2.
 */
export interface FactsCache {
  /** the key of a file's bytes (SHA-256) */
  hash(bytes: Uint8Array): string;
  get(hash: string): FileFacts | undefined;
  set(hash: string, facts: FileFacts): void;
  getMarkdown(hash: string): MarkdownFacts | undefined;
  setMarkdown(hash: string, facts: MarkdownFacts): void;
  /** Writes the entries used by this run (nothing when nothing changed); failures are ignored: it is a cache. */
  save(): Promise<void>;
  /** the cache file, for --verbose */
  readonly file: string;
}

const FORMAT = 1;
const MARKDOWN = 'md:';

type Entry = FileFacts | MarkdownFacts;

export interface FactsCacheOptions {
  /** the cache folder (cacheDirectory gives the default) */
  dir: string;
  /** the checked repository's real path */
  root: string;
  toolVersion: string;
  buildId: string;
}

/**
 * Where the cache lives: `$XDG_CACHE_HOME/tagcheck`; else `node_modules/.cache/tagcheck` in PATH when PATH has a
 * node_modules folder (find-cache-dir's convention); else `~/.cache/tagcheck` (the XDG default); else none.
 */
export function cacheDirectory(root: string, env: NodeJS.ProcessEnv): string | undefined {
  if (env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME)) return path.join(env.XDG_CACHE_HOME, 'tagcheck');
  const modules = path.join(root, 'node_modules');
  if (existsSync(modules) && statSync(modules).isDirectory()) return path.join(modules, '.cache', 'tagcheck');
  if (env.HOME && path.isAbsolute(env.HOME)) return path.join(env.HOME, '.cache', 'tagcheck');
  return undefined;
}

export function contentHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('base64url');
}

export async function openFactsCache(options: FactsCacheOptions): Promise<FactsCache> {
  const file = path.join(options.dir, `facts-${createHash('sha256').update(options.root).digest('hex').slice(0, 20)}.json`);
  const header = { format: FORMAT, tool: options.toolVersion, build: options.buildId };
  const stored = await readEntries(file, header);
  const used = new Map<string, Entry>();
  let changed = false;
  const lookup = (key: string): Entry | undefined => {
    const facts = stored.get(key) ?? used.get(key);
    if (facts) used.set(key, facts);
    return facts;
  };
  const store = (key: string, facts: Entry): void => {
    used.set(key, facts);
    changed = true;
  };
  return {
    file,
    hash: contentHash,
    get: (hash) => lookup(hash) as FileFacts | undefined,
    set: store,
    getMarkdown: (hash) => lookup(MARKDOWN + hash) as MarkdownFacts | undefined,
    setMarkdown: (hash, facts) => store(MARKDOWN + hash, facts),
    async save() {
      // Entries of files that are gone are dropped, so the file stays the size of the repository.
      if (!changed && used.size === stored.size) return;
      const body = JSON.stringify(Object.fromEntries(used));
      const text = `${JSON.stringify({ ...header, sha256: sha256(body) })}\n${body}`;
      const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      try {
        await mkdir(options.dir, { recursive: true });
        await writeFile(temp, text);
        await rename(temp, file);
      } catch {
        await rm(temp, { force: true }).catch(() => undefined);
      }
    },
  };
}

async function readEntries(file: string, expected: { format: number; tool: string; build: string }): Promise<Map<string, Entry>> {
  const empty = new Map<string, Entry>();
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return empty;
  }
  const newline = text.indexOf('\n');
  if (newline < 0) return empty;
  try {
    const header = JSON.parse(text.slice(0, newline)) as Record<string, unknown>;
    const body = text.slice(newline + 1);
    if (header.format !== expected.format || header.tool !== expected.tool || header.build !== expected.build) return empty;
    if (header.sha256 !== sha256(body)) return empty;
    const entries = JSON.parse(body) as unknown;
    if (!entries || typeof entries !== 'object' || Array.isArray(entries)) return empty;
    const map = new Map<string, Entry>();
    for (const [hash, facts] of Object.entries(entries as Record<string, unknown>)) {
      if (!(hash.startsWith(MARKDOWN) ? isMarkdownFacts(facts) : isFacts(facts))) return empty;
      map.set(hash, facts as Entry);
    }
    return map;
  } catch {
    return empty;
  }
}

function isFacts(value: unknown): value is FileFacts {
  const facts = value as FileFacts | null;
  return !!facts && Array.isArray(facts.containers) && Array.isArray(facts.diagnostics);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
