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
