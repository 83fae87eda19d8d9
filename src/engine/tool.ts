import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256Hex } from '../sources/sha256.js';

export const TOOL_NAME = 'tagcheck';
export const TOOL_INFORMATION_URI = 'https://github.com/tagcheck/tagcheck';

let cachedVersion: string | undefined;
let cachedBuildId: string | undefined;

/** Compiled in by scripts/bundle.mjs: a hash of the sources, rules, lockfile and bundle script. */
declare const __TAGCHECK_BUILD_ID__: string | undefined;

/**
 * The version from package.json. The module runs from `src/engine` under vitest and from `dist/tagcheck.cjs`
 * once built, so it walks up to the package root instead of assuming a depth.
 */
export function toolVersion(): string {
  if (cachedVersion !== undefined) return cachedVersion;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 6; depth++) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      try {
        const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
        if (pkg.name === TOOL_NAME && pkg.version) return (cachedVersion = pkg.version);
      } catch {
        // a broken package.json further up is not ours; keep looking
      }
    }
    dir = dirname(dir);
  }
  return (cachedVersion = '0.0.0');
}

/**
 * Which build of tagcheck this is, beyond its version: the facts cache is keyed by it, because engineers change
 * the code while the version stays the same. The bundle has it compiled in; run from sources (tests), it is the
 * hash of src/, rules/ and the lockfile as they are now; with neither, a fresh id per process (the cache then
 * never hits).
 */
export function buildId(): string {
  if (cachedBuildId !== undefined) return cachedBuildId;
  if (typeof __TAGCHECK_BUILD_ID__ === 'string') return (cachedBuildId = __TAGCHECK_BUILD_ID__);
  const root = packageRoot();
  const parts: Buffer[] = [];
  let hashed = 0;
  for (const folder of ['src', 'rules']) {
    const dir = root ? join(root, folder) : undefined;
    if (!dir || !existsSync(dir)) continue;
    const files = readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath ?? entry.path, entry.name))
      .sort();
    for (const file of files) {
      parts.push(Buffer.from(`${file.slice(root!.length)}\0`), readFileSync(file), Buffer.from('\0'));
      hashed++;
    }
  }
  // the lockfile pins yaml, whose parse the cached facts come from
  const lockfile = root ? join(root, 'package-lock.json') : undefined;
  if (lockfile && existsSync(lockfile)) parts.push(readFileSync(lockfile));
  const fresh = () => `${Date.now().toString(16)}${Math.random().toString(16).slice(2, 10)}`;
  return (cachedBuildId = hashed > 0 ? `src-${sha256Hex(Buffer.concat(parts)).slice(0, 16)}` : `run-${fresh()}`);
}

/** The folder holding tagcheck's own package.json, found by walking up from this module. */
function packageRoot(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 6; depth++) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      try {
        if ((JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name === TOOL_NAME) return dir;
      } catch {
        // not ours
      }
    }
    dir = dirname(dir);
  }
  return undefined;
}
