import type { HelmChart, ImageUse, ReleaseModel } from './release.js';

/**
 * The contract's zero-config ownership test: an image path (registry host dropped) or a chart name mentions
 * the repository's name. A substring covers `descheduler/descheduler` and `descheduler-operator`; within one
 * path component separators are spelling, not identity (the `argo-cd` repository publishes `argoproj/argocd`),
 * but pieces of two components never join into a match (`argo/cd` is not `argo-cd`).
 */
export function mentionsRepositoryName(path: string, repositoryName: string): boolean {
  const name = repositoryName.trim().toLowerCase();
  if (name === '') return false;
  const text = path.toLowerCase();
  if (text.includes(name)) return true;
  const bareName = withoutSeparators(name);
  return bareName.length >= 3 && text.split('/').some((component) => withoutSeparators(component).includes(bareName));
}

/**
 * Whether a chart's versions are the project's: a chart in the repository is, unless it is a vendored
 * dependency or it packages someone else's app. A chart named after the repository (`charts/descheduler` in
 * `descheduler`) is the project's whatever images it deploys; otherwise one that deploys images is the
 * project's when one of them is own, so `deploy/redis` (only `redis`) is not, and one that deploys none is
 * when it has templates of its own.
 */
export function isProjectChart(chart: HelmChart, model: ReleaseModel): boolean {
  if (chart.vendored) return false;
  // with `images:` configured the name fallback is off, for charts as for images
  const byName = model.config.images.length === 0 && chart.name !== undefined && mentionsRepositoryName(chart.name.value, model.repositoryName);
  if (byName) return true;
  const uses = usesByChart(model.imageUses).get(chart.dir) ?? [];
  // A chart that deploys no image is the project's when it renders something of its own; one with no
  // templates/ only wraps others' charts (argo-cd's examples wrap prometheus-operator's at appVersion "1.0").
  if (uses.length === 0) return chart.templates !== false;
  return uses.some((use) => use.own);
}

/**
 * The uses of each chart, grouped once per list of uses: rules ask for every chart, and a monorepo has 20,000
 * uses (filtering them per chart and per rule was ~15 ms of a warm run).
 */
const chartUses = new WeakMap<readonly ImageUse[], Map<string, ImageUse[]>>();
function usesByChart(uses: readonly ImageUse[]): Map<string, ImageUse[]> {
  let byChart = chartUses.get(uses);
  if (!byChart) {
    byChart = new Map();
    for (const use of uses) {
      if (use.chart === undefined) continue;
      const list = byChart.get(use.chart);
      if (list) list.push(use);
      else byChart.set(use.chart, [use]);
    }
    chartUses.set(uses, byChart);
  }
  return byChart;
}

function withoutSeparators(text: string): string {
  return text.replace(/[-_.]/g, '');
}
