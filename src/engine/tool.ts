import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const TOOL_NAME = 'tagcheck';
export const TOOL_INFORMATION_URI = 'https://github.com/tagcheck/tagcheck';

let cachedVersion: string | undefined;

/**
 * The version from package.json. The module runs from `src/engine` under vitest and from `dist/src/engine`
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
