import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError } from '../../src/model/errors.js';
import type { Located } from '../../src/model/located.js';
import { resolveReleaseTag } from '../../src/sources/git/release-tag.js';
import { highestTag } from '../../src/sources/git/tags.js';
import { createRepo, type TestRepo } from './repo.js';

let repo: TestRepo;
beforeEach(async () => {
  repo = await createRepo();
  await repo.write('README.md', 'hello\n');
  repo.commit('first');
});
afterEach(async () => { await repo.remove(); });

const from = (value: string): Located<string> => ({ value, file: '.tagcheck.yaml', line: 7, column: 9 });

describe('resolveReleaseTag, in the contract order', () => {
  it('takes --tag first, over CI variables and git tags', async () => {
    repo.git('tag', 'v1.0.0');
    const release = await resolveReleaseTag({ root: repo.dir, flag: 'v2.0.0', env: { GITHUB_REF_TYPE: 'tag', GITHUB_REF_NAME: 'v3.0.0', CI_COMMIT_TAG: 'v4.0.0' } });
    expect(release).toMatchObject({ tag: 'v2.0.0', source: 'flag', version: { version: '2.0.0', prerelease: false, vPrefix: true } });
  });

  it('takes GITHUB_REF_NAME only when GITHUB_REF_TYPE is tag', async () => {
    expect(await resolveReleaseTag({ root: repo.dir, env: { GITHUB_REF_TYPE: 'tag', GITHUB_REF_NAME: 'v3.0.0', CI_COMMIT_TAG: 'v4.0.0' } })).toMatchObject({ tag: 'v3.0.0', source: 'github' });
    expect(await resolveReleaseTag({ root: repo.dir, env: { GITHUB_REF_TYPE: 'branch', GITHUB_REF_NAME: 'main', CI_COMMIT_TAG: 'v4.0.0' } })).toMatchObject({ tag: 'v4.0.0', source: 'gitlab' });
  });

  it('treats empty flags and variables as absent', async () => {
    repo.git('tag', 'v1.0.0');
    expect(await resolveReleaseTag({ root: repo.dir, flag: ' ', env: { GITHUB_REF_TYPE: 'tag', GITHUB_REF_NAME: '', CI_COMMIT_TAG: '' } })).toMatchObject({ tag: 'v1.0.0', source: 'git' });
  });

  it('finds lightweight and annotated tags at HEAD, the highest SemVer winning', async () => {
    repo.git('tag', 'v0.45.0-rc.1');
    repo.git('tag', '-a', 'v0.45.0', '-m', 'release');
    repo.git('tag', 'v0.9.0');
    repo.git('tag', 'nightly');
    expect(await resolveReleaseTag({ root: repo.dir, env: {} })).toMatchObject({ tag: 'v0.45.0', source: 'git', version: { version: '0.45.0' } });
  });

  it('finds an annotated tag alone', async () => {
    repo.git('tag', '-a', 'v1.2.3', '-m', 'release');
    expect(await resolveReleaseTag({ root: repo.dir, env: {} })).toMatchObject({ tag: 'v1.2.3', source: 'git' });
  });

  it('ignores tags on other commits', async () => {
    repo.git('tag', 'v1.0.0');
    repo.commit('after the release');
    expect(await resolveReleaseTag({ root: repo.dir, env: {} })).toBeNull();
  });

  it('returns a tag that is not a version with version null, for release-tag-invalid to report', async () => {
    repo.git('tag', 'release-2024');
    expect(await resolveReleaseTag({ root: repo.dir, env: {} })).toEqual({ tag: 'release-2024', version: null, source: 'git' });
  });

  it('works from a subdirectory of the repository', async () => {
    await repo.write('deploy/app.yaml', 'kind: Pod\n');
    repo.commit('deploy');
    repo.git('tag', 'v1.1.0');
    expect(await resolveReleaseTag({ root: join(repo.dir, 'deploy'), env: {} })).toMatchObject({ tag: 'v1.1.0' });
  });

  it('ignores GIT_DIR set by a hook for another repository', async () => {
    repo.git('tag', 'v1.0.0');
    const other = await createRepo();
    other.commit('other');
    other.git('tag', 'v9.9.9');
    const saved = process.env.GIT_DIR;
    process.env.GIT_DIR = join(other.dir, '.git');
    try {
      expect(await resolveReleaseTag({ root: repo.dir, env: {} })).toMatchObject({ tag: 'v1.0.0' });
    } finally {
      if (saved === undefined) delete process.env.GIT_DIR;
      else process.env.GIT_DIR = saved;
      await other.remove();
    }
  });

  it('falls back to version.from, located at the value', async () => {
    await repo.write('charts/app/Chart.yaml', 'apiVersion: v2\nname: app\nversion: 0.40.0\nappVersion: "v0.40.0"\n');
    const release = await resolveReleaseTag({ root: repo.dir, env: {}, versionFrom: from('charts/app/Chart.yaml#appVersion') });
    expect(release).toMatchObject({ tag: 'v0.40.0', source: 'config', location: { file: 'charts/app/Chart.yaml', line: 4, column: 13 } });
  });

  it('keeps the text of a version YAML would read as a number', async () => {
    await repo.write('Chart.yaml', 'appVersion: 1.10\n');
    expect((await resolveReleaseTag({ root: repo.dir, env: {}, versionFrom: from('Chart.yaml#appVersion') }))?.tag).toBe('1.10');
  });

  it('follows nested keys and list indexes in version.from', async () => {
    await repo.write('values.yaml', 'global:\n  images:\n    - tag: v1.0.0\n    - tag: v2.0.0\n');
    const release = await resolveReleaseTag({ root: repo.dir, env: {}, versionFrom: from('values.yaml#global.images[1].tag') });
    expect(release).toMatchObject({ tag: 'v2.0.0', location: { file: 'values.yaml', line: 4, column: 12 } });
  });

  it('reads a whole VERSION file', async () => {
    await repo.write('VERSION', '\n  0.29.0\n');
    expect(await resolveReleaseTag({ root: repo.dir, env: {}, versionFrom: from('VERSION') })).toMatchObject({ tag: '0.29.0', location: { file: 'VERSION', line: 2, column: 3 } });
  });

  it.each(['%APP_VERSION%', '${VERSION}', '{{ .Version }}', '@VERSION@', '__VERSION__', '""', '~'])('treats the placeholder %s as no version', async (value) => {
    await repo.write('Chart.yaml', `appVersion: ${value}\n`);
    expect(await resolveReleaseTag({ root: repo.dir, env: {}, versionFrom: from('Chart.yaml#appVersion') })).toBeNull();
  });

  it.each([
    ['missing.yaml#appVersion', '.tagcheck.yaml:7:9: version.from: missing.yaml: no such file'],
    ['Chart.yaml#appVersoin', '.tagcheck.yaml:7:9: version.from: Chart.yaml: has no key "appVersoin"'],
    ['Chart.yaml#maintainers', '.tagcheck.yaml:7:9: version.from: Chart.yaml: "maintainers" is not a single value'],
    ['broken.yaml#a', '.tagcheck.yaml:7:9: version.from: broken.yaml: is not valid YAML (Map keys must be unique)'],
  ])('reports version.from %s at the config line', async (value, message) => {
    await repo.write('Chart.yaml', 'appVersion: 1.0.0\nmaintainers: [{name: a}]\n');
    await repo.write('broken.yaml', 'a: 1\na: 2\n');
    await expect(resolveReleaseTag({ root: repo.dir, env: {}, versionFrom: from(value) })).rejects.toThrow(new InputError(message));
  });

  it.each([
    ['/etc/hostname', 'is outside the checked directory; version.from must name a file inside it'],
    ['../outside/VERSION', 'is outside the checked directory; version.from must name a file inside it'],
    ['link-out', 'is outside the checked directory; version.from must name a file inside it'],
    ['pipe', 'is not a regular file'],
    ['charts', 'is not a regular file'],
    ['long', 'the value is 300 characters long, not a version'],
  ])('refuses version.from %s, which could leak or hang, without echoing its content', async (value, message) => {
    await mkdir(join(repo.dir, '..', 'outside'), { recursive: true }).catch(() => undefined);
    await writeFile(join(repo.dir, '..', 'outside', 'VERSION'), 'SECRET=hunter2\n');
    await symlink('/etc/hostname', join(repo.dir, 'link-out'));
    execFileSync('mkfifo', [join(repo.dir, 'pipe')]);
    await mkdir(join(repo.dir, 'charts'));
    await writeFile(join(repo.dir, 'long'), `${'9'.repeat(300)}\n`);
    const error = await resolveReleaseTag({ root: repo.dir, env: {}, versionFrom: from(value) }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(`.tagcheck.yaml:7:9: version.from: ${value}: ${message}`);
    expect((error as Error).message).not.toContain('hunter2');
    await rm(join(repo.dir, '..', 'outside'), { recursive: true, force: true });
  });

  it('prefers a tag at HEAD to version.from', async () => {
    await repo.write('VERSION', '0.1.0\n');
    repo.git('tag', 'v0.2.0');
    expect(await resolveReleaseTag({ root: repo.dir, env: {}, versionFrom: from('VERSION') })).toMatchObject({ tag: 'v0.2.0', source: 'git' });
  });

  it('skips the git step outside a repository, and returns null when nothing names a release', async () => {
    const plain = await mkdtemp(join(tmpdir(), 'tagcheck-plain-'));
    try {
      expect(await resolveReleaseTag({ root: plain, env: {} })).toBeNull();
      await writeFile(join(plain, 'VERSION'), 'v3.1.4\n');
      expect(await resolveReleaseTag({ root: plain, env: {}, versionFrom: from('VERSION') })).toMatchObject({ tag: 'v3.1.4', source: 'config' });
    } finally {
      await rm(plain, { recursive: true, force: true });
    }
  });

  it('skips the git step in a repository without commits', async () => {
    const empty = await createRepo();
    try {
      expect(await resolveReleaseTag({ root: empty.dir, env: {} })).toBeNull();
    } finally {
      await empty.remove();
    }
  });

  it('skips the git step when git is not installed', async () => {
    const savedPath = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      expect(await resolveReleaseTag({ root: repo.dir, env: {} })).toBeNull();
    } finally {
      process.env.PATH = savedPath;
    }
  });
});

describe('highestTag', () => {
  it.each([
    [['v0.45.0-rc.1', 'v0.45.0'], 'v0.45.0'],
    [['v0.9.0', 'v0.10.0'], 'v0.10.0'],
    [['1.0.0-rc.10', '1.0.0-rc.9'], '1.0.0-rc.10'],
    [['latest', 'v0.0.1'], 'v0.0.1'],
    [['zeta', 'alpha'], 'alpha'],
    [['v1.0.0', '1.0.0'], '1.0.0'],
    [[], undefined],
  ])('%j → %s', (tags, expected) => {
    expect(highestTag(tags)).toBe(expected);
    expect(highestTag([...tags].reverse())).toBe(expected);
  });
});
