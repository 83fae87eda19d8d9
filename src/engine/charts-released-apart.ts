import type { Diagnostic, HelmChart, ManifestSet, Release } from '../model/release.js';
import { folderNamesIn } from '../model/test-fixtures.js';
import { compareVersions, parseReleaseTag, parseVersion, type Version } from '../model/version.js';
import { isShallowClone, listTags } from '../sources/git/tags.js';

// Charts that are released on their own, apart from the app: chart-releaser's tags (`external-dns-helm-chart-1.10.1`)
// and projects that bump a chart only after its app's images are out (external-dns, metrics-server, descheduler,
// sealed-secrets, external-secrets, kwok, Reloader).

/**
 * The chart a tag releases, when the tag is chart-releaser's `<chart name>[-suffix]-<version>` and the version
 * is that chart's `version` (`external-dns-helm-chart-1.10.1` for a chart at 1.10.1 with appVersion 0.12.0), or a
 * `helm`/`chart` prefix and the version of a chart that is not its appVersion (`helm-chart-4.11.2`).
 */
const CHART_TAG_PREFIX = /(^|[-_/])(helm|charts?)([-_/]|$)/i;

export function chartReleasedBy(release: Release, charts: readonly HelmChart[]): (Release & { chart: string }) | undefined {
  const version = release.version;
  if (!version || version.tag === release.tag) return undefined;
  const prefix = release.tag.slice(0, release.tag.length - version.tag.length - 1);
  const chart = charts.find((c) => {
    const name = c.name?.value;
    const chartVersion = c.version ? parseVersion(c.version.value) : null;
    // named after the chart, or plainly a chart tag (`helm-chart-4.11.2` in ingress-nginx, `helm-v2.16.0` in
    // sealed-secrets) when the version is the chart's and not its app's
    const appVersion = c.appVersion ? parseVersion(c.appVersion.value) : null;
    const chartTag = CHART_TAG_PREFIX.test(prefix) && !(appVersion && compareVersions(appVersion, version) === 0);
    return !c.vendored && name && (prefix === name || prefix.startsWith(`${name}-`) || chartTag) && chartVersion && compareVersions(chartVersion, version) === 0;
  });
  return chart?.name ? { ...release, chart: chart.name.value } : undefined;
}

/** How many earlier releases are read, and how many of them must show the chart behind its app. */
const EARLIER_RELEASES = 3;
const EVIDENCE_NEEDED = 2;

/**
 * A chart whose appVersion is an earlier release than the one checked, and was an earlier release at each of the
 * last releases too (read from git at their tags), is released on its own: its next chart release moves it, and
 * that tag is where tagcheck checks it (chartReleasedBy). Its appVersion and its image uses are set aside with
 * one note, as files of other release lines are. A `manifests:` glob that names the chart's folder keeps it
 * checked; so does a chart that kept up with its app at any of those releases (then this one forgot it), and a
 * history too short to tell (a shallow clone: the note says so). Git is asked only when a chart lags.
 */
export async function setAsideChartsReleasedApart(manifests: ManifestSet, release: Release | null, historyRoot: string, globs: readonly string[] = []): Promise<ManifestSet> {
  const version = release?.version;
  if (!release || !version) return manifests;
  // (the chart's own folder: `charts/**` names every chart's parent, not one chart)
  const named = folderNamesIn(globs);
  const lagging = manifests.charts.filter(
    (chart) => !chart.vendored && isBehind(chart.appVersion?.value, version) && !named.has(chart.dir.slice(chart.dir.lastIndexOf('/') + 1).toLowerCase()),
  );
  if (lagging.length === 0) return manifests;
  const tags = await listTags(historyRoot);
  const earlier = earlierReleases(tags, release, version);
  if (earlier.length < EVIDENCE_NEEDED) {
    // a project's first releases cannot tell; a shallow clone cannot either, and the note says how to make it
    if (!(await isShallowClone(historyRoot))) return manifests;
    return { ...manifests, diagnostics: [...lagging.map((chart) => tooLittleHistory(chart, earlier)), ...manifests.diagnostics] };
  }
  // (the YAML parser loads here, only for a lagging chart: never on a plain check's start-up)
  const { chartAppVersionsAt } = await import('../sources/git/chart-history.js');
  const appVersions = await chartAppVersionsAt(historyRoot, lagging.flatMap((chart) => earlier.map((tag) => ({ revision: tag.tag, path: chart.file }))));
  const released = new Set(releasesTaggedAs(tags, release, version).map((at) => at.version.version));
  const apart = new Map<HelmChart, EarlierAppVersion[]>();
  lagging.forEach((chart, i) => {
    const seen = earlier.flatMap((tag, j) => {
      const appVersion = releaseIn(appVersions[i * earlier.length + j]);
      return appVersion ? [{ release: tag, appVersion }] : [];
    });
    if (wasBehindEachTime(chart, seen, released)) apart.set(chart, seen);
  });
  if (apart.size === 0) return manifests;
  const apartDirs = new Set([...apart.keys()].map((chart) => chart.dir));
  const notes = [...apart].map(([chart, seen]) => releasedApartNote(chart, seen, manifests.imageUses.filter((use) => use.chart === chart.dir).length, release, tags));
  return {
    ...manifests,
    imageUses: manifests.imageUses.filter((use) => use.chart === undefined || !apartDirs.has(use.chart)),
    // the chart stays (the docs' `helm install --version` is compared with its version); its appVersion is its own release's
    charts: manifests.charts.map((chart) => (apart.has(chart) ? withoutAppVersion(chart) : chart)),
    diagnostics: [...notes, ...manifests.diagnostics],
  };
}

/**
 * Whether the chart was behind its app at each earlier release read (two at least), each time naming a release of
 * the app, as now: an appVersion that names none (crossplane's `0.0.1`, which its build overwrites) is no release.
 */
function wasBehindEachTime(chart: HelmChart, seen: readonly EarlierAppVersion[], released: ReadonlySet<string>): boolean {
  const now = chart.appVersion ? parseVersion(chart.appVersion.value) : null;
  return (
    now !== null &&
    released.has(now.version) &&
    seen.length >= EVIDENCE_NEEDED &&
    seen.every((at) => released.has(at.appVersion.version) && compareVersions(at.appVersion, at.release.version) < 0)
  );
}

interface ReleaseAt {
  tag: string;
  version: Version;
}

interface EarlierAppVersion {
  release: ReleaseAt;
  appVersion: Version;
}

/** An appVersion that is a version before the release's (0.0.0 is a placeholder, not a release). */
function isBehind(appVersion: string | undefined, release: Version): boolean {
  const parsed = appVersion === undefined ? null : parseVersion(appVersion);
  return parsed !== null && !isZero(parsed) && compareVersions(parsed, release) < 0;
}

function isZero(version: Version): boolean {
  return version.semver.major === 0 && version.semver.minor === 0 && version.semver.patch === 0;
}

/** The last stable releases before `release`, newest first. */
function earlierReleases(tags: readonly string[], release: Release, version: Version): ReleaseAt[] {
  const before = releasesTaggedAs(tags, release, version).filter((at) => !at.version.prerelease && compareVersions(at.version, version) < 0);
  return before.sort((a, b) => compareVersions(b.version, a.version)).slice(0, EARLIER_RELEASES);
}

/** The tags that are releases tagged the way `release` is (`v1.2.3`, `controller-v1.2.3`). */
function releasesTaggedAs(tags: readonly string[], release: Release, version: Version): ReleaseAt[] {
  const prefix = release.tag.slice(0, release.tag.length - version.tag.length);
  const found: ReleaseAt[] = [];
  for (const tag of tags) {
    if (!tag.startsWith(prefix)) continue;
    const parsed = parseReleaseTag(tag);
    if (parsed && parsed.tag === tag.slice(prefix.length)) found.push({ tag, version: parsed });
  }
  return found;
}

/** An appVersion read at an earlier tag, when it names a release (not a placeholder, not 0.0.0). */
function releaseIn(appVersion: string | null): Version | null {
  const parsed = appVersion === null ? null : parseVersion(appVersion);
  return parsed && !isZero(parsed) ? parsed : null;
}

function withoutAppVersion(chart: HelmChart): HelmChart {
  const { appVersion: _released, ...rest } = chart;
  return rest;
}

function releasedApartNote(chart: HelmChart, seen: readonly EarlierAppVersion[], uses: number, release: Release, tags: readonly string[]): Diagnostic {
  const name = chart.name?.value ?? chart.dir;
  const appVersion = chart.appVersion!;
  const chartTag = tags.find((tag) => {
    const version = parseReleaseTag(tag);
    return version !== null && chartReleasedBy({ tag, version, source: release.source }, [chart]) !== undefined;
  });
  const history = seen.map((at) => `${at.appVersion.tag} at ${at.release.tag}`).join(', ');
  const images = uses > 0 ? ` and its ${uses === 1 ? 'image reference' : `${uses} image references`}` : '';
  return {
    file: appVersion.file,
    line: appVersion.line,
    column: appVersion.column,
    level: 'note',
    ...(uses > 0 ? { notChecked: uses } : {}),
    message:
      `Helm chart ${name} is released on its own${chartTag ? ` (tag ${chartTag})` : ''}: its appVersion was behind the app at the releases before too ` +
      `(${history}), so its appVersion ${appVersion.value}${images} are not checked against ${release.tag}; they are at its next chart release. ` +
      `If this release should bump it, name ${chart.dir} in manifests: in .tagcheck.yaml to check it`,
  };
}

/** A lagging chart in a clone without the earlier releases' tags: whether it is released on its own is not known. */
function tooLittleHistory(chart: HelmChart, earlier: readonly ReleaseAt[]): Diagnostic {
  const appVersion = chart.appVersion!;
  const found = earlier.length === 0 ? 'no earlier release tag' : `only one (${earlier[0].tag})`;
  return {
    file: appVersion.file,
    line: appVersion.line,
    column: appVersion.column,
    level: 'note',
    message:
      `whether Helm chart ${chart.name?.value ?? chart.dir} is released on its own (bumped after its app) is read from the earlier releases' tags, and this ` +
      `shallow clone has ${found}: fetch the tags (actions/checkout: fetch-depth: 0) to tell`,
  };
}
