import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prePush, type CheckCommand } from '../../src/cli/hook.js';
import { main } from '../../src/cli/main.js';
import { runCli } from '../cli/run-cli.js';
import { captureIO, git, makeRepo, writeFiles } from '../hook/git-repo.js';

// A chart bumped only after its app's release (external-dns, metrics-server, descheduler, sealed-secrets, Reloader):
// at each app tag its appVersion is the release before. Real repositories, with the history at real tags.

const chartYaml = (version: string, appVersion: string) => `apiVersion: v2\nname: app\nversion: ${version}\nappVersion: ${appVersion}\n`;
// the app's image defaults to the appVersion; its sidecar's tag is written, as Reloader's values do
const values = (appVersion: string) => `image:\n  repository: ghcr.io/acme/app\n  tag: ""\nsidecar:\n  image:\n    repository: ghcr.io/acme/app-sidecar\n    tag: v${appVersion}\n`;
const TEMPLATE = 'image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default (printf "v%s" .Chart.AppVersion) }}"\n';
const deployment = (tag: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: ghcr.io/acme/app:${tag}\n`;

/**
 * A repository named `app` with one commit per release: at each tag the plain manifests deploy that release and the
 * chart's appVersion is `chartAt(release)`.
 */
function repositoryWithReleases(releases: string[], chartAt: (release: string, index: number) => string): string {
  const root = makeRepo('app', { 'charts/app/templates/deployment.yaml': TEMPLATE, 'deploy/app.yaml': deployment('v0.0.1') });
  releases.forEach((release, i) => {
    const appVersion = chartAt(release, i);
    writeFiles(root, { 'deploy/app.yaml': deployment(release), 'charts/app/Chart.yaml': chartYaml(`1.${i}.0`, appVersion), 'charts/app/values.yaml': values(appVersion) });
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', `release ${release}`);
    git(root, 'tag', release);
  });
  return root;
}

/** The release before each one, as a chart bumped after its app shows it (the first release's own at the first). */
const previous = (releases: string[]) => (release: string, i: number) => (i === 0 ? release : releases[i - 1]).slice(1);

async function check(root: string, ...extra: string[]) {
  const run = await runCli([root, '--offline', '--format', 'json', ...extra], { cwd: root });
  const report = JSON.parse(run.stdout);
  return { code: run.code, report, ruleIds: report.findings.map((f: { ruleId: string }) => f.ruleId).sort() };
}

const RELEASES = ['v0.9.0', 'v1.0.0', 'v1.1.0', 'v1.2.0', 'v1.3.0'];

describe('a chart released on its own, after its app', () => {
  it('is not compared with the app release when it was behind at the releases before too: one note says so', async () => {
    const root = repositoryWithReleases(RELEASES, previous(RELEASES));
    git(root, 'tag', 'app-helm-chart-1.4.0');
    const { code, report, ruleIds } = await check(root, '--tag', 'v1.3.0');
    expect(ruleIds).toEqual([]);
    expect(code).toBe(0);
    const notes = report.diagnostics.filter((d: { message: string }) => d.message.includes('released on its own'));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ level: 'note', location: { file: 'charts/app/Chart.yaml', line: 4, column: 13 } });
    expect(notes[0].message).toContain('(tag app-helm-chart-1.4.0)');
    expect(notes[0].message).toContain('1.1.0 at v1.2.0, 1.0.0 at v1.1.0, 0.9.0 at v1.0.0');
    expect(notes[0].message).toContain('its appVersion 1.2.0 and its 2 image references are not checked against v1.3.0');
  });

  it('is still checked when it kept up with its app at one of the releases before (this release forgot it)', async () => {
    const root = repositoryWithReleases(RELEASES, (release, i) => (i === RELEASES.length - 1 ? '1.2.0' : i === 1 ? release.slice(1) : previous(RELEASES)(release, i)));
    const { code, ruleIds } = await check(root, '--tag', 'v1.3.0');
    expect(ruleIds).toEqual(['chart-app-version-mismatch', 'image-tag-mismatch']);
    expect(code).toBe(1);
  });

  it('is still checked with fewer than two earlier releases to tell, and then says nothing in a full clone', async () => {
    const root = repositoryWithReleases(['v1.0.0', 'v1.1.0', 'v1.2.0'], previous(['v1.0.0', 'v1.1.0', 'v1.2.0']));
    git(root, 'tag', '-d', 'v1.0.0');
    const { ruleIds, report } = await check(root, '--tag', 'v1.2.0');
    expect(ruleIds).toEqual(['chart-app-version-mismatch', 'image-tag-mismatch']);
    expect(JSON.stringify(report.diagnostics ?? [])).not.toContain('released on its own');
  });

  it('is still checked in a shallow clone, with a note on how to fetch the tags that would tell', async () => {
    const origin = repositoryWithReleases(RELEASES, previous(RELEASES));
    const clone = join(mkdtempSync(join(tmpdir(), 'tagcheck-shallow-')), 'app');
    execFileSync('git', ['clone', '-q', '--depth', '1', '--branch', 'v1.3.0', `file://${origin}`, clone], { stdio: 'ignore' });
    const { ruleIds, report } = await check(clone, '--tag', 'v1.3.0');
    expect(ruleIds).toEqual(['chart-app-version-mismatch', 'image-tag-mismatch']);
    const notes = report.diagnostics.filter((d: { message: string }) => d.message.includes('fetch-depth: 0'));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ level: 'note', location: { file: 'charts/app/Chart.yaml', line: 4 } });
  });

  it('is still checked when its appVersion names no release of the app (crossplane keeps 0.0.1, its build sets it)', async () => {
    const root = repositoryWithReleases(RELEASES, () => '0.0.1');
    const { ruleIds } = await check(root, '--tag', 'v1.3.0');
    expect(ruleIds).toEqual(['chart-app-version-mismatch', 'image-tag-mismatch']);
  });

  it('is checked when a manifests: glob names its folder', async () => {
    const root = repositoryWithReleases(RELEASES, previous(RELEASES));
    writeFiles(root, { '.tagcheck.yaml': 'manifests:\n  - deploy/**\n  - charts/app/**\n' });
    const { ruleIds } = await check(root, '--tag', 'v1.3.0');
    expect(ruleIds).toEqual(['chart-app-version-mismatch', 'image-tag-mismatch']);
  });

  it('is still checked at its own chart release tag', async () => {
    // at app-helm-chart-1.4.0 the chart ships app 1.2.0: a chart release, compared as one
    const root = repositoryWithReleases(RELEASES, previous(RELEASES));
    const { report } = await check(root, '--tag', 'app-helm-chart-1.4.0');
    expect(report.release.tag).toBe('app-helm-chart-1.4.0');
    expect(JSON.stringify(report.diagnostics ?? [])).not.toContain('released on its own');
  });

  it('is told apart by the pre-push hook too, whose tree at the tag has no .git of its own', async () => {
    const root = repositoryWithReleases(RELEASES, previous(RELEASES));
    const sha = git(root, 'rev-parse', 'v1.3.0');
    const io = captureIO(root, `refs/tags/v1.3.0 ${sha} refs/tags/v1.3.0 ${'0'.repeat(40)}\n`);
    const load = async (): Promise<CheckCommand> => (argv, checkIO) => main(['check', ...argv], checkIO);
    expect(await prePush([], io, load)).toBe(0);
    expect(io.err()).toContain('no problems');
  });
});
