import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { CONFIG_FILE, SCHEMA_URL, discover, renderConfig, runInitCommand } from '../../src/cli/init.js';
import { InputError } from '../../src/model/errors.js';
import type { ManifestSet } from '../../src/model/release.js';
import { at, imageUse, located, release } from '../support/model.js';
import { captureIO } from '../hook/git-repo.js';

function manifestSet(images: string[], fields: Partial<ManifestSet> = {}): ManifestSet {
  return {
    files: ['deploy/base/app.yaml', 'deploy/base/kustomization.yaml', 'charts/app/Chart.yaml', 'charts/app/values.yaml', 'extra.yml'],
    imageUses: images.map((image, index) => imageUse(image, at('deploy/base/app.yaml', index + 1))),
    charts: [
      { dir: 'charts/app', file: 'charts/app/Chart.yaml', appVersion: located('1.2.3', 'charts/app/Chart.yaml', 3), vendored: false },
      { dir: 'charts/app/charts/redis', file: 'charts/app/charts/redis/Chart.yaml', vendored: true },
    ],
    kustomizeOverrides: [{ file: 'deploy/overlays/prod/kustomization.yaml', name: located('ghcr.io/acme/app', 'x', 1), matched: true, incomplete: false }],
    diagnostics: [],
    ...fields,
  };
}

describe('init discovery', () => {
  it('takes images whose path contains the repository name as own, as tagcheck does without a config', () => {
    const d = discover(manifestSet(['ghcr.io/acme/shop-api:v1', 'ghcr.io/acme/shop-web:v1', 'redis:7', 'ghcr.io/acme/shop-api:v0']), 'shop');
    expect(d.ownImages).toEqual(['ghcr.io/acme/shop-api', 'ghcr.io/acme/shop-web']);
    expect(d.thirdPartyImages).toEqual(['docker.io/library/redis']);
    expect(d.charts).toEqual([{ dir: 'charts/app', appVersion: '1.2.3' }]);
    expect(d.kustomizations).toEqual(['deploy/base', 'deploy/overlays/prod']);
    expect(d.manifestGlobs).toEqual(['charts/**/*.yaml', 'deploy/**/*.yaml', 'extra.yml']);
  });

  it('falls back to the registry namespace most images live in', () => {
    const d = discover(manifestSet(['ghcr.io/acme/api:v1', 'ghcr.io/acme/web:v1', 'quay.io/prometheus/node-exporter:v1', 'nginx:1']), 'checkout-clone');
    expect(d.ownImages).toEqual(['ghcr.io/acme/api', 'ghcr.io/acme/web']);
    expect(d.ownReason).toContain('ghcr.io/acme/');
  });

  it('claims nothing when no namespace stands out', () => {
    const d = discover(manifestSet(['ghcr.io/acme/api:v1', 'quay.io/other/web:v1', 'nginx:1']), 'unrelated');
    expect(d.ownImages).toEqual([]);
  });

  it('renders a config whose first line is the schema and whose keys parse back to the discovery', () => {
    const d = discover(manifestSet(['ghcr.io/acme/shop-api:v1', 'redis:7']), 'shop');
    const text = renderConfig(d);
    expect(text.split('\n')[0]).toBe(`# yaml-language-server: $schema=${SCHEMA_URL}`);
    expect(parse(text)).toEqual({
      images: ['ghcr.io/acme/shop-api'],
      manifests: ['charts/**/*.yaml', 'deploy/**/*.yaml', 'extra.yml'],
      tagFormat: 'same',
      latest: 'required',
    });
    expect(text).toContain('#   charts/app (appVersion 1.2.3)');
    expect(text).toContain('#   from: charts/app/Chart.yaml#appVersion');
    // how ownership is decided, where the name came from, and what the warning about it means
    expect(text).toContain('# How tagcheck decides what is own: with images: listed, exactly these (and components:).');
    expect(text).toContain('GITHUB_REPOSITORY or CI_PROJECT_PATH in CI, the origin remote, or the');
    expect(text).toContain('# folder name (here: "shop"; `tagcheck check --verbose` shows which).');
    expect(text).toContain('tagcheck warns "no image in the manifests');
  });

  it('owns as the check does: separators aside (argo-cd → argocd), without namesakes or a sibling\'s version line', () => {
    expect(discover(manifestSet(['quay.io/argoproj/argocd:v2.12.0', 'redis:7']), 'argo-cd').ownImages).toEqual(['quay.io/argoproj/argocd']);
    const externalSecrets = discover(manifestSet(['ghcr.io/external-secrets/external-secrets:v0.10.0', 'purtontech/cloak-external-secrets:latest']), 'external-secrets');
    expect(externalSecrets.ownImages).toEqual(['ghcr.io/external-secrets/external-secrets']);
    const metallb = manifestSet(['quay.io/metallb/controller:v0.14.9', 'quay.io/metallb/speaker:v0.14.9', 'quay.io/metallb/frr-k8s:v0.0.16']);
    expect(discover(metallb, 'metallb', release('v0.14.9')).ownImages).toEqual(['quay.io/metallb/controller', 'quay.io/metallb/speaker']);
    expect(discover(metallb, 'metallb', release('v0.14.9')).thirdPartyImages).toEqual(['quay.io/metallb/frr-k8s']);
  });

  it('lists no dot-folder, dot-file or test-fixture folder among the manifest globs', () => {
    const files = ['.github/workflows/ci.yaml', '.golangci.yml', 'test/e2e/app.yaml', 'config/e2e/patch.yaml', 'config/manager/manager.yaml', 'tests/x.yml'];
    expect(discover(manifestSet([], { files }), 'x').manifestGlobs).toEqual(['config/**/*.yaml']);
  });

  it('quotes globs YAML would misread', () => {
    const text = renderConfig({ ...discover(manifestSet([]), 'x'), manifestGlobs: ['*.yaml', 'a/{b,c}/**'] });
    expect(parse(text).manifests).toEqual(['*.yaml', 'a/{b,c}/**']);
  });
});

describe('tagcheck init', () => {
  it('writes .tagcheck.yaml and refuses to overwrite it without --force', async () => {
    const root = mkdtempSync(join(tmpdir(), 'tagcheck-init-'));
    writeFileSync(join(root, 'app.yaml'), 'kind: Pod\n');
    const io = captureIO(root);
    expect(await runInitCommand([], io)).toBe(0);
    const written = readFileSync(join(root, CONFIG_FILE), 'utf8');
    expect(written.startsWith('# yaml-language-server: $schema=')).toBe(true);
    expect(io.out()).toContain(`wrote ${join(root, CONFIG_FILE)}`);

    writeFileSync(join(root, CONFIG_FILE), 'images: [mine]\n');
    await expect(runInitCommand([root], captureIO(root))).rejects.toThrow(InputError);
    await expect(runInitCommand([root], captureIO(root))).rejects.toThrow(/already exists; rerun with --force/);
    expect(readFileSync(join(root, CONFIG_FILE), 'utf8')).toBe('images: [mine]\n');
    expect(await runInitCommand([root, '--force'], captureIO(root))).toBe(0);
    expect(readFileSync(join(root, CONFIG_FILE), 'utf8')).toBe(written);
  });

  it('also refuses when a .tagcheck.yml exists, and rejects a missing PATH and unknown options', async () => {
    const root = mkdtempSync(join(tmpdir(), 'tagcheck-init-'));
    writeFileSync(join(root, '.tagcheck.yml'), 'images: []\n');
    await expect(runInitCommand([], captureIO(root))).rejects.toThrow(/\.tagcheck\.yml already exists/);
    await expect(runInitCommand(['missing'], captureIO(root))).rejects.toThrow(/is not a directory/);
    await expect(runInitCommand(['--yes'], captureIO(root))).rejects.toThrow(/unknown option "--yes"/);
  });
});
