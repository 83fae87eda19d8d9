import { createRequire as __tagcheckCreateRequire } from 'node:module';
const require = __tagcheckCreateRequire(import.meta.url);
import {
  isProjectChart,
  mentionsRepositoryName
} from "./chunk-B5QR4CQI.js";
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

export {
  ownershipMatcher,
  markOwnImages,
  ownershipDiagnostics
};
