import { readFile, writeFile } from 'node:fs/promises';
import { InputError } from '../../model/errors.js';
import { normalizeRepository } from '../../model/image-ref.js';
import { formatPlatform, parsePlatform, type Platform } from '../../model/platform.js';
import type { Lookup, TagFacts } from '../../model/registry.js';
import { MANIFEST_TYPES } from './manifest.js';
import type { RegistrySource } from './source.js';

export interface SnapshotTag {
  digest: string;
  mediaType: string;
  platforms: string[];
  /** extension: an index's per-platform manifest digests (for deployed-digest-drift); optional */
  manifests?: string[];
}

/**
 * The contract's snapshot file: repository → tag → { digest, mediaType, platforms }. `tagList` is an optional
 * extension: the full tag listing when one was taken (tags listed but never inspected); without it the tag list
 * is the keys of `tags`, so hand-written snapshots stay valid.
 */
export interface SnapshotFile {
  version: 1;
  repositories: Record<string, { tags: Record<string, SnapshotTag>; tagList?: string[] }>;
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
      return facts ? { status: 'found', value: { ...facts, platforms: [...facts.platforms], ...(facts.manifests ? { manifests: [...facts.manifests] } : {}) } } : { status: 'not-found' };
    },
  };
}

interface LoadedRepository {
  tags: Map<string, TagFacts>;
  tagList: string[];
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
      tags.set(tag, { digest: entry.digest as string, mediaType, isIndex: INDEX_TYPES.has(mediaType), platforms, ...manifests });
    }
    let tagList = [...tags.keys()];
    if (repo.tagList !== undefined) {
      if (!Array.isArray(repo.tagList) || repo.tagList.some((t) => typeof t !== 'string')) fail(`${where}.tagList`, 'must be a list of tag names');
      tagList = [...new Set([...(repo.tagList as string[]), ...tagList])];
    }
    const key = normalizeRepository(name);
    if (result.has(key)) fail(where, `names the same repository as another entry (${key})`);
    result.set(key, { tags, tagList });
  }
  return result;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Wraps a source and records every found answer, for `tagcheck snapshot`; absent answers stay absent. */
export function recordingSource(inner: RegistrySource): RegistrySource & { snapshot(): SnapshotFile } {
  const tagLists = new Map<string, string[]>();
  const tags = new Map<string, Map<string, TagFacts>>();
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
    snapshot(): SnapshotFile {
      const repositories: SnapshotFile['repositories'] = {};
      for (const name of [...new Set([...tagLists.keys(), ...tags.keys()])].sort()) {
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
        }
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
