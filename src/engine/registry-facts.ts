import type { RegistryFacts } from '../model/registry.js';
import type { ReleaseModel } from '../model/release.js';
import type { RegistrySource } from '../sources/registry/source.js';

/** Asks the registry what the registry rules need, once each, in parallel. (stub: helper `regrules` replaces it) */
export async function gatherRegistryFacts(_model: ReleaseModel, _source: RegistrySource): Promise<RegistryFacts> {
  return { tagList: () => undefined, tag: () => undefined };
}
