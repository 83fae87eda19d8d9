import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { InputError } from '../../src/model/errors.js';

const schema = JSON.parse(readFileSync(new URL('../../schema/tagcheck.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);

/** [name, config text, valid?]: the editor's schema and tagcheck must give the same verdict on each. */
const table: [string, string, boolean][] = [
  ['empty mapping', '{}', true],
  ['the contract example', `
images:
  - ghcr.io/acme/app
  - ghcr.io/acme/gadget-*
components: [ghcr.io/acme/gadget-trace-exec]
manifests: [deploy/**/*.yaml, charts/**]
tagFormat: same
platforms: [linux/amd64, linux/arm64]
latest: required
mutableTags: [latest, main, master, dev, edge, nightly]
version:
  from: charts/app/Chart.yaml#appVersion
rules:
  mutable-image-tag: warning
registries:
  localhost:5000: { insecure: true }
`, true],
  ['platforms per image', `
platforms:
  ghcr.io/acme/agent: [linux/amd64, linux/arm64, "windows/amd64:10.0.20348"]
  default: [linux/amd64, linux/arm64, linux/arm/v7]
`, true],
  ['windows ltsc alias', 'platforms: ["windows/amd64:ltsc2022"]', true],
  ['tagFormat exact', 'tagFormat: exact', true],
  ['tagFormat template', 'tagFormat: "v{version}"', true],
  ['tagFormat bare template', 'tagFormat: "{version}"', true],
  ['latest forbidden', 'latest: forbidden', true],
  ['every rule level', 'rules: { image-missing: "off", latest-missing: note, platform-missing: error, release-tag-invalid: warning }', true],
  ['ignore entries', 'ignore:\n  - { rule: mutable-image-tag, path: "deploy/dev/**", reason: dev only }\n  - rule: latest-missing', true],
  ['version from a plain file', 'version: { from: VERSION }', true],
  ['registry with port', 'registries: { "registry.internal:5443": { insecure: false } }', true],
  ['image on a registry with port', 'images: [localhost:5000/team/app]', true],
  ['docs globs (extension)', 'docs: [README.md, "docs/**/*.md"]\nrules: { docs-version-stale: "off" }', true],
  ['docs: [] reads no Markdown', 'docs: []', true],
  ['docs a string', 'docs: README.md', false],
  ['docs empty glob', 'docs: [""]', false],
  ['require signatures', 'require: { signatures: true }', true],
  ['require signatures per platform and attestations', 'require: { signatures: { platforms: true }, attestations: [sbom, provenance] }', true],
  ['require attestations per platform with a predicate URI', 'require: { attestations: { kinds: [sbom, "https://cosign.sigstore.dev/attestation/vuln/v1"], platforms: true } }', true],
  ['require rule levels', 'rules: { signature-missing: warning, attestation-missing: "off" }', true],
  ['require signatures a string', 'require: { signatures: "yes" }', false],
  ['require unknown key', 'require: { sboms: true }', false],
  ['require unknown attestation kind', 'require: { attestations: [vex] }', false],
  ['require attestations without kinds', 'require: { attestations: { platforms: true } }', false],
  ['require signatures unknown setting', 'require: { signatures: { platform: true } }', false],
  ['unknown top-level key', 'imagez: [ghcr.io/acme/app]', false],
  ['images not a list', 'images: ghcr.io/acme/app', false],
  ['image is a number', 'images: [42]', false],
  ['image with a tag', 'images: [ghcr.io/acme/app:v1.2.3]', false],
  ['image with white space', 'images: ["ghcr.io/acme/my app"]', false],
  ['tagFormat without {version}', 'tagFormat: semver', false],
  ['tagFormat a number', 'tagFormat: 1', false],
  ['platform without arch', 'platforms: [linux]', false],
  ['platform with two os versions', 'platforms: ["windows/amd64:1:2"]', false],
  ['platform map value not a list', 'platforms: { default: linux/amd64 }', false],
  ['latest policy misspelt', 'latest: requried', false],
  ['latest a boolean', 'latest: true', false],
  ['mutableTags a string', 'mutableTags: latest', false],
  ['mutableTags empty string', 'mutableTags: [""]', false],
  ['version.from with empty key path', 'version: { from: "Chart.yaml#" }', false],
  ['version unknown key', 'version: { file: Chart.yaml }', false],
  ['version a string', 'version: Chart.yaml#appVersion', false],
  ['unknown rule id', 'rules: { no-such-rule: error }', false],
  ['rule level misspelt', 'rules: { image-missing: fatal }', false],
  ['rule level a number', 'rules: { image-missing: 2 }', false],
  ['registry insecure a string', 'registries: { localhost:5000: { insecure: "yes" } }', false],
  ['registry unknown setting', 'registries: { localhost:5000: { tls: false } }', false],
  ['registry host with a path', 'registries: { "localhost:5000/v2": { insecure: true } }', false],
  ['ignore without rule', 'ignore: [{ path: "deploy/**" }]', false],
  ['ignore unknown rule', 'ignore: [{ rule: nope }]', false],
  ['ignore unknown key', 'ignore: [{ rule: image-missing, why: x }]', false],
  ['config is a list', '- images', false],
  ['config is a string', 'hello', false],
];

let dir: string;
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'tagcheck-schema-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

describe('schema/tagcheck.schema.json and loadConfig agree', () => {
  it('has a table large enough to mean something', () => {
    expect(table.length).toBeGreaterThanOrEqual(20);
    expect(table.filter(([, , valid]) => valid).length).toBeGreaterThanOrEqual(8);
    expect(table.filter(([, , valid]) => !valid).length).toBeGreaterThanOrEqual(12);
  });

  it.each(table)('%s', async (_name, text, valid) => {
    const schemaSays = validate(parse(text));
    expect(schemaSays, JSON.stringify(validate.errors)).toBe(valid);

    await writeFile(join(dir, '.tagcheck.yaml'), text);
    const loaded = await loadConfig(dir).then(() => null, (error: unknown) => error);
    if (valid) {
      expect(loaded).toBeNull();
    } else {
      expect(loaded).toBeInstanceOf(InputError);
      const message = (loaded as InputError).message;
      expect(message).toMatch(/^\.tagcheck\.yaml:\d+:\d+: \S/);
      expect(message).not.toContain('\n');
    }
  });
});
