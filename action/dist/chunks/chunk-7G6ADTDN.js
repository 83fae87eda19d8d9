import { createRequire as __tagcheckCreateRequire } from 'node:module';
const require = __tagcheckCreateRequire(import.meta.url);

// src/model/ownership.ts
function mentionsRepositoryName(path, repositoryName) {
  const name = repositoryName.trim().toLowerCase();
  if (name === "") return false;
  const text = path.toLowerCase();
  if (text.includes(name)) return true;
  const bareName = withoutSeparators(name);
  return bareName.length >= 3 && text.split("/").some((component) => withoutSeparators(component).includes(bareName));
}
function isProjectChart(chart, model) {
  if (chart.vendored) return false;
  const byName = model.config.images.length === 0 && chart.name !== void 0 && mentionsRepositoryName(chart.name.value, model.repositoryName);
  if (byName) return true;
  const uses = model.imageUses.filter((use) => use.chart === chart.dir);
  if (uses.length === 0) return chart.templates !== false;
  return uses.some((use) => use.own);
}
function withoutSeparators(text) {
  return text.replace(/[-_.]/g, "");
}

export {
  mentionsRepositoryName,
  isProjectChart
};
