import { createRequire as __tagcheckCreateRequire } from 'node:module';
const require = __tagcheckCreateRequire(import.meta.url);
import {
  attestation,
  classifyReferrer,
  deployedOwnRepositories,
  deployedTagsOf,
  digestTag,
  highestStable,
  latestCandidates,
  layerPredicateTypes,
  ownRegistryRepositories,
  perArchTagsOf,
  referencedTags,
  releaseImageTag,
  requiredPlatforms,
  satisfiesKind
} from "./chunk-3ZF5C6TM.js";
import "./chunk-FI5HTOGP.js";
import {
  formatPlatform
} from "./chunk-RCVICTRH.js";
import "./chunk-FQ47HCOD.js";
import "./chunk-3WXF3ZSY.js";
import "./chunk-EDL2D4W5.js";

// src/engine/artifact-facts.ts
var MAX_MANIFESTS_PER_SUBJECT = 8;
function requiresArtifacts(require2) {
  return require2.signatures !== void 0 || (require2.attestations?.kinds.length ?? 0) > 0;
}
async function gatherReleaseArtifacts(require2, repository, tags, releaseTags, asker) {
  const listed = new Set(tags);
  const subjects = /* @__PURE__ */ new Map();
  const want = (digest, needs, context) => {
    const known = subjects.get(digest);
    if (!known) return subjects.set(digest, { needs: { ...needs, kinds: [...needs.kinds] }, ...context });
    known.needs.signature ||= needs.signature;
    for (const kind of needs.kinds) if (!known.needs.kinds.includes(kind)) known.needs.kinds.push(kind);
    return subjects;
  };
  const signatures = require2.signatures;
  const kinds = require2.attestations?.kinds ?? [];
  for (const tag of releaseTags) {
    if (!listed.has(tag)) continue;
    const answer = await asker.tag(repository, tag);
    if (answer.status !== "found") continue;
    const image = answer.value;
    want(image.digest, { signature: signatures !== void 0, kinds }, image.isIndex ? { index: image } : {});
    if (!image.isIndex) continue;
    const platformNeeds = { signature: signatures?.platforms === true, kinds: require2.attestations?.platforms ? kinds : [] };
    if (!platformNeeds.signature && platformNeeds.kinds.length === 0) continue;
    for (const entry of image.entries ?? []) if (entry.platform) want(entry.digest, platformNeeds, { platformOf: image });
  }
  await Promise.all(
    [...subjects].map(
      async ([digest, { needs, index, platformOf }]) => asker.record(repository, await artifactsOf(repository, digest, needs, listed, asker, index ?? platformOf, index !== void 0))
    )
  );
}
async function artifactsOf(repository, digest, needs, listed, asker, index, isTheIndex) {
  const result = { digest, signatures: [], attestations: [], looked: [] };
  const missingKinds = () => needs.kinds.filter((kind) => !result.attestations.some((found) => satisfiesKind(found, kind)));
  const satisfied = () => (!needs.signature || result.signatures.length > 0) && missingKinds().length === 0;
  const fault = (lookup) => {
    if (lookup.status === "unreachable") result.fault ??= lookup;
  };
  const base = digestTag(digest);
  if (needs.signature) {
    result.looked.push({ where: `cosign tag ${short(base)}.sig`, for: "signatures" });
    if (listed.has(`${base}.sig`)) result.signatures.push(`cosign tag ${short(base)}.sig`);
  }
  if (needs.kinds.includes("sbom")) {
    result.looked.push({ where: `cosign tag ${short(base)}.sbom`, for: "attestations" });
    if (listed.has(`${base}.sbom`)) result.attestations.push(attestation(null, `cosign tag ${short(base)}.sbom`, "sbom"));
  }
  if (satisfied()) return result;
  const absorb = async (referrers, where) => {
    const toRead = [];
    for (const descriptor of referrers) {
      const verdict = classifyReferrer(descriptor);
      if (verdict.kind === "signature") result.signatures.push(where);
      else if (verdict.kind === "attestation") result.attestations.push(attestation(verdict.predicateType, where, verdict.sbom ? "sbom" : void 0));
      else if (verdict.kind === "read-manifest") toRead.push(descriptor);
    }
    if (missingKinds().length === 0) return;
    await Promise.all(
      toRead.slice(0, MAX_MANIFESTS_PER_SUBJECT).map(async (descriptor) => {
        const manifest = await asker.manifest(repository, descriptor.digest);
        fault(manifest);
        if (manifest.status === "found") for (const type of await predicateTypes(repository, manifest.value, asker, result)) result.attestations.push(attestation(type, where));
      })
    );
  };
  const api = await asker.referrers(repository, digest);
  fault(api);
  const schemaTag = `referrers tag ${short(base)}`;
  if (api.status === "found") {
    result.looked.push({ where: "the referrers API", for: "both" });
    await absorb(api.value, "the referrers API");
  }
  const schemaListed = listed.has(base);
  if (api.status === "not-found" || api.status === "found" && schemaListed && !satisfied()) {
    result.looked.push({ where: api.status === "found" ? schemaTag : `the referrers API (not served by the registry), ${schemaTag}`, for: "both" });
    if (schemaListed) {
      const schema = await asker.manifest(repository, base);
      fault(schema);
      if (schema.status === "found") await absorb(schema.value.manifests, schemaTag);
    }
  }
  if (needs.kinds.length === 0 || missingKinds().length === 0) return result;
  result.looked.push({ where: `cosign tag ${short(base)}.att`, for: "attestations" });
  if (listed.has(`${base}.att`)) {
    const att = await asker.manifest(repository, `${base}.att`);
    fault(att);
    if (att.status === "found") {
      for (const type of await predicateTypes(repository, att.value, asker, result)) result.attestations.push(attestation(type, `cosign tag ${short(base)}.att`));
    }
  }
  if (index && missingKinds().length > 0) result.attestations.push(...await buildkitAttestations(repository, digest, index, isTheIndex, missingKinds(), asker, result));
  return result;
}
async function buildkitAttestations(repository, digest, index, isTheIndex, wanted, asker, result) {
  const entries = index.entries ?? [];
  if (!entries.some((entry) => entry.attestationFor !== void 0)) {
    result.looked.push({ where: "attestation manifests in the index (it has none)", for: "attestations" });
    return [];
  }
  const platforms = entries.filter((entry) => entry.platform && (isTheIndex || entry.digest === digest));
  const attestationsOf = async (platformDigest) => {
    const about = entries.filter((entry) => entry.attestationFor === platformDigest).slice(0, MAX_MANIFESTS_PER_SUBJECT);
    const found = [];
    for (const entry of about) {
      const manifest = await asker.manifest(repository, entry.digest);
      if (manifest.status === "unreachable") result.fault ??= manifest;
      if (manifest.status === "found") for (const type of await predicateTypes(repository, manifest.value, asker, result)) found.push(attestation(type, where));
    }
    return found;
  };
  const where = isTheIndex ? "attestation manifests in the index" : "its attestation manifest in the index";
  const perPlatform = await Promise.all(platforms.map(async (entry) => ({ platform: formatPlatform(entry.platform), found: await attestationsOf(entry.digest) })));
  const lacking = perPlatform.map(({ platform, found }) => ({ platform, kinds: wanted.filter((kind) => !found.some((f) => satisfiesKind(f, kind))) })).filter(({ kinds }) => kinds.length > 0);
  const detail = isTheIndex && lacking.length ? ` (${lacking.map(({ platform, kinds }) => `${platform} lacks ${kinds.join(", ")}`).join("; ")})` : "";
  result.looked.push({ where: `${where}${detail}`, for: "attestations" });
  if (perPlatform.length === 0) return [];
  const [first, ...rest] = perPlatform.map(({ found }) => found);
  return first.filter((candidate) => rest.every((found) => found.some((f) => f.predicateType === candidate.predicateType)));
}
async function predicateTypes(repository, manifest, asker, result) {
  const annotated = layerPredicateTypes(manifest.layers);
  let reads = 0;
  return Promise.all(
    annotated.map(async (type, i) => {
      const digest = manifest.layers[i].digest;
      if (type !== null || !digest || reads++ >= MAX_MANIFESTS_PER_SUBJECT) return type;
      const read = await asker.predicate(repository, digest);
      if (read.status === "unreachable") result.fault ??= read;
      return read.status === "found" ? read.value : null;
    })
  );
}
function short(tag) {
  return tag.length > 19 ? `${tag.slice(0, 19)}\u2026` : tag;
}

// src/engine/registry-facts.ts
async function gatherRegistryFacts(model, source, plan = { registryRules: true }) {
  const facts = new GatheredFacts();
  const asker = new Asker(source, facts);
  const deployed = deployedOwnRepositories(model);
  if (!plan.registryRules) {
    await Promise.all(deployed.map((repository) => gatherDeployedTags(model, repository, asker)));
    return facts;
  }
  const ownRepositories = ownRegistryRepositories(model);
  const own = new Set(ownRepositories);
  const clusterOnly = deployed.filter((repository) => !own.has(repository));
  const thirdParty = /* @__PURE__ */ new Set();
  for (const use of model.imageUses) {
    if (own.has(use.ref.repository) || use.ref.digest) continue;
    thirdParty.add(JSON.stringify([use.ref.repository, use.ref.tag ?? "latest"]));
  }
  await Promise.all([
    ...ownRepositories.map((repository) => gatherOwnRepository(model, repository, asker).then(() => gatherDeployedTags(model, repository, asker))),
    ...clusterOnly.map((repository) => gatherDeployedTags(model, repository, asker)),
    ...[...thirdParty].map((key) => {
      const [repository, tag] = JSON.parse(key);
      return asker.tag(repository, tag);
    })
  ]);
  return facts;
}
async function gatherOwnRepository(model, repository, asker) {
  const list = await asker.tagList(repository);
  if (list.status !== "found") return;
  const tags = list.value;
  const listed = new Set(tags);
  const version = model.release?.version ?? null;
  const used = referencedTags(model, repository);
  const focusTags = version ? [releaseImageTag(version, model.config.tagFormat, tags, used)] : used.filter((tag) => tag !== "latest");
  const needsPlatforms = requiredPlatforms(model.config, repository).length > 0;
  const needsArtifacts = requiresArtifacts(model.config.require);
  const step2 = [];
  for (const tag of focusTags) {
    if (listed.has(tag) && (needsPlatforms || needsArtifacts || perArchTagsOf(tags, tag).length > 0)) step2.push(tag);
  }
  await Promise.all([
    gatherLatest(repository, tags, step2, asker),
    needsArtifacts ? gatherReleaseArtifacts(model.config.require, repository, tags, focusTags, asker) : void 0
  ]);
}
async function gatherLatest(repository, tags, step2, asker) {
  const listed = new Set(tags);
  if (!listed.has("latest")) {
    await Promise.all(step2.map((tag) => asker.tag(repository, tag)));
    return;
  }
  const stable = highestStable(tags);
  const firstStable = stable ? stable.tags.find((tag) => step2.includes(tag)) ?? stable.tags[0] : void 0;
  step2.push("latest");
  if (firstStable !== void 0) step2.push(firstStable);
  const answers = await Promise.all(step2.map((tag) => asker.tag(repository, tag)));
  const latest = answers[step2.indexOf("latest")];
  if (latest.status !== "found") return;
  const matches = (tag) => {
    const answer = asker.answered(repository, tag);
    return answer?.status === "found" && answer.value.digest === latest.value.digest;
  };
  if (firstStable !== void 0 && matches(firstStable)) return;
  const candidates = latestCandidates(tags);
  const step3 = [...stable?.tags ?? [], ...candidates.prereleases, ...candidates.branches];
  await Promise.all(step3.map((tag) => asker.tag(repository, tag)));
  if (step3.some(matches)) return;
  await Promise.all(candidates.commits.map((tag) => asker.tag(repository, tag)));
}
async function gatherDeployedTags(model, repository, asker) {
  const { tags, digestOnly } = deployedTagsOf(model, repository);
  const version = model.release?.version ?? null;
  let list = asker.answeredList(repository);
  if (digestOnly && version && !list) list = await asker.tagList(repository);
  if (list && list.status !== "found") return;
  const listed = list ? new Set(list.value) : void 0;
  const wanted = [...tags];
  if (digestOnly && version && list) wanted.push(releaseImageTag(version, model.config.tagFormat, list.value, referencedTags(model, repository)));
  await Promise.all(wanted.filter((tag) => !listed || listed.has(tag)).map((tag) => asker.tag(repository, tag)));
}
var Asker = class {
  constructor(source, facts) {
    this.source = source;
    this.facts = facts;
  }
  source;
  facts;
  pending = /* @__PURE__ */ new Map();
  tagList(repository) {
    return this.once(`list ${repository}`, async () => {
      const answer = await settle(() => this.source.listTags(repository), repository);
      this.facts.lists.set(repository, answer);
      return answer;
    });
  }
  tag(repository, tag) {
    return this.once(`tag ${repository}:${tag}`, async () => {
      const answer = await settle(() => this.source.getTag(repository, tag), repository);
      this.facts.tags.set(tagKey(repository, tag), answer);
      return answer;
    });
  }
  referrers(repository, digest) {
    return this.once(
      `referrers ${repository}@${digest}`,
      () => settle(() => this.source.getReferrers ? this.source.getReferrers(repository, digest) : Promise.resolve(NOT_FOUND), repository)
    );
  }
  manifest(repository, reference) {
    return this.once(
      `manifest ${repository}@${reference}`,
      () => settle(() => this.source.getManifest ? this.source.getManifest(repository, reference) : Promise.resolve(NOT_FOUND), repository)
    );
  }
  predicate(repository, layerDigest) {
    return this.once(
      `predicate ${repository}@${layerDigest}`,
      () => settle(() => this.source.getPredicateType ? this.source.getPredicateType(repository, layerDigest) : Promise.resolve(NOT_FOUND), repository)
    );
  }
  record(repository, artifacts) {
    this.facts.subjects.set(tagKey(repository, artifacts.digest), artifacts);
  }
  answeredList(repository) {
    return this.facts.lists.get(repository);
  }
  answered(repository, tag) {
    return this.facts.tags.get(tagKey(repository, tag));
  }
  once(key, ask) {
    let promise = this.pending.get(key);
    if (!promise) {
      promise = ask();
      this.pending.set(key, promise);
    }
    return promise;
  }
};
async function settle(ask, repository) {
  try {
    return await ask();
  } catch (error) {
    return { status: "unreachable", host: repository.split("/")[0], reason: error instanceof Error ? error.message : String(error) };
  }
}
var NOT_FOUND = { status: "not-found" };
function tagKey(repository, tag) {
  return `${repository}\0${tag}`;
}
var GatheredFacts = class {
  lists = /* @__PURE__ */ new Map();
  tags = /* @__PURE__ */ new Map();
  subjects = /* @__PURE__ */ new Map();
  artifacts(repository, digest) {
    return this.subjects.get(tagKey(repository, digest));
  }
  tagList(repository) {
    return this.lists.get(repository);
  }
  tag(repository, tag) {
    const asked = this.tags.get(tagKey(repository, tag));
    if (asked) return asked;
    const list = this.lists.get(repository);
    if (!list) return void 0;
    if (list.status === "found") return list.value.includes(tag) ? void 0 : NOT_FOUND;
    return list;
  }
};
export {
  gatherRegistryFacts
};
