import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/model/errors.js';
import type { Lookup, TagFacts } from '../../src/model/registry.js';
import { loadSnapshot, recordingSource, writeSnapshot, type SnapshotFile } from '../../src/sources/registry/snapshot.js';
import type { RegistrySource } from '../../src/sources/registry/source.js';

const dir = mkdtempSync(join(tmpdir(), 'tagcheck-snapshot-'));
const digestA = `sha256:${'a'.repeat(64)}`;
const digestB = `sha256:${'b'.repeat(64)}`;
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';

function snapshotFile(name: string, content: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

const contractExample: SnapshotFile = {
  version: 1,
  repositories: {
    'ghcr.io/acme/app': {
      tags: {
        'v1.2.3': { digest: digestA, mediaType: OCI_INDEX, platforms: ['linux/amd64', 'linux/arm64'] },
        latest: { digest: digestA, mediaType: OCI_INDEX, platforms: ['linux/amd64', 'linux/arm64'] },
      },
    },
    nginx: { tags: { '1.25': { digest: digestB, mediaType: OCI_MANIFEST, platforms: ['linux/arm/v7'] } } },
  },
};

describe('loadSnapshot', () => {
  it('answers from the contract format: tag list = keys of tags, platforms parsed, isIndex from the media type', async () => {
    const source = await loadSnapshot(snapshotFile('contract.json', contractExample));
    expect(await source.listTags('ghcr.io/acme/app')).toEqual({ status: 'found', value: ['v1.2.3', 'latest'] });
    expect(await source.getTag('ghcr.io/acme/app', 'v1.2.3')).toEqual({
      status: 'found',
      value: { digest: digestA, mediaType: OCI_INDEX, isIndex: true, platforms: [{ os: 'linux', architecture: 'amd64' }, { os: 'linux', architecture: 'arm64' }] },
    });
  });

  it('normalizes repository names on both sides (nginx = docker.io/library/nginx)', async () => {
    const source = await loadSnapshot(snapshotFile('normalized.json', contractExample));
    const facts = await source.getTag('docker.io/library/nginx', '1.25');
    expect(facts).toEqual({ status: 'found', value: { digest: digestB, mediaType: OCI_MANIFEST, isIndex: false, platforms: [{ os: 'linux', architecture: 'arm', variant: 'v7' }] } });
    expect((await source.getTag('library/nginx', '1.25')).status).toBe('found');
  });

  it('a missing repository or tag is not-found', async () => {
    const source = await loadSnapshot(snapshotFile('missing.json', contractExample));
    expect(await source.listTags('ghcr.io/acme/other')).toEqual({ status: 'not-found' });
    expect(await source.getTag('ghcr.io/acme/other', 'v1.2.3')).toEqual({ status: 'not-found' });
    expect(await source.getTag('ghcr.io/acme/app', 'v0.0.1')).toEqual({ status: 'not-found' });
  });

  const badFiles: Array<[string, unknown, RegExp]> = [
    ['not-json.json', '{ "version": 1,', /not valid JSON/],
    ['array.json', '[]', /top level must be an object/],
    ['version.json', { version: 2, repositories: {} }, /"version" must be 1 \(found 2\)/],
    ['no-repos.json', { version: 1 }, /"repositories" must be an object/],
    ['no-tags.json', { version: 1, repositories: { 'ghcr.io/a/b': {} } }, /repositories\["ghcr.io\/a\/b"\] must be an object with "tags"/],
    ['digest.json', { version: 1, repositories: { 'ghcr.io/a/b': { tags: { v1: { digest: 'abc', mediaType: OCI_INDEX, platforms: [] } } } } }, /tags\["v1"\]\.digest must be a digest/],
    ['platform.json', { version: 1, repositories: { 'ghcr.io/a/b': { tags: { v1: { digest: digestA, mediaType: OCI_INDEX, platforms: ['linux'] } } } } }, /platforms\[0\] is not "os\/arch\[\/variant\]" \(found "linux"\)/],
    ['duplicate.json', { version: 1, repositories: { nginx: { tags: {} }, 'docker.io/library/nginx': { tags: {} } } }, /names the same repository as another entry \(docker\.io\/library\/nginx\)/],
  ];
  for (const [name, content, message] of badFiles) {
    it(`rejects ${name} with one line naming the file`, async () => {
      const file = snapshotFile(name, content);
      const error = await loadSnapshot(file).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(InputError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message.startsWith(`${file}: `)).toBe(true);
      expect((error as Error).message).not.toContain('\n');
    });
  }

  it('an unreadable file is an InputError naming it', async () => {
    await expect(loadSnapshot(join(dir, 'absent.json'))).rejects.toThrow(new InputError(`${join(dir, 'absent.json')}: cannot read registry snapshot (ENOENT)`));
  });
});

/** An in-memory source (no HTTP): the live client's answers are tested against the real registry elsewhere. */
function memorySource(data: Record<string, Record<string, TagFacts>>): RegistrySource {
  return {
    listTags: async (repo): Promise<Lookup<string[]>> => (data[repo] ? { status: 'found', value: Object.keys(data[repo]) } : { status: 'not-found' }),
    getTag: async (repo, tag): Promise<Lookup<TagFacts>> => (data[repo]?.[tag] ? { status: 'found', value: data[repo][tag] } : { status: 'not-found' }),
  };
}

describe('recordingSource + writeSnapshot', () => {
  const facts = (digest: string, isIndex: boolean): TagFacts => ({
    digest,
    mediaType: isIndex ? OCI_INDEX : OCI_MANIFEST,
    isIndex,
    platforms: isIndex ? [{ os: 'linux', architecture: 'amd64' }, { os: 'windows', architecture: 'amd64', osVersion: '10.0.20348' }] : [{ os: 'linux', architecture: 'arm64', variant: 'v8' }],
  });
  const live = memorySource({
    'ghcr.io/acme/app': { 'v1.0.0': facts(digestA, true), latest: facts(digestA, true), 'v0.9.0-linux-arm64': facts(digestB, false), 'v0.1.0': facts(digestB, false) },
  });

  it('replays every recorded answer identically, including tags that were only listed', async () => {
    const recorder = recordingSource(live);
    const asked: Array<[string, string | null]> = [
      ['ghcr.io/acme/app', null],
      ['ghcr.io/acme/app', 'v1.0.0'],
      ['ghcr.io/acme/app', 'latest'],
      ['ghcr.io/acme/app', 'v0.9.0-linux-arm64'],
      ['ghcr.io/acme/app', 'v2.0.0'],
      ['ghcr.io/acme/gone', null],
      ['ghcr.io/acme/gone', 'v1.0.0'],
    ];
    const ask = (source: RegistrySource) => Promise.all(asked.map(([repo, tag]) => (tag === null ? source.listTags(repo) : source.getTag(repo, tag))));
    const liveAnswers = await ask(recorder);
    const file = join(dir, 'recorded.json');
    await writeSnapshot(file, recorder.snapshot());
    const written = JSON.parse(readFileSync(file, 'utf8')) as SnapshotFile;
    expect(Object.keys(written.repositories)).toEqual(['ghcr.io/acme/app']);
    expect(Object.keys(written.repositories['ghcr.io/acme/app'].tags)).toEqual(['latest', 'v0.9.0-linux-arm64', 'v1.0.0']);
    expect(written.repositories['ghcr.io/acme/app'].tags['v1.0.0'].platforms).toEqual(['linux/amd64', 'windows/amd64:10.0.20348']);
    const replayed = await ask(await loadSnapshot(file));
    expect(replayed.map(sortTagLists)).toEqual(liveAnswers.map(sortTagLists));
  });

  it('writes stable output: the same answers in another order give the same bytes', async () => {
    const first = recordingSource(live);
    await first.getTag('ghcr.io/acme/app', 'v1.0.0');
    await first.getTag('ghcr.io/acme/app', 'latest');
    const second = recordingSource(live);
    await second.getTag('ghcr.io/acme/app', 'latest');
    await second.getTag('ghcr.io/acme/app', 'v1.0.0');
    await writeSnapshot(join(dir, 'first.json'), first.snapshot());
    await writeSnapshot(join(dir, 'second.json'), second.snapshot());
    expect(readFileSync(join(dir, 'first.json'), 'utf8')).toBe(readFileSync(join(dir, 'second.json'), 'utf8'));
  });

  it('an unwritable destination is an InputError naming it', async () => {
    const file = join(dir, 'no-such-dir', 'out.json');
    await expect(writeSnapshot(file, { version: 1, repositories: {} })).rejects.toThrow(new InputError(`${file}: cannot write registry snapshot (ENOENT)`));
  });
});

function sortTagLists(answer: Lookup<unknown>): Lookup<unknown> {
  return answer.status === 'found' && Array.isArray(answer.value) ? { status: 'found', value: [...answer.value].sort() } : answer;
}

describe('snapshot extensions for require: (index entries, referrers, artifact manifests)', () => {
  const subject = digestA;
  const platformDigest = `sha256:${'c'.repeat(64)}`;
  const attestationDigest = `sha256:${'d'.repeat(64)}`;
  const index: TagFacts = {
    digest: subject,
    mediaType: OCI_INDEX,
    isIndex: true,
    platforms: [{ os: 'linux', architecture: 'amd64' }],
    entries: [
      { digest: platformDigest, platform: { os: 'linux', architecture: 'amd64' } },
      { digest: attestationDigest, platform: null, attestationFor: platformDigest },
    ],
  };
  const referrers = [{ digest: digestB, mediaType: OCI_MANIFEST, artifactType: 'application/vnd.dev.cosign.artifact.sig.v1+json', annotations: {} }];
  const attestation = { mediaType: OCI_MANIFEST, artifactType: 'application/vnd.oci.image.config.v1+json', annotations: {}, layers: [{ mediaType: 'application/vnd.in-toto+json', annotations: { 'in-toto.io/predicate-type': 'https://slsa.dev/provenance/v1' } }], manifests: [] };
  const live: RegistrySource = {
    listTags: async () => ({ status: 'found', value: ['v1.0.0', `sha256-${'a'.repeat(64)}.sig`] }),
    getTag: async (_repo, tag) => (tag === 'v1.0.0' ? { status: 'found', value: index } : { status: 'not-found' }),
    getReferrers: async (_repo, digest) => (digest === subject ? { status: 'found', value: referrers } : { status: 'not-found' }),
    getManifest: async (_repo, reference) => (reference === attestationDigest ? { status: 'found', value: attestation } : { status: 'not-found' }),
  };

  it('records and replays index entries, referrers answers and artifact manifests; absent answers stay absent', async () => {
    const recorder = recordingSource(live);
    const ask = async (source: RegistrySource) => [
      await source.listTags('ghcr.io/acme/app'),
      await source.getTag('ghcr.io/acme/app', 'v1.0.0'),
      await source.getReferrers!('ghcr.io/acme/app', subject),
      await source.getReferrers!('ghcr.io/acme/app', platformDigest),
      await source.getManifest!('ghcr.io/acme/app', attestationDigest),
      await source.getManifest!('ghcr.io/acme/app', `sha256-${'a'.repeat(64)}.att`),
    ];
    const answers = await ask(recorder);
    const file = join(dir, 'artifacts.json');
    await writeSnapshot(file, recorder.snapshot());
    const written = JSON.parse(readFileSync(file, 'utf8')) as SnapshotFile;
    const repo = written.repositories['ghcr.io/acme/app'];
    expect(repo.tags['v1.0.0'].entries).toEqual([
      { digest: platformDigest, platform: 'linux/amd64' },
      { digest: attestationDigest, attestationFor: platformDigest },
    ]);
    expect(repo.referrers).toEqual({ [subject]: referrers });
    expect(Object.keys(repo.artifacts ?? {})).toEqual([attestationDigest]);
    expect((await ask(await loadSnapshot(file))).map(sortTagLists)).toEqual(answers.map(sortTagLists));
  });

  it('writes no index entries where signatures and attestations were never asked about', async () => {
    const recorder = recordingSource(live);
    await recorder.getTag('ghcr.io/acme/app', 'v1.0.0');
    expect(recorder.snapshot().repositories['ghcr.io/acme/app'].tags['v1.0.0']).toEqual({ digest: subject, mediaType: OCI_INDEX, platforms: ['linux/amd64'] });
  });

  it.each([
    ['entries.json', { tags: { v1: { digest: digestA, mediaType: OCI_INDEX, platforms: [], entries: 'x' } } }, /tags\["v1"\]\.entries must be a list/],
    ['entry-platform.json', { tags: { v1: { digest: digestA, mediaType: OCI_INDEX, platforms: [], entries: [{ digest: digestB, platform: 'linux' }] } } }, /entries\[0\]\.platform is not/],
    ['referrers.json', { tags: {}, referrers: { [digestA]: {} } }, /referrers\["sha256:a+"\] must be a list of descriptors/],
    ['artifact.json', { tags: {}, artifacts: { x: { layers: [] } } }, /artifacts\["x"\] must be an object with "mediaType"/],
    ['annotations.json', { tags: {}, artifacts: { x: { mediaType: OCI_MANIFEST, layers: [{ annotations: { a: 1 } }] } } }, /layers\[0\]\.annotations must be an object of strings/],
  ])('rejects %s with one line naming the file', async (name, repo, message) => {
    const file = snapshotFile(name, { version: 1, repositories: { 'ghcr.io/a/b': repo } });
    const error = await loadSnapshot(file).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message.startsWith(`${file}: `)).toBe(true);
  });
});
