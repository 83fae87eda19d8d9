import { describe, it } from 'vitest';
import { registryPrerequisiteProblem } from './registry-server.js';

/**
 * `describe` for suites that need a real registry. When the machine lacks one, the suite fails with the
 * reason under CI=true (the real-registry tests must run there) and is skipped loudly elsewhere.
 */
export function describeWithRegistry(name: string, body: () => void): void {
  const problem = registryPrerequisiteProblem();
  if (!problem) {
    describe(name, body);
    return;
  }
  if (process.env.CI === 'true' || process.env.CI === '1') {
    describe(name, () => {
      it('needs a real registry', () => {
        throw new Error(`real registry unavailable under CI: ${problem}`);
      });
    });
    return;
  }
  console.warn(`\n!!! SKIPPING "${name}": ${problem}\n!!! (under CI=true this suite fails instead)\n`);
  describe.skip(name, body);
}
