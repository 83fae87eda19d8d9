import { createRequire as __tagcheckCreateRequire } from 'node:module';
const require = __tagcheckCreateRequire(import.meta.url);
import {
  defineRule
} from "./chunk-43VJKAEJ.js";
import {
  isProjectChart
} from "./chunk-7G6ADTDN.js";
import {
  checkedSubjects,
  deployedAtRelease,
  deployedExpectation,
  describeContainer,
  describeKind,
  describePods,
  describeSubject,
  foundTag,
  groupBy,
  hasReleaseTag,
  highestStable,
  latestCandidates,
  latestVerdict,
  listedTags,
  locateRepository,
  lookedFor,
  newestVersion,
  ownDeployedImages,
  ownRegistryRepositories,
  perArchTagsOf,
  referencedTags,
  releaseOrDeployedTags,
  releaseTagOf,
  releaseVersion,
  requiredPlatforms,
  satisfiesKind,
  shortDigest,
  templateImageOf
} from "./chunk-3ZF5C6TM.js";
import {
  compareVersions,
  expectedImageTag,
  expectedReleaseImageTag,
  imageTagMatchesRelease,
  parseReleaseTag,
  parseVersion,
  releaseInConventionOf,
  sameVersion,
  versionWithBuild
} from "./chunk-FI5HTOGP.js";
import {
  formatPlatform,
  platformSatisfies
} from "./chunk-RCVICTRH.js";
import {
  normalizeRepository
} from "./chunk-FQ47HCOD.js";
import {
  CLUSTER_RESOURCES,
  describeObject,
  registryDigestOf
} from "./chunk-3WXF3ZSY.js";

// rules/attestation-missing.ts
var attestation_missing_default = defineRule({
  id: "attestation-missing",
  scope: "registry",
  level: "error",
  summary: "An own image's release digest lacks a required attestation (SBOM, SLSA provenance); runs when `require: attestations` asks",
  description: "With `require: { attestations: [sbom, provenance] }` every own image's release tag digest must have an attestation of each kind: in-toto predicate types `https://spdx.dev/Document` or `https://cyclonedx.org/bom` (sbom) and `https://slsa.dev/provenance/v0.2` or `/v1` (provenance), or an exact predicate type URI. They are found as OCI 1.1 referrers (referrers API or referrers tag schema), cosign's `sha256-<hex>.att` (and legacy `.sbom`) tags, or BuildKit attestation manifests inside the index. `platforms: true` checks each platform manifest too. Attestations are found, not verified.",
  remediation: "Attach the attestations in the release job: `docker buildx build --sbom=true --provenance=mode=max --push \u2026`, or `cosign attest --type spdxjson|slsaprovenance --predicate FILE IMAGE@sha256:\u2026` after the push.",
  runsWhen: (config) => (config.require.attestations?.kinds.length ?? 0) > 0,
  check({ model, report }) {
    const required = model.config.require.attestations;
    if (!required || !model.registry) return;
    for (const repository of ownRegistryRepositories(model)) {
      for (const subject of checkedSubjects(model, repository, required.platforms)) {
        const found = subject.artifacts.attestations;
        const missing = required.kinds.filter((kind) => !found.some((attestation) => satisfiesKind(attestation, kind)));
        if (missing.length === 0) continue;
        const present = [...new Set(found.map((a) => a.predicateType ?? (a.kind ? `${a.kind} artifact` : "unknown predicate")))];
        report({
          message: `${describeSubject(subject)} has no ${missing.map(describeKind).join(" or ")} attestation (looked at: ${lookedFor(subject.artifacts, "attestations")}${present.length ? `; found: ${present.join(", ")}` : ""})`,
          at: locateRepository(model, repository, subject.tag),
          image: repository,
          expected: required.kinds.join(", "),
          actual: present.join(", ") || "none"
        });
      }
    }
  }
});

// rules/support/versions.ts
function isPlaceholder(text) {
  return /%[A-Za-z_]+%|\$\{?[A-Za-z_]|\{\{|@[A-Za-z_]+@/.test(text);
}

// rules/support/image-uses.ts
function tagNode(use) {
  return use.tagAt ?? use.at;
}
function positionKey(position) {
  return `${position.file}:${position.line}:${position.column}`;
}
function uniqueByTagNode(uses) {
  const seen = /* @__PURE__ */ new Set();
  return uses.filter((use) => {
    const key = positionKey(tagNode(use));
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
function appVersionDrift(chart, release, model) {
  const appVersion = chart.appVersion;
  if (!appVersion || !isProjectChart(chart, model) || isPlaceholder(appVersion.value)) return null;
  if (release.version) {
    if (sameVersion(appVersion.value, release.version)) return null;
    return { chart, appVersion, expected: releaseInConventionOf(release.version, appVersion.value) };
  }
  return appVersion.value === release.tag ? null : { chart, appVersion, expected: release.tag };
}
function appVersionDriftNodes(model) {
  const keys = /* @__PURE__ */ new Set();
  if (!model.release) return keys;
  for (const chart of model.charts) {
    const drift = appVersionDrift(chart, model.release, model);
    if (drift) keys.add(positionKey(drift.appVersion));
  }
  return keys;
}
function tagFix(use, model, actual, expected) {
  if (use.ref.digest !== void 0 || actual === expected) return void 0;
  const at = positionOnly(tagNode(use));
  if (use.tagSource !== "helm-app-version") return { at, from: actual, to: expected };
  const appVersion = model.charts.find((chart) => chart.dir === use.chart)?.appVersion?.value;
  if (appVersion === void 0 || !actual.endsWith(appVersion)) return void 0;
  const prefix = actual.slice(0, actual.length - appVersion.length);
  if (!expected.startsWith(prefix) || expected.length === prefix.length) return void 0;
  return { at, from: appVersion, to: expected.slice(prefix.length) };
}
function positionOnly(position) {
  return { file: position.file, line: position.line, column: position.column };
}

// rules/chart-app-version-mismatch.ts
var chart_app_version_mismatch_default = defineRule({
  id: "chart-app-version-mismatch",
  scope: "manifests",
  level: "error",
  summary: "A Helm chart's `appVersion` must be the release version",
  description: "Charts usually default their image tag to `.Chart.AppVersion`, so an `appVersion` left behind deploys the previous release. The comparison ignores a `v` prefix on either side (`appVersion: 0.29.0` with the tag `v0.29.0` is fine) whatever `tagFormat` says; prereleases and build metadata must match. Vendored dependency charts and charts that only deploy third-party images are not checked.",
  remediation: 'Set `appVersion` in Chart.yaml to the release version (and bump the chart `version`), e.g. `appVersion: "0.29.0"`.',
  check({ model, report }) {
    const release = model.release;
    if (!release) return;
    for (const chart of model.charts) {
      const drift = appVersionDrift(chart, release, model);
      if (!drift) continue;
      const name = chart.name?.value ?? chart.dir;
      report({
        message: `Helm chart ${name} has appVersion ${drift.appVersion.value}, but the release is ${drift.expected}`,
        at: drift.appVersion,
        expected: drift.expected,
        actual: drift.appVersion.value,
        fix: { at: { file: drift.appVersion.file, line: drift.appVersion.line, column: drift.appVersion.column }, from: drift.appVersion.value, to: drift.expected }
      });
    }
  }
});

// rules/chart-version-invalid.ts
var chart_version_invalid_default = defineRule({
  id: "chart-version-invalid",
  scope: "manifests",
  level: "error",
  summary: "A Helm chart's `version` must be SemVer 2",
  description: "Helm requires a chart `version` that is a SemVer 2 version: `MAJOR.MINOR.PATCH`, optionally with a prerelease and build metadata, no leading `v`, no leading zeros, no missing parts. Helm's lenient parser lets `v1.2.3` and `1.2` through some commands, but `helm lint` flags them, chart repositories and OCI registries sort and resolve them inconsistently, and tools built on strict SemVer reject them. Vendored dependency charts and charts that only deploy third-party images are not checked; placeholders such as `%VERSION%` filled in by a release script are skipped.",
  remediation: "Write the chart version as plain SemVer 2, e.g. `version: 1.2.3` (not `v1.2.3` or `1.2`).",
  check({ model, report }) {
    const filesWithDiagnostics = new Set(model.diagnostics.map((d) => d.file));
    for (const chart of model.charts) {
      if (chart.vendored || !isProjectChart(chart, model)) continue;
      const name = chart.name?.value ?? chart.dir;
      const version = chart.version;
      if (!version) {
        if (filesWithDiagnostics.has(chart.file)) continue;
        report({ message: `Helm chart ${name} has no version`, at: { file: chart.file, line: 1, column: 1 } });
        continue;
      }
      if (isPlaceholder(version.value)) continue;
      const parsed = parseVersion(version.value);
      if (parsed && !parsed.vPrefix && version.value === version.value.trim()) continue;
      const suggestion = parsed ? versionWithoutPrefix(version.value) : void 0;
      report({
        message: parsed ? `Helm chart ${name} has version ${version.value}, which is not SemVer 2: use ${suggestion}` : `Helm chart ${name} has version ${version.value}, which is not SemVer 2 (MAJOR.MINOR.PATCH, e.g. 1.2.3)`,
        at: version,
        actual: version.value,
        ...suggestion ? { expected: suggestion } : {}
      });
    }
  }
});
function versionWithoutPrefix(text) {
  return text.trim().replace(/^[vV]/, "");
}

// rules/cluster-unreachable.ts
var cluster_unreachable_default = defineRule({
  id: "cluster-unreachable",
  scope: "cluster",
  level: "error",
  summary: "The cluster could not be read: the message says why (refused, DNS, TLS, 401/403, timeout)",
  description: "tagcheck could not list some or all of the Deployments, StatefulSets, DaemonSets, CronJobs or Pods of the cluster named by the kubeconfig context, so the cluster rules could not check them. The finding names the context, the API server and the cause.",
  remediation: "Check the context (`kubectl --context CONTEXT get pods -A`), refresh the credentials (log in again, or fix the exec plugin), trust the API server CA (certificate-authority in the kubeconfig), or grant `list` on the missing resources; or check with --cluster-snapshot FILE recorded where the cluster is reachable.",
  check({ model, report }) {
    const cluster = model.cluster;
    if (!cluster) return;
    const where = `cluster context ${cluster.context}${cluster.server ? ` (${cluster.server})` : ""}`;
    for (const group of groupBy(cluster.faults, (f) => f.reason)) {
      const resources = group.map((f) => f.resource).sort((a, b) => CLUSTER_RESOURCES.indexOf(a) - CLUSTER_RESOURCES.indexOf(b));
      const named = resources.length === 1 ? resources[0] : `${resources.slice(0, -1).join(", ")} and ${resources[resources.length - 1]}`;
      report({ message: `${where} could not be read: cannot list ${named}: ${group[0].reason}` });
    }
  }
});

// rules/components-out-of-sync.ts
var components_out_of_sync_default = defineRule({
  id: "components-out-of-sync",
  scope: "registry",
  level: "error",
  summary: "Some components have the release tag (or an updated latest) and others do not",
  description: "The project's own images and `components` are released together. When the release tag exists for some of them and not for others, a partial release went out: the lagging images were not built or not pushed. Without a release tag, their newest stable versions are compared instead. A `latest` left behind on one image is reported by latest-not-newest-stable.",
  remediation: "Re-run the release jobs of the lagging components so every component is pushed at the release tag.",
  check({ model, report }) {
    const facts = model.registry;
    if (!facts) return;
    const version = releaseVersion(model);
    const { tagFormat } = model.config;
    const members = ownRegistryRepositories(model).map((repository) => ({ repository, tags: listedTags(facts, repository) })).filter((m) => m.tags !== void 0);
    if (members.length < 2) return;
    if (version) {
      const released = members.filter((m) => hasReleaseTag(version, tagFormat, m.tags)).map((m) => m.repository);
      if (released.length === 0 || released.length === members.length) return;
      for (const { repository, tags } of members) {
        if (released.includes(repository)) continue;
        const tag = releaseTagOf(model, facts, repository);
        if (perArchTagsOf(tags, tag).length > 0) continue;
        if (deployedAtRelease(model, repository)) continue;
        const newest = newestVersion(tags);
        const where = newest ? `it is at ${newest.tag}` : tags.length === 0 ? "it does not exist in the registry" : "it has no version tag";
        report({
          message: `${repository} has no tag ${tag}, but ${listNames(released)} ${released.length === 1 ? "was" : "were"} released at it; ${where}`,
          at: locateRepository(model, repository),
          image: repository,
          expected: tag,
          ...newest ? { actual: newest.tag } : {}
        });
      }
      return;
    }
    const newestStable = members.map((m) => ({ ...m, stable: highestStable(m.tags) }));
    const ahead = newestStable.filter((m) => m.stable).reduce((best, m) => !best || compareVersions(m.stable.version, best.stable.version) > 0 ? m : best, void 0);
    if (!ahead) return;
    for (const member of newestStable) {
      if (member.stable && compareVersions(member.stable.version, ahead.stable.version) === 0) continue;
      const where = member.stable ? `is at ${member.stable.tags[0]}` : "has no stable version";
      report({
        message: `${member.repository} ${where}, but ${ahead.repository} is at ${ahead.stable.tags[0]}`,
        at: locateRepository(model, member.repository),
        image: member.repository,
        expected: ahead.stable.tags[0],
        ...member.stable ? { actual: member.stable.tags[0] } : {}
      });
    }
  }
});
function listNames(names) {
  return names.length <= 3 ? names.join(", ") : `${names.slice(0, 3).join(", ")} and ${names.length - 3} more`;
}

// rules/deployed-digest-drift.ts
var deployed_digest_drift_default = defineRule({
  id: "deployed-digest-drift",
  scope: "cluster",
  level: "error",
  readsRegistry: true,
  summary: "A Pod runs an own image whose digest is no longer the registry's digest for the same tag (the tag moved)",
  description: "With --cluster, tagcheck compares the digest each Pod actually runs (its container status imageID) with what the registry holds now under the tag the Pod was started with. A difference means the tag was re-pushed after the deploy: Pods of one workload may run different code, and a restart changes what runs without any manifest change. A tag deleted since is reported too.",
  remediation: "Never re-push a release tag: push a new version and deploy it, or pin the image by digest (`image: REPO:TAG@sha256:\u2026`). To converge now, restart the workload (`kubectl rollout restart deployment/NAME -n NAMESPACE`) once the tag holds the intended image.",
  check({ model, report }) {
    const facts = model.registry;
    if (!model.cluster || !facts) return;
    const running = [];
    const localIds = [];
    for (const image of ownDeployedImages(model)) {
      if (image.object.kind !== "Pod" || image.ref.digest) continue;
      const pulled = registryDigestOf(image.container.imageID);
      if ("digest" in pulled) running.push({ image, digest: pulled.digest });
      else if (pulled.none !== "empty") localIds.push(image);
    }
    const unreachable = /* @__PURE__ */ new Map();
    const groups = groupBy(
      running,
      ({ image, digest }) => JSON.stringify([image.object.namespace, image.object.owner ? `${image.object.owner.kind}/${image.object.owner.name}` : image.object.name, image.container.name, image.container.image, digest])
    );
    for (const group of groups) {
      const { image, digest } = group[0];
      const repository = image.ref.repository;
      const tag = image.ref.tag ?? "latest";
      const lookup = facts.tag(repository, tag);
      if (!lookup) continue;
      const who = `${describePods(group.map((g) => g.image.object))} ${describeContainer(image)}`;
      const runs = group.length > 1 ? "run" : "runs";
      const at = locateRepository(model, repository, tag);
      if (lookup.status === "unreachable") {
        unreachable.set(repository, `registry ${lookup.host} could not be asked: ${lookup.reason}`);
      } else if (lookup.status === "not-found") {
        report({
          message: `${who} ${runs} ${repository}:${tag} as ${shortDigest(digest)}, but the registry no longer has ${tag}: a rescheduled Pod cannot pull it`,
          at,
          image: repository,
          actual: digest
        });
      } else if (lookup.value.digest !== digest && !lookup.value.manifests?.includes(digest)) {
        report({
          message: `${who} ${runs} ${repository}:${tag} as ${shortDigest(digest)}, but the registry's ${tag} is ${shortDigest(lookup.value.digest)}: the tag moved after the deploy`,
          at,
          image: repository,
          expected: lookup.value.digest,
          actual: digest
        });
      }
    }
    for (const [repository, why] of unreachable) {
      report({ message: `digests of ${repository} in the cluster were not compared: ${why}`, at: locateRepository(model, repository), image: repository, level: "note" });
    }
    for (const group of groupBy(localIds, (i) => i.container.image)) {
      const image = group[0];
      report({
        message: `${describePods(group.map((g) => g.object))} ${describeContainer(image)} report only a local image id for ${image.container.image} (${image.container.imageID}), not a registry digest: drift not checked`,
        at: locateRepository(model, image.ref.repository, image.ref.tag),
        image: image.ref.repository,
        level: "note"
      });
    }
  }
});

// rules/deployed-image-mismatch.ts
var deployed_image_mismatch_default = defineRule({
  id: "deployed-image-mismatch",
  scope: "cluster",
  level: "error",
  summary: "A workload in the cluster runs an own image at another tag than the release (or than the manifests)",
  description: "With --cluster, tagcheck reads the Deployments, StatefulSets, DaemonSets, CronJobs and Pods of the cluster and compares the tag each runs of the project's own images with the release tag (with no release tag: with the tags the manifests deploy). A mismatch is a release that was tagged but never rolled out, a rollout that stopped half-way, or a hand-edited workload.",
  remediation: "Roll the release out (`kubectl apply -k \u2026`, `helm upgrade`, or let the GitOps controller sync), or find out why the rollout stopped (`kubectl rollout status deployment/NAME -n NAMESPACE`).",
  check({ model, report }) {
    if (!model.cluster) return;
    const candidates = [];
    for (const image of ownDeployedImages(model)) {
      if (image.object.kind === "Pod" && templateImageOf(model, image.object, image.container.name) === image.container.image) continue;
      candidates.push(image);
    }
    const groups = groupBy(
      candidates,
      (i) => JSON.stringify([i.object.kind, i.object.namespace, i.object.owner ? `${i.object.owner.kind}/${i.object.owner.name}` : i.object.name, i.container.name, i.container.image])
    );
    for (const group of groups) {
      const image = group[0];
      const repository = image.ref.repository;
      const expected = deployedExpectation(model, repository);
      if (!expected) continue;
      const who = `${image.object.kind === "Pod" ? describePods(group.map((g) => g.object)) : describeObject(image.object)} ${describeContainer(image)}`;
      const runs = group.length > 1 ? "run" : "runs";
      const at = locateRepository(model, repository, expected.tag);
      if (image.ref.tag === void 0 && image.ref.digest) {
        const release = model.registry ? foundTag(model.registry, repository, expected.tag) : void 0;
        if (release?.digest === image.ref.digest) continue;
        const digest = shortDigest(image.ref.digest);
        report(
          release ? { message: `${who} ${runs} ${repository}@${digest}, but ${expected.describe} (${expected.tag} is ${shortDigest(release.digest)} in the registry)`, at, image: repository, expected: expected.tag, actual: image.ref.digest } : { message: `${who} ${runs} ${repository}@${digest}: pinned by digest, it could not be compared with ${expected.tag} (the registry's digest of it is unknown)`, at, image: repository, expected: expected.tag, actual: image.ref.digest, level: "note" }
        );
        continue;
      }
      const tag = image.ref.tag ?? "latest";
      if (expected.matches(tag)) continue;
      report({
        message: `${who} ${runs} ${image.ref.tag !== void 0 ? `${repository}:${tag}` : `${repository} (no tag: latest)`}, but ${expected.describe}`,
        at,
        image: repository,
        expected: expected.tag,
        actual: tag
      });
    }
  }
});

// rules/docs-version-stale.ts
var docs_version_stale_default = defineRule({
  id: "docs-version-stale",
  scope: "manifests",
  level: "warning",
  summary: "Install instructions in Markdown must not name an older version than the release",
  description: "Fenced code blocks and inline code in the project's Markdown (README.md, docs/; release notes excepted) that name one of the project's own images (`ghcr.io/acme/app:v1.2.2`), a kustomize remote `?ref=` of this repository, a `releases/download/TAG/`, raw.githubusercontent.com or `archive/refs/tags/` URL or a `go install \u2026@TAG` of this repository, or `helm install|upgrade \u2026 --version` of one of its charts, at a version older than the release (for charts, older than the chart's `version`). Newer versions, placeholders, branch refs and third-party images are not findings.",
  remediation: "Replace the version at the reported place with the release (`tagcheck fix` does it), or write a placeholder such as `vX.Y.Z` in examples that should not follow releases.",
  check(context) {
    const docs = context.model.docs;
    if (!docs) return;
    for (const reference of docs.references) {
      if (reference.kind === "image") checkImage(reference, context);
      else if (reference.kind === "git-ref") checkGitRef(reference, context);
      else checkHelm(reference, context);
    }
  }
});
function checkImage(reference, { model, report }) {
  const release = model.release;
  if (!reference.own || !release?.version) return;
  const actual = reference.version.value;
  const named = parseVersion(actual.replace("_", "+"));
  if (!named || compareVersions(named, release.version) >= 0) return;
  const expected = expectedReleaseImageTag(release, model.config.tagFormat, actual);
  const pinned = reference.digest ? ` (also pinned by digest ${reference.digest.slice(0, 19)}\u2026: update both)` : "";
  report(stale(reference.version, actual, expected, `${reference.version.file} names ${reference.repository} at ${actual}, but the release is ${expected}${pinned}`, {
    image: reference.repository,
    // a digest pins the old image: replacing the tag alone would make the reference contradict itself
    fix: !reference.digest
  }));
}
var SHAPES = {
  "kustomize-ref": "the kustomize remote",
  "release-download": "a release download of",
  "raw-content": "raw content of",
  archive: "a source archive of",
  "go-module": "the Go module"
};
function checkGitRef(reference, { model, report }) {
  const release = model.release ?? model.chartRelease ?? null;
  if (!reference.own || !release?.version) return;
  const actual = reference.version.value;
  const named = parseReleaseTag(actual);
  if (!named || componentPrefix(actual, named) !== componentPrefix(release.tag, release.version)) return;
  if (compareVersions(named, release.version) >= 0) return;
  const expected = release.tag;
  const file = reference.version.file;
  report(stale(reference.version, actual, expected, `${file} names ${SHAPES[reference.shape]} ${reference.repository} at ${actual}, but the release is ${expected}`, { fix: true }));
}
function componentPrefix(tag, version) {
  const trimmed = tag.trim();
  return trimmed.slice(0, trimmed.length - version.tag.length);
}
function checkHelm(reference, { model, report }) {
  if (!model.release && !model.chartRelease) return;
  const chart = model.charts.find((c) => c.name?.value === reference.chart && isProjectChart(c, model));
  const chartVersion = chart?.version ? parseVersion(chart.version.value) : null;
  if (!chartVersion) return;
  const actual = reference.version.value;
  const named = parseVersion(actual);
  if (!named || compareVersions(named, chartVersion) >= 0) return;
  const expected = releaseInConventionOf(chartVersion, actual);
  const message = `${reference.version.file} installs Helm chart ${reference.chart} at --version ${actual}, but the chart's version is ${expected}`;
  report(stale(reference.version, actual, expected, message, { fix: true }));
}
function stale(at, actual, expected, message, options) {
  const position = { file: at.file, line: at.line, column: at.column };
  return {
    message,
    at: position,
    ...options.image ? { image: options.image } : {},
    expected,
    actual,
    ...options.fix ? { fix: { at: position, from: actual, to: expected } } : {}
  };
}

// rules/image-missing.ts
var image_missing_default = defineRule({
  id: "image-missing",
  scope: "registry",
  level: "error",
  summary: "An own image at the release tag, or a referenced image tag, does not exist in the registry",
  description: "Every image tag the manifests deploy must exist in its registry, or the rollout ends in ImagePullBackOff; and every own image must have been pushed at the release tag before the release is announced.",
  remediation: "Push the image at that tag (re-run the release workflow), or fix the tag in the manifest.",
  check({ model, report }) {
    const facts = model.registry;
    if (!facts) return;
    const version = releaseVersion(model);
    const { tagFormat } = model.config;
    const seen = /* @__PURE__ */ new Set();
    for (const use of model.imageUses) {
      if (use.ref.digest) continue;
      const repository = use.ref.repository;
      const tag = use.ref.tag ?? "latest";
      const at = use.tagAt ?? use.at;
      const key = JSON.stringify([at.file, at.line, at.column, repository, tag]);
      if (seen.has(key)) continue;
      seen.add(key);
      if (facts.tag(repository, tag)?.status !== "not-found") continue;
      const tags = listedTags(facts, repository);
      if (use.own && tags && perArchTagsOf(tags, tag).length > 0) continue;
      const why = tags && tags.length === 0 && use.own ? `: the registry has no repository ${repository}` : "";
      report({ message: `${repository}:${tag} does not exist in the registry${why}`, at, image: repository, actual: tag });
    }
    if (!version) return;
    const repositories = ownRegistryRepositories(model);
    const released = repositories.filter((r) => {
      const tags = listedTags(facts, r);
      return tags !== void 0 && hasReleaseTag(version, tagFormat, tags);
    });
    for (const repository of repositories) {
      const tags = listedTags(facts, repository);
      if (!tags || hasReleaseTag(version, tagFormat, tags)) continue;
      const tag = releaseTagOf(model, facts, repository);
      if (perArchTagsOf(tags, tag).length > 0) continue;
      if (deployedAtRelease(model, repository) || released.length > 0) continue;
      const why = tags.length === 0 ? `the registry has no repository ${repository}` : `it has ${describeTags(tags)}`;
      report({
        message: `${repository} has no tag ${tag} for the release ${model.release.tag}: ${why}`,
        at: locateRepository(model, repository),
        image: repository,
        expected: tag
      });
    }
  }
});
function describeTags(tags) {
  const newest = newestVersion(tags)?.tag;
  const count = `${tags.length} other tag${tags.length === 1 ? "" : "s"}`;
  return newest ? `${count}, the newest version ${newest}` : count;
}

// rules/image-tag-inconsistent.ts
var image_tag_inconsistent_default = defineRule({
  id: "image-tag-inconsistent",
  scope: "manifests",
  level: "error",
  summary: "Without a release tag, the project's own images must all be referenced at one tag",
  description: "When no release tag is under check (a pull request, a branch build), the manifests can still be checked against each other: every own image reference should name the same version. The newest version by SemVer precedence is taken as the intended one (drift is a bump that missed some places), and every reference at another tag is reported. Under `tagFormat: same` a `v` prefix does not count as a difference. Mutable tags are left to mutable-image-tag, digest-only references have no tag to compare.",
  remediation: "Bump the reported references to the newest version (or run tagcheck with `--tag` to check against the release).",
  check({ model, report }) {
    if (model.release) return;
    const mutableTags = new Set(model.config.mutableTags);
    const format = model.config.tagFormat;
    const tagged = uniqueByTagNode(model.imageUses.filter((u) => u.own && u.ref.tag !== void 0 && !mutableTags.has(u.ref.tag)));
    const groups = groupByVersion(tagged, format);
    if (groups.length < 2) return;
    const reference = pickReference(groups, format);
    const referenceUse = reference.uses[0];
    const referenceAt = tagNode(referenceUse);
    for (const group of groups) {
      if (group === reference) continue;
      for (const use of group.uses) {
        const actual = use.ref.tag;
        const expected = reference.version && format === "same" ? expectedReleaseImageTag({ tag: reference.tag, version: reference.version }, "same", actual) : reference.tag;
        const fix = reference.version && group.version ? tagFix(use, model, actual, expected) : void 0;
        report({
          message: `${use.ref.repository} is tagged ${actual}, but ${referenceUse.ref.repository} is tagged ${reference.tag} (${referenceAt.file}:${referenceAt.line}); the project's own images should agree on one version`,
          at: tagNode(use),
          image: use.ref.repository,
          expected,
          actual,
          ...fix ? { fix } : {}
        });
      }
    }
  }
});
function groupByVersion(uses, format) {
  const groups = /* @__PURE__ */ new Map();
  for (const use of uses) {
    const tag = use.ref.tag;
    const version = parseVersion(tag.replace("_", "+"));
    const key = format === "same" && version ? versionWithBuild(version) : tag;
    const group = groups.get(key) ?? { key, tag, version, uses: [] };
    group.uses.push(use);
    groups.set(key, group);
  }
  return [...groups.values()];
}
function pickReference(groups, format) {
  const fitsFormat = (g) => g.version && format.includes("{version}") && g.tag === expectedImageTag(g.version, format) ? 1 : 0;
  return [...groups].sort((a, b) => {
    if (a.version && b.version) {
      const byVersion = compareVersions(b.version, a.version) || compareBuild(b.version, a.version);
      if (byVersion !== 0) return byVersion;
    } else if (a.version || b.version) {
      return a.version ? -1 : 1;
    }
    return fitsFormat(b) - fitsFormat(a) || b.uses.length - a.uses.length || (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0);
  })[0];
}
function compareBuild(a, b) {
  const x = a.semver.build.join(".");
  const y = b.semver.build.join(".");
  return x < y ? -1 : x > y ? 1 : 0;
}

// rules/image-tag-mismatch.ts
var image_tag_mismatch_default = defineRule({
  id: "image-tag-mismatch",
  scope: "manifests",
  level: "error",
  summary: "The project's own images must be referenced at the release tag",
  description: "Every place that decides the tag of one of the project's own images (a plain manifest `image:`, a kustomize `images:` `newTag`, a Helm values `tag`) must name the release tag under the configured `tagFormat`. Otherwise users who install the release run the previous version. Third-party images are never checked; references pinned only by digest are not compared; an untagged reference is `mutable-image-tag`'s finding.",
  remediation: "Set the tag to the release tag at the reported line, e.g. `newTag: v0.29.0`, or automate the bump in the release script.",
  check({ model, report }) {
    const release = model.release;
    if (!release) return;
    const appVersionFindings = appVersionDriftNodes(model);
    for (const use of uniqueByTagNode(model.imageUses.filter((u) => u.own))) {
      const actual = use.ref.tag;
      if (actual === void 0) continue;
      const node = tagNode(use);
      if (use.tagSource === "helm-app-version" && appVersionFindings.has(positionKey(node))) continue;
      if (imageTagMatchesRelease(actual, release, model.config.tagFormat)) continue;
      const expected = expectedReleaseImageTag(release, model.config.tagFormat, actual);
      const fix = tagFix(use, model, actual, expected);
      report({
        message: `${use.ref.repository} is tagged ${actual}, but the release is ${expected}`,
        at: node,
        image: use.ref.repository,
        expected,
        actual,
        ...fix ? { fix } : {}
      });
    }
  }
});

// rules/kustomize-image-unmatched.ts
var kustomize_image_unmatched_default = defineRule({
  id: "kustomize-image-unmatched",
  scope: "manifests",
  level: "error",
  summary: "A kustomization `images:` entry must match a container image of its resources",
  description: "Kustomize applies an `images:` entry only to containers whose image name equals the entry's `name`. When the resources name the image differently (the registry was renamed, the image moved), the entry silently does nothing: `kustomize build` succeeds and deploys whatever tag the resource carries. Entries of kustomizations whose resources could not all be read (remote bases) are not reported.",
  remediation: "Make the entry's `name` the image name the resources use (or update the resources), then check `kubectl kustomize` output.",
  check({ model, report }) {
    for (const override of model.kustomizeOverrides) {
      if (override.matched || override.incomplete) continue;
      const name = override.name.value;
      const candidate = renamedImageCandidate(override, model);
      report({
        message: candidate ? `kustomize images entry ${name} matches no container image of its resources, so it changes nothing; the resources use ${candidate}` : `kustomize images entry ${name} matches no container image of its resources, so it changes nothing`,
        at: override.name,
        image: normalizeRepository(name),
        actual: name,
        ...candidate ? { expected: candidate } : {}
      });
    }
  }
});
function renamedImageCandidate(override, model) {
  const dir = directoryOf(override.file);
  const wanted = normalizeRepository(override.name.value);
  const baseName = lastComponent(wanted);
  const candidates = /* @__PURE__ */ new Set();
  for (const use of model.imageUses) {
    if (use.kind !== "workload" || directoryOrRoot(use.kustomization) !== dir) continue;
    if (use.ref.repository === wanted) continue;
    if (lastComponent(use.ref.repository) === baseName) candidates.add(shortName(use.ref.registry, use.ref.path));
  }
  return candidates.size === 1 ? [...candidates][0] : void 0;
}
function directoryOf(file) {
  const slash = file.lastIndexOf("/");
  return slash < 0 ? "." : file.slice(0, slash);
}
function directoryOrRoot(dir) {
  return dir === "" ? "." : dir?.replace(/\/$/, "");
}
function lastComponent(repository) {
  return repository.slice(repository.lastIndexOf("/") + 1);
}
function shortName(registry, path) {
  if (registry !== "docker.io") return `${registry}/${path}`;
  return path.startsWith("library/") ? path.slice("library/".length) : path;
}

// rules/latest-is-prerelease.ts
var latest_is_prerelease_default = defineRule({
  id: "latest-is-prerelease",
  scope: "registry",
  level: "error",
  summary: "`latest` must not point at a prerelease or development build",
  description: "`latest` resolves to the same digest as a prerelease tag (`-rc.1`, `-beta.2`, \u2026) or a development tag (`main`, `master`, `dev`, `edge`, `nightly`, `sha-\u2026`): everyone who pulls the default tag runs an unreleased build.",
  remediation: "Move `latest` to the newest stable release, e.g. `crane tag IMAGE:v1.2.3 latest`, and push `latest` only from stable release tags.",
  check({ model, report }) {
    const facts = model.registry;
    if (!facts) return;
    for (const repository of ownRegistryRepositories(model)) {
      const verdict = latestVerdict(facts, repository);
      if (verdict.kind !== "prerelease") continue;
      const kind = verdict.development ? "a development build" : "a prerelease";
      const stable = highestStable(listedTags(facts, repository) ?? []);
      const advice = stable ? `; the newest stable release is ${stable.tags[0]}` : "";
      report({
        message: `${repository}:latest is the same image as ${verdict.tag}, ${kind}${advice}`,
        at: locateRepository(model, repository, "latest"),
        image: repository,
        ...stable ? { expected: stable.tags[0] } : {},
        actual: verdict.tag
      });
    }
  }
});

// rules/latest-missing.ts
var latest_missing_default = defineRule({
  id: "latest-missing",
  scope: "registry",
  level: "error",
  summary: "A stable release exists and `latest` does not (when `latest: required`)",
  description: "With `latest: required` (the default), every own image that has a stable version tag must also have `latest`. With `latest: forbidden`, an own image must have no `latest` tag at all; `optional` checks nothing.",
  remediation: "Push `latest` from the release workflow for stable tags (`crane tag IMAGE:v1.2.3 latest`), or set `latest: optional`.",
  check({ model, report }) {
    const facts = model.registry;
    const policy = model.config.latest;
    if (!facts || policy === "optional") return;
    for (const repository of ownRegistryRepositories(model)) {
      const tags = listedTags(facts, repository);
      if (!tags) continue;
      const at = locateRepository(model, repository, "latest");
      if (policy === "forbidden") {
        if (tags.includes("latest")) {
          report({ message: `${repository} has a latest tag, but the config says latest: forbidden`, at, image: repository, actual: "latest" });
        }
        continue;
      }
      const stable = highestStable(tags);
      if (stable && !tags.includes("latest")) {
        report({
          message: `${repository} has no latest tag, although it has stable releases (the newest is ${stable.tags[0]})`,
          at,
          image: repository,
          expected: "latest"
        });
      }
    }
  }
});

// rules/latest-not-newest-stable.ts
var latest_not_newest_stable_default = defineRule({
  id: "latest-not-newest-stable",
  scope: "registry",
  level: "error",
  summary: "`latest` must be the image of the highest stable tag by SemVer precedence",
  description: "`latest` exists but does not have the digest of the highest stable version tag. Versions are ordered by SemVer precedence (`v0.45.0-rc.1` < `v0.45.0` < `v0.100.0`), never lexically or by `sort -V`; tags that are not versions are ignored, and `v1.2.3` and `1.2.3` are the same version.",
  remediation: "Point `latest` at the highest stable release, e.g. `crane tag IMAGE:v1.2.3 latest`.",
  check({ model, report }) {
    const facts = model.registry;
    if (!facts) return;
    for (const repository of ownRegistryRepositories(model)) {
      const verdict = latestVerdict(facts, repository);
      if (verdict.kind !== "not-newest-stable") continue;
      const releaseTag = releaseTagOf(model, facts, repository);
      const same = releaseTag !== void 0 && foundTag(facts, repository, releaseTag)?.digest === verdict.facts.digest;
      const actual = same ? releaseTag : shortDigest(verdict.facts.digest);
      report({
        message: `${repository}:latest is ${actual}, not ${verdict.newest}, the highest stable tag`,
        at: locateRepository(model, repository, "latest"),
        image: repository,
        expected: verdict.newest,
        actual
      });
    }
  }
});

// rules/manifest-index-missing.ts
var manifest_index_missing_default = defineRule({
  id: "manifest-index-missing",
  scope: "registry",
  level: "error",
  summary: "Per-arch tags such as v1.2.3-linux-amd64 exist but the release tag is missing or not a multi-arch index",
  description: "Projects that build each architecture separately push per-arch tags and then assemble the release tag as an image index over them. When that last step fails, the per-arch tags exist but the tag users pull does not, or it is a single-arch image that breaks every other architecture.",
  remediation: "Assemble the index from the per-arch images and push it at the release tag, e.g. `docker buildx imagetools create -t IMAGE:v1.2.3 IMAGE:v1.2.3-linux-amd64 IMAGE:v1.2.3-linux-arm64`.",
  check({ model, report }) {
    const facts = model.registry;
    if (!facts) return;
    for (const repository of ownRegistryRepositories(model)) {
      const tags = listedTags(facts, repository);
      if (!tags) continue;
      for (const tag of releaseOrDeployedTags(model, facts, repository)) {
        const perArch = perArchTagsOf(tags, tag);
        if (perArch.length === 0) continue;
        const lookup = facts.tag(repository, tag);
        const at = locateRepository(model, repository, tag);
        const listing = perArch.join(", ");
        if (lookup?.status === "not-found") {
          report({
            message: `${repository} has per-arch tags ${listing} but no ${tag}: the multi-arch index was not pushed`,
            at,
            image: repository,
            expected: tag
          });
        } else if (lookup?.status === "found" && !lookup.value.isIndex) {
          const platform = lookup.value.platforms.map(formatPlatform).join(", ") || "unknown platform";
          report({
            message: `${repository}:${tag} is a single-arch manifest (${platform}) although per-arch tags ${listing} exist: it should be an index over them`,
            at,
            image: repository,
            expected: "multi-arch index",
            actual: `single-arch manifest (${platform})`
          });
        }
      }
    }
  }
});

// rules/mutable-image-tag.ts
var mutable_image_tag_default = defineRule({
  id: "mutable-image-tag",
  scope: "manifests",
  level: "warning",
  summary: "Deploy manifests must not use a mutable tag (`latest`, `main`, \u2026) or no tag",
  description: "A tag listed in `mutableTags` (default: latest, main, master, dev, edge, nightly), or no tag at all (which means `latest`), makes what runs depend on when a node pulls the image: two replicas can run different code, a rollback does not roll back, and `imagePullPolicy` defaults to `Always`. Every image is checked, own or third-party. A reference pinned by digest is immutable and fine. The effective reference counts: an untagged resource image that a kustomization gives a `newTag` is not a finding. An own image at a mutable tag while a release is checked is reported once, by image-tag-mismatch.",
  remediation: "Pin a version tag (for own images, the release tag) or a digest: `image: nginx:1.27.0` or `image: nginx@sha256:\u2026`.",
  check({ model, report }) {
    const release = model.release;
    const mutableTags = new Set(model.config.mutableTags);
    const overridden = imagesRewrittenByABuild(model);
    const reportedElsewhere = appVersionDriftNodes(model);
    for (const use of model.imageUses) {
      if (use.own && release && use.ref.tag !== void 0 && !imageTagMatchesRelease(use.ref.tag, release, model.config.tagFormat)) {
        reportedElsewhere.add(positionKey(tagNode(use)));
      }
    }
    for (const use of uniqueByTagNode(model.imageUses)) {
      if (use.ref.digest || reportedElsewhere.has(positionKey(tagNode(use)))) continue;
      const tag = use.ref.tag;
      const ownRelease = use.own && release ? expectedReleaseImageTag(release, model.config.tagFormat, tag) : void 0;
      if (tag === void 0) {
        if (use.kustomization === void 0 && overridden.has(positionKey(use.at))) continue;
        if (use.kind === "helm-values" && chartWithoutAppVersion(use.chart, model)) continue;
        report({
          message: use.kind === "helm-values" ? `${use.ref.repository} has no tag in the chart's values and the chart's templates give it no default` : `${use.ref.repository} has no tag, so it runs whatever latest points at when a node pulls it`,
          at: tagNode(use),
          image: use.ref.repository,
          ...ownRelease ? { expected: ownRelease } : {}
        });
        continue;
      }
      if (!mutableTags.has(tag)) continue;
      report({
        message: `${use.ref.repository} is tagged ${tag}, a mutable tag: what runs changes whenever the tag moves`,
        at: tagNode(use),
        image: use.ref.repository,
        actual: tag,
        ...ownRelease ? { expected: ownRelease } : {}
      });
    }
  }
});
function imagesRewrittenByABuild(model) {
  const keys = /* @__PURE__ */ new Set();
  for (const use of model.imageUses) {
    if (use.tagSource === "kustomize" && (use.ref.tag !== void 0 || use.ref.digest)) keys.add(positionKey(use.at));
  }
  return keys;
}
function chartWithoutAppVersion(dir, model) {
  const chart = model.charts.find((c) => c.dir === dir);
  return chart !== void 0 && chart.appVersion === void 0;
}

// rules/platform-missing.ts
var platform_missing_default = defineRule({
  id: "platform-missing",
  scope: "registry",
  level: "error",
  summary: "The release tag's index (or latest's) lacks a required platform, or a tag that must be multi-arch is single-arch",
  description: "Every platform in `platforms:` (or `--platform`) must be in the image index of the release tag and of `latest`. Variants match exactly (linux/arm/v6 is not linux/arm/v7); Windows entries match on os.version (ltsc2022 = 10.0.20348). A release tag that regressed from an index to a single-arch manifest is reported too.",
  remediation: "Rebuild and push the image for every required platform (e.g. `docker buildx build --platform linux/amd64,linux/arm64 --push`), then move `latest` to the new index.",
  check({ model, report }) {
    const facts = model.registry;
    if (!facts) return;
    for (const repository of ownRegistryRepositories(model)) {
      const required = requiredPlatforms(model.config, repository);
      const tags = listedTags(facts, repository);
      if (required.length === 0 || !tags) continue;
      const checked = releaseOrDeployedTags(model, facts, repository);
      if (tags.includes("latest")) checked.push("latest");
      const byDigest = /* @__PURE__ */ new Map();
      for (const tag of checked) {
        const lookup = facts.tag(repository, tag);
        if (lookup?.status !== "found") continue;
        if (!lookup.value.isIndex && tag !== "latest" && perArchTagsOf(tags, tag).length > 0) continue;
        const entry = byDigest.get(lookup.value.digest);
        if (entry) entry.tags.push(tag);
        else byDigest.set(lookup.value.digest, { tags: [tag], facts: lookup.value });
      }
      for (const { tags: named, facts: image } of byDigest.values()) {
        const problem = platformProblem(required, image);
        if (!problem) continue;
        const [first, ...others] = named;
        const name = `${repository}:${first}${others.length ? ` (and ${others.join(", ")})` : ""}`;
        report({
          message: `${name} ${problem}`,
          at: locateRepository(model, repository, first),
          image: repository,
          expected: required.map(formatPlatform).join(", "),
          actual: image.platforms.map(formatPlatform).join(", ")
        });
      }
    }
  }
});
function platformProblem(required, image) {
  const have = image.platforms.map(formatPlatform).join(", ") || "no known platform";
  const wanted = required.map(formatPlatform).join(", ");
  if (!image.isIndex && required.length > 1) return `is a single-arch manifest (${have}), but ${wanted} are required`;
  const missing = required.filter((p) => !image.platforms.some((available) => platformSatisfies(p, available)));
  if (missing.length === 0) return null;
  return `lacks ${missing.map(formatPlatform).join(", ")} (it has ${have})`;
}

// rules/registry-unreachable.ts
var registry_unreachable_default = defineRule({
  id: "registry-unreachable",
  scope: "registry",
  level: "error",
  summary: "The registry could not be asked: the message says why (DNS, TLS, auth, timeout, HTTP status)",
  description: "tagcheck could not ask a registry about an image, so the registry rules could not check it. The finding names the registry host and the cause. It is a finding, not a crash: the manifest rules still ran.",
  remediation: "Check the host name and network, log in (`docker login HOST`, or a credential in DOCKER_CONFIG / REGISTRY_AUTH_FILE), trust the registry's CA (NODE_EXTRA_CA_CERTS) or mark it `--insecure-registry HOST`; or run with `--offline`.",
  check({ model, report }) {
    const facts = model.registry;
    if (!facts) return;
    const faults = /* @__PURE__ */ new Map();
    const note = (repository, lookup) => {
      if (lookup?.status !== "unreachable") return;
      const key = JSON.stringify([lookup.host, lookup.reason.replace(/\/v2\/\S*/g, "/v2/\u2026")]);
      const fault = faults.get(key) ?? { host: lookup.host, reason: lookup.reason, repositories: [] };
      if (!fault.repositories.includes(repository)) fault.repositories.push(repository);
      faults.set(key, fault);
    };
    const own = ownRegistryRepositories(model);
    for (const repository of own) {
      const list = facts.tagList(repository);
      note(repository, list);
      if (list?.status !== "found") continue;
      const candidates = latestCandidates(list.value);
      const asked = /* @__PURE__ */ new Set([
        releaseTagOf(model, facts, repository),
        ...referencedTags(model, repository),
        "latest",
        ...highestStable(list.value)?.tags ?? [],
        ...candidates.prereleases,
        ...candidates.branches,
        ...candidates.commits
      ]);
      for (const tag of asked) if (tag !== void 0) note(repository, facts.tag(repository, tag));
      for (const tag of releaseOrDeployedTags(model, facts, repository)) {
        const image = tag === void 0 ? void 0 : foundTag(facts, repository, tag);
        for (const digest of image ? [image.digest, ...(image.entries ?? []).map((m) => m.digest)] : []) {
          note(repository, facts.artifacts?.(repository, digest)?.fault);
        }
      }
    }
    for (const use of model.imageUses) {
      if (own.includes(use.ref.repository) || use.ref.digest) continue;
      note(use.ref.repository, facts.tag(use.ref.repository, use.ref.tag ?? "latest"));
    }
    for (const { host, reason, repositories } of faults.values()) {
      const sorted = [...repositories].sort();
      const named = sorted.length <= 3 ? sorted.join(", ") : `${sorted.slice(0, 3).join(", ")} and ${sorted.length - 3} more`;
      report({
        message: `registry ${host} could not be asked: ${reason} (not checked: ${named})`,
        at: locateRepository(model, sorted[0]),
        image: sorted[0]
      });
    }
  }
});

// src/model/located.ts
function positionOf(located) {
  return { file: located.file, line: located.line, column: located.column };
}

// rules/release-tag-invalid.ts
var release_tag_invalid_default = defineRule({
  id: "release-tag-invalid",
  scope: "manifests",
  level: "error",
  summary: "The release tag must be a semantic version",
  description: "The release tag (from `--tag`, CI variables, a tag at HEAD or `version.from`) must be a SemVer 2 version, with or without a leading `v`: `v1.2.3`, `1.2.3`, `v1.2.3-rc.1`. Release tooling (goreleaser, Helm, image tag automation) parses it, and tagcheck cannot order or compare a tag that is not a version, so the other rules fall back to comparing its text.",
  remediation: "Tag the release as `vMAJOR.MINOR.PATCH` (e.g. `git tag v1.2.3`), or pass the version with `--tag`.",
  check({ model, report }) {
    const release = model.release;
    if (!release || release.version) return;
    report({
      message: `the release tag ${release.tag} is not a semantic version such as v1.2.3`,
      ...release.location ? { at: positionOf(release.location) } : {},
      actual: release.tag
    });
  }
});

// rules/signature-missing.ts
var signature_missing_default = defineRule({
  id: "signature-missing",
  scope: "registry",
  level: "error",
  summary: "An own image's release digest has no signature (cosign, notation); runs when `require: signatures` asks",
  description: "With `require: { signatures: true }` every own image's release tag digest must have a signature: an OCI 1.1 referrer (cosign `application/vnd.dev.cosign.artifact.sig.v1+json`, a sigstore bundle of `https://sigstore.dev/cosign/sign/v1`, notation `application/vnd.cncf.notary.signature`), found by the referrers API or the referrers tag schema, or cosign's `sha256-<hex>.sig` tag. `signatures: { platforms: true }` checks each platform manifest of the index too. Signatures are found, not verified: no trust root is reachable offline.",
  remediation: "Sign the released digest, e.g. `cosign sign --yes IMAGE@sha256:\u2026` (`--recursive` signs each platform manifest too) or `notation sign IMAGE@sha256:\u2026`, in the release job after the push.",
  runsWhen: (config) => config.require.signatures !== void 0,
  check({ model, report }) {
    const required = model.config.require.signatures;
    if (!required || !model.registry) return;
    for (const repository of ownRegistryRepositories(model)) {
      for (const subject of checkedSubjects(model, repository, required.platforms)) {
        if (subject.artifacts.signatures.length > 0) continue;
        report({
          message: `${describeSubject(subject)} has no signature (looked at: ${lookedFor(subject.artifacts, "signatures")})`,
          at: locateRepository(model, repository, subject.tag),
          image: repository,
          expected: "a signature",
          actual: `none for ${subject.digest}`
        });
      }
    }
  }
});

// rules/index.ts
var rules = [
  attestation_missing_default,
  chart_app_version_mismatch_default,
  chart_version_invalid_default,
  cluster_unreachable_default,
  components_out_of_sync_default,
  deployed_digest_drift_default,
  deployed_image_mismatch_default,
  docs_version_stale_default,
  image_missing_default,
  image_tag_inconsistent_default,
  image_tag_mismatch_default,
  kustomize_image_unmatched_default,
  latest_is_prerelease_default,
  latest_missing_default,
  latest_not_newest_stable_default,
  manifest_index_missing_default,
  mutable_image_tag_default,
  platform_missing_default,
  registry_unreachable_default,
  release_tag_invalid_default,
  signature_missing_default
];

export {
  rules
};
