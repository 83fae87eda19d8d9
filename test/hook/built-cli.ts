import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const binPath = join(repoRoot, 'bin/tagcheck.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * The hook runs bin/tagcheck.js, which loads dist/: `npm test` builds it first (pretest); a direct
 * `npx vitest run` after editing sources rebuilds here, so the end-to-end tests never run stale code.
 */
export function ensureBuilt(): void {
  const built = join(repoRoot, 'dist/tagcheck.cjs');
  const sources = Math.max(newestMtime(join(repoRoot, 'src')), newestMtime(join(repoRoot, 'rules')));
  if (!existsSync(built) || statSync(built).mtimeMs < sources) {
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: repoRoot, stdio: 'ignore' });
  }
}
