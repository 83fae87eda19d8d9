import { createRequire as __tagcheckCreateRequire } from 'node:module';
const require = __tagcheckCreateRequire(import.meta.url);
import {
  compareVersions,
  expectedImageTag,
  parseVersion,
  tagMatchesRelease
} from "./chunk-FI5HTOGP.js";
import {
  formatPlatform
} from "./chunk-RCVICTRH.js";
import {
  isRepositoryGlob,
  repositoryMatches
} from "./chunk-FQ47HCOD.js";
import {
  describeObject
} from "./chunk-3WXF3ZSY.js";

// src/model/tag-conventions.ts
var DEVELOPMENT_TAGS = ["main", "master", "dev", "develop", "edge", "nightly", "canary"];
var COMMIT_TAG = /^(?:sha-[0-9a-f]{7,64}|[0-9a-f]{40})$/;
var MAX_PRERELEASE_CANDIDATES = 5;
var MAX_COMMIT_CANDIDATES = 8;
var ARCHITECTURE = "(?:amd64|x86_64|arm64|aarch64|arm(?:32)?(?:v[5-8])?|386|i386|ppc64le|s390x|riscv64)";
var OS_PREFIX = "(?:linux-|windows-(?:ltsc\\d{4}-|\\d+(?:\\.\\d+){2,3}-|nanoserver-[a-z0-9]+-|servercore-[a-z0-9]+-)?)?";
var PER_ARCH_TAG = new RegExp(`^(.+?)-(${OS_PREFIX}${ARCHITECTURE}(?:-v[5-8])?)$`);
function isCommitTag(tag) {
  return COMMIT_TAG.test(tag);
}
function splitPerArchTag(tag) {
  const match = PER_ARCH_TAG.exec(tag);
  return match ? { base: match[1], suffix: match[2] } : null;
}
function perArchTagsOf(tags, base) {
  return tags.filter((tag) => splitPerArchTag(tag)?.base === base).sort();
}
function versionTags(tags) {
  const versions = [];
  for (const tag of tags) {
    if (splitPerArchTag(tag)) continue;
    const version = parseVersion(tag);
    if (version) versions.push(version);
  }
  return versions;
}
function newestVersion(tags) {
  return newest(versionTags(tags));
}
function newest(versions) {
  return versions.reduce((best, v) => !best || compareVersions(v, best) > 0 ? v : best, void 0);
}
function highestStable(tags) {
  const stable = versionTags(tags).filter((v) => !v.prerelease);
  if (stable.length === 0) return null;
  const top = newest(stable);
  const spellings = stable.filter((v) => compareVersions(v, top) === 0).map((v) => v.tag);
  spellings.sort((a, b) => Number(/^[vV]/.test(b)) - Number(/^[vV]/.test(a)) || (a < b ? -1 : a > b ? 1 : 0));
  return { version: top, tags: spellings };
}
function latestCandidates(tags) {
  const stable = highestStable(tags);
  const prereleases = versionTags(tags).filter((v) => v.prerelease && (!stable || compareVersions(v, stable.version) > 0)).sort((a, b) => compareVersions(b, a) || (a.tag < b.tag ? -1 : 1)).slice(0, MAX_PRERELEASE_CANDIDATES).map((v) => v.tag);
  const branches = DEVELOPMENT_TAGS.filter((tag) => tags.includes(tag));
  const commits = tags.filter(isCommitTag).slice(-MAX_COMMIT_CANDIDATES);
  return { prereleases, branches, commits };
}
function releaseImageTag(release, tagFormat, listedTags2, referencedTags2 = []) {
  const listed = listedTags2.filter((tag) => tagMatchesRelease(tag, release, tagFormat));
  if (listed.includes(release.tag)) return release.tag;
  if (listed.length > 0) return listed.sort()[0];
  const referenced = referencedTags2.find((tag) => tagMatchesRelease(tag, release, tagFormat));
  if (referenced !== void 0) return referenced;
  const perArchBase = listedTags2.map((tag) => splitPerArchTag(tag)?.base).find((base) => base !== void 0 && tagMatchesRelease(base, release, tagFormat));
  if (perArchBase !== void 0) return perArchBase;
  const convention = newestVersion(listedTags2)?.tag;
  return expectedImageTag(release, tagFormat, convention);
}
function hasReleaseTag(release, tagFormat, listedTags2) {
  return listedTags2.some((tag) => tagMatchesRelease(tag, release, tagFormat));
}

// src/model/registry-view.ts
function ownRegistryRepositories(model) {
  const repositories = /* @__PURE__ */ new Set();
  for (const repository of [...model.ownRepositories, ...model.componentRepositories]) {
    if (!isRepositoryGlob(repository)) repositories.add(repository);
  }
  for (const use of model.imageUses) if (use.own) repositories.add(use.ref.repository);
  return [...repositories].sort();
}
function releaseVersion(model) {
  return model.release?.version ?? null;
}
function usesOf(model, repository) {
  return model.imageUses.filter((use) => use.ref.repository === repository).sort((a, b) => comparePositions(a.tagAt ?? a.at, b.tagAt ?? b.at));
}
function referencedTags(model, repository) {
  const tags = usesOf(model, repository).filter((use) => !use.ref.digest).map((use) => use.ref.tag ?? "latest");
  return [...new Set(tags)];
}
function locateRepository(model, repository, tag) {
  const uses = usesOf(model, repository);
  const use = uses.find((u) => tag !== void 0 && u.ref.tag === tag) ?? uses[0];
  if (use) return position(use.tagAt ?? use.at);
  const entry = [...model.config.images, ...model.config.components].find((e) => repositoryMatches(e.value, repository));
  return entry ? position(entry) : void 0;
}
function requiredPlatforms(config, repository) {
  const specific = config.platforms.find((r) => r.pattern !== "default" && repositoryMatches(r.pattern, repository));
  return (specific ?? config.platforms.find((r) => r.pattern === "default"))?.platforms ?? [];
}
function listedTags(facts, repository) {
  const lookup = facts.tagList(repository);
  if (!lookup || lookup.status === "unreachable") return void 0;
  return lookup.status === "found" ? lookup.value : [];
}
function foundTag(facts, repository, tag) {
  const lookup = facts.tag(repository, tag);
  return lookup?.status === "found" ? lookup.value : void 0;
}
function releaseTagOf(model, facts, repository) {
  const version = releaseVersion(model);
  const tags = listedTags(facts, repository);
  if (!version || !tags) return void 0;
  return releaseImageTag(version, model.config.tagFormat, tags, referencedTags(model, repository));
}
function releaseOrDeployedTags(model, facts, repository) {
  return releaseVersion(model) ? [releaseTagOf(model, facts, repository)] : referencedTags(model, repository).filter((tag) => tag !== "latest");
}
function deployedAtRelease(model, repository) {
  const version = releaseVersion(model);
  return version !== null && hasReleaseTag(version, model.config.tagFormat, referencedTags(model, repository));
}
function latestVerdict(facts, repository) {
  const tags = listedTags(facts, repository);
  if (!tags) return { kind: "unknown" };
  if (!tags.includes("latest")) return { kind: "absent" };
  const latest = facts.tag(repository, "latest");
  if (latest?.status !== "found") return { kind: "unknown" };
  const digest = latest.value.digest;
  const stable = highestStable(tags);
  const stableLookups = (stable?.tags ?? []).map((tag) => ({ tag, lookup: facts.tag(repository, tag) }));
  const same = stableLookups.find(({ lookup }) => lookup?.status === "found" && lookup.value.digest === digest);
  if (same) return { kind: "newest-stable", tag: same.tag, facts: latest.value };
  const candidates = latestCandidates(tags);
  for (const tag of [...candidates.prereleases, ...candidates.branches, ...candidates.commits]) {
    if (foundTag(facts, repository, tag)?.digest === digest) {
      return { kind: "prerelease", tag, development: candidates.branches.includes(tag) || isCommitTag(tag), facts: latest.value };
    }
  }
  if (!stable) return { kind: "unmatched", facts: latest.value };
  const answered = stableLookups.every(({ lookup }) => lookup !== void 0 && lookup.status !== "unreachable") && stableLookups.some(({ lookup }) => lookup?.status === "found");
  return answered ? { kind: "not-newest-stable", newest: stable.tags[0], facts: latest.value } : { kind: "unknown" };
}
function shortDigest(digest) {
  const [algorithm, hex] = digest.split(":");
  return hex ? `${algorithm}:${hex.slice(0, 12)}` : digest;
}
function position(p) {
  return { file: p.file, line: p.line, column: p.column };
}
function comparePositions(a, b) {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column;
}

// src/model/cluster-view.ts
var TEMPLATE_KINDS = /* @__PURE__ */ new Set(["Deployment", "StatefulSet", "DaemonSet", "CronJob"]);
function ownDeployedImages(model) {
  return (model.deployedImages ?? []).filter((image) => image.own);
}
function deployedExpectation(model, repository) {
  const version = releaseVersion(model);
  const used = referencedTags(model, repository);
  if (version) {
    const listed = model.registry ? listedTags(model.registry, repository) ?? [] : [];
    const tag = releaseImageTag(version, model.config.tagFormat, listed, used);
    return { describe: `the release is ${model.release.tag}`, tag, matches: (t) => hasReleaseTag(version, model.config.tagFormat, [t]) };
  }
  if (used.length === 0) return null;
  const list = used.length === 1 ? used[0] : `${used.slice(0, -1).join(", ")} or ${used[used.length - 1]}`;
  return { describe: `the manifests deploy ${list}`, tag: used[0], matches: (t) => used.includes(t) };
}
function deployedTagsOf(model, repository) {
  const tags = /* @__PURE__ */ new Set();
  let digestOnly = false;
  for (const image of ownDeployedImages(model)) {
    if (image.ref.repository !== repository) continue;
    if (image.ref.digest && image.ref.tag === void 0) digestOnly = true;
    else if (!image.ref.digest && image.object.kind === "Pod" && image.container.imageID) tags.add(image.ref.tag ?? "latest");
  }
  return { tags: [...tags].sort(), digestOnly };
}
function deployedOwnRepositories(model) {
  return [...new Set(ownDeployedImages(model).map((i) => i.ref.repository))].sort();
}
function templateImageOf(model, pod, container) {
  const owner = pod.owner;
  if (!owner || !TEMPLATE_KINDS.has(owner.kind)) return void 0;
  const workload = model.cluster?.workloads.find((w) => w.kind === owner.kind && w.namespace === pod.namespace && w.name === owner.name);
  return workload?.containers.find((c) => c.name === container)?.image;
}
function describePods(pods) {
  const [first] = pods;
  if (pods.length === 1 && !first.owner) return describeObject(first);
  const names = pods.map((p) => p.name).sort();
  const shown = names.length <= 3 ? names.join(", ") : `${names.slice(0, 3).join(", ")} and ${names.length - 3} more`;
  const count = pods.length === 1 ? "Pod" : `${pods.length} Pods`;
  return first.owner ? `${count} of ${first.owner.kind} ${first.namespace}/${first.owner.name} (${shown})` : `${count} ${first.namespace}/${shown}`;
}
function describeContainer(image) {
  return `${image.container.init ? "init container" : "container"} ${image.container.name}`;
}
function groupBy(items, key) {
  const groups = /* @__PURE__ */ new Map();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return [...groups.values()];
}

// src/model/supply-chain.ts
var ARTIFACT_TYPES = {
  /** cosign in OCI 1.1 mode (`--registry-referrers-mode=oci-1-1`) */
  cosignSignature: "application/vnd.dev.cosign.artifact.sig.v1+json",
  notationSignature: "application/vnd.cncf.notary.signature",
  /** cosign v3 / sigstore bundles: signature or attestation, told apart by `dev.sigstore.bundle.predicateType` */
  sigstoreBundle: "application/vnd.dev.sigstore.bundle.v0.3+json",
  inToto: "application/vnd.in-toto+json",
  /** buildx `oci-artifact=true`: an attestation manifest pushed as a referrer; predicate types are on its layers */
  dockerAttestation: "application/vnd.docker.attestation.manifest.v1+json"
};
var ANNOTATIONS = {
  inTotoPredicateType: "in-toto.io/predicate-type",
  /** what cosign writes on each layer of a `sha256-<hex>.att` manifest */
  cosignPredicateType: "predicateType",
  bundlePredicateType: "dev.sigstore.bundle.predicateType"
};
var COSIGN_SIGNATURE_PREDICATE = "https://sigstore.dev/cosign/sign/v1";
var SBOM_ARTIFACT_TYPES = /* @__PURE__ */ new Set(["application/spdx+json", "text/spdx", "text/spdx+json", "application/vnd.cyclonedx+json", "application/vnd.cyclonedx+xml", "application/vnd.cyclonedx"]);
var KIND_PREDICATES = {
  sbom: ["https://spdx.dev/Document", "https://spdx.org/rdf/", "https://cyclonedx.org/bom"],
  provenance: ["https://slsa.dev/provenance/"]
};
function describeKind(kind) {
  if (kind === "sbom") return "SBOM (SPDX or CycloneDX)";
  if (kind === "provenance") return "provenance (SLSA)";
  return kind;
}
function kindOfPredicate(predicateType) {
  if (!predicateType) return null;
  for (const kind of ["sbom", "provenance"]) {
    if (KIND_PREDICATES[kind].some((prefix) => predicateType.startsWith(prefix))) return kind;
  }
  return null;
}
function satisfiesKind(attestation2, kind) {
  if (kind === "sbom" || kind === "provenance") return attestation2.kind === kind;
  return attestation2.predicateType === kind;
}
function attestation(predicateType, where, kind = kindOfPredicate(predicateType)) {
  return { predicateType, kind, where };
}
function classifyReferrer(descriptor) {
  const type = descriptor.artifactType ?? "";
  const annotations = descriptor.annotations;
  if (type === ARTIFACT_TYPES.cosignSignature || type === ARTIFACT_TYPES.notationSignature) return { kind: "signature" };
  if (type.startsWith("application/vnd.dev.sigstore.bundle")) {
    const predicateType2 = annotations[ANNOTATIONS.bundlePredicateType] ?? null;
    return predicateType2 === COSIGN_SIGNATURE_PREDICATE ? { kind: "signature" } : { kind: "attestation", predicateType: predicateType2 };
  }
  const predicateType = annotations[ANNOTATIONS.inTotoPredicateType] ?? annotations[ANNOTATIONS.cosignPredicateType];
  if (type === ARTIFACT_TYPES.inToto || type.includes("in-toto")) return predicateType ? { kind: "attestation", predicateType } : { kind: "read-manifest" };
  if (type === ARTIFACT_TYPES.dockerAttestation) return { kind: "read-manifest" };
  if (SBOM_ARTIFACT_TYPES.has(type)) return { kind: "attestation", predicateType: null, sbom: true };
  if (predicateType) return { kind: "attestation", predicateType };
  return { kind: "other" };
}
function layerPredicateTypes(layers) {
  return layers.map((layer) => layer.annotations[ANNOTATIONS.inTotoPredicateType] ?? layer.annotations[ANNOTATIONS.cosignPredicateType] ?? null);
}
function digestTag(digest) {
  const [algorithm, hex = ""] = digest.split(":");
  return `${algorithm.slice(0, 32)}-${hex.slice(0, 64)}`;
}
function checkedSubjects(model, repository, platforms) {
  const facts = model.registry;
  if (!facts?.artifacts || !listedTags(facts, repository)) return [];
  const subjects = [];
  const seen = /* @__PURE__ */ new Set();
  const add = (tag, digest, what) => {
    const artifacts = facts.artifacts(repository, digest);
    if (!artifacts || artifacts.fault || seen.has(digest)) return;
    seen.add(digest);
    subjects.push({ repository, tag, digest, what, artifacts });
  };
  for (const tag of releaseOrDeployedTags(model, facts, repository)) {
    const image = foundTag(facts, repository, tag);
    if (!image) continue;
    add(tag, image.digest, image.isIndex ? "index" : "manifest");
    if (!platforms || !image.isIndex) continue;
    for (const entry of image.entries ?? []) if (entry.platform) add(tag, entry.digest, `${formatPlatform(entry.platform)} manifest`);
  }
  return subjects;
}
function lookedFor(artifacts, purpose) {
  return artifacts.looked.filter((place) => place.for === purpose || place.for === "both").map((place) => place.where).join("; ");
}
function describeSubject(subject) {
  return `${subject.repository}:${subject.tag} ${subject.what} ${shortDigest(subject.digest)}`;
}

export {
  perArchTagsOf,
  newestVersion,
  highestStable,
  latestCandidates,
  releaseImageTag,
  hasReleaseTag,
  ownRegistryRepositories,
  releaseVersion,
  referencedTags,
  locateRepository,
  requiredPlatforms,
  listedTags,
  foundTag,
  releaseTagOf,
  releaseOrDeployedTags,
  deployedAtRelease,
  latestVerdict,
  shortDigest,
  describeKind,
  satisfiesKind,
  attestation,
  classifyReferrer,
  layerPredicateTypes,
  digestTag,
  checkedSubjects,
  lookedFor,
  describeSubject,
  ownDeployedImages,
  deployedExpectation,
  deployedTagsOf,
  deployedOwnRepositories,
  templateImageOf,
  describePods,
  describeContainer,
  groupBy
};
