import type { ManifestSet } from '../../model/release.js';

export interface ManifestOptions {
  root: string;
  /** globs relative to root; undefined means every *.yaml/*.yml outside .git, node_modules, vendor */
  globs?: string[];
}

/** Reads every manifest under root into image uses, charts, kustomize overrides and diagnostics. (stub: helper `manifests` replaces it) */
export async function loadManifests(_options: ManifestOptions): Promise<ManifestSet> {
  return { files: [], imageUses: [], charts: [], kustomizeOverrides: [], diagnostics: [] };
}
