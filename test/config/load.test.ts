import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/defaults.js';
import { loadConfig } from '../../src/config/load.js';
import { InputError } from '../../src/model/errors.js';

let root: string;
beforeEach(async () => { root = await mkdtemp(join(tmpdir(), 'tagcheck-config-')); });
afterEach(async () => {
  await chmod(join(root, '.tagcheck.yaml'), 0o644).catch(() => undefined);
  await rm(root, { recursive: true, force: true });
});

async function failureOf(text: string, name = '.tagcheck.yaml'): Promise<string> {
  await writeFile(join(root, name), text);
  const error = await loadConfig(root).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(InputError);
  return (error as InputError).message;
}

describe('finding the config file', () => {
  it('uses the defaults when there is no config file', async () => {
    expect(await loadConfig(root)).toEqual(defaultConfig());
  });

  it('reads .tagcheck.yml when there is no .tagcheck.yaml, and prefers .tagcheck.yaml', async () => {
    await writeFile(join(root, '.tagcheck.yml'), 'latest: optional\n');
    expect((await loadConfig(root)).latest).toBe('optional');
    expect((await loadConfig(root)).file).toBe('.tagcheck.yml');
    await writeFile(join(root, '.tagcheck.yaml'), 'latest: forbidden\n');
    expect((await loadConfig(root)).latest).toBe('forbidden');
  });

  it('reads an explicit file relative to the root and names it relative to the root', async () => {
    await mkdir(join(root, 'ci'));
    await writeFile(join(root, 'ci', 'tagcheck.yaml'), 'images:\n  - ghcr.io/acme/app\n');
    const config = await loadConfig(root, 'ci/tagcheck.yaml');
    expect(config.file).toBe('ci/tagcheck.yaml');
    expect(config.images).toEqual([{ value: 'ghcr.io/acme/app', file: 'ci/tagcheck.yaml', line: 2, column: 5 }]);
  });

  it('reads an explicit absolute file', async () => {
    await writeFile(join(root, 'other.yaml'), 'tagFormat: exact\n');
    expect((await loadConfig(root, join(root, 'other.yaml'))).tagFormat).toBe('exact');
  });

  it('fails with one line when the explicit file does not exist', async () => {
    await expect(loadConfig(root, 'nope.yaml')).rejects.toThrow(new InputError('nope.yaml: config file not found'));
  });

  it('fails with one line when the config is a directory', async () => {
    await mkdir(join(root, '.tagcheck.yaml'));
    await expect(loadConfig(root)).rejects.toThrow(new InputError('.tagcheck.yaml: is a directory, not a config file'));
  });

  it.skipIf(process.getuid?.() === 0)('fails with one line when the config cannot be read', async () => {
    await writeFile(join(root, '.tagcheck.yaml'), 'images: []\n');
    await chmod(join(root, '.tagcheck.yaml'), 0o000);
    await expect(loadConfig(root)).rejects.toThrow(new InputError('.tagcheck.yaml: cannot read the config file: permission denied'));
  });

  it('reports a config that is a symlink loop or a dangling symlink instead of ignoring it', async () => {
    await symlink('.tagcheck.yaml', join(root, '.tagcheck.yaml'));
    await expect(loadConfig(root)).rejects.toThrow(new InputError('.tagcheck.yaml: cannot read the config file: symbolic link loop'));
    await rm(join(root, '.tagcheck.yaml'));
    await symlink('missing.yaml', join(root, '.tagcheck.yaml'));
    await expect(loadConfig(root)).rejects.toThrow(new InputError('.tagcheck.yaml: cannot read the config file: no such file (a dangling symbolic link?)'));
  });

  it('does not follow a config symlink out of the root, and does not quote what it points at', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'tagcheck-outside-'));
    try {
      await writeFile(join(outside, 'credentials'), 'https://user:s3cret-token@github.com\n');
      await symlink(join(outside, 'credentials'), join(root, '.tagcheck.yaml'));
      const error = await loadConfig(root).then(() => undefined, (e: unknown) => e as Error);
      expect(error).toEqual(new InputError('.tagcheck.yaml: is a symbolic link to a file outside the checked directory; not read'));
      // The same file named with --config is the user's own choice: read, and its problem reported.
      expect(await loadConfig(root, join(outside, 'credentials')).catch((e: Error) => e.message)).toMatch(/the config: expected a mapping/);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it('follows a config symlink inside the root', async () => {
    await mkdir(join(root, 'ci'));
    await writeFile(join(root, 'ci', 'tagcheck.yaml'), 'latest: optional\n');
    await symlink('ci/tagcheck.yaml', join(root, '.tagcheck.yaml'));
    expect((await loadConfig(root)).latest).toBe('optional');
  });

  it('refuses a FIFO named .tagcheck.yaml instead of waiting for a writer', async () => {
    execFileSync('mkfifo', [join(root, '.tagcheck.yaml')]);
    await expect(loadConfig(root)).rejects.toThrow(new InputError('.tagcheck.yaml: is not a regular file'));
  });

  it('treats an empty file or a comment-only file as the defaults', async () => {
    await writeFile(join(root, '.tagcheck.yaml'), '');
    expect(await loadConfig(root)).toEqual({ ...defaultConfig(), file: '.tagcheck.yaml' });
    await writeFile(join(root, '.tagcheck.yaml'), '# nothing yet\n');
    expect(await loadConfig(root)).toEqual({ ...defaultConfig(), file: '.tagcheck.yaml' });
  });
});

describe('values and positions', () => {
  it('keeps the position of images, components and version.from', async () => {
    await writeFile(join(root, '.tagcheck.yaml'), [
      '# yaml-language-server: $schema=./schema/tagcheck.schema.json',
      'images:',
      '  - ghcr.io/acme/app',
      'components: [ghcr.io/acme/gadget-trace-exec]',
      'version:',
      '  from: charts/app/Chart.yaml#appVersion',
      '',
    ].join('\n'));
    const config = await loadConfig(root);
    expect(config.images).toEqual([{ value: 'ghcr.io/acme/app', file: '.tagcheck.yaml', line: 3, column: 5 }]);
    expect(config.components).toEqual([{ value: 'ghcr.io/acme/gadget-trace-exec', file: '.tagcheck.yaml', line: 4, column: 14 }]);
    expect(config.versionFrom).toEqual({ value: 'charts/app/Chart.yaml#appVersion', file: '.tagcheck.yaml', line: 6, column: 9 });
  });

  it('counts columns after a byte order mark as an editor does', async () => {
    await writeFile(join(root, '.tagcheck.yaml'), '\uFEFFimages: [ghcr.io/acme/app]\n');
    expect((await loadConfig(root)).images[0]).toMatchObject({ line: 1, column: 10 });
  });

  it('reads platforms as a list, and as a map with default last wherever it was written', async () => {
    await writeFile(join(root, '.tagcheck.yaml'), 'platforms: [linux/amd64, linux/arm/v7]\n');
    expect((await loadConfig(root)).platforms).toEqual([
      { pattern: 'default', platforms: [{ os: 'linux', architecture: 'amd64' }, { os: 'linux', architecture: 'arm', variant: 'v7' }] },
    ]);
    await writeFile(join(root, '.tagcheck.yaml'), [
      'platforms:',
      '  default: [linux/amd64]',
      '  ghcr.io/acme/agent: [linux/amd64, "windows/amd64:ltsc2019"]',
      '  ghcr.io/acme/*: [linux/arm64]',
    ].join('\n'));
    expect((await loadConfig(root)).platforms).toEqual([
      { pattern: 'ghcr.io/acme/agent', platforms: [{ os: 'linux', architecture: 'amd64' }, { os: 'windows', architecture: 'amd64', osVersion: '10.0.17763' }] },
      { pattern: 'ghcr.io/acme/*', platforms: [{ os: 'linux', architecture: 'arm64' }] },
      { pattern: 'default', platforms: [{ os: 'linux', architecture: 'amd64' }] },
    ]);
  });

  it('reads docs: as a glob list (extension); absent is the default, [] is none, a string is an error', async () => {
    expect((await loadConfig(root)).docs).toBeUndefined();
    await writeFile(join(root, '.tagcheck.yaml'), 'docs: [README.md, "docs/**/*.md"]\nrules: { docs-version-stale: error }\n');
    const config = await loadConfig(root);
    expect(config.docs).toEqual(['README.md', 'docs/**/*.md']);
    expect(config.rules).toEqual({ 'docs-version-stale': 'error' });
    await writeFile(join(root, '.tagcheck.yaml'), 'docs: []\n');
    expect((await loadConfig(root)).docs).toEqual([]);
    await writeFile(join(root, '.tagcheck.yaml'), 'docs: README.md\n');
    await expect(loadConfig(root)).rejects.toThrow('.tagcheck.yaml:1:7: docs: expected a list, got "README.md"');
    await writeFile(join(root, '.tagcheck.yaml'), 'docs: ["  "]\n');
    await expect(loadConfig(root)).rejects.toThrow('.tagcheck.yaml:1:8: docs[0]: expected a glob, got an empty string');
  });

  it('reads rules, registries, mutableTags, manifests and ignore', async () => {
    await writeFile(join(root, '.tagcheck.yaml'), [
      'manifests: [deploy/**/*.yaml]',
      'mutableTags: [latest, canary]',
      'rules: { mutable-image-tag: "off", image-missing: warning }',
      'registries:',
      '  Localhost:5000: { insecure: true }',
      'ignore:',
      '  - rule: latest-missing',
      '    path: "charts/**"',
      '    reason: the chart is not released on its own',
    ].join('\n'));
    const config = await loadConfig(root);
    expect(config.manifests).toEqual(['deploy/**/*.yaml']);
    expect(config.mutableTags).toEqual(['latest', 'canary']);
    expect(config.rules).toEqual({ 'mutable-image-tag': 'off', 'image-missing': 'warning' });
    expect(config.registries).toEqual({ 'localhost:5000': { insecure: true } });
    expect(config.ignore).toEqual([{ rule: 'latest-missing', path: 'charts/**', reason: 'the chart is not released on its own' }]);
  });

  it.each([
    ['signatures: true', { signatures: { platforms: false } }],
    ['signatures: { platforms: true }', { signatures: { platforms: true } }],
    ['signatures: false', {}],
    ['attestations: [sbom, provenance, sbom]', { attestations: { kinds: ['sbom', 'provenance'], platforms: false } }],
    ['attestations: { kinds: [provenance], platforms: true }', { attestations: { kinds: ['provenance'], platforms: true } }],
    ['attestations: ["https://cosign.sigstore.dev/attestation/vuln/v1"]', { attestations: { kinds: ['https://cosign.sigstore.dev/attestation/vuln/v1'], platforms: false } }],
    ['attestations: []', {}],
  ])('reads require: { %s }', async (text, require) => {
    await writeFile(join(root, '.tagcheck.yaml'), `require: { ${text} }\n`);
    expect((await loadConfig(root)).require).toEqual(require);
  });

  it('has no requirements by default', async () => {
    await writeFile(join(root, '.tagcheck.yaml'), 'images: [ghcr.io/acme/app]\n');
    expect((await loadConfig(root)).require).toEqual({});
  });

  it('follows YAML aliases', async () => {
    await writeFile(join(root, '.tagcheck.yaml'), 'images: &own [ghcr.io/acme/app]\ncomponents: *own\n');
    expect((await loadConfig(root)).components.map((c) => c.value)).toEqual(['ghcr.io/acme/app']);
  });
});

describe('one-line errors with file, line, column and key path', () => {
  it.each([
    ['imagez: [a]\n', '.tagcheck.yaml:1:1: unknown key "imagez" (allowed: images, components, manifests, docs, tagFormat, platforms, latest, mutableTags, version, rules, registries, ignore, require)'],
    ['images:\n  - ghcr.io/acme/app\n  - 3\n', '.tagcheck.yaml:3:5: images[1]: expected a string, got a number (3)'],
    ['images: [ghcr.io/acme/app:v1]\n', '.tagcheck.yaml:1:10: images[0]: "ghcr.io/acme/app:v1" has a tag; list repositories without tag (the release tag decides it)'],
    ['images: [ghcr.io/Acme/app]\n', '.tagcheck.yaml:1:10: images[0]: invalid repository name "Acme/app" in "ghcr.io/Acme/app" (repository names must be lowercase)'],
    ['latest: sometimes\n', '.tagcheck.yaml:1:9: latest: expected one of required, optional, forbidden, got "sometimes"'],
    ['latest:\n', '.tagcheck.yaml:1:8: latest: expected one of required, optional, forbidden, got null'],
    ['tagFormat: semver\n', '.tagcheck.yaml:1:12: tagFormat: expected same, exact or a template containing {version} such as "v{version}", got "semver"'],
    ['tagFormat: {version}\n', '.tagcheck.yaml:1:12: tagFormat: expected same, exact or a template containing {version} such as "v{version}", got a mapping (a template starting with { must be quoted: tagFormat: "{version}")'],
    ['platforms:\n  default: [linux]\n', '.tagcheck.yaml:2:13: platforms.default[0]: "linux" is not a platform (expected os/arch[/variant][:os.version], e.g. linux/arm64 or windows/amd64:ltsc2022)'],
    ['rules:\n  image-mising: error\n', '.tagcheck.yaml:2:3: rules: unknown rule id "image-mising" (known: attestation-missing, chart-app-version-mismatch, chart-version-invalid, cluster-unreachable, components-out-of-sync, deployed-digest-drift, deployed-image-mismatch, docs-version-stale, image-missing, image-tag-inconsistent, image-tag-mismatch, kustomize-image-unmatched, latest-is-prerelease, latest-missing, latest-not-newest-stable, manifest-index-missing, mutable-image-tag, platform-missing, registry-unreachable, release-tag-invalid, signature-missing)'],
    ['registries:\n  localhost:5000:\n    insecure: yes\n', '.tagcheck.yaml:3:15: registries.localhost:5000.insecure: expected true or false, got "yes"'],
    ['registries:\n  localhost:5000: { tls: off }\n', '.tagcheck.yaml:2:21: unknown key "tls" in registries.localhost:5000 (allowed: insecure)'],
    ['version:\n  from: "Chart.yaml#"\n', '.tagcheck.yaml:2:9: version.from: "Chart.yaml#" must be FILE or FILE#key.path, e.g. charts/app/Chart.yaml#appVersion'],
    ['ignore:\n  - path: x\n', '.tagcheck.yaml:2:5: ignore[0]: missing key "rule" (an ignore entry needs rule, and may have path and reason)'],
    ['require:\n  signatures: yes\n', '.tagcheck.yaml:2:15: require.signatures: expected true, false or { platforms: true }, got "yes"'],
    ['require:\n  signature: true\n', '.tagcheck.yaml:2:3: unknown key "signature" in require (allowed: signatures, attestations)'],
    ['require:\n  signatures: { platform: true }\n', '.tagcheck.yaml:2:17: unknown key "platform" in require.signatures (allowed: platforms)'],
    ['require:\n  attestations: [sbom, vex]\n', '.tagcheck.yaml:2:24: require.attestations[1]: unknown attestation kind "vex" (expected sbom, provenance or a predicate type URI such as https://slsa.dev/provenance/v1)'],
    ['require:\n  attestations: sbom\n', '.tagcheck.yaml:2:17: require.attestations: expected a list such as [sbom, provenance] or { kinds: [...], platforms: true }, got "sbom"'],
    ['require:\n  attestations: { platforms: true }\n', '.tagcheck.yaml:2:17: require.attestations: missing key "kinds" (e.g. kinds: [sbom, provenance])'],
    ['require:\n  attestations: { kinds: [sbom], platforms: 1 }\n', '.tagcheck.yaml:2:45: require.attestations.platforms: expected true or false, got a number (1)'],
    ['- images\n', '.tagcheck.yaml:1:1: the config: expected a mapping, got a list'],
    ['images: [a]\nimages: [b]\n', '.tagcheck.yaml:2:1: invalid YAML: Map keys must be unique'],
    ['images:\n\t- a\n', '.tagcheck.yaml:2:1: invalid YAML: Tabs are not allowed as indentation'],
    ['images: "ghcr.io/acme/app\n', '.tagcheck.yaml:2:1: invalid YAML: Missing closing "quote'],
    ['latest: optional\n---\nlatest: required\n', '.tagcheck.yaml:3:1: expected one YAML document, found 2'],
  ])('%j', async (text, message) => {
    expect(await failureOf(text)).toBe(message);
  });

  it('refuses a binary file without trying to parse it', async () => {
    await writeFile(join(root, '.tagcheck.yaml'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2]));
    await expect(loadConfig(root)).rejects.toThrow(new InputError('.tagcheck.yaml: not a text file (contains NUL bytes)'));
  });

  it('refuses a huge file before parsing it', async () => {
    await writeFile(join(root, '.tagcheck.yaml'), `# ${'x'.repeat(2 * 1024 * 1024)}\n`);
    expect(await loadConfig(root).catch((e: Error) => e.message)).toMatch(/^\.tagcheck\.yaml: config file is \d+ bytes, more than the 1048576/);
  });

  it('stays bounded on an alias bomb (10^10 strings if expanded)', async () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 10; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    lines.push('images: *a9');
    const started = Date.now();
    // Under a known key the bomb is a list of lists: refused at its first element, never expanded.
    expect(await failureOf(`images: [&a0 [x, x, x], &a1 [*a0, *a0, *a0]]\nmanifests: [*a1, *a1]`)).toBe(
      '.tagcheck.yaml:1:14: images[0]: expected a string, got a list',
    );
    expect(await failureOf(lines.join('\n'))).toBe('.tagcheck.yaml:1:1: unknown key "a0" (allowed: images, components, manifests, docs, tagFormat, platforms, latest, mutableTags, version, rules, registries, ignore, require)');
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('an explicit config file the CLI resolved to an absolute path', () => {
  it('is named relative to the root when missing inside it, and as given outside it', async () => {
    await expect(loadConfig(root, join(root, 'ci', 'missing.yaml'))).rejects.toThrow(new InputError('ci/missing.yaml: config file not found'));
    await expect(loadConfig(root, '/nonexistent/tagcheck.yaml')).rejects.toThrow(new InputError('/nonexistent/tagcheck.yaml: config file not found'));
  });
});
