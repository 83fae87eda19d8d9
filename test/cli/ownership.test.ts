import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../hook/built-cli.js';
import { createRepo, type TestRepo } from '../git/repo.js';
import { runCli } from './run-cli.js';

/**
 * Ownership end to end, in real git repositories: the repository name comes from the push remote, the CI
 * (GITHUB_REPOSITORY, CI_PROJECT_PATH), origin or the folder, and when it identifies nothing a warning says so.
 * Every run passes its own environment, so CI variables of the machine running the tests never leak in.
 */
const WARNING = (name: string, source: string) =>
  `no image in the manifests belongs to this project (repository name "${name}" from ${source}); list them under images: in .tagcheck.yaml or run tagcheck init`;
const cleanEnv = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({ PATH: process.env.PATH, HOME: process.env.HOME, ...extra });

/** The example: `orbit` publishes ghcr.io/acme/orbit/api, still at v2.0.0 in the manifests and the chart, released as v2.1.0. */
async function orbitRepo(origin?: string): Promise<TestRepo> {
  const repo = await createRepo();
  await repo.write(
    'deploy/api.yaml',
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: ghcr.io/acme/orbit/api:v2.0.0\n',
  );
  await repo.write('charts/orbit/Chart.yaml', 'apiVersion: v2\nname: orbit\nversion: 2.1.0\nappVersion: "2.0.0"\n');
  await repo.write('charts/orbit/values.yaml', 'image:\n  repository: ghcr.io/acme/orbit/api\n  tag: ""\n');
  await repo.write(
    'charts/orbit/templates/deployment.yaml',
    'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"\n',
  );
  repo.commit('orbit');
  repo.git('tag', 'v2.1.0');
  if (origin) repo.git('remote', 'add', 'origin', origin);
  return repo;
}

let repos: TestRepo[] = [];
afterEach(async () => {
  await Promise.all(repos.map((r) => r.remove()));
  repos = [];
});
const track = (repo: TestRepo) => (repos.push(repo), repo);

describe('nothing identified as own: a warning, never a silent clean', () => {
  it('origin a local path with another name: text, JSON and --fail-on warning', async () => {
    const repo = track(await orbitRepo('/srv/mirrors/upstream'));

    const text = await runCli(['check', repo.dir, '--offline'], { env: cleanEnv() });
    expect(text.stderr).toContain(`tagcheck: warning: ${WARNING('upstream', 'origin')}\n`);
    expect(text.stdout).toContain('tagcheck: no problems; 1 warning diagnostic (see above); release v2.1.0;');
    expect(text.code).toBe(0);

    const json = await runCli(['check', repo.dir, '--offline', '--format', 'json'], { env: cleanEnv() });
    const report = JSON.parse(json.stdout);
    expect(report.release.tag).toBe('v2.1.0');
    expect(report.findings).toEqual([]);
    // a diagnostic about the whole run has no location
    expect(report.diagnostics).toEqual([{ level: 'warning', message: WARNING('upstream', 'origin') }]);

    const strict = await runCli(['check', repo.dir, '--offline', '--fail-on', 'warning'], { env: cleanEnv() });
    expect(strict.code).toBe(1);
    const verbose = await runCli(['check', repo.dir, '--offline', '--verbose'], { env: cleanEnv() });
    expect(verbose.stderr).toContain('own images by repository name "upstream" (from origin); ');
    expect(verbose.stderr).toContain('(0 own)');
  });

  it('a fork with another name; GITHUB_REPOSITORY or CI_PROJECT_PATH name the project in CI', async () => {
    const repo = track(await orbitRepo('git@github.com:someone/orbit-fork.git'));
    const fork = await runCli(['check', repo.dir, '--offline', '--format', 'json'], { env: cleanEnv() });
    expect(JSON.parse(fork.stdout).diagnostics).toEqual([{ level: 'warning', message: WARNING('orbit-fork', 'origin') }]);

    // The real name finds both drifts the fork's name hid: the stale image and the chart's stale appVersion.
    const expected = [
      'chart-app-version-mismatch charts/orbit/Chart.yaml:4:13 2.1.0 2.0.0',
      'image-tag-mismatch deploy/api.yaml:10:18 v2.1.0 v2.0.0',
    ];
    for (const [variable, value] of [['GITHUB_REPOSITORY', 'acme/orbit'], ['CI_PROJECT_PATH', 'acme/platform/orbit']]) {
      const ci = await runCli(['check', repo.dir, '--offline', '--format', 'json'], { env: cleanEnv({ CI: 'true', [variable]: value }) });
      const report = JSON.parse(ci.stdout);
      const keys = report.findings.map((f: { ruleId: string; location: { file: string; line: number; column: number }; expected: string; actual: string }) =>
        `${f.ruleId} ${f.location.file}:${f.location.line}:${f.location.column} ${f.expected} ${f.actual}`);
      expect(keys, variable).toEqual(expected);
      expect(report.diagnostics, variable).toBeUndefined();
      expect(ci.code).toBe(1);
      const verbose = await runCli(['check', repo.dir, '--offline', '--verbose'], { env: cleanEnv({ [variable]: value }) });
      expect(verbose.stderr).toContain(`own images by repository name "orbit" (from ${variable})`);
    }
  });

  it('the folder name when there is no origin; a release from version.from counts too', async () => {
    const repo = track(await orbitRepo());
    repo.git('tag', '-d', 'v2.1.0');
    await repo.write('.tagcheck.yaml', 'version:\n  from: charts/orbit/Chart.yaml#version\n');
    const folder = repo.dir.split('/').pop()!;
    const run = await runCli(['check', repo.dir, '--offline', '--fail-on', 'warning'], { env: cleanEnv() });
    expect(run.stderr).toContain(`tagcheck: warning: ${WARNING(folder, 'folder name')}\n`);
    expect(run.code).toBe(1);
  });

  it('no warning without a release, nor when a chart named after the repository is the project\'s', async () => {
    const repo = track(await orbitRepo('/srv/mirrors/upstream'));
    repo.git('tag', '-d', 'v2.1.0');
    const noRelease = await runCli(['check', repo.dir, '--offline', '--fail-on', 'warning'], { env: cleanEnv() });
    expect(noRelease.stderr).toBe('');
    expect(noRelease.code).toBe(0);

    // `orbit` owns its chart even though the chart deploys an image whose name does not say orbit.
    const named = track(await createRepo());
    await named.write('charts/orbit/Chart.yaml', 'apiVersion: v2\nname: orbit\nversion: 2.1.0\nappVersion: "2.0.0"\n');
    await named.write('charts/orbit/values.yaml', 'image:\n  repository: ghcr.io/acme/api\n  tag: v2.1.0\n');
    named.commit('chart');
    named.git('remote', 'add', 'origin', 'https://github.com/acme/orbit.git');
    const run = await runCli(['check', named.dir, '--offline', '--tag', 'v2.1.0', '--format', 'json'], { env: cleanEnv() });
    const report = JSON.parse(run.stdout);
    expect(report.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['chart-app-version-mismatch']);
    expect(report.diagnostics).toBeUndefined();
  });

  it('images: configured but matching nothing in the manifests: a warning at the config entry', async () => {
    const repo = track(await orbitRepo('https://github.com/acme/orbit.git'));
    await repo.write('.tagcheck.yaml', '# the image was renamed since\nimages:\n  - ghcr.io/acme/orbit-api\n');
    const run = await runCli(['check', repo.dir, '--offline', '--format', 'json'], { env: cleanEnv() });
    const message = 'no image in the manifests matches images: in .tagcheck.yaml (ghcr.io/acme/orbit-api); fix the list, or run tagcheck init --force to rediscover them';
    expect(JSON.parse(run.stdout).diagnostics).toEqual([{ level: 'warning', message, location: { file: '.tagcheck.yaml', line: 3, column: 5 } }]);
    expect(run.stderr).toContain(`tagcheck: warning: .tagcheck.yaml:3:5: ${message}\n`);
  });
});

describe('tagcheck snapshot', () => {
  it('says so when it records none of the project\'s images', async () => {
    const repo = track(await orbitRepo('/srv/mirrors/upstream'));
    await repo.write('empty-snapshot.json', '{ "version": 1, "repositories": {} }\n');
    const run = await runCli(['snapshot', repo.dir, '--registry-snapshot', join(repo.dir, 'empty-snapshot.json'), '--output', join(repo.dir, 'out.json')], { env: cleanEnv() });
    expect(run.stderr).toContain(`tagcheck: warning: ${WARNING('upstream', 'origin')}\n`);
    expect(run.code).toBe(0);
  });
});

describe('the real launcher', () => {
  beforeAll(ensureBuilt, 120_000);

  it('prints the warning and fails --fail-on warning from bin/tagcheck.js', async () => {
    const repo = track(await orbitRepo('../upstream.git'));
    const bin = fileURLToPath(new URL('../../bin/tagcheck.js', import.meta.url));
    const run = await promisify(execFile)(process.execPath, [bin, 'check', join(repo.dir), '--offline', '--fail-on', 'warning'], { env: cleanEnv() }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );
    expect(run.stderr).toContain(`tagcheck: warning: ${WARNING('upstream', 'origin')}\n`);
    expect(run.code).toBe(1);
  });
});
