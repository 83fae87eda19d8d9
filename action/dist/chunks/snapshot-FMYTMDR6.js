import { createRequire as __tagcheckCreateRequire } from 'node:module';
const require = __tagcheckCreateRequire(import.meta.url);
import {
  MANIFEST_TYPES
} from "./chunk-QECBYWJJ.js";
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
      return facts ? { status: "found", value: structuredClone(facts) } : { status: "not-found" };
    },
    getReferrers: async (repository, digest) => {
      const found = repositories.get(normalizeRepository(repository))?.referrers.get(digest);
      return found ? { status: "found", value: structuredClone(found) } : { status: "not-found" };
    },
    getManifest: async (repository, reference) => {
      const found = repositories.get(normalizeRepository(repository))?.artifacts.get(reference);
      return found ? { status: "found", value: structuredClone(found) } : { status: "not-found" };
    },
    getPredicateType: async (repository, layerDigest) => {
      const predicates = repositories.get(normalizeRepository(repository))?.predicates;
      return predicates?.has(layerDigest) ? { status: "found", value: predicates.get(layerDigest) } : { status: "not-found" };
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
      const facts = { digest: entry.digest, mediaType, isIndex: INDEX_TYPES.has(mediaType), platforms, ...manifests };
      if (entry.entries !== void 0) facts.entries = indexEntries(entry.entries, `${at}.entries`, fail);
      tags.set(tag, facts);
    }
    let tagList = [...tags.keys()];
    if (repo.tagList !== void 0) {
      if (!Array.isArray(repo.tagList) || repo.tagList.some((t) => typeof t !== "string")) fail(`${where}.tagList`, "must be a list of tag names");
      tagList = [.../* @__PURE__ */ new Set([...repo.tagList, ...tagList])];
    }
    const key = normalizeRepository(name);
    if (result.has(key)) fail(where, `names the same repository as another entry (${key})`);
    result.set(key, { tags, tagList, ...artifactAnswers(repo, where, fail) });
  }
  return result;
}
var DIGEST = /^[a-z0-9]+:[0-9a-f]{32,}$/;
function indexEntries(value, where, fail) {
  if (!Array.isArray(value)) return fail(where, "must be a list of { digest, platform?, attestationFor? }");
  return value.map((entry, i) => {
    const at = `${where}[${i}]`;
    if (!isObject(entry) || typeof entry.digest !== "string" || !DIGEST.test(entry.digest)) return fail(at, 'must be an object with a "digest"');
    let platform = null;
    if (entry.platform !== void 0) platform = (typeof entry.platform === "string" ? parsePlatform(entry.platform) : null) ?? fail(`${at}.platform`, 'is not "os/arch[/variant]"');
    if (entry.attestationFor !== void 0 && typeof entry.attestationFor !== "string") fail(`${at}.attestationFor`, "must be a digest");
    return { digest: entry.digest, platform, ...typeof entry.attestationFor === "string" ? { attestationFor: entry.attestationFor } : {} };
  });
}
function annotations(value, where, fail) {
  if (value === void 0) return {};
  if (!isObject(value) || Object.values(value).some((v) => typeof v !== "string")) return fail(where, "must be an object of strings");
  return { ...value };
}
function descriptors(value, where, fail) {
  if (!Array.isArray(value)) return fail(where, "must be a list of descriptors");
  return value.map((entry, i) => {
    const at = `${where}[${i}]`;
    if (!isObject(entry) || typeof entry.digest !== "string") return fail(at, 'must be a descriptor with a "digest"');
    if (entry.artifactType !== void 0 && typeof entry.artifactType !== "string") fail(`${at}.artifactType`, "must be a string");
    return {
      digest: entry.digest,
      mediaType: typeof entry.mediaType === "string" ? entry.mediaType : "",
      ...typeof entry.artifactType === "string" ? { artifactType: entry.artifactType } : {},
      annotations: annotations(entry.annotations, `${at}.annotations`, fail)
    };
  });
}
function artifactAnswers(repo, where, fail) {
  const referrers = /* @__PURE__ */ new Map();
  const artifacts = /* @__PURE__ */ new Map();
  const predicates = /* @__PURE__ */ new Map();
  if (repo.predicates !== void 0) {
    if (!isObject(repo.predicates)) fail(`${where}.predicates`, "must be an object of layer digest \u2192 predicate type");
    for (const [digest, type] of Object.entries(repo.predicates)) {
      if (type !== null && typeof type !== "string") fail(`${where}.predicates["${digest}"]`, "must be a predicate type or null");
      predicates.set(digest, type);
    }
  }
  if (repo.referrers !== void 0) {
    if (!isObject(repo.referrers)) fail(`${where}.referrers`, "must be an object of digest \u2192 descriptors");
    for (const [digest, list] of Object.entries(repo.referrers)) referrers.set(digest, descriptors(list, `${where}.referrers["${digest}"]`, fail));
  }
  if (repo.artifacts !== void 0) {
    if (!isObject(repo.artifacts)) fail(`${where}.artifacts`, "must be an object of digest or tag \u2192 manifest");
    for (const [reference, manifest] of Object.entries(repo.artifacts)) {
      const at = `${where}.artifacts["${reference}"]`;
      if (!isObject(manifest) || typeof manifest.mediaType !== "string") return fail(at, 'must be an object with "mediaType"');
      const layers = manifest.layers === void 0 ? [] : Array.isArray(manifest.layers) ? manifest.layers : fail(`${at}.layers`, "must be a list");
      artifacts.set(reference, {
        mediaType: manifest.mediaType,
        ...typeof manifest.artifactType === "string" ? { artifactType: manifest.artifactType } : {},
        annotations: annotations(manifest.annotations, `${at}.annotations`, fail),
        layers: layers.map((layer, i) => {
          if (!isObject(layer)) return fail(`${at}.layers[${i}]`, "must be an object");
          return {
            mediaType: typeof layer.mediaType === "string" ? layer.mediaType : "",
            annotations: annotations(layer.annotations, `${at}.layers[${i}].annotations`, fail),
            ...typeof layer.digest === "string" ? { digest: layer.digest } : {}
          };
        }),
        manifests: manifest.manifests === void 0 ? [] : descriptors(manifest.manifests, `${at}.manifests`, fail)
      });
    }
  }
  return { referrers, artifacts, predicates };
}
var isObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
function recordingSource(inner) {
  const tagLists = /* @__PURE__ */ new Map();
  const tags = /* @__PURE__ */ new Map();
  const referrers = /* @__PURE__ */ new Map();
  const artifacts = /* @__PURE__ */ new Map();
  const predicates = /* @__PURE__ */ new Map();
  const askedReferrers = /* @__PURE__ */ new Set();
  const repoMap = (maps, repository) => {
    let map = maps.get(repository);
    if (!map) maps.set(repository, map = /* @__PURE__ */ new Map());
    return map;
  };
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
    async getReferrers(repository, digest) {
      askedReferrers.add(normalizeRepository(repository));
      const answer = inner.getReferrers ? await inner.getReferrers(repository, digest) : { status: "not-found" };
      if (answer.status === "found") repoMap(referrers, normalizeRepository(repository)).set(digest, answer.value);
      return answer;
    },
    async getManifest(repository, reference) {
      const answer = inner.getManifest ? await inner.getManifest(repository, reference) : { status: "not-found" };
      if (answer.status === "found") repoMap(artifacts, normalizeRepository(repository)).set(reference, answer.value);
      return answer;
    },
    async getPredicateType(repository, layerDigest) {
      const answer = inner.getPredicateType ? await inner.getPredicateType(repository, layerDigest) : { status: "not-found" };
      if (answer.status === "found") repoMap(predicates, normalizeRepository(repository)).set(layerDigest, answer.value);
      return answer;
    },
    snapshot() {
      const repositories = {};
      for (const name of [.../* @__PURE__ */ new Set([...tagLists.keys(), ...tags.keys(), ...referrers.keys(), ...artifacts.keys(), ...predicates.keys()])].sort()) {
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
          const asked = askedReferrers.has(name) || artifacts.has(name);
          if (facts.entries && asked) {
            entry.tags[tag].entries = facts.entries.map((m) => ({
              digest: m.digest,
              ...m.platform ? { platform: formatPlatform(m.platform) } : {},
              ...m.attestationFor ? { attestationFor: m.attestationFor } : {}
            }));
          }
        }
        const recordedReferrers = referrers.get(name);
        if (recordedReferrers?.size) entry.referrers = Object.fromEntries([...recordedReferrers].sort(([a], [b]) => a < b ? -1 : 1));
        const recordedArtifacts = artifacts.get(name);
        if (recordedArtifacts?.size) entry.artifacts = Object.fromEntries([...recordedArtifacts].sort(([a], [b]) => a < b ? -1 : 1));
        const recordedPredicates = predicates.get(name);
        if (recordedPredicates?.size) entry.predicates = Object.fromEntries([...recordedPredicates].sort(([a], [b]) => a < b ? -1 : 1));
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
