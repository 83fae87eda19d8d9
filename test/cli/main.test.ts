import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { runCli, withTempDir } from './run-cli.js';

const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

/** A run-failure must be exactly one `tagcheck: …` line, never a stack trace. */
function expectOneLineFailure(run: { code: number; stdout: string; stderr: string }, pattern: RegExp) {
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  const lines = run.stderr.split('\n').filter(Boolean);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^tagcheck: /);
  expect(lines[0]).toMatch(pattern);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

describe('tagcheck --version and --help', () => {
  it('prints the package version', async () => {
    const run = await runCli(['--version']);
    expect(run).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('prints the usage with every command', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    for (const command of ['[check] [PATH]', 'rules', 'snapshot', 'init', 'hook install', 'hook pre-push']) {
      expect(run.stdout).toContain(`tagcheck ${command}`);
    }
  });

  it.each(['check', 'rules', 'snapshot', 'init', 'hook'])('%s --help prints that command’s usage', async (command) => {
    const run = await runCli([command, '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage:/);
    expect(run.stdout).toContain(command === 'check' ? '[check] [PATH]' : `tagcheck ${command}`);
    expect(run.stderr).toBe('');
  });

  it('help COMMAND is COMMAND --help', async () => {
    expect(await runCli(['help', 'rules'])).toEqual(await runCli(['rules', '--help']));
    expect((await runCli(['help'])).stdout).toBe((await runCli(['--help'])).stdout);
  });

  it('check --help lists every contract option', async () => {
    const { stdout } = await runCli(['check', '--help']);
    for (const option of ['--tag', '--config', '--scope', '--offline', '--registry-snapshot', '--insecure-registry', '--platform',
      '--rule', '--format', '--output', '--fail-on', '--concurrency', '--timeout', '--no-color', '--quiet', '--verbose']) {
      expect(stdout).toContain(option);
    }
  });
});

describe('run failures: one line on stderr, exit 2', () => {
  it.each([
    [['--bogus'], /unknown option --bogus/],
    [['check', '.', '--bogus'], /unknown option --bogus/],
    [['--tag'], /--tag needs a value/],
    [['--format', 'xml'], /--format "xml" is not one of text, json, sarif, github/],
    [['--fail-on', 'fatal'], /--fail-on "fatal"/],
    [['--scope', 'network'], /--scope "network"/],
    [['--offline', '--scope', 'registry'], /--offline contradicts --scope registry/],
    [['--concurrency', 'many'], /--concurrency "many" is not a positive whole number/],
    [['--timeout', '0'], /--timeout "0"/],
    [['--platform', 'amd64'], /--platform "amd64" is not OS\/ARCH/],
    [['--rule', 'image-tag-mismatch'], /--rule "image-tag-mismatch" is not ID=off\|note\|warning\|error/],
    [['--rule', 'image-tag-mismatch=fatal'], /--rule image-tag-mismatch "fatal"/],
    [['--rule', 'no-such-rule=error'], /unknown rule "no-such-rule"/],
    [['--insecure-registry', 'http://x'], /--insecure-registry "http:\/\/x"/],
    [['.', 'other'], /expected one PATH/],
    [['rules', '--format', 'sarif'], /--format "sarif" is not one of text, json/],
    [['snapshot', '.'], /snapshot needs --output FILE/],
  ])('%j', async (argv, pattern) => {
    expectOneLineFailure(await runCli(argv), pattern);
  });

  it('a config with an unknown key names the file and the key', async () => {
    await withTempDir(async (dir) => {
      await writeFile(join(dir, '.tagcheck.yaml'), 'images: [ghcr.io/acme/app]\nimagez: [x]\n');
      expectOneLineFailure(await runCli([dir, '--offline']), /\.tagcheck\.yaml.*imagez/);
    });
  });

  it('a config with a wrong type', async () => {
    await withTempDir(async (dir) => {
      await writeFile(join(dir, '.tagcheck.yaml'), 'latest: sometimes\n');
      expectOneLineFailure(await runCli([dir, '--offline']), /\.tagcheck\.yaml.*latest/);
    });
  });

  it('a --config file that does not exist', async () => {
    await withTempDir(async (dir) => {
      expectOneLineFailure(await runCli([dir, '--offline', '--config', 'nope.yaml'], { cwd: dir }), /nope\.yaml/);
    });
  });

  it('a PATH that does not exist', async () => {
    expectOneLineFailure(await runCli(['check', 'no/such/dir']), /PATH "no\/such\/dir" does not exist$/);
  });

  it('a PATH that is a file', async () => {
    expectOneLineFailure(await runCli(['package.json']), /PATH "package.json" is not a directory/);
  });

  it('a mistyped command reads as a PATH and says it is not a command either', async () => {
    expectOneLineFailure(await runCli(['chek']), /PATH "chek" does not exist \(and it is not a command/);
  });

  it('an unexpected exception is one "internal error" line, no stack', async () => {
    let stderr = '';
    const code = await main(['--version'], {
      stdout: { write: () => { throw new Error('stdout closed\n    at somewhere (file.js:1:1)'); } },
      stderr: { write: (text: string) => (stderr += text) },
      env: {},
      cwd: process.cwd(),
    });
    expect(code).toBe(2);
    expect(stderr).toBe('tagcheck: internal error: stdout closed\n');
  });
});

describe('tagcheck check on a repository without findings', () => {
  it('exits 0 with the summary line; check is the default command', async () => {
    await withTempDir(async (dir) => {
      await writeFile(join(dir, 'deploy.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n');
      for (const argv of [[dir, '--offline'], ['check', dir, '--offline'], ['--offline']]) {
        const run = await runCli(argv, { cwd: dir });
        expect(run.code).toBe(0);
        expect(run.stdout).toMatch(/^tagcheck: no problems; no release tag; \d+ rules? run/m);
        expect(run.stderr).toBe('');
      }
    });
  });

  it('--format json writes the contract shape with release null', async () => {
    await withTempDir(async (dir) => {
      const run = await runCli([dir, '--offline', '--format', 'json']);
      expect(run.code).toBe(0);
      const report = JSON.parse(run.stdout);
      expect(Object.keys(report)).toEqual(['version', 'tool', 'release', 'summary', 'findings']);
      expect(report.release).toBeNull();
      expect(report.tool).toEqual({ name: 'tagcheck', version: pkg.version });
      expect(report.summary.error).toBe(0);
    });
  });

  it('--output writes the report to the file and the summary to stderr', async () => {
    await withTempDir(async (dir) => {
      const run = await runCli([dir, '--offline', '--format', 'json', '--output', 'report.json'], { cwd: dir });
      expect(run.code).toBe(0);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^tagcheck: no problems/);
      expect(JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')).version).toBe(1);
    });
  });

  it('--output creates the folders the report goes into', async () => {
    await withTempDir(async (dir) => {
      const run = await runCli([dir, '--offline', '--format', 'sarif', '--output', 'reports/ci/tagcheck.sarif'], { cwd: dir });
      expect(run.code).toBe(0);
      expect(JSON.parse(await readFile(join(dir, 'reports/ci/tagcheck.sarif'), 'utf8')).version).toBe('2.1.0');
    });
  });

  it('--quiet drops the summary from stderr', async () => {
    await withTempDir(async (dir) => {
      const run = await runCli([dir, '--offline', '--output', 'report.txt', '--quiet'], { cwd: dir });
      expect(run).toEqual({ code: 0, stdout: '', stderr: '' });
    });
  });

  it('--verbose says what the check looked at', async () => {
    await withTempDir(async (dir) => {
      await writeFile(join(dir, '.tagcheck.yaml'), 'images: [ghcr.io/acme/app]\n');
      const run = await runCli([dir, '--offline', '--verbose']);
      expect(run.code).toBe(0);
      expect(run.stderr).toMatch(/^tagcheck: no release tag; config \.tagcheck\.yaml; own images from images: in \.tagcheck\.yaml; \d+ files, .*own repositories: ghcr\.io\/acme\/app$/m);
    });
  });

  it('an unwritable --output is exit 2', async () => {
    await withTempDir(async (dir) => {
      await mkdir(join(dir, 'taken'));
      expectOneLineFailure(await runCli([dir, '--offline', '--output', join(dir, 'taken')]), /cannot write the report to/);
    });
  });
});

describe('files that cannot be read', () => {
  it('are warnings on stderr and JSON diagnostics; the good files are still checked and the exit code is theirs', async () => {
    await withTempDir(async (parent) => {
      const dir = join(parent, 'descheduler');
      await mkdir(dir);
      await writeFile(join(dir, 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers:\n    - name: a\n      image: registry.k8s.io/descheduler/descheduler:v0.28.1\n');
      await writeFile(join(dir, 'broken.yaml'), 'a: [1, 2\nb: {\n');
      const text = await runCli([dir, '--offline', '--tag', 'v0.29.0']);
      expect(text.code).toBe(1);
      expect(text.stdout).toMatch(/^pod\.yaml:7:\d+ +error .* image-tag-mismatch$/m);
      expect(text.stderr).toMatch(/^tagcheck: warning: broken\.yaml:\d+:\d+: invalid YAML: .+$/m);
      expect(text.stderr.match(/broken\.yaml/g)).toHaveLength(1);

      const json = await runCli([dir, '--offline', '--tag', 'v0.29.0', '--format', 'json']);
      const report = JSON.parse(json.stdout);
      expect(report.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['image-tag-mismatch']);
      expect(report.diagnostics).toEqual([
        { level: 'warning', message: expect.stringContaining('invalid YAML'), location: { file: 'broken.yaml', line: expect.any(Number), column: expect.any(Number) } },
      ]);

      const quiet = await runCli([dir, '--offline', '--tag', 'v0.29.0', '--quiet']);
      expect(quiet.stderr).toBe('');
      expect(quiet.code).toBe(1);
    });
  });
});

describe('tagcheck rules', () => {
  const contractRules: [string, string, string][] = [
    ['release-tag-invalid', 'manifests', 'error'], ['image-tag-mismatch', 'manifests', 'error'],
    ['image-tag-inconsistent', 'manifests', 'error'], ['chart-app-version-mismatch', 'manifests', 'error'],
    ['chart-version-invalid', 'manifests', 'error'], ['kustomize-image-unmatched', 'manifests', 'error'],
    ['mutable-image-tag', 'manifests', 'warning'], ['image-missing', 'registry', 'error'],
    ['manifest-index-missing', 'registry', 'error'], ['platform-missing', 'registry', 'error'],
    ['latest-is-prerelease', 'registry', 'error'], ['latest-not-newest-stable', 'registry', 'error'],
    ['latest-missing', 'registry', 'error'], ['components-out-of-sync', 'registry', 'error'],
    ['registry-unreachable', 'registry', 'error'],
  ];
  /** the README's extension: the rules of `check --cluster` */
  const clusterRules: [string, string, string][] = [
    ['cluster-unreachable', 'cluster', 'error'], ['deployed-digest-drift', 'cluster', 'error'], ['deployed-image-mismatch', 'cluster', 'error'],
  ];
  const docsRules: [string, string, string][] = [['docs-version-stale', 'manifests', 'warning']];
  /** documented extensions (README "Signatures and attestations"): they run when `require:` asks */
  const extensionRules: [string, string, string][] = [['signature-missing', 'registry', 'error'], ['attestation-missing', 'registry', 'error']];

  it('lists every contract rule with its level, scope and summary', async () => {
    const run = await runCli(['rules']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID +LEVEL +SCOPE +SUMMARY$/);
    for (const [id, scope, level] of [...contractRules, ...clusterRules]) {
      expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${id} +${level} +${scope} +\\S.+$`)));
    }
  });

  it('--format json gives id, level, scope, summary and helpUri, sorted by id', async () => {
    const run = await runCli(['rules', '--format', 'json']);
    const list = JSON.parse(run.stdout) as { id: string; level: string; scope: string; summary: string; helpUri: string }[];
    expect(list.map((r) => [r.id, r.scope, r.level])).toEqual([...contractRules, ...clusterRules, ...extensionRules, ...docsRules].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
    for (const rule of list) {
      expect(Object.keys(rule)).toEqual(['id', 'level', 'scope', 'summary', 'helpUri']);
      expect(rule.helpUri).toMatch(new RegExp(`/rules/${rule.id}\\.md$`));
      expect(rule.summary.length).toBeGreaterThan(10);
    }
  });
});

describe('suppressed findings', () => {
  it('never count towards the exit code, and JSON shows them as suppressed', async () => {
    await withTempDir(async (parent) => {
      const dir = join(parent, 'descheduler');
      await mkdir(dir);
      await writeFile(join(dir, 'pod.yaml'), [
        'apiVersion: v1', 'kind: Pod', 'metadata: {name: a}', 'spec:', '  containers:', '    - name: a',
        '      # tagcheck-ignore image-tag-mismatch -- rolled out separately',
        '      image: registry.k8s.io/descheduler/descheduler:v0.28.1', '',
      ].join('\n'));
      const text = await runCli([dir, '--offline', '--tag', 'v0.29.0']);
      expect(text.code).toBe(0);
      expect(text.stdout).toMatch(/^tagcheck: no problems; 1 suppressed; release v0\.29\.0/m);
      const json = JSON.parse((await runCli([dir, '--offline', '--tag', 'v0.29.0', '--format', 'json'])).stdout);
      expect(json.summary.error).toBe(0);
      expect(json.findings).toEqual([
        expect.objectContaining({ ruleId: 'image-tag-mismatch', suppressed: { kind: 'inSource', justification: 'rolled out separately' } }),
      ]);
    });
  });
});

describe('registry options', () => {
  it('a --registry-snapshot that does not exist is exit 2 when registry rules run', async () => {
    await withTempDir(async (dir) => {
      await writeFile(join(dir, 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers:\n    - name: a\n      image: ghcr.io/acme/app:v1.0.0\n');
      expectOneLineFailure(await runCli([dir, '--tag', 'v1.0.0', '--registry-snapshot', join(dir, 'missing.json')]), /missing\.json/);
    });
  });

  it('--offline lists the registry rules (and the cluster rules, never on by default) as skipped and never asks the registry', async () => {
    await withTempDir(async (dir) => {
      const report = JSON.parse((await runCli([dir, '--offline', '--registry-snapshot', join(dir, 'missing.json'), '--format', 'json'])).stdout);
      expect(report.summary.rulesSkipped).toEqual([
        'attestation-missing', 'cluster-unreachable', 'components-out-of-sync', 'deployed-digest-drift', 'deployed-image-mismatch', 'image-missing', 'latest-is-prerelease', 'latest-missing', 'latest-not-newest-stable',
        'manifest-index-missing', 'platform-missing', 'registry-unreachable', 'signature-missing',
      ]);
      // the 7 contract manifests rules and docs-version-stale
      expect(report.summary.rulesRun).toHaveLength(8);
    });
  });

  it('--scope registry skips the manifests rules', async () => {
    await withTempDir(async (dir) => {
      const snapshot = join(dir, 'snapshot.json');
      await writeFile(snapshot, JSON.stringify({ version: 1, repositories: {} }));
      const report = JSON.parse((await runCli([dir, '--scope', 'registry', '--registry-snapshot', snapshot, '--format', 'json'])).stdout);
      expect(report.summary.rulesRun).toHaveLength(8);
      expect(report.summary.rulesSkipped).toContain('image-tag-mismatch');
    });
  });
});
