import { closeSync, constants, fstatSync, lstatSync, openSync, readFileSync, realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { TagcheckConfig } from '../model/config.js';
import { InputError } from '../model/errors.js';
import type { ParseCount } from '../sources/parse-count.js';
import type { FactsCache } from '../sources/manifests/facts-cache.js';
import { CONFIG_FILE_NAMES, CONTRACT_RULE_IDS, EXTENSION_RULE_IDS, defaultConfig } from './defaults.js';

/** A config is a handful of lines; anything this large is a mistake, and is refused before parsing. */
const MAX_CONFIG_BYTES = 1024 * 1024;

/** Where a validated config is kept between runs, and the count of parsed files (--verbose). */
export interface ConfigLoadOptions {
  cache?: Pick<FactsCache, 'hash' | 'getConfig' | 'setConfig'>;
  count?: ParseCount;
}

/**
 * Loads and validates `.tagcheck.yaml` (or `.tagcheck.yml`) at `root`, or `explicitFile` (`--config`,
 * relative to the working directory, else to root). No config file means the defaults.
 * Throws InputError with one line `FILE:LINE:COL: problem` for anything that is not a valid config.
 * With a facts cache, a config whose bytes (under the same name) validated before is not parsed again: the
 * YAML parser (parse.ts) loads only when something must be parsed.
 */
export async function loadConfig(root: string, explicitFile?: string, options: ConfigLoadOptions = {}): Promise<TagcheckConfig> {
  const absoluteRoot = resolve(root);
  const path = explicitFile !== undefined ? locateExplicit(absoluteRoot, explicitFile) : findAtRoot(absoluteRoot);
  if (path === undefined) return defaultConfig();
  const file = displayName(absoluteRoot, path);
  // The config found at the root is repository content: like a manifest, it may not lead outside the root
  // (a symlink to ~/.git-credentials would otherwise be quoted in the error message). --config is the user's own.
  const bytes = readConfigBytes(path, file, explicitFile === undefined ? absoluteRoot : undefined);
  const { cache, count } = options;
  const hash = cache?.hash(bytes) ?? '';
  const known = cache?.getConfig(hash, file);
  count?.record(`config ${path}`, known !== undefined);
  if (known && 'config' in known) return known.config;
  const { parseConfig } = await import('./parse.js');
  // A byte order mark is not content: dropping it keeps columns as editors count them.
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  // Only a config that validated is kept: an invalid one ends the run (exit 2) before the cache is written.
  const config = parseConfig(text, file, await knownRuleIds());
  cache?.setConfig(hash, file, { config });
  return config;
}

function findAtRoot(root: string): string | undefined {
  for (const name of CONFIG_FILE_NAMES) {
    const candidate = resolve(root, name);
    if (exists(candidate)) return candidate;
  }
  return undefined;
}

function locateExplicit(root: string, explicitFile: string): string {
  if (explicitFile.trim() === '') throw new InputError('--config: expected a file name, got an empty string');
  const candidates = isAbsolute(explicitFile) ? [explicitFile] : [resolve(explicitFile), resolve(root, explicitFile)];
  for (const candidate of candidates) if (exists(candidate)) return candidate;
  // Named as the user would: relative to the checked root when it lies inside it (the CLI passes absolute paths).
  const inside = !relative(root, resolve(explicitFile)).startsWith('..');
  throw new InputError(`${isAbsolute(explicitFile) && inside ? displayName(root, explicitFile) : explicitFile}: config file not found`);
}

/**
 * lstat, so a dangling or looping symlink counts as present and is then reported, not silently skipped. The
 * config's few file operations are synchronous: each would otherwise be a thread-pool round trip at start-up.
 */
function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

function readConfigBytes(path: string, file: string, confineTo?: string): Buffer {
  try {
    if (confineTo !== undefined) {
      const inside = relative(realpathSync(confineTo), realpathSync(path));
      if (inside.startsWith('..') || isAbsolute(inside)) throw new InputError(`${file}: is a symbolic link to a file outside the checked directory; not read`);
    }
    // Non-blocking, then fstat: a FIFO named .tagcheck.yaml must not hang the run.
    const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    let bytes: Buffer;
    try {
      const info = fstatSync(fd);
      if (info.isDirectory()) throw new InputError(`${file}: is a directory, not a config file`);
      if (!info.isFile()) throw new InputError(`${file}: is not a regular file`);
      if (info.size > MAX_CONFIG_BYTES) throw new InputError(`${file}: config file is ${info.size} bytes, more than the ${MAX_CONFIG_BYTES} a config may have`);
      bytes = readFileSync(fd);
    } finally {
      closeSync(fd);
    }
    if (bytes.includes(0)) throw new InputError(`${file}: not a text file (contains NUL bytes)`);
    return bytes;
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${file}: cannot read the config file: ${describeIoError(error)}`);
  }
}

/** The rule ids a config may name: the contract's, plus any rule registered in rules/index.ts. */
async function knownRuleIds(): Promise<string[]> {
  const ids = new Set([...CONTRACT_RULE_IDS, ...EXTENSION_RULE_IDS]);
  try {
    const { rules } = await import('../../rules/index.js');
    for (const rule of rules) ids.add(rule.id);
  } catch {
    // The index is optional for validation: the contract's ids are always accepted.
  }
  return [...ids].sort();
}

/** Relative to root with `/` separators, as findings and messages name files. */
function displayName(root: string, path: string): string {
  const rel = relative(root, path);
  return (rel === '' ? path : rel).split(sep).join('/');
}

function describeIoError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOENT') return 'no such file (a dangling symbolic link?)';
  if (code === 'ELOOP') return 'symbolic link loop';
  return code ?? (error instanceof Error ? error.message.split('\n')[0] : String(error));
}
