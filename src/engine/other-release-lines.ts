import type { Diagnostic, ImageUse, ManifestSet } from '../model/release.js';
import { isForAnotherReleaseLine, releaseLineOf } from '../model/release-lines.js';
import { folderNamesIn } from '../model/test-fixtures.js';
import type { Version } from '../model/version.js';
import { homeOfUse } from './test-fixtures.js';

/**
 * Manifests kept for another release line (kube-vip's `example/deploy/0.1.2.yaml`, kueue's `site/static/v0.18/`)
 * deploy that release on purpose: their image uses, charts and kustomize `images:` entries are set aside when a
 * release is checked, with one note, as test fixtures are. A `manifests:` glob that names the folder keeps it.
 */
export function setAsideOtherReleaseLines(manifests: ManifestSet, release: Version | null | undefined, globs: readonly string[] = []): ManifestSet {
  if (!release) return manifests;
  const named = folderNamesIn(globs);
  // decided once per file: a monorepo's 20,000 uses live in a few thousand files
  const decided = new Map<string, boolean>();
  const isOther = (file: string) => {
    let other = decided.get(file);
    if (other === undefined) {
      other = isForAnotherReleaseLine(file, release) && !file.split('/').some((part) => named.has(part.toLowerCase()));
      decided.set(file, other);
    }
    return other;
  };
  // (a folder as a path whose last part names no file)
  const pathOf = (use: ImageUse): string => {
    const home = homeOfUse(use);
    return home.folder !== undefined ? `${home.folder}/` : home.file;
  };
  const imageUses = manifests.imageUses.filter((use) => !isOther(pathOf(use)));
  const setAside = manifests.imageUses.length - imageUses.length;
  if (setAside === 0) return manifests;
  const lines = [...new Set(manifests.imageUses.map(pathOf).filter(isOther).map(releaseLineOf))].sort();
  const note: Diagnostic = {
    level: 'note',
    notChecked: setAside,
    message:
      `${setAside} image reference${setAside === 1 ? '' : 's'} in files kept for other release lines (${lines.join(', ')}) not checked against ` +
      `${release.tag}: they deploy those releases; name the folders in manifests: in .tagcheck.yaml to check them`,
  };
  return {
    ...manifests,
    imageUses,
    charts: manifests.charts.filter((chart) => !isOther(chart.file)),
    kustomizeOverrides: manifests.kustomizeOverrides.filter((entry) => !isOther(entry.file)),
    diagnostics: [note, ...manifests.diagnostics],
  };
}
