import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { bodyChecksum } from '../../src/sources/manifests/facts-cache.js';

/** After concurrent runs: exactly one cache file under CACHE_HOME/tagcheck, no temp file left, its checksum right. */
export function expectOneWholeCacheFile(cacheHome: string): void {
  const names = readdirSync(join(cacheHome, 'tagcheck'));
  expect(names.filter((name) => name.endsWith('.tmp'))).toEqual([]);
  expect(names).toHaveLength(1);
  const text = readFileSync(join(cacheHome, 'tagcheck', names[0]), 'utf8');
  const newline = text.indexOf('\n');
  expect(JSON.parse(text.slice(0, newline)).checksum).toBe(bodyChecksum(text.slice(newline + 1)));
}
