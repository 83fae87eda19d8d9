import type { DocGitReference, DocHelmReference, DocImageReference } from '../src/model/docs.js';
import type { ReportInput, RuleContext } from '../src/model/rule.js';
import { defineRule } from '../src/model/rule.js';
import type { Release } from '../src/model/release.js';
import { compareVersions, expectedReleaseImageTag, parseReleaseTag, parseVersion, releaseInConventionOf, type Version } from '../src/model/version.js';
import { isProjectChart } from './support/image-uses.js';

/** Install instructions in Markdown that name an older version than the release. */
export default defineRule({
  id: 'docs-version-stale',
  scope: 'manifests',
  level: 'warning',
  summary: 'Install instructions in Markdown must not name an older version than the release',
  description:
    'Fenced code blocks and inline code in the project\'s Markdown (README.md, docs/; release notes excepted) that ' +
    'name one of the project\'s own images (`ghcr.io/acme/app:v1.2.2`), a kustomize remote `?ref=` of this ' +
    'repository, a `releases/download/TAG/`, raw.githubusercontent.com or `archive/refs/tags/` URL or a ' +
    '`go install …@TAG` of this repository, or ' +
    '`helm install|upgrade … --version` of one of its charts, at a version older than the release (for charts, ' +
    'older than the chart\'s `version`). Newer versions, placeholders, branch refs and third-party images are not findings.',
  remediation: 'Replace the version at the reported place with the release (`tagcheck fix` does it), or write a placeholder such as `vX.Y.Z` in examples that should not follow releases.',
  check(context) {
    const docs = context.model.docs;
    if (!docs) return;
    // An install guide names the same few versions thousands of times: each distinct text is parsed and compared
    // with the release once per run, not once per reference.
    const older = { image: new Map<string, boolean>(), gitRef: new Map<string, boolean>(), helm: new Map<string, Version | null>() };
    for (const reference of docs.references) {
      if (reference.kind === 'image') checkImage(reference, context, older.image);
      else if (reference.kind === 'git-ref') checkGitRef(reference, context, older.gitRef);
      else checkHelm(reference, context, older.helm);
    }
  },
});

/** `compute(key)`, remembered in `known`. */
function remembered<T>(known: Map<string, T>, key: string, compute: () => T): T {
  if (!known.has(key)) known.set(key, compute());
  return known.get(key) as T;
}

function checkImage(reference: DocImageReference, { model, report }: RuleContext, older: Map<string, boolean>): void {
  const release = model.release;
  if (!reference.own || !release?.version) return;
  const actual = reference.version.value;
  const releaseVersion = release.version;
  // image tags spell build metadata with `_` (`v1.28.3_k3s1`)
  const isOlder = remembered(older, actual, () => {
    const named = parseVersion(actual.replace('_', '+'));
    return !!named && compareVersions(named, releaseVersion) < 0;
  });
  if (!isOlder) return;
  const expected = expectedReleaseImageTag(release, model.config.tagFormat, actual);
  const pinned = reference.digest ? ` (also pinned by digest ${reference.digest.slice(0, 19)}…: update both)` : '';
  report(stale(reference.version, actual, expected, `${reference.version.file} names ${reference.repository} at ${actual}, but the release is ${expected}${pinned}`, {
    image: reference.repository,
    // a digest pins the old image: replacing the tag alone would make the reference contradict itself
    fix: !reference.digest,
  }));
}

const SHAPES: Record<DocGitReference['shape'], string> = {
  'kustomize-ref': 'the kustomize remote',
  'release-download': 'a release download of',
  'raw-content': 'raw content of',
  archive: 'a source archive of',
  'go-module': 'the Go module',
};

/**
 * A git tag must name a tag that exists, so the expected text is the release tag itself. Compared only when the
 * ref has the same component prefix as the release (`controller-v1.11.0` against `controller-v1.12.2`, never
 * against `api/v1.2.3`); branch names (`main`, `release-1.34`) are not versions and never compared.
 */
function checkGitRef(reference: DocGitReference, { model, report }: RuleContext, older: Map<string, boolean>): void {
  const release: Release | null = model.release ?? model.chartRelease ?? null;
  if (!reference.own || !release?.version) return;
  const actual = reference.version.value;
  const releaseVersion = release.version;
  const isOlder = remembered(older, actual, () => {
    const named = parseReleaseTag(actual);
    if (!named || componentPrefix(actual, named) !== componentPrefix(release.tag, releaseVersion)) return false;
    return compareVersions(named, releaseVersion) < 0;
  });
  if (!isOlder) return;
  const expected = release.tag;
  const file = reference.version.file;
  report(stale(reference.version, actual, expected, `${file} names ${SHAPES[reference.shape]} ${reference.repository} at ${actual}, but the release is ${expected}`, { fix: true }));
}

/** `controller-` of `controller-v1.12.2`; `` of `v0.29.0` (a v prefix is convention, not component). */
function componentPrefix(tag: string, version: Version): string {
  const trimmed = tag.trim();
  return trimmed.slice(0, trimmed.length - version.tag.length);
}

/**
 * `--version` is the chart's version, which moves on its own schedule (metrics-server's chart 3.11.0 ships app
 * 0.6.4): compared with the chart's `version` in Chart.yaml, not with the release tag. Checked only for a release
 * (a tag under check), since between releases Chart.yaml may already carry the next, unpublished version.
 */
function checkHelm(reference: DocHelmReference, { model, report }: RuleContext, parsed: Map<string, Version | null>): void {
  if (!model.release && !model.chartRelease) return;
  const chart = model.charts.find((c) => c.name?.value === reference.chart && isProjectChart(c, model));
  const chartVersion = chart?.version ? remembered(parsed, chart.version.value, () => parseVersion(chart.version!.value)) : null;
  if (!chartVersion) return;
  const actual = reference.version.value;
  const named = remembered(parsed, actual, () => parseVersion(actual));
  if (!named || compareVersions(named, chartVersion) >= 0) return;
  const expected = releaseInConventionOf(chartVersion, actual);
  const message = `${reference.version.file} installs Helm chart ${reference.chart} at --version ${actual}, but the chart's version is ${expected}`;
  report(stale(reference.version, actual, expected, message, { fix: true }));
}

function stale(
  at: DocImageReference['version'],
  actual: string,
  expected: string,
  message: string,
  options: { image?: string; fix: boolean },
): ReportInput {
  const position = { file: at.file, line: at.line, column: at.column };
  return {
    message,
    at: position,
    ...(options.image ? { image: options.image } : {}),
    expected,
    actual,
    ...(options.fix ? { fix: { at: position, from: actual, to: expected } } : {}),
  };
}
