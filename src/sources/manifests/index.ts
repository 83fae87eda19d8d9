import { realpathSync } from 'node:fs';
import type { Diagnostic, ImageUse, ManifestSet } from '../../model/release.js';
import type { TreeWalk } from '../file-walk.js';
import { discoverFiles } from './discover.js';
import { inChartTemplates, isChartFile, isChartTemplateFile, loadCharts } from './helm.js';
import { compareUses, makeImageUse } from './image-use.js';
import { isKustomizationFile, KustomizeBuilder } from './kustomize.js';
import { dirOf, joinPath, Workspace, type FileKind, type ParseOptions } from './workspace.js';

export interface ManifestOptions {
  root: string;
  /** globs relative to root; undefined means every *.yaml/*.yml outside .git, node_modules, vendor */
  globs?: string[];
  /** the facts cache and worker threads for plain manifests; default: no cache, this thread only */
  parse?: ParseOptions;
  /** the run's one walk of the tree (file-walk.ts sharedWalk); default: a walk of its own */
  walk?: TreeWalk;
}

/**
 * Reads every manifest under root into image uses, charts, kustomize overrides and diagnostics.
 * Each file is parsed once; chart templates are never parsed as YAML; nothing here throws on bad input.
 *
 * What an ImageUse means (rules rely on this):
 * - `ref` is the effective reference: after kustomize `images:` and patches, after the Helm appVersion default.
 * - `tagAt` is the node that decides the tag (or digest): the image string (`inline`), a `newTag`/`digest`
 *   (`kustomize`), a values `tag`/`digest` or a `repo:tag` values string (`helm-values`), Chart `appVersion`
 *   (`helm-app-version`). With neither tag nor digest: `tagSource: 'none'` and `tagAt` = `at`.
 * - `at` names the image: the `image:` value, a kustomize `newName`, the values `repository`.
 * - kind `kustomize` when an `images:` entry changed the reference; resources of kustomizations otherwise stay
 *   `workload` uses. One use per (effective image, deciding node): a base reached from two overlays is one use,
 *   and an untagged resource image that every build retags is no use of its own.
 */
export async function loadManifests(options: ManifestOptions): Promise<ManifestSet> {
  const diagnostics: Diagnostic[] = [];
  const realRoot = realpathSync.native(options.root);
  const found = await discoverFiles(options.root, options.globs, diagnostics, options.walk);
  const chartFiles = found.map((entry) => entry.file).filter(isChartFile);
  // A chart whose Chart.yaml is generated at release time (`Chart.yaml.tmpl`) still has Go templates under templates/.
  const chartDirs = new Set([...chartFiles, ...found.map((entry) => entry.file).filter(isChartTemplateFile)].map(dirOf));
  const valuesFiles = new Set([...chartDirs].map((dir) => joinPath(dir, 'values.yaml')));
  const kindOf = (file: string): FileKind => (isKustomizationFile(file) ? 'kustomization' : isChartFile(file) ? 'chart' : valuesFiles.has(file) ? 'values' : 'manifest');
  const workspace = new Workspace(options.root, realRoot, diagnostics, kindOf, options.parse);
  const toParse = found.filter((entry) => {
    if (isChartTemplateFile(entry.file)) {
      diagnostics.push({ file: entry.file, level: 'note', message: `a template for Chart.yaml filled in at release time; its versions are not checked` });
      return false;
    }
    return !inChartTemplates(entry.file, chartDirs);
  });
  await workspace.parseAll(toParse);

  const kustomize = new KustomizeBuilder(workspace);
  const built = await kustomize.run(toParse.map((entry) => entry.file).filter(isKustomizationFile));
  const helm = await loadCharts(workspace, chartFiles, found.map((entry) => entry.file).filter(isChartTemplateFile));

  const imageUses: ImageUse[] = [...built.uses, ...helm.uses];
  for (const entry of toParse) {
    const file = entry.file;
    // Resources of a kustomization are reported through its builds; Chart.yaml and values.yaml are not workloads.
    if (kustomize.reachedFiles.has(file) || isKustomizationFile(file) || isChartFile(file) || valuesFiles.has(file)) continue;
    for (const container of await workspace.containersOf(file)) {
      const use = makeImageUse({ image: container.image, kind: 'workload', at: container.at, tagAt: container.at, tagSource: 'inline' }, diagnostics);
      if (use) imageUses.push(use);
    }
  }
  return {
    files: [...workspace.files].sort(),
    imageUses: imageUses.sort(compareUses),
    charts: helm.charts,
    kustomizeOverrides: built.overrides,
    diagnostics: dedupeDiagnostics(diagnostics),
  };
}

/** A file reached twice (by globs and as a resource) is reported once; files are read in parallel, so sort. */
function dedupeDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  const fileOf = (d: Diagnostic) => d.file ?? '';
  const sorted = [...diagnostics].sort((a, b) => (fileOf(a) < fileOf(b) ? -1 : fileOf(a) > fileOf(b) ? 1 : (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0)));
  return sorted.filter((d) => {
    const key = `${d.file}|${d.line}|${d.column}|${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
