import type { TagcheckConfig } from '../model/config.js';

/** Loads and validates `.tagcheck.yaml`; throws InputError naming the file and key. (stub: helper `cfggit` replaces it) */
export async function loadConfig(_root: string, _explicitFile?: string): Promise<TagcheckConfig> {
  return {
    images: [], components: [], tagFormat: 'same', platforms: [], latest: 'required',
    mutableTags: ['latest', 'main', 'master', 'dev', 'edge', 'nightly'], rules: {}, registries: {}, ignore: [],
  };
}
