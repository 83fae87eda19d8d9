import { createRequire as __tagcheckCreateRequire } from 'node:module';
const require = __tagcheckCreateRequire(import.meta.url);
import {
  isProjectChart,
  mentionsRepositoryName
} from "./chunk-7G6ADTDN.js";
import {
  compareVersions,
  parseVersion
} from "./chunk-FI5HTOGP.js";
import {
  isRepositoryGlob,
  normalizeRepository,
  repositoryPattern
} from "./chunk-FQ47HCOD.js";

// src/engine/ownership.ts
function ownershipMatcher(config, repositoryName) {
  const components = unique(config.components.map((c) => normalizeRepository(c.value.trim())));
  const declared = unique([
    ...config.images.filter((i) => !isRepositoryGlob(i.value)).map((i) => normalizeRepository(i.value.trim())),
    ...components
  ]);
  const patterns = config.images.filter((i) => isRepositoryGlob(i.value)).map((i) => repositoryPattern(i.value));
  const exact = new Set(declared);
  const isOwn = (repository) => {
    if (exact.has(repository) || patterns.some((p) => p.test(repository))) return true;
    if (config.images.length > 0) return false;
    return mentionsRepositoryName(repository.slice(repository.indexOf("/") + 1), repositoryName);
  };
  return { isOwn, declared, components };
}
function markOwnImages(uses, matcher) {
  const imageUses = uses.map((use) => ({ ...use, own: matcher.isOwn(use.ref.repository) }));
  const found = imageUses.filter((u) => u.own).map((u) => u.ref.repository);
  return { imageUses, ownRepositories: unique([...matcher.declared, ...found]) };
}
function decideOwnership(uses, config, repositoryName, release, chartRelease, charts) {
  const matcher = ownershipMatcher(config, repositoryName);
  const marked = markOwnImages(uses, matcher);
  const namesakes = setApartNamesakes(marked.imageUses, config, repositoryName);
  const releasedChart = chartRelease ? charts.find((c) => !c.vendored && c.name?.value === chartRelease.chart) : void 0;
  const appVersion = releasedChart?.appVersion ? parseVersion(releasedChart.appVersion.value) : null;
  const line = release ?? (appVersion && chartRelease ? { tag: appVersion.tag, version: appVersion, source: chartRelease.source } : null);
  const separate = setApartSeparatelyVersioned(namesakes.imageUses, line, config, repositoryName);
  const apart = /* @__PURE__ */ new Set([...namesakes.apart, ...separate.apart]);
  return {
    imageUses: separate.imageUses,
    ownRepositories: marked.ownRepositories.filter((repository) => !apart.has(repository)),
    apart,
    matcher: { ...matcher, isOwn: (repository) => !apart.has(repository) && matcher.isOwn(repository) },
    diagnostics: [...namesakes.diagnostics, ...separate.diagnostics]
  };
}
function unique(values) {
  return [...new Set(values)].sort();
}
function ownershipDiagnostics(model) {
  if (model.imageUses.length === 0 || model.imageUses.some((use) => use.own)) return [];
  const images = model.config.images;
  if (images.length > 0) {
    const first = images[0];
    const listed = images.map((image) => image.value).join(", ");
    return [
      {
        file: first.file,
        line: first.line,
        column: first.column,
        level: "warning",
        message: `no image in the manifests matches images: in ${first.file} (${listed}); fix the list, or run tagcheck init --force to rediscover them`
      }
    ];
  }
  if (!model.release || model.charts.some((chart) => isProjectChart(chart, model))) return [];
  const source = model.repositoryNameSource ?? "folder name";
  return [
    {
      level: "warning",
      message: `no image in the manifests belongs to this project (repository name "${model.repositoryName}" from ${source}); list them under images: in .tagcheck.yaml or run tagcheck init`
    }
  ];
}
function setApartSeparatelyVersioned(uses, release, config, repositoryName) {
  const none = { imageUses: uses, apart: [], diagnostics: [] };
  if (config.images.length > 0) return none;
  const own = uses.filter((use) => use.own);
  const named = (repository) => mentionsRepositoryName(repository.slice(repository.lastIndexOf("/") + 1), repositoryName);
  const reference = release ? release.version : newest(own.filter((use) => named(use.ref.repository)));
  if (!reference) return none;
  const mutableTags = new Set(config.mutableTags);
  const onLine = (use) => {
    const version = use.ref.tag === void 0 ? null : parseVersion(use.ref.tag);
    return version !== null && version.semver.major === reference.semver.major && version.semver.minor === reference.semver.minor;
  };
  const plainlyAnotherLine = (use) => {
    if (use.ref.tag === void 0) return false;
    const version = parseVersion(use.ref.tag);
    if (!version) return !mutableTags.has(use.ref.tag) && !DEVELOPMENT_TAG.test(use.ref.tag);
    if (version.semver.major !== reference.semver.major || compareVersions(version, reference) > 0) return true;
    return reference.semver.minor - version.semver.minor >= 2;
  };
  const byRepository = /* @__PURE__ */ new Map();
  for (const use of own) byRepository.set(use.ref.repository, [...byRepository.get(use.ref.repository) ?? [], use]);
  const onTheLine = [...byRepository].filter(([, list]) => list.some(onLine)).map(([repository]) => repository);
  if (onTheLine.length === 0) return none;
  const apart = [...byRepository].filter(([repository, list]) => !named(repository) && list.every(plainlyAnotherLine)).map(([repository]) => repository).sort();
  if (apart.length === 0) return none;
  const sibling = onTheLine.find(named) ?? onTheLine[0];
  const diagnostics = apart.map((repository) => {
    const first = byRepository.get(repository).find((use) => use.ref.tag !== void 0);
    const where = first.tagAt ?? first.at;
    const tags = [...new Set(byRepository.get(repository).flatMap((use) => use.ref.tag === void 0 ? [] : [use.ref.tag]))].sort();
    return {
      file: where.file,
      line: where.line,
      column: where.column,
      level: "note",
      notChecked: byRepository.get(repository).length,
      message: `${repository} is versioned apart from ${reference.tag} (tagged ${tags.join(", ")}; ${sibling} follows ${reference.tag}): not checked as one of the release's own images; list the own images under images: in .tagcheck.yaml to decide`
    };
  });
  const apartSet = new Set(apart);
  return { imageUses: uses.map((use) => apartSet.has(use.ref.repository) ? { ...use, own: false } : use), apart, diagnostics };
}
var DEVELOPMENT_TAG = /^(sha|git|commit|pr|dev|devel|develop|main|master|nightly|edge|canary|snapshot|release|head)([-_.]|$)/i;
function newest(uses) {
  let best = null;
  for (const use of uses) {
    const version = use.ref.tag === void 0 ? null : parseVersion(use.ref.tag);
    if (version && !version.prerelease && (!best || compareVersions(version, best) > 0)) best = version;
  }
  return best;
}
function setApartNamesakes(uses, config, repositoryName) {
  const none = { imageUses: uses, apart: [], diagnostics: [] };
  if (config.images.length > 0) return none;
  const name = bare(repositoryName);
  const split = (repository) => ({ namespace: repository.slice(0, repository.lastIndexOf("/")), image: repository.slice(repository.lastIndexOf("/") + 1) });
  const repositories = [...new Set(uses.filter((use) => use.own).map((use) => use.ref.repository))];
  const evident = repositories.filter((repository) => {
    const { namespace, image } = split(repository);
    return bare(image) === name || mentionsRepositoryName(namespace.slice(namespace.indexOf("/") + 1), repositoryName);
  });
  if (evident.length === 0) return none;
  const pathOf = (namespace) => namespace.slice(namespace.indexOf("/") + 1);
  const homes = new Set(evident.map((repository) => split(repository).namespace));
  const homePaths = new Set([...homes].map(pathOf));
  const apart = repositories.filter((repository) => !evident.includes(repository) && !homePaths.has(pathOf(split(repository).namespace))).sort();
  if (apart.length === 0) return none;
  const apartSet = new Set(apart);
  const diagnostics = apart.map((repository) => {
    const first = uses.find((use) => use.ref.repository === repository);
    return {
      file: first.at.file,
      line: first.at.line,
      column: first.at.column,
      level: "note",
      notChecked: uses.filter((use) => use.ref.repository === repository).length,
      message: `${repository} only has "${repositoryName}" inside its image name and lives apart from the project's images (${[...homes].sort().map((h) => `${h}/\u2026`).join(", ")}): treated as third-party; list the own images under images: in .tagcheck.yaml to decide`
    };
  });
  return { imageUses: uses.map((use) => apartSet.has(use.ref.repository) ? { ...use, own: false } : use), apart, diagnostics };
}
function bare(text) {
  return text.toLowerCase().replace(/[-_.]/g, "");
}

export {
  ownershipMatcher,
  decideOwnership,
  ownershipDiagnostics,
  setApartSeparatelyVersioned,
  setApartNamesakes
};
