import { createRequire as __tagcheckCreateRequire } from 'node:module';
const require = __tagcheckCreateRequire(import.meta.url);
import {
  deployedOwnRepositories,
  deployedTagsOf,
  highestStable,
  latestCandidates,
  ownRegistryRepositories,
  perArchTagsOf,
  referencedTags,
  releaseImageTag,
  requiredPlatforms
} from "./chunk-LWRA4QVY.js";
import "./chunk-FI5HTOGP.js";
import "./chunk-FQ47HCOD.js";
import "./chunk-3WXF3ZSY.js";
import "./chunk-EDL2D4W5.js";

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
  const step2 = [];
  for (const tag of focusTags) {
    if (listed.has(tag) && (needsPlatforms || perArchTagsOf(tags, tag).length > 0)) step2.push(tag);
  }
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
