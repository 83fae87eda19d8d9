import { readFile, writeFile } from 'node:fs/promises';
import { InputError } from '../../model/errors.js';
import { normalizeRepository } from '../../model/image-ref.js';
import { formatPlatform, parsePlatform, type Platform } from '../../model/platform.js';
import type { ArtifactManifest, IndexEntry, Lookup, ReferrerDescriptor, TagFacts } from '../../model/registry.js';
import { MANIFEST_TYPES } from './manifest.js';
import type { RegistrySource } from './source.js';

export interface SnapshotTag {
  digest: string;
  mediaType: string;
  platforms: string[];
  /** extension: an index's per-platform manifest digests (for deployed-digest-drift); optional */
  manifests?: string[];
  /** extension: an index's entries with platforms, BuildKit attestation manifests among them (for `require:`) */
  entries?: { digest: string; platform?: string; attestationFor?: string }[];
}

/**
 * Extensions for `require:` (signatures and attestations): `referrers` holds the referrers API answer per
 * subject digest (a digest absent here is "no referrers API": the check falls back to the referrers tag
 * schema); `artifacts` the artifact manifests read, by digest or tag (`sha256-<hex>.att`, `sha256-<hex>`).
 */
export interface SnapshotArtifacts {
  referrers?: Record<string, ReferrerDescriptor[]>;
  artifacts?: Record<string, ArtifactManifest>;
  /** layer digest → the predicate type read from the layer itself (null: it names none), for unannotated layers */
  predicates?: Record<string, string | null>;
}

/**
 * The contract's snapshot file: repository → tag → { digest, mediaType, platforms }. `tagList` is an optional
 * extension: the full tag listing when one was taken (tags listed but never inspected); without it the tag list
 * is the keys of `tags`, so hand-written snapshots stay valid.
 */
export interface SnapshotFile {
  version: 1;
  repositories: Record<string, { tags: Record<string, SnapshotTag>; tagList?: string[] } & SnapshotArtifacts>;
}

const INDEX_TYPES = new Set<string>([MANIFEST_TYPES.ociIndex, MANIFEST_TYPES.dockerList]);

/** Answers registry questions from a snapshot file; an unreadable or invalid file is an InputError naming it. */
export async function loadSnapshot(file: string): Promise<RegistrySource> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError(`${file}: cannot read registry snapshot (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${file}: registry snapshot is not valid JSON (${(error as Error).message})`);
  }
  const repositories = validateSnapshot(parsed, file);
  return {
    listTags: async (repository) => {
      const repo = repositories.get(normalizeRepository(repository));
      if (!repo) return { status: 'not-found' };
      return { status: 'found', value: [...repo.tagList] };
    },
    getTag: async (repository, tag) => {
      const facts = repositories.get(normalizeRepository(repository))?.tags.get(tag);
      return facts ? { status: 'found', value: structuredClone(facts) } : { status: 'not-found' };
    },
    getReferrers: async (repository, digest) => {
      const found = repositories.get(normalizeRepository(repository))?.referrers.get(digest);
      return found ? { status: 'found', value: structuredClone(found) } : { status: 'not-found' };
    },
    getManifest: async (repository, reference) => {
      const found = repositories.get(normalizeRepository(repository))?.artifacts.get(reference);
      return found ? { status: 'found', value: structuredClone(found) } : { status: 'not-found' };
    },
    getPredicateType: async (repository, layerDigest) => {
      const predicates = repositories.get(normalizeRepository(repository))?.predicates;
      return predicates?.has(layerDigest) ? { status: 'found', value: predicates.get(layerDigest)! } : { status: 'not-found' };
    },
  };
}

interface LoadedRepository {
  tags: Map<string, TagFacts>;
  tagList: string[];
  referrers: Map<string, ReferrerDescriptor[]>;
  artifacts: Map<string, ArtifactManifest>;
  predicates: Map<string, string | null>;
}

function validateSnapshot(data: unknown, file: string): Map<string, LoadedRepository> {
  const fail = (where: string, problem: string): never => {
    throw new InputError(`${file}: invalid registry snapshot: ${where} ${problem}`);
  };
  if (!isObject(data)) return fail('the top level', 'must be an object with "version" and "repositories"');
  if (data.version !== 1) fail('"version"', `must be 1 (found ${JSON.stringify(data.version)})`);
  if (!isObject(data.repositories)) fail('"repositories"', 'must be an object');
  const result = new Map<string, LoadedRepository>();
  for (const [name, repo] of Object.entries(data.repositories as Record<string, unknown>)) {
    const where = `repositories["${name}"]`;
    if (!isObject(repo) || !isObject(repo.tags)) return fail(where, 'must be an object with "tags"');
    const tags = new Map<string, TagFacts>();
    for (const [tag, entry] of Object.entries(repo.tags as Record<string, unknown>)) {
      const at = `${where}.tags["${tag}"]`;
      if (!isObject(entry)) return fail(at, 'must be an object');
      if (typeof entry.digest !== 'string' || !/^[a-z0-9]+:[0-9a-f]{32,}$/.test(entry.digest)) fail(`${at}.digest`, 'must be a digest such as "sha256:…"');
      if (typeof entry.mediaType !== 'string') fail(`${at}.mediaType`, 'must be a string');
      if (!Array.isArray(entry.platforms)) fail(`${at}.platforms`, 'must be a list of "os/arch[/variant]" strings');
      const platforms: Platform[] = (entry.platforms as unknown[]).map((p, i) => {
        const platform = typeof p === 'string' ? parsePlatform(p) : null;
        return platform ?? fail(`${at}.platforms[${i}]`, `is not "os/arch[/variant]" (found ${JSON.stringify(p)})`);
      });
      const mediaType = entry.mediaType as string;
      if (entry.manifests !== undefined && (!Array.isArray(entry.manifests) || entry.manifests.some((d) => typeof d !== 'string'))) {
        fail(`${at}.manifests`, 'must be a list of digests');
      }
      const manifests = Array.isArray(entry.manifests) && entry.manifests.length ? { manifests: [...(entry.manifests as string[])] } : {};
      const facts: TagFacts = { digest: entry.digest as string, mediaType, isIndex: INDEX_TYPES.has(mediaType), platforms, ...manifests };
      if (entry.entries !== undefined) facts.entries = indexEntries(entry.entries, `${at}.entries`, fail);
      tags.set(tag, facts);
    }
    let tagList = [...tags.keys()];
    if (repo.tagList !== undefined) {
      if (!Array.isArray(repo.tagList) || repo.tagList.some((t) => typeof t !== 'string')) fail(`${where}.tagList`, 'must be a list of tag names');
      tagList = [...new Set([...(repo.tagList as string[]), ...tagList])];
    }
    const key = normalizeRepository(name);
    if (result.has(key)) fail(where, `names the same repository as another entry (${key})`);
    result.set(key, { tags, tagList, ...artifactAnswers(repo, where, fail) });
  }
  return result;
}

type Fail = (where: string, problem: string) => never;
const DIGEST = /^[a-z0-9]+:[0-9a-f]{32,}$/;

function indexEntries(value: unknown, where: string, fail: Fail): IndexEntry[] {
  if (!Array.isArray(value)) return fail(where, 'must be a list of { digest, platform?, attestationFor? }');
  return value.map((entry, i) => {
    const at = `${where}[${i}]`;
    if (!isObject(entry) || typeof entry.digest !== 'string' || !DIGEST.test(entry.digest)) return fail(at, 'must be an object with a "digest"');
    let platform: Platform | null = null;
    if (entry.platform !== undefined) platform = (typeof entry.platform === 'string' ? parsePlatform(entry.platform) : null) ?? fail(`${at}.platform`, 'is not "os/arch[/variant]"');
    if (entry.attestationFor !== undefined && typeof entry.attestationFor !== 'string') fail(`${at}.attestationFor`, 'must be a digest');
    return { digest: entry.digest, platform, ...(typeof entry.attestationFor === 'string' ? { attestationFor: entry.attestationFor } : {}) };
  });
}

function annotations(value: unknown, where: string, fail: Fail): Record<string, string> {
  if (value === undefined) return {};
  if (!isObject(value) || Object.values(value).some((v) => typeof v !== 'string')) return fail(where, 'must be an object of strings');
  return { ...(value as Record<string, string>) };
}

function descriptors(value: unknown, where: string, fail: Fail): ReferrerDescriptor[] {
  if (!Array.isArray(value)) return fail(where, 'must be a list of descriptors');
  return value.map((entry, i) => {
    const at = `${where}[${i}]`;
    if (!isObject(entry) || typeof entry.digest !== 'string') return fail(at, 'must be a descriptor with a "digest"');
    if (entry.artifactType !== undefined && typeof entry.artifactType !== 'string') fail(`${at}.artifactType`, 'must be a string');
    return {
      digest: entry.digest,
      mediaType: typeof entry.mediaType === 'string' ? entry.mediaType : '',
      ...(typeof entry.artifactType === 'string' ? { artifactType: entry.artifactType } : {}),
      annotations: annotations(entry.annotations, `${at}.annotations`, fail),
    };
  });
}

function artifactAnswers(repo: Record<string, unknown>, where: string, fail: Fail): Pick<LoadedRepository, 'referrers' | 'artifacts' | 'predicates'> {
  const referrers = new Map<string, ReferrerDescriptor[]>();
  const artifacts = new Map<string, ArtifactManifest>();
  const predicates = new Map<string, string | null>();
  if (repo.predicates !== undefined) {
    if (!isObject(repo.predicates)) fail(`${where}.predicates`, 'must be an object of layer digest → predicate type');
    for (const [digest, type] of Object.entries(repo.predicates as Record<string, unknown>)) {
      if (type !== null && typeof type !== 'string') fail(`${where}.predicates["${digest}"]`, 'must be a predicate type or null');
      predicates.set(digest, type as string | null);
    }
  }
  if (repo.referrers !== undefined) {
    if (!isObject(repo.referrers)) fail(`${where}.referrers`, 'must be an object of digest → descriptors');
    for (const [digest, list] of Object.entries(repo.referrers as Record<string, unknown>)) referrers.set(digest, descriptors(list, `${where}.referrers["${digest}"]`, fail));
  }
  if (repo.artifacts !== undefined) {
    if (!isObject(repo.artifacts)) fail(`${where}.artifacts`, 'must be an object of digest or tag → manifest');
    for (const [reference, manifest] of Object.entries(repo.artifacts as Record<string, unknown>)) {
      const at = `${where}.artifacts["${reference}"]`;
      if (!isObject(manifest) || typeof manifest.mediaType !== 'string') return fail(at, 'must be an object with "mediaType"');
      const layers = manifest.layers === undefined ? [] : Array.isArray(manifest.layers) ? manifest.layers : fail(`${at}.layers`, 'must be a list');
      artifacts.set(reference, {
        mediaType: manifest.mediaType,
        ...(typeof manifest.artifactType === 'string' ? { artifactType: manifest.artifactType } : {}),
        annotations: annotations(manifest.annotations, `${at}.annotations`, fail),
        layers: layers.map((layer: unknown, i: number) => {
          if (!isObject(layer)) return fail(`${at}.layers[${i}]`, 'must be an object');
          return {
            mediaType: typeof layer.mediaType === 'string' ? layer.mediaType : '',
            annotations: annotations(layer.annotations, `${at}.layers[${i}].annotations`, fail),
            ...(typeof layer.digest === 'string' ? { digest: layer.digest } : {}),
          };
        }),
        manifests: manifest.manifests === undefined ? [] : descriptors(manifest.manifests, `${at}.manifests`, fail),
      });
    }
  }
  return { referrers, artifacts, predicates };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Wraps a source and records every found answer, for `tagcheck snapshot`; absent answers stay absent. */
export function recordingSource(inner: RegistrySource): RegistrySource & { snapshot(): SnapshotFile } {
  const tagLists = new Map<string, string[]>();
  const tags = new Map<string, Map<string, TagFacts>>();
  const referrers = new Map<string, Map<string, ReferrerDescriptor[]>>();
  const artifacts = new Map<string, Map<string, ArtifactManifest>>();
  const predicates = new Map<string, Map<string, string | null>>();
  /** repositories whose signatures or attestations were asked about, even when nothing was found */
  const askedReferrers = new Set<string>();
  const repoMap = <T>(maps: Map<string, Map<string, T>>, repository: string) => {
    let map = maps.get(repository);
    if (!map) maps.set(repository, (map = new Map()));
    return map;
  };
  const repoTags = (repository: string) => {
    let map = tags.get(repository);
    if (!map) tags.set(repository, (map = new Map()));
    return map;
  };
  return {
    async listTags(repository) {
      const answer = await inner.listTags(repository);
      if (answer.status === 'found') tagLists.set(normalizeRepository(repository), [...answer.value]);
      return answer;
    },
    async getTag(repository, tag): Promise<Lookup<TagFacts>> {
      const answer = await inner.getTag(repository, tag);
      if (answer.status === 'found') repoTags(normalizeRepository(repository)).set(tag, answer.value);
      return answer;
    },
    async getReferrers(repository, digest) {
      askedReferrers.add(normalizeRepository(repository));
      const answer: Lookup<ReferrerDescriptor[]> = inner.getReferrers ? await inner.getReferrers(repository, digest) : { status: 'not-found' };
      if (answer.status === 'found') repoMap(referrers, normalizeRepository(repository)).set(digest, answer.value);
      return answer;
    },
    async getManifest(repository, reference) {
      const answer: Lookup<ArtifactManifest> = inner.getManifest ? await inner.getManifest(repository, reference) : { status: 'not-found' };
      if (answer.status === 'found') repoMap(artifacts, normalizeRepository(repository)).set(reference, answer.value);
      return answer;
    },
    async getPredicateType(repository, layerDigest) {
      const answer: Lookup<string | null> = inner.getPredicateType ? await inner.getPredicateType(repository, layerDigest) : { status: 'not-found' };
      if (answer.status === 'found') repoMap(predicates, normalizeRepository(repository)).set(layerDigest, answer.value);
      return answer;
    },
    snapshot(): SnapshotFile {
      const repositories: SnapshotFile['repositories'] = {};
      for (const name of [...new Set([...tagLists.keys(), ...tags.keys(), ...referrers.keys(), ...artifacts.keys(), ...predicates.keys()])].sort()) {
        const recorded = tags.get(name) ?? new Map<string, TagFacts>();
        const entry: SnapshotFile['repositories'][string] = { tags: {} };
        for (const tag of [...recorded.keys()].sort()) {
          const facts = recorded.get(tag)!;
          entry.tags[tag] = {
            digest: facts.digest,
            mediaType: facts.mediaType,
            platforms: facts.platforms.map(formatPlatform),
            ...(facts.manifests?.length ? { manifests: [...facts.manifests] } : {}),
          };
          // index entries only where signatures or attestations were asked about: other snapshots stay as they were
          const asked = askedReferrers.has(name) || artifacts.has(name);
          if (facts.entries && asked) {
            entry.tags[tag].entries = facts.entries.map((m) => ({
              digest: m.digest,
              ...(m.platform ? { platform: formatPlatform(m.platform) } : {}),
              ...(m.attestationFor ? { attestationFor: m.attestationFor } : {}),
            }));
          }
        }
        const recordedReferrers = referrers.get(name);
        if (recordedReferrers?.size) entry.referrers = Object.fromEntries([...recordedReferrers].sort(([a], [b]) => (a < b ? -1 : 1)));
        const recordedArtifacts = artifacts.get(name);
        if (recordedArtifacts?.size) entry.artifacts = Object.fromEntries([...recordedArtifacts].sort(([a], [b]) => (a < b ? -1 : 1)));
        const recordedPredicates = predicates.get(name);
        if (recordedPredicates?.size) entry.predicates = Object.fromEntries([...recordedPredicates].sort(([a], [b]) => (a < b ? -1 : 1)));
        const listed = tagLists.get(name);
        // only needed when the listing holds tags that were never inspected
        if (listed && listed.some((t) => !recorded.has(t))) entry.tagList = [...listed].sort();
        repositories[name] = entry;
      }
      return { version: 1, repositories };
    },
  };
}

/** Writes the snapshot as stable, sorted, indented JSON. */
export async function writeSnapshot(file: string, snapshot: SnapshotFile): Promise<void> {
  try {
    await writeFile(file, `${JSON.stringify(snapshot, null, 2)}\n`);
  } catch (error) {
    throw new InputError(`${file}: cannot write registry snapshot (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}
