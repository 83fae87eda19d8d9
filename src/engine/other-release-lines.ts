import type { Diagnostic, ImageUse, ManifestSet } from '../model/release.js';
import { isForAnotherRelease, otherReleaseOf } from '../model/release-lines.js';
import { folderNamesIn } from '../model/test-fixtures.js';
import type { Version } from '../model/version.js';
import { homeOfUse } from './test-fixtures.js';

/**
 * Manifests kept for another release line (kube-vip's `example/deploy/0.1.2.yaml`, kueue's `site/static/v0.18/`),
 * or for another release of the checked one's line (csi-driver-nfs's `charts/v4.13.0/` at v4.13.4), deploy that
 * release on purpose: their image uses, charts and kustomize `images:` entries are set aside when a
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
      other = isForAnotherRelease(file, release) && !file.split('/').some((part) => named.has(part.toLowerCase()));
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
  const lines = [...new Set(manifests.imageUses.map(pathOf).filter(isOther).map((file) => otherReleaseOf(file, release)))].sort();
  // (a release's own folder of the same line is named by its whole version: `charts/v4.13.0/` at v4.13.4)
  const kept = lines.some((line) => line!.split('.').length === 3) ? 'other releases' : 'other release lines';
  const note: Diagnostic = {
    level: 'note',
    notChecked: setAside,
    message:
      `${setAside} image reference${setAside === 1 ? '' : 's'} in files kept for ${kept} (${lines.join(', ')}) not checked against ` +
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
