import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import rule from '../../rules/docs-version-stale.js';
import { groupDocReferences, type DocReference } from '../../src/model/docs.js';
import type { HelmChart, ReleaseModel } from '../../src/model/release.js';
import { runRules } from '../../src/engine/run-rules.js';
import { parseReleaseTag } from '../../src/model/version.js';
import type { Release } from '../../src/model/release.js';
import { located, testConfig, testModel } from '../support/model.js';
import { checkFixture } from './fixture-harness.js';
import { expectRuleFindings, type RuleCase } from './rule-table.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'rules', 'docs-version-stale');

function image(written: string, line: number, fields: Partial<Extract<DocReference, { kind: 'image' }>> = {}): DocReference {
  const at = written.split('@')[0].lastIndexOf(':');
  const tag = written.slice(at + 1).split('@')[0];
  const name = written.slice(0, at);
  const repository = name.split('/')[0].includes('.') ? name : `docker.io/${name}`;
  return { kind: 'image', repository, written, version: located(tag, 'README.md', line, 11 + at), own: true, ...fields };
}

function gitRef(ref: string, line: number, fields: Partial<Extract<DocReference, { kind: 'git-ref' }>> = {}): DocReference {
  return { kind: 'git-ref', shape: 'kustomize-ref', repository: 'acme/app', version: located(ref, 'README.md', line, 40), own: true, ...fields };
}

function helm(version: string, line: number, chart = 'app'): DocReference {
  return { kind: 'helm-chart', chart, written: `acme/${chart}`, version: located(version, 'docs/install.md', line, 37) };
}

function chart(name: string, version: string, fields: Partial<HelmChart> = {}): HelmChart {
  const dir = `charts/${name}`;
  return { dir, file: `${dir}/Chart.yaml`, name: located(name, `${dir}/Chart.yaml`, 2, 7), version: located(version, `${dir}/Chart.yaml`, 3, 10), vendored: false, ...fields };
}

/** A release as the engine resolves it: component prefixes allowed (`controller-v1.12.2`). */
function release(tag: string, source: Release['source'] = 'flag'): Release {
  return { tag, version: parseReleaseTag(tag), source };
}

function docsModel(references: DocReference[], fields: Partial<ReleaseModel> = {}): ReleaseModel {
  return testModel({ release: release('v1.3.0', 'git'), docs: { files: ['README.md'], markdown: groupDocReferences(references) }, charts: [chart('app', '2.1.0')], ...fields });
}

const cases: RuleCase[] = [
  {
    name: 'an own image one release behind, at its tag, with the message in the house style',
    model: docsModel([image('ghcr.io/acme/app:v1.2.2', 7)]),
    findings: [{
      at: 'README.md:7:27', expected: 'v1.3.0', actual: 'v1.2.2', level: 'warning', image: 'ghcr.io/acme/app',
      message: 'README.md names ghcr.io/acme/app at v1.2.2, but the release is v1.3.0',
    }],
  },
  {
    name: 'the release, a newer version, a newer prerelease and a non-version are never findings',
    model: docsModel([image('ghcr.io/acme/app:v1.3.0', 1), image('ghcr.io/acme/app:1.3.0', 2), image('ghcr.io/acme/app:v1.4.0', 3),
      image('ghcr.io/acme/app:v1.3.1-rc.1', 4), image('ghcr.io/acme/app:vX.Y.Z', 5), image('ghcr.io/acme/app:sha-3f2a1b9', 6)]),
    findings: [],
  },
  {
    name: 'a prerelease of the release is older than it; an unprefixed tag keeps its spelling',
    model: docsModel([image('ghcr.io/acme/app:v1.3.0-rc.1', 1), image('ghcr.io/acme/app:1.2.2', 2)]),
    findings: [
      { at: 'README.md:1:27', expected: 'v1.3.0', actual: 'v1.3.0-rc.1' },
      { at: 'README.md:2:27', expected: '1.3.0', actual: '1.2.2' },
    ],
  },
  {
    name: 'tagFormat decides the expected spelling, as for manifests',
    model: docsModel([image('ghcr.io/acme/app:1.2.2', 1)], { config: testConfig({ tagFormat: 'v{version}' }) }),
    findings: [{ at: 'README.md:1:27', expected: 'v1.3.0', actual: '1.2.2' }],
  },
  {
    name: 'semver precedence, not text: v1.10.0 is newer than v1.9.0',
    model: docsModel([image('ghcr.io/acme/app:v1.9.0', 1), image('ghcr.io/acme/app:v1.10.0', 2)], { release: release('v1.10.0') }),
    findings: [{ at: 'README.md:1:27', expected: 'v1.10.0', actual: 'v1.9.0' }],
  },
  {
    name: 'third-party images (not own) are never compared',
    model: docsModel([image('quay.io/jetstack/cert-manager-controller:v1.0.0', 1, { own: false })]),
    findings: [],
  },
  {
    name: 'a component-prefixed release compares the version part',
    model: docsModel([image('ghcr.io/acme/app:v1.11.0', 1)], { release: release('controller-v1.12.2') }),
    findings: [{ at: 'README.md:1:27', expected: 'v1.12.2', actual: 'v1.11.0' }],
  },
  {
    name: 'no release tag: nothing is stale yet',
    model: docsModel([image('ghcr.io/acme/app:v1.2.2', 1), gitRef('v1.2.0', 2), helm('2.0.0', 3)], { release: null }),
    findings: [],
  },
  {
    name: 'a kustomize ?ref= of this repository: the expected text is the release tag itself',
    model: docsModel([gitRef('v1.2.0', 3), gitRef('1.2.0', 4)]),
    findings: [
      { at: 'README.md:3:40', expected: 'v1.3.0', actual: 'v1.2.0', message: 'README.md names the kustomize remote acme/app at v1.2.0, but the release is v1.3.0' },
      { at: 'README.md:4:40', expected: 'v1.3.0', actual: '1.2.0' },
    ],
  },
  {
    name: 'a release download and raw content name the shape in the message',
    model: docsModel([gitRef('v1.1.0', 5, { shape: 'release-download' }), gitRef('v1.2.2', 6, { shape: 'raw-content' })]),
    findings: [
      { at: 'README.md:5:40', expected: 'v1.3.0', actual: 'v1.1.0', message: 'README.md names a release download of acme/app at v1.1.0, but the release is v1.3.0' },
      { at: 'README.md:6:40', expected: 'v1.3.0', actual: 'v1.2.2', message: 'README.md names raw content of acme/app at v1.2.2, but the release is v1.3.0' },
    ],
  },
  {
    name: 'branch refs, other repositories and newer refs are never findings',
    model: docsModel([gitRef('main', 1), gitRef('release-1.34', 2), gitRef('release-1.2', 3), gitRef('v1.2.0', 4, { own: false }), gitRef('v1.3.1', 5)]),
    findings: [],
  },
  {
    name: 'a git ref with another component prefix is another component\'s tag',
    model: docsModel([gitRef('api/v1.0.0', 1), gitRef('controller-v1.11.0', 2), gitRef('v1.0.0', 3)], { release: release('controller-v1.12.2') }),
    findings: [{ at: 'README.md:2:40', expected: 'controller-v1.12.2', actual: 'controller-v1.11.0' }],
  },
  {
    name: 'helm --version is compared with the chart\'s version, not the release, in the spelling written',
    model: docsModel([helm('2.0.3', 9), helm('v2.0.0', 10), helm('2.1.0', 11), helm('2.2.0', 12), helm('~2.0.0', 13)]),
    findings: [
      { at: 'docs/install.md:9:37', expected: '2.1.0', actual: '2.0.3', message: 'docs/install.md installs Helm chart app at --version 2.0.3, but the chart\'s version is 2.1.0' },
      { at: 'docs/install.md:10:37', expected: 'v2.1.0', actual: 'v2.0.0' },
    ],
  },
  {
    name: 'charts that are not the project\'s are not compared: unknown, vendored, or deploying only third-party images',
    model: docsModel([helm('1.0.0', 1, 'nginx'), helm('1.0.0', 2, 'redis')], { charts: [chart('app', '2.1.0'), chart('redis', '17.0.0', { vendored: true })] }),
    findings: [],
  },
  {
    name: 'a chart-releaser tag still checks the chart\'s --version and that chart\'s tags in URLs',
    model: docsModel([helm('2.0.3', 1), image('ghcr.io/acme/app:v1.2.2', 2), gitRef('app-chart-2.0.0', 3, { shape: 'release-download' })], {
      release: null,
      chartRelease: { ...release('app-chart-2.1.0'), chart: 'app' },
    }),
    findings: [
      { at: 'docs/install.md:1:37', expected: '2.1.0', actual: '2.0.3' },
      { at: 'README.md:3:40', expected: 'app-chart-2.1.0', actual: 'app-chart-2.0.0' },
    ],
  },
  {
    name: 'docs in a folder for another release line name its versions on purpose; the release\'s own line is checked',
    model: docsModel([
      inFile(image('ghcr.io/acme/app:v1.2.2', 1), 'website/versioned_docs/version-v1.2.x/install.md'),
      inFile(gitRef('v1.1.0', 2), 'website/versioned_docs/version-1.1.0/install.md'),
      inFile(image('ghcr.io/acme/app:v0.9.0', 3), 'docs/v0.9/README.md'),
      inFile(image('ghcr.io/acme/app:v1.2.0', 4), 'docs/1.2.x/install.md'),
      inFile(image('ghcr.io/acme/app:v1.2.2', 5), 'website/versioned_docs/version-v1.3.x/install.md'),
      inFile(image('ghcr.io/acme/app:v1.2.2', 6), 'docs/v1.3/install.md'),
      // a page named for a release documents that release; a bare `1.2` folder is not taken for a release line
      inFile(image('ghcr.io/acme/app:v1.2.2', 7), 'docs/1.2/install.md'),
      inFile(image('ghcr.io/acme/app:v1.2.2', 8), 'docs/v1.2.md'),
      inFile(image('ghcr.io/acme/app:v1.2.2', 9), 'docs/v1.3.md'),
    ]),
    findings: [
      { at: 'website/versioned_docs/version-v1.3.x/install.md:5:27', expected: 'v1.3.0', actual: 'v1.2.2' },
      { at: 'docs/v1.3/install.md:6:27', expected: 'v1.3.0', actual: 'v1.2.2' },
      { at: 'docs/1.2/install.md:7:27', expected: 'v1.3.0', actual: 'v1.2.2' },
      { at: 'docs/v1.3.md:9:27', expected: 'v1.3.0', actual: 'v1.2.2' },
    ],
  },
];

/** `reference` as found in `file`. */
function inFile(reference: DocReference, file: string): DocReference {
  return { ...reference, version: { ...reference.version, file } } as DocReference;
}

describe('docs-version-stale', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, row) => {
    expectRuleFindings(rule, row);
  });

  it('carries the edit for tagcheck fix: at the version text, from the old to the expected text', () => {
    const findings = runRules([rule], docsModel([image('ghcr.io/acme/app:1.2.2', 7), gitRef('v1.2.0', 3), helm('2.0.3', 9)]));
    expect(findings.map((f) => f.fix)).toEqual([
      { at: { file: 'README.md', line: 7, column: 27 }, from: '1.2.2', to: '1.3.0' },
      { at: { file: 'README.md', line: 3, column: 40 }, from: 'v1.2.0', to: 'v1.3.0' },
      { at: { file: 'docs/install.md', line: 9, column: 37 }, from: '2.0.3', to: '2.1.0' },
    ]);
    for (const finding of findings) expect(finding.fix!.at).toEqual(finding.location);
  });

  it('a reference pinned by digest too is reported without a fix (the digest must change with the tag)', () => {
    const digest = 'sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945';
    const [finding, ...rest] = runRules([rule], docsModel([image(`ghcr.io/acme/app:v1.2.2@${digest}`, 1, { digest })]));
    expect(rest).toEqual([]);
    expect(finding.message).toMatch(/^README\.md names ghcr\.io\/acme\/app at v1\.2\.2, but the release is v1\.3\.0 \(also pinned by digest sha256:4f53cda18c2b…/);
    expect(finding.fix).toBeUndefined();
  });

  it('a stale reference named many times is one finding per occurrence, each at its own place', () => {
    const references = [image('ghcr.io/acme/app:v1.2.2', 2), image('ghcr.io/acme/app:v1.3.0', 2), image('ghcr.io/acme/app:v1.2.2', 5), helm('2.0.3', 1), image('ghcr.io/acme/app:v1.2.2', 9)];
    const model = docsModel(references);
    // grouped: each file's distinct references once
    expect(model.docs!.markdown.map((m) => [m.file, m.references.length, m.at.length / 3])).toEqual([['README.md', 2, 4], ['docs/install.md', 1, 1]]);
    const findings = runRules([rule], model);
    expect(findings.map((f) => `${f.location!.file}:${f.location!.line}:${f.location!.column} ${f.actual}→${f.expected}`)).toEqual([
      'README.md:2:27 v1.2.2→v1.3.0', 'README.md:5:27 v1.2.2→v1.3.0', 'README.md:9:27 v1.2.2→v1.3.0', 'docs/install.md:1:37 2.0.3→2.1.0',
    ]);
    expect(new Set(findings.map((f) => f.message)).size).toBe(2);
  });

  it('without docs in the model (no Markdown read) it reports nothing', () => {
    expect(runRules([rule], testModel({ release: release('v1.3.0') }))).toEqual([]);
  });
});

describe('docs-version-stale on the fixtures, beyond the markers', () => {
  const acme = { origin: 'https://github.com/acme/app.git' };

  it('the clean fixture is read: at a later release its release and newer spellings become stale, and nothing else', async () => {
    const result = await checkFixture(join(fixtures, 'clean'), 'v9.9.9', undefined, acme);
    const docs = result.report.findings.filter((f) => f.ruleId === 'docs-version-stale');
    const actual = docs.map((f) => `${f.location!.line}:${f.actual}`);
    // README.md only: release notes, node_modules, vendor, .mdx, prose, tables and indented blocks stay unread
    expect(new Set(docs.map((f) => f.location?.file))).toEqual(new Set(['README.md']));
    expect(actual).toEqual([
      '8:v1.3.0', '8:1.3.0', '11:v1.3.0', '12:v1.3.0', '19:v1.4.0-rc.1', '20:v1.3.1', '83:v1.3.0', '91:v1.4.0', '125:v1.3.0',
    ]);
    // the chart's --version is compared with Chart.yaml (2.1.0), which a release tag does not move
  });

  it('the chart-releaser tag of the fixture\'s chart checks --version only', async () => {
    const result = await checkFixture(join(fixtures, 'failing'), 'app-2.1.0', undefined, acme);
    expect(result.model.chartRelease?.chart).toBe('app');
    const docs = result.report.findings.filter((f) => f.ruleId === 'docs-version-stale');
    expect(docs.map((f) => `${f.location!.file}:${f.location!.line} ${f.actual}→${f.expected}`)).toEqual([
      'README.md:14 2.0.3→2.1.0',
      'README.md:34 2.1.0-rc.1→2.1.0',
      'docs/install.md:12 v2.0.0→v2.1.0',
    ]);
  });

  it('an old release named on purpose is suppressed by # tagcheck-ignore, not lost (inspektor-gadget)', async () => {
    const result = await checkFixture(join(fixtures, 'failing-inspektor-gadget'), 'v0.40.0', undefined, { origin: 'https://github.com/inspektor-gadget/inspektor-gadget.git' });
    const suppressed = result.report.findings.filter((f) => f.suppressed);
    expect(suppressed.map((f) => `${f.location!.file}:${f.location!.line}:${f.location!.column} ${f.actual}`)).toEqual(['docs/reference/install-kubernetes.md:15:76 v0.22.0']);
    expect(suppressed[0].suppressed).toEqual({ kind: 'inSource', justification: 'an old, unsigned release on purpose' });
  });

  it('without an origin remote, a URL of a repository named like the folder is this repository\'s', async () => {
    // checkFixture copies into a folder named `project`: no remote, so `acme/app` URLs are someone else's
    const unrelated = await checkFixture(join(fixtures, 'failing'), 'v1.3.0');
    const shapes = unrelated.report.findings.map((f) => f.message.replace(/ at .*/, ''));
    expect(shapes.some((m) => m.includes('kustomize remote') || m.includes('release download') || m.includes('raw content'))).toBe(false);
    expect(shapes.filter((m) => m.includes('ghcr.io/acme/app')).length).toBeGreaterThan(0);
  });

  it('with the rule off no Markdown is read at all (no scan at start-up)', async () => {
    const off = await checkFixture(join(fixtures, 'failing'), 'v1.3.0', 'rules:\n  docs-version-stale: "off"\n', acme);
    expect(off.model.docs).toBeUndefined();
    expect(off.report.rulesSkipped).toContain('docs-version-stale');
    const on = await checkFixture(join(fixtures, 'failing'), 'v1.3.0', undefined, acme);
    expect(on.model.docs?.files).toEqual(['README.md', 'docs/install.md', 'docs/windows.md']);
  });

  it('config docs: [] reads no Markdown, and docs: [docs] reads only that folder', async () => {
    const none = await checkFixture(join(fixtures, 'failing'), 'v1.3.0', 'docs: []\n', acme);
    expect(none.report.findings).toEqual([]);
    expect(none.model.docs).toBeUndefined();
    const folder = await checkFixture(join(fixtures, 'failing'), 'v1.3.0', 'docs: [docs]\n', acme);
    expect(new Set(folder.report.findings.map((f) => f.location?.file))).toEqual(new Set(['docs/install.md', 'docs/windows.md']));
    expect(folder.model.docs?.files).toEqual(['docs/install.md', 'docs/windows.md']);
  });
});
