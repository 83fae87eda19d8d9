import fc from 'fast-check';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { InputError } from '../../src/model/errors.js';
import { loadManifests } from '../../src/sources/manifests/index.js';
import { nameFromRemoteUrl } from '../../src/sources/git/repository-name.js';
import { isVersionPlaceholder } from '../../src/sources/git/version-from.js';

/** Fragments of YAML, config keys and Kubernetes shapes: random joins hit the parser's and the readers' edges. */
const FRAGMENTS = [
  'images', 'components', 'manifests', 'tagFormat', 'platforms', 'latest', 'mutableTags', 'version', 'from', 'rules', 'registries',
  'insecure', 'ignore', 'rule', 'path', 'reason', 'default', 'image', 'containers', 'initContainers', 'spec', 'template', 'kind',
  'Deployment', 'kustomization', 'resources', 'newTag', 'newName', 'name', 'apiVersion', 'appVersion', 'repository', 'tag',
  'ghcr.io/acme/app', 'nginx:1.25', 'v1.2.3', 'linux/amd64', 'windows/amd64:ltsc2022', 'same', '{version}', 'required', 'error', 'off',
  'true', 'null', '~', '0', '1.5', '-1', '0x1F', '.inf', 'image-missing', 'localhost:5000', 'Chart.yaml#appVersion',
  ':', ': ', '- ', '-', ' ', '  ', '\n', '\n  ', '\n    ', '\t', '[', ']', '{', '}', ',', '"', "'", '\\', '#', '&a ', '*a', '&b ', '*b',
  '!!str ', '!!map ', '!custom ', '|', '>', '---\n', '...\n', '%YAML 1.2\n', '? ', '<<: ', '{{ .Values.image }}', '\uFEFF', '\u0000', 'é', '\r\n',
];
const yamlish = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 60 }).map((parts) => parts.join(''));

let dir: string;
let counter = 0;
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'tagcheck-fuzz-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

describe('loadConfig under random YAML-ish text', () => {
  it('either loads or throws one-line InputError naming the file; nothing else escapes', async () => {
    await fc.assert(
      fc.asyncProperty(yamlish, async (text) => {
        const root = join(dir, 'config');
        await mkdir(root, { recursive: true });
        await writeFile(join(root, '.tagcheck.yaml'), text);
        try {
          const config = await loadConfig(root);
          expect(config.file).toBe('.tagcheck.yaml');
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
          expect((error as Error).message).toMatch(/^\.tagcheck\.yaml(:\d+:\d+)?: \S/);
          expect((error as Error).message).not.toContain('\n');
        }
      }),
      { numRuns: 2000 },
    );
  }, 120_000);
});

describe('loadManifests under random YAML-ish text', () => {
  it('never throws: unreadable files become diagnostics', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(yamlish, { minLength: 1, maxLength: 3 }), async (texts) => {
        const root = join(dir, `manifests-${counter++}`);
        await mkdir(join(root, 'deploy'), { recursive: true });
        await Promise.all(texts.map((text, i) => writeFile(join(root, i === 2 ? 'kustomization.yaml' : `deploy/file-${i}.yaml`), text)));
        try {
          const set = await loadManifests({ root });
          expect(Array.isArray(set.imageUses)).toBe(true);
          expect(Array.isArray(set.diagnostics)).toBe(true);
        } finally {
          await rm(root, { recursive: true, force: true });
        }
      }),
      { numRuns: 1000 },
    );
  }, 120_000);
});

describe('small text readers never throw', () => {
  it('nameFromRemoteUrl and isVersionPlaceholder', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), yamlish), (text) => {
      const name = nameFromRemoteUrl(text);
      if (name !== undefined) expect(name).not.toMatch(/[/:\\]/);
      isVersionPlaceholder(text);
    }), { numRuns: 5000 });
  });
});
