import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];
process.on('exit', () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/**
 * A new, empty folder for `XDG_CACHE_HOME`, for an environment handed to a spawned tagcheck: its facts cache
 * never lands in the repository or the user's ~/.cache, and no two runs share one. Removed when the test
 * process exits.
 */
export function freshCacheHome(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tagcheck-test-cache-'));
  made.push(dir);
  return dir;
}
