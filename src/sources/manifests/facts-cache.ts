// Synchronous on purpose: one read at the start and one write at the end, where an async round trip per call
// only adds start-up time (nothing else runs meanwhile that the event loop would serve).
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
import path from 'node:path';
import type { TagcheckConfig } from '../../model/config.js';
import { isMarkdownFacts, type MarkdownFacts } from '../docs/reference-facts.js';
import { sha256, sha256Hex } from '../sha256.js';
import { isFileFacts, isReadFacts, type FileFacts, type KeptData, type KeptKind, type ReadFacts } from './facts.js';

/**
 * ESLint's `--cache`, for manifests: the facts of each plain manifest (file-facts.ts), keyed by the SHA-256 of
 * its bytes, so a warm run re-reads and hashes files but parses only what changed. One file per checked
 * repository (the name hashes its real path). It is never trusted blindly: a file from another tool version or
 * another build (build ids hash the sources, so a code change with the same version still misses), with a
 * checksum that does not match, or that does not parse is ignored whole; it is written to a temp file and
 * renamed, so concurrent runs each leave a complete file, never a mix.
 *
 * Markdown files (src/sources/docs) keep their version references in the same file, under `md:<hash>`, and the
 * files kustomize and Helm read keep their data under a prefix of their kind (`k:`, `chart:`, `values:`, `patch:`):
 * each kind of facts comes from different code, so a manifest's bytes that happen to equal a README's never
 * share an entry. The config keeps its validated result under `config:<hash>:<file>` (its name is in it).
 *
 * Format: line 1 a JSON header `{format, tool, build, checksum}`, line 2 the JSON entries (hash → facts); the
 * header's checksum is bodyChecksum of line 2.
 */
export interface FactsCache {
  /** the key of a file's bytes (SHA-256) */
  hash(bytes: Uint8Array): string;
  get(hash: string): FileFacts | undefined;
  set(hash: string, facts: FileFacts): void;
  getMarkdown(hash: string): MarkdownFacts | undefined;
  setMarkdown(hash: string, facts: MarkdownFacts): void;
  /**
   * The hash a run recorded for the file at this absolute path, when its status (size, mtime, ctime, inode,
   * device) is still the recorded one: the file is then not read at all (git's index does the same). Undefined
   * for a file that is not a regular file or cannot be stat'ed: the read reports it.
   */
  unchangedHash(absolute: string): string | undefined;
  /**
   * Records a file's status with the hash of the bytes read after it, unless it changed in the last 2 s: a write
   * in the same timestamp tick would not change it (git's "racy" files), and any later write changes its ctime.
   */
  recordStatus(absolute: string, info: Stats, hash: string): void;
  getKept<K extends KeptKind>(kind: K, hash: string): ReadFacts<KeptData[K]> | undefined;
  setKept<K extends KeptKind>(kind: K, hash: string, facts: ReadFacts<KeptData[K]>): void;
  /** the config validated from these bytes under this name */
  getConfig(hash: string, file: string): ConfigEntry | undefined;
  setConfig(hash: string, file: string, entry: ConfigEntry): void;
  /** Writes the entries used by this run (nothing when nothing changed); failures are ignored: it is a cache. */
  save(): Promise<void>;
  /** the cache file, for --verbose */
  readonly file: string;
}

/** A validated config (an invalid one ends the run before the cache is written, so it is never kept). */
export type ConfigEntry = { config: TagcheckConfig };

const FORMAT = 2;
const MARKDOWN = 'md:';
const CONFIG = 'config:';
const STATUS = 'stat:';
/** A status younger than this is not recorded (timestamps are as coarse as 2 s on some file systems). */
const RACY_MS = 2000;
const KEPT: Record<KeptKind, string> = { kustomization: 'k:', chart: 'chart:', values: 'values:', patch: 'patch:' };
const KEPT_BY_PREFIX = new Map(Object.entries(KEPT).map(([kind, prefix]) => [prefix, kind as KeptKind]));

/** size, mtimeMs, ctimeMs, inode, device, then the hash of the bytes */
type StatusEntry = [number, number, number, number, number, string];

type Entry = FileFacts | MarkdownFacts | ReadFacts<unknown> | ConfigEntry | StatusEntry;

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
  return sha256(bytes).toString('base64url');
}

/**
 * The checksum that tells a damaged cache file (a flipped bit, a hand edit, a partial overwrite) from a good one.
 * It runs over the whole cache on every run, so it is chosen by the body's length (which writer and reader share):
 * a long body gets SHA-256 from node:crypto, the fastest there is; a short one, a small repository's KB or two,
 * gets cyrb53, because loading node:crypto or SHA-256 in JavaScript (which wakes V8's optimizing compiler, ~4 ms
 * on 2 cores) would cost more than the rest of such a check's cache (issue 12: start-up).
 */
export function bodyChecksum(text: string): string {
  return text.length <= SHORT_BODY ? cyrb53(text) : sha256Hex(text);
}

/** Past this many UTF-16 units cyrb53, not yet optimized in a fresh process, is slower than loading node:crypto. */
const SHORT_BODY = 64 * 1024;

/**
 * 53 bits from two multiplicative lanes over the text's UTF-16 units (cyrb53, public domain): a damaged body
 * passes about once in 9·10^15.
 */
function cyrb53(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ unit, 2654435761);
    h2 = Math.imul(h2 ^ unit, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

export async function openFactsCache(options: FactsCacheOptions): Promise<FactsCache> {
  const file = path.join(options.dir, `facts-${sha256Hex(options.root).slice(0, 20)}.json`);
  const header = { format: FORMAT, tool: options.toolVersion, build: options.buildId };
  const stored = readEntries(file, header);
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
    unchangedHash(absolute) {
      const recorded = lookup(STATUS + absolute) as StatusEntry | undefined;
      if (!recorded) return undefined;
      let info: Stats | undefined;
      try {
        info = statSync(absolute, { throwIfNoEntry: false });
      } catch {
        return undefined;
      }
      if (!info?.isFile()) return undefined;
      const status = statusOf(info);
      return status.every((value, i) => value === recorded[i]) ? recorded[5] : undefined;
    },
    recordStatus(absolute, info, hash) {
      const now = Date.now();
      if (now - info.ctimeMs < RACY_MS || now - info.mtimeMs < RACY_MS) return;
      const key = STATUS + absolute;
      const entry: StatusEntry = [...statusOf(info), hash];
      const known = stored.get(key) as StatusEntry | undefined;
      // the same record again is no change: a warm run writes nothing
      if (known && known.every((value, i) => value === entry[i])) used.set(key, known);
      else store(key, entry);
    },
    getKept: <K extends KeptKind>(kind: K, hash: string) => lookup(KEPT[kind] + hash) as ReadFacts<KeptData[K]> | undefined,
    setKept: (kind, hash, facts) => store(KEPT[kind] + hash, facts),
    getConfig: (hash, file) => lookup(`${CONFIG}${hash}:${file}`) as ConfigEntry | undefined,
    setConfig: (hash, file, entry) => store(`${CONFIG}${hash}:${file}`, entry),
    async save() {
      // Entries of files that are gone are dropped, so the file stays the size of the repository.
      if (!changed && used.size === stored.size) return;
      const body = JSON.stringify(Object.fromEntries(used));
      const text = `${JSON.stringify({ ...header, checksum: bodyChecksum(body) })}\n${body}`;
      const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`;
      try {
        mkdirSync(options.dir, { recursive: true });
        writeFileSync(temp, text);
        renameSync(temp, file);
      } catch {
        try {
          rmSync(temp, { force: true });
        } catch {
          // a cache that cannot be written is no cache
        }
      }
    },
  };
}

function readEntries(file: string, expected: { format: number; tool: string; build: string }): Map<string, Entry> {
  const empty = new Map<string, Entry>();
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return empty;
  }
  const newline = text.indexOf('\n');
  if (newline < 0) return empty;
  try {
    const header = JSON.parse(text.slice(0, newline)) as Record<string, unknown>;
    const body = text.slice(newline + 1);
    if (header.format !== expected.format || header.tool !== expected.tool || header.build !== expected.build) return empty;
    if (header.checksum !== bodyChecksum(body)) return empty;
    const entries = JSON.parse(body) as unknown;
    if (!entries || typeof entries !== 'object' || Array.isArray(entries)) return empty;
    const map = new Map<string, Entry>();
    for (const [key, facts] of Object.entries(entries as Record<string, unknown>)) {
      if (!isEntry(key, facts)) return empty;
      map.set(key, facts as Entry);
    }
    return map;
  } catch {
    return empty;
  }
}

/** Each entry has the shape of its kind (the key's prefix), or the whole file is dropped. */
function isEntry(key: string, value: unknown): boolean {
  const colon = key.indexOf(':');
  if (colon < 0) return isFileFacts(value);
  const prefix = key.slice(0, colon + 1);
  if (prefix === MARKDOWN) return isMarkdownFacts(value);
  if (prefix === CONFIG) return isConfigEntry(value);
  if (prefix === STATUS) return Array.isArray(value) && value.length === 6 && value.slice(0, 5).every((n) => typeof n === 'number') && typeof value[5] === 'string';
  const kind = KEPT_BY_PREFIX.get(prefix);
  return kind !== undefined && isReadFacts(kind, value);
}

function statusOf(info: Stats): [number, number, number, number, number] {
  return [info.size, info.mtimeMs, info.ctimeMs, info.ino, info.dev];
}

function isConfigEntry(value: unknown): value is ConfigEntry {
  const entry = value as Record<string, unknown> | null;
  if (!entry || typeof entry !== 'object') return false;
  const config = entry.config as Record<string, unknown> | null;
  return !!config && typeof config === 'object' && Array.isArray(config.images) && Array.isArray(config.components) && Array.isArray(config.platforms) && Array.isArray(config.ignore);
}
