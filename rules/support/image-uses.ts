import type { TextEdit } from '../../src/model/finding.js';
import type { Position } from '../../src/model/located.js';
import type { HelmChart, ImageUse, Release, ReleaseModel } from '../../src/model/release.js';
import { isProjectChart } from '../../src/model/ownership.js';
import { releaseInConventionOf, sameVersion } from '../../src/model/version.js';
import { isPlaceholder } from './versions.js';

/** The node a user edits to change a use's tag: the `newTag`, the values `tag`, the `appVersion`, else the image. */
export function tagNode(use: ImageUse): Position {
  return use.tagAt ?? use.at;
}

export function positionKey(position: Position): string {
  return `${position.file}:${position.line}:${position.column}`;
}

/** One entry per edited node: a kustomize `newTag` reached by several resources is one thing to fix. */
export function uniqueByTagNode(uses: readonly ImageUse[]): ImageUse[] {
  const seen = new Set<string>();
  return uses.filter((use) => {
    const key = positionKey(tagNode(use));
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Whether a chart's versions are the project's (see src/model/ownership.ts). */
export { isProjectChart };

export interface AppVersionDrift {
  chart: HelmChart;
  appVersion: NonNullable<HelmChart['appVersion']>;
  expected: string;
}

/**
 * A project chart whose `appVersion` is not the release, under `same` semantics whatever `tagFormat` says:
 * `appVersion: 0.29.0` next to a `v0.29.0` git tag is Helm's common convention, not drift.
 */
export function appVersionDrift(chart: HelmChart, release: Release, model: ReleaseModel): AppVersionDrift | null {
  const appVersion = chart.appVersion;
  if (!appVersion || !isProjectChart(chart, model) || isPlaceholder(appVersion.value)) return null;
  if (release.version) {
    if (sameVersion(appVersion.value, release.version)) return null;
    return { chart, appVersion, expected: releaseInConventionOf(release.version, appVersion.value) };
  }
  // A release that is not a version can only be compared as text.
  return appVersion.value === release.tag ? null : { chart, appVersion, expected: release.tag };
}

/** The `appVersion` nodes chart-app-version-mismatch reports; other rules leave them alone (one node, one finding). */
export function appVersionDriftNodes(model: ReleaseModel): Set<string> {
  const keys = new Set<string>();
  if (!model.release) return keys;
  for (const chart of model.charts) {
    const drift = appVersionDrift(chart, model.release, model);
    if (drift) keys.add(positionKey(drift.appVersion));
  }
  return keys;
}

/**
 * The edit that sets a use's tag to `expected`, for `tagcheck fix`; undefined when no single edit is safe.
 * A reference pinned by digest is never rewritten: the digest decides what runs, and a new tag beside the old
 * digest would name an image that does not exist. A tag defaulted from the chart's `appVersion` is fixed there,
 * keeping the template's prefix (`v{{ .Chart.AppVersion }}`), when the expected tag carries the same prefix.
 */
export function tagFix(use: ImageUse, model: ReleaseModel, actual: string, expected: string): TextEdit | undefined {
  if (use.ref.digest !== undefined || actual === expected) return undefined;
  const at = positionOnly(tagNode(use));
  if (use.tagSource !== 'helm-app-version') return { at, from: actual, to: expected };
  const appVersion = model.charts.find((chart) => chart.dir === use.chart)?.appVersion?.value;
  if (appVersion === undefined || !actual.endsWith(appVersion)) return undefined;
  const prefix = actual.slice(0, actual.length - appVersion.length);
  if (!expected.startsWith(prefix) || expected.length === prefix.length) return undefined;
  return { at, from: appVersion, to: expected.slice(prefix.length) };
}

function positionOnly(position: Position): Position {
  return { file: position.file, line: position.line, column: position.column };
}
