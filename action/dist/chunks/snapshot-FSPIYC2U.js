import { createRequire as __tagcheckCreateRequire } from 'node:module';
const require = __tagcheckCreateRequire(import.meta.url);
import {
  MANIFEST_TYPES
} from "./chunk-PDJ6YTHQ.js";
import {
  formatPlatform,
  parsePlatform
} from "./chunk-RCVICTRH.js";
import {
  normalizeRepository
} from "./chunk-FQ47HCOD.js";
import {
  InputError
} from "./chunk-RPMDAMUC.js";
import "./chunk-EDL2D4W5.js";

// src/sources/registry/snapshot.ts
import { readFile, writeFile } from "node:fs/promises";
var INDEX_TYPES = /* @__PURE__ */ new Set([MANIFEST_TYPES.ociIndex, MANIFEST_TYPES.dockerList]);
async function loadSnapshot(file) {
  let text;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new InputError(`${file}: cannot read registry snapshot (${error.code ?? error.message})`);
  }
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${file}: registry snapshot is not valid JSON (${error.message})`);
  }
  const repositories = validateSnapshot(parsed, file);
  return {
    listTags: async (repository) => {
      const repo = repositories.get(normalizeRepository(repository));
      if (!repo) return { status: "not-found" };
      return { status: "found", value: [...repo.tagList] };
    },
    getTag: async (repository, tag) => {
      const facts = repositories.get(normalizeRepository(repository))?.tags.get(tag);
      return facts ? { status: "found", value: { ...facts, platforms: [...facts.platforms], ...facts.manifests ? { manifests: [...facts.manifests] } : {} } } : { status: "not-found" };
    }
  };
}
function validateSnapshot(data, file) {
  const fail = (where, problem) => {
    throw new InputError(`${file}: invalid registry snapshot: ${where} ${problem}`);
  };
  if (!isObject(data)) return fail("the top level", 'must be an object with "version" and "repositories"');
  if (data.version !== 1) fail('"version"', `must be 1 (found ${JSON.stringify(data.version)})`);
  if (!isObject(data.repositories)) fail('"repositories"', "must be an object");
  const result = /* @__PURE__ */ new Map();
  for (const [name, repo] of Object.entries(data.repositories)) {
    const where = `repositories["${name}"]`;
    if (!isObject(repo) || !isObject(repo.tags)) return fail(where, 'must be an object with "tags"');
    const tags = /* @__PURE__ */ new Map();
    for (const [tag, entry] of Object.entries(repo.tags)) {
      const at = `${where}.tags["${tag}"]`;
      if (!isObject(entry)) return fail(at, "must be an object");
      if (typeof entry.digest !== "string" || !/^[a-z0-9]+:[0-9a-f]{32,}$/.test(entry.digest)) fail(`${at}.digest`, 'must be a digest such as "sha256:\u2026"');
      if (typeof entry.mediaType !== "string") fail(`${at}.mediaType`, "must be a string");
      if (!Array.isArray(entry.platforms)) fail(`${at}.platforms`, 'must be a list of "os/arch[/variant]" strings');
      const platforms = entry.platforms.map((p, i) => {
        const platform = typeof p === "string" ? parsePlatform(p) : null;
        return platform ?? fail(`${at}.platforms[${i}]`, `is not "os/arch[/variant]" (found ${JSON.stringify(p)})`);
      });
      const mediaType = entry.mediaType;
      if (entry.manifests !== void 0 && (!Array.isArray(entry.manifests) || entry.manifests.some((d) => typeof d !== "string"))) {
        fail(`${at}.manifests`, "must be a list of digests");
      }
      const manifests = Array.isArray(entry.manifests) && entry.manifests.length ? { manifests: [...entry.manifests] } : {};
      tags.set(tag, { digest: entry.digest, mediaType, isIndex: INDEX_TYPES.has(mediaType), platforms, ...manifests });
    }
    let tagList = [...tags.keys()];
    if (repo.tagList !== void 0) {
      if (!Array.isArray(repo.tagList) || repo.tagList.some((t) => typeof t !== "string")) fail(`${where}.tagList`, "must be a list of tag names");
      tagList = [.../* @__PURE__ */ new Set([...repo.tagList, ...tagList])];
    }
    const key = normalizeRepository(name);
    if (result.has(key)) fail(where, `names the same repository as another entry (${key})`);
    result.set(key, { tags, tagList });
  }
  return result;
}
var isObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
function recordingSource(inner) {
  const tagLists = /* @__PURE__ */ new Map();
  const tags = /* @__PURE__ */ new Map();
  const repoTags = (repository) => {
    let map = tags.get(repository);
    if (!map) tags.set(repository, map = /* @__PURE__ */ new Map());
    return map;
  };
  return {
    async listTags(repository) {
      const answer = await inner.listTags(repository);
      if (answer.status === "found") tagLists.set(normalizeRepository(repository), [...answer.value]);
      return answer;
    },
    async getTag(repository, tag) {
      const answer = await inner.getTag(repository, tag);
      if (answer.status === "found") repoTags(normalizeRepository(repository)).set(tag, answer.value);
      return answer;
    },
    snapshot() {
      const repositories = {};
      for (const name of [.../* @__PURE__ */ new Set([...tagLists.keys(), ...tags.keys()])].sort()) {
        const recorded = tags.get(name) ?? /* @__PURE__ */ new Map();
        const entry = { tags: {} };
        for (const tag of [...recorded.keys()].sort()) {
          const facts = recorded.get(tag);
          entry.tags[tag] = {
            digest: facts.digest,
            mediaType: facts.mediaType,
            platforms: facts.platforms.map(formatPlatform),
            ...facts.manifests?.length ? { manifests: [...facts.manifests] } : {}
          };
        }
        const listed = tagLists.get(name);
        if (listed && listed.some((t) => !recorded.has(t))) entry.tagList = [...listed].sort();
        repositories[name] = entry;
      }
      return { version: 1, repositories };
    }
  };
}
async function writeSnapshot(file, snapshot) {
  try {
    await writeFile(file, `${JSON.stringify(snapshot, null, 2)}
`);
  } catch (error) {
    throw new InputError(`${file}: cannot write registry snapshot (${error.code ?? error.message})`);
  }
}
export {
  loadSnapshot,
  recordingSource,
  writeSnapshot
};
