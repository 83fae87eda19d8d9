import { loadConfig } from '../../src/config/load.js';
import { resolveReleaseTag } from '../../src/sources/git/release-tag.js';
import { loadManifests } from '../../src/sources/manifests/index.js';
import { rules } from '../../rules/index.js';

/**
 * Whether other areas' work has landed on this branch, for end-to-end tests that need the real sources
 * and rules. Used only until their work is merged; once it is, the tests run unconditionally.
 */
export async function landed(root: string, ruleIds: string[]): Promise<boolean> {
  const haveRules = ruleIds.every((id) => rules.some((r) => r.id === id));
  const manifests = await loadManifests({ root });
  const release = await resolveReleaseTag({ root, flag: 'v1.0.0', env: {} });
  const config = await loadConfig(root).catch(() => null);
  return haveRules && manifests.imageUses.length > 0 && release !== null && config !== null;
}
