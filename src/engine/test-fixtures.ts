import type { Diagnostic, ImageUse, ManifestSet } from '../model/release.js';
import { folderNamesIn, isTestFixtureDir as isFixtureDir, isTestFixturePath as isFixturePath, TEST_FIXTURE_DIRS } from '../model/test-fixtures.js';

/**
 * The files in test-fixture folders are read, so a deploy kustomization that reaches into one still builds, but
 * what they deploy is set aside: image uses whose build root or file is a fixture, charts and kustomize
 * `images:` entries in fixture folders. Their warnings (a deliberately broken testdata file) become notes, and
 * one note says what was set aside and how to check it anyway. A fixture folder that a `manifests:` glob names
 * (`test/**`, `e2e/*.yaml`) is checked like any other; `**` or `config/**` alone names none.
 */
export function setAsideTestFixtures(manifests: ManifestSet, globs: readonly string[] = []): ManifestSet {
  const named = folderNamesIn(globs);
  const isTestFixtureDir = (dir: string) => isFixtureDir(dir, named);
  const isTestFixturePath = (file: string) => isFixturePath(file, named);
  const fixtureUse = (use: ImageUse): boolean => {
    const home = homeOfUse(use);
    return home.folder !== undefined ? isTestFixtureDir(home.folder) : isTestFixturePath(home.file);
  };
  const imageUses = manifests.imageUses.filter((use) => !fixtureUse(use));
  const charts = manifests.charts.filter((chart) => !isTestFixturePath(chart.file));
  const kustomizeOverrides = manifests.kustomizeOverrides.filter((entry) => !isTestFixturePath(entry.file));
  const setAside = manifests.imageUses.length - imageUses.length;
  const chartsSetAside = manifests.charts.length - charts.length;
  const diagnostics: Diagnostic[] = manifests.diagnostics.map((d) =>
    d.level === 'warning' && d.file !== undefined && (isTestFixturePath(d.file) || isTestFixtureDir(d.file)) ? { ...d, level: 'note' } : d,
  );
  if (setAside + chartsSetAside > 0) {
    const what = [setAside > 0 ? plural(setAside, 'image reference') : '', chartsSetAside > 0 ? plural(chartsSetAside, 'chart') : '']
      .filter(Boolean)
      .join(' and ');
    diagnostics.unshift({
      level: 'note',
      notChecked: setAside,
      message:
        `${what} in test-fixture folders (${TEST_FIXTURE_DIRS.map((d) => `${d}/`).join(', ')}) not checked: ` +
        'they are test inputs, not what the release deploys; name the folders in manifests: in .tagcheck.yaml (e.g. test/**) to check them',
    });
  }
  return { ...manifests, imageUses, charts, kustomizeOverrides, diagnostics };
}

/**
 * What an image use belongs to when it is set aside: a kustomize use to its build's folder (the kustomization sorts
 * deploy builds first, so a base that a deploy overlay and a test overlay both reach is the deploy overlay's), a
 * chart's to its chart's folder, others to their file.
 */
export function homeOfUse(use: ImageUse): { folder: string; file?: undefined } | { folder?: undefined; file: string } {
  const folder = use.kustomization ?? use.chart;
  return folder !== undefined ? { folder } : { file: use.at.file };
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
