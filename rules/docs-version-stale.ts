import { forEachOccurrence, type DistinctDocReference, type DocGitReference } from '../src/model/docs.js';
import type { Position } from '../src/model/located.js';
import type { ReportInput, RuleContext } from '../src/model/rule.js';
import { defineRule } from '../src/model/rule.js';
import type { Release } from '../src/model/release.js';
import { compareVersions, expectedReleaseImageTag, parseReleaseTag, parseVersion, releaseInConventionOf, type Version } from '../src/model/version.js';
import { isForAnotherRelease } from '../src/model/release-lines.js';
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
    // An install guide names the same few references thousands of times: each distinct reference of a file is
    // decided once (and each distinct version text parsed and compared with the release once per run); a position
    // is built only for the occurrences reported.
    const older = { image: new Map<string, boolean>(), gitRef: new Map<string, boolean>(), helm: new Map<string, Version | null>() };
    const release = context.model.release?.version;
    for (const markdown of docs.markdown) {
      const file = markdown.file;
      // docs kept for another release line name its versions on purpose
      if (release && isForAnotherRelease(file, release)) continue;
      const verdicts = markdown.references.map((reference) =>
        reference.kind === 'image' ? checkImage(reference, file, context, older.image)
        : reference.kind === 'git-ref' ? checkGitRef(reference, file, context, older.gitRef)
        : checkHelm(reference, file, context, older.helm));
      if (verdicts.every((verdict) => verdict === null)) continue;
      forEachOccurrence(markdown, (index, line, column) => {
        const verdict = verdicts[index];
        if (verdict) context.report(stale({ file, line, column }, verdict));
      });
    }
  },
});

/** `compute(key)`, remembered in `known`. */
function remembered<T>(known: Map<string, T>, key: string, compute: () => T): T {
  if (!known.has(key)) known.set(key, compute());
  return known.get(key) as T;
}

type Distinct<Kind> = Extract<DistinctDocReference, { kind: Kind }>;

/** Why every occurrence of a distinct reference is stale: what each of their findings says. */
interface Stale {
  actual: string;
  expected: string;
  message: string;
  image?: string;
  fix: boolean;
}

function checkImage(reference: Distinct<'image'>, file: string, { model }: RuleContext, older: Map<string, boolean>): Stale | null {
  const release = model.release;
  if (!reference.own || !release?.version) return null;
  const actual = reference.version;
  const releaseVersion = release.version;
  // image tags spell build metadata with `_` (`v1.28.3_k3s1`)
  const isOlder = remembered(older, actual, () => {
    const named = parseVersion(actual.replace('_', '+'));
    return !!named && compareVersions(named, releaseVersion) < 0;
  });
  if (!isOlder) return null;
  const expected = expectedReleaseImageTag(release, model.config.tagFormat, actual);
  const pinned = reference.digest ? ` (also pinned by digest ${reference.digest.slice(0, 19)}…: update both)` : '';
  return {
    actual,
    expected,
    message: `${file} names ${reference.repository} at ${actual}, but the release is ${expected}${pinned}`,
    image: reference.repository,
    // a digest pins the old image: replacing the tag alone would make the reference contradict itself
    fix: !reference.digest,
  };
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
function checkGitRef(reference: Distinct<'git-ref'>, file: string, { model }: RuleContext, older: Map<string, boolean>): Stale | null {
  const release: Release | null = model.release ?? model.chartRelease ?? null;
  if (!reference.own || !release?.version) return null;
  const actual = reference.version;
  const releaseVersion = release.version;
  const isOlder = remembered(older, actual, () => {
    const named = parseReleaseTag(actual);
    if (!named || componentPrefix(actual, named) !== componentPrefix(release.tag, releaseVersion)) return false;
    return compareVersions(named, releaseVersion) < 0;
  });
  if (!isOlder) return null;
  const expected = release.tag;
  return { actual, expected, message: `${file} names ${SHAPES[reference.shape]} ${reference.repository} at ${actual}, but the release is ${expected}`, fix: true };
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
function checkHelm(reference: Distinct<'helm-chart'>, file: string, { model }: RuleContext, parsed: Map<string, Version | null>): Stale | null {
  if (!model.release && !model.chartRelease) return null;
  const chart = model.charts.find((c) => c.name?.value === reference.chart && isProjectChart(c, model));
  const chartVersion = chart?.version ? remembered(parsed, chart.version.value, () => parseVersion(chart.version!.value)) : null;
  if (!chartVersion) return null;
  const actual = reference.version;
  const named = remembered(parsed, actual, () => parseVersion(actual));
  if (!named || compareVersions(named, chartVersion) >= 0) return null;
  const expected = releaseInConventionOf(chartVersion, actual);
  const message = `${file} installs Helm chart ${reference.chart} at --version ${actual}, but the chart's version is ${expected}`;
  return { actual, expected, message, fix: true };
}

/** The finding of one occurrence of a stale reference. */
function stale(position: Position, { actual, expected, message, image, fix }: Stale): ReportInput {
  return {
    message,
    at: position,
    ...(image ? { image } : {}),
    expected,
    actual,
    ...(fix ? { fix: { at: position, from: actual, to: expected } } : {}),
  };
}
