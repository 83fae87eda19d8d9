import path from 'node:path';
import type { Position } from '../../model/located.js';
import type { Diagnostic, HelmChart, ImageUse } from '../../model/release.js';
import { packagedChartVersions, type PackagedVersions } from './helm-package.js';
import { defaultFor, readTemplateDefaults, type TemplateDefaults } from './helm-templates.js';
import { makeImageUse } from './image-use.js';
import { located, position, withFile, type ChartData, type ReadFacts, type ValuesImageData } from './facts.js';
import { dirOf, joinPath, type Workspace } from './workspace.js';

export function isChartFile(file: string): boolean {
  return /(^|\/)Chart\.yaml$/.test(file);
}

/**
 * `Chart.yaml.tmpl` (inspektor-gadget), `Chart.template.yaml` (cert-manager) and friends are filled in at release
 * time: reported as skipped, never as invalid.
 */
export function isChartTemplateFile(file: string): boolean {
  return /(^|\/)Chart\.(ya?ml\.(tmpl|tpl|template|in)|(tmpl|tpl|template)\.ya?ml)$/.test(file);
}

/** Whether a file lies in one of the charts' `templates/` folders (Go templates, not YAML). */
export function inChartTemplates(file: string, chartDirs: Set<string>): boolean {
  const parts = file.split('/');
  for (let i = parts.length - 2; i >= 0; i--) {
    if (parts[i] !== 'templates') continue;
    if (chartDirs.has(i === 0 ? '.' : parts.slice(0, i).join('/'))) return true;
  }
  return false;
}

/** A chart under another chart's `charts/` folder is a vendored dependency. */
export function isVendoredChart(dir: string, chartDirs: Set<string>): boolean {
  const parts = dir.split('/');
  for (let i = parts.length - 2; i >= 0; i--) {
    if (parts[i] === 'charts' && chartDirs.has(i === 0 ? '.' : parts.slice(0, i).join('/'))) return true;
  }
  return false;
}

/**
 * Reads each chart's Chart.yaml and the image blocks of its values.yaml. A chart whose Chart.yaml is generated at
 * release time (`Chart.template.yaml`, `Chart.yaml.tmpl`: cert-manager, inspektor-gadget) has no versions to
 * read, but its values still name the project's images, so ownership and the registry rules know them.
 */
export async function loadCharts(workspace: Workspace, chartFiles: string[], templateChartFiles: string[] = []): Promise<{ charts: HelmChart[]; uses: ImageUse[] }> {
  const chartDirs = new Set(chartFiles.map(dirOf));
  const templated = templateChartFiles.filter((file) => !chartDirs.has(dirOf(file)));
  for (const file of templated) chartDirs.add(dirOf(file));
  const charts: HelmChart[] = [];
  const uses: ImageUse[] = [];
  const packaged = packagedChartVersions(workspace.root, chartFiles.map(dirOf));
  for (const file of [...chartFiles, ...templated].sort()) {
    const dir = dirOf(file);
    const isTemplate = !isChartFile(file);
    const facts = isTemplate ? null : await workspace.chartOf(file);
    if (!facts?.read && !isTemplate) continue;
    const chart = facts ? readChart(facts, file, dir, isVendoredChart(dir, chartDirs), workspace.diagnostics, packaged.get(dir)) : { dir, file, vendored: isVendoredChart(dir, chartDirs) };
    if ((await workspace.kindOf(joinPath(dir, 'templates'))) !== 'directory') chart.templates = false;
    charts.push(chart);
    const valuesFile = joinPath(dir, 'values.yaml');
    if ((await workspace.kindOf(valuesFile)) !== 'file') continue;
    const values = await workspace.valuesOf(valuesFile);
    if (values?.read) uses.push(...(await readValues(values, valuesFile, chart, path.join(workspace.root, dir), workspace.diagnostics)));
  }
  return { charts, uses };
}

/**
 * The chart's Chart.yaml data (helm-read.ts) as a HelmChart, its problems reported now. A version the release job
 * sets when it packages the chart (`packaged`) is not the chart's: a note, and not kept.
 */
function readChart(facts: ReadFacts<ChartData>, file: string, dir: string, vendored: boolean, diagnostics: Diagnostic[], packaged?: PackagedVersions): HelmChart {
  const chart: HelmChart = { dir, file, vendored };
  if (!facts.read) return chart;
  diagnostics.push(...withFile(facts.read.diagnostics, file));
  for (const key of ['name', 'version', 'appVersion'] as const) {
    const value = facts.read.data[key];
    if (!value) continue;
    if (packaged && key !== 'name' && packaged[key]) {
      const flag = key === 'version' ? '--version' : '--app-version';
      diagnostics.push({ file, line: value.line, column: value.column, level: 'note', message: `${key} "${value.value}" is set when the chart is packaged (helm package ${flag}, ${packaged.where}); not checked` });
      continue;
    }
    chart[key] = located(value, file);
  }
  return chart;
}

/** The image uses of a values.yaml's image blocks (helm-read.ts), each tag decided: written, or the templates' default. */
async function readValues(facts: ReadFacts<ValuesImageData[]>, file: string, chart: HelmChart, chartAbsoluteDir: string, diagnostics: Diagnostic[]): Promise<ImageUse[]> {
  if (!facts.read) return [];
  diagnostics.push(...withFile(facts.read.diagnostics, file));
  const found = facts.read.data.map(({ at, tag, digest, ...image }) => ({
    ...image,
    at: position(at, file),
    ...(tag ? { tag: located(tag, file) } : {}),
    ...(digest ? { digest: located(digest, file) } : {}),
  }));
  let defaults: TemplateDefaults | undefined;
  const uses: ImageUse[] = [];
  for (const image of found) {
    let effective = image.base;
    let tagAt: Position = image.at;
    let tagSource: 'helm-values' | 'helm-app-version' = 'helm-values';
    let renderedTag = false;
    if (image.tag) {
      effective += `:${image.tag.value}`;
      tagAt = image.tag;
    } else if (!image.inline) {
      // Templates are read only when some tag is empty, and once per chart.
      defaults ??= await readTemplateDefaults(chartAbsoluteDir);
      const fallback = defaultFor(defaults, image.valuesPath);
      if (fallback && chart.appVersion) {
        effective += `:${fallback.prefix}${chart.appVersion.value}`;
        tagAt = chart.appVersion;
        tagSource = 'helm-app-version';
      } else if (!fallback && defaults.rendered?.has(image.valuesPath)) {
        renderedTag = true;
      }
    }
    if (image.digest) {
      effective += `@${image.digest.value}`;
      if (tagSource === 'helm-values' && !image.tag) tagAt = image.digest;
    }
    const use = makeImageUse({ image: effective, kind: 'helm-values', at: image.at, tagAt: stripValue(tagAt), tagSource, chart: chart.dir }, diagnostics);
    if (use) uses.push(renderedTag ? { ...use, renderedTag } : use);
  }
  return uses;
}

function stripValue(position: Position): Position {
  return { file: position.file, line: position.line, column: position.column };
}
