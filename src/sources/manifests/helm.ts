import path from 'node:path';
import { isMap, isPair, isScalar, isSeq, type Document, type Node, type YAMLMap } from 'yaml';
import type { Located, Position } from '../../model/located.js';
import type { Diagnostic, HelmChart, ImageUse } from '../../model/release.js';
import { defaultFor, readTemplateDefaults, type TemplateDefaults } from './helm-templates.js';
import { makeImageUse } from './image-use.js';
import { dirOf, joinPath, type Workspace } from './workspace.js';
import { locatedScalar, PLACEHOLDER, positionOf, resolveAlias, scalarText, TEMPLATE_SYNTAX, type ParsedYaml } from './yaml-file.js';

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
  for (const file of [...chartFiles, ...templated].sort()) {
    const dir = dirOf(file);
    const isTemplate = !isChartFile(file);
    const parsed = isTemplate ? null : await workspace.parsedFile(file);
    if (!parsed && !isTemplate) continue;
    const chart = parsed ? readChart(parsed, dir, isVendoredChart(dir, chartDirs), workspace.diagnostics) : { dir, file, vendored: isVendoredChart(dir, chartDirs) };
    if ((await workspace.kindOf(joinPath(dir, 'templates'))) !== 'directory') chart.templates = false;
    charts.push(chart);
    const valuesFile = joinPath(dir, 'values.yaml');
    if ((await workspace.kindOf(valuesFile)) !== 'file') continue;
    const values = await workspace.parsedFile(valuesFile);
    if (values) uses.push(...(await readValues(values, chart, path.join(workspace.root, dir), workspace.diagnostics)));
  }
  return { charts, uses };
}

function readChart(parsed: ParsedYaml, dir: string, vendored: boolean, diagnostics: Diagnostic[]): HelmChart {
  const chart: HelmChart = { dir, file: parsed.file, vendored };
  const doc = parsed.docs.find((candidate) => isMap(candidate.contents));
  if (!doc) {
    if (parsed.docs.length > 0) diagnostics.push({ file: parsed.file, level: 'warning', message: `Chart.yaml is not a mapping; chart versions not read` });
    return chart;
  }
  const root = doc.contents as YAMLMap;
  for (const key of ['name', 'version', 'appVersion'] as const) {
    const node = resolveAlias(doc, root.get(key, true));
    const located = locatedScalar(parsed, node);
    if (!located) {
      if (node !== undefined && !isScalar(node)) {
        // `version: {{ .Version }}` parses as a flow map: a release-time template, not an invalid version.
        const where = positionOf(parsed, node as Node);
        const templated = TEMPLATE_SYNTAX.test(parsed.text);
        diagnostics.push({ file: parsed.file, line: where.line, column: where.column, level: templated ? 'note' : 'warning', message: templated ? `${parsed.file}:${where.line}: ${key} is template syntax filled in at release time; not checked` : `${parsed.file}:${where.line}: ${key} is not a string` });
      }
      continue;
    }
    if (PLACEHOLDER.test(located.value)) {
      diagnostics.push({ file: parsed.file, line: located.line, column: located.column, level: 'note', message: `${key} "${located.value}" is a placeholder filled in at release time; not checked` });
      continue;
    }
    chart[key] = located;
  }
  return chart;
}

const IMAGE_KEY = /^image$|Image$/;

/** An image block or string found in values.yaml, before the tag default is decided. */
interface ValuesImage {
  valuesPath: string;
  base: string;
  at: Position;
  tag?: Located<string>;
  digest?: Located<string>;
  /** the image was one `repo:tag` string, so the string decides the tag */
  inline: boolean;
}

async function readValues(parsed: ParsedYaml, chart: HelmChart, chartAbsoluteDir: string, diagnostics: Diagnostic[]): Promise<ImageUse[]> {
  const found: ValuesImage[] = [];
  for (const doc of parsed.docs) {
    try {
      walkValues(doc, doc.contents, [], parsed, found, new Set());
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      diagnostics.push({ file: parsed.file, level: 'warning', message: `values nested too deeply to read; skipped` });
    }
  }
  let defaults: TemplateDefaults | undefined;
  const uses: ImageUse[] = [];
  for (const image of found) {
    let effective = image.base;
    let tagAt: Position = image.at;
    let tagSource: 'helm-values' | 'helm-app-version' = 'helm-values';
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
      }
    }
    if (image.digest) {
      effective += `@${image.digest.value}`;
      if (tagSource === 'helm-values' && !image.tag) tagAt = image.digest;
    }
    const use = makeImageUse({ image: effective, kind: 'helm-values', at: image.at, tagAt: stripValue(tagAt), tagSource, chart: chart.dir }, diagnostics);
    if (use) uses.push(use);
  }
  return uses;
}

/**
 * Image blocks at any depth: a map with `repository` (plus optional `registry`, `tag`, `digest`) under an
 * image-like key or carrying a tag/registry/digest, and `image: "repo:tag"` strings.
 */
function walkValues(doc: Document.Parsed, node: unknown, valuesPath: string[], parsed: ParsedYaml, found: ValuesImage[], visited: Set<unknown>): void {
  const target = resolveAlias(doc, node);
  if (target === null || typeof target !== 'object' || visited.has(target)) return;
  visited.add(target);
  if (isSeq(target)) {
    for (const item of target.items) walkValues(doc, item, valuesPath, parsed, found, visited);
    return;
  }
  if (!isMap(target)) return;
  for (const pair of target.items) {
    if (!isPair(pair)) continue;
    const key = scalarText(pair.key);
    if (key === null) continue;
    const value = resolveAlias(doc, pair.value);
    const childPath = [...valuesPath, key];
    if (isMap(value) && readImageBlock(doc, value, key, childPath, parsed, found)) continue;
    if (isScalar(value) && typeof value.value === 'string' && IMAGE_KEY.test(key) && /[:/]/.test(value.value)) {
      const text = value.value.trim();
      const { tagged } = splitTag(text);
      // older charts keep the tag beside the string: `image: quay.io/acme/app` + `imageTag: v1.2.3` (or `tag:`)
      const sibling = tagged ? undefined : siblingTag(doc, target, key, parsed);
      found.push({ valuesPath: childPath.join('.'), base: text, at: positionOf(parsed, value), ...(sibling ? { tag: sibling } : {}), inline: tagged });
      continue;
    }
    walkValues(doc, value, childPath, parsed, found, visited);
  }
}

function readImageBlock(doc: Document.Parsed, block: YAMLMap, key: string, valuesPath: string[], parsed: ParsedYaml, found: ValuesImage[]): boolean {
  const field = (name: string): Located<string> | undefined => {
    const located = locatedScalar(parsed, resolveAlias(doc, block.get(name, true)));
    return located && located.value.trim() !== '' ? { ...located, value: located.value.trim() } : undefined;
  };
  // ingress-nginx writes `registry: registry.k8s.io` + `image: ingress-nginx/controller` (+ `tag`, `digest`):
  // there `image` is the repository path, joined to the registry by the chart's template.
  // Some charts name the repository `name` (`image: {name: ghcr.io/acme/app, tag: v1}`): only in an image-named
  // block, and only an image-like value, since `name` is everywhere else.
  const named = IMAGE_KEY.test(key) ? field('name') : undefined;
  const repository = field('repository') ?? (block.has('registry') ? field('image') : undefined) ?? (named && /[/.]/.test(named.value) && !/\s/.test(named.value) ? named : undefined);
  if (!repository) return false;
  // kyverno's charts leave `registry: ~` for the user and keep their own in `defaultRegistry` (reg.kyverno.io),
  // which the image helper uses when `registry` (and the global registry) are empty.
  const registry = field('registry') ?? field('defaultRegistry');
  // `version` is the tag's other name in an image-named block (`image: {repository, version}`)
  const tag = field('tag') ?? (IMAGE_KEY.test(key) && !block.has('tag') ? field('version') : undefined);
  const digest = field('digest');
  // `git: {repository: https://…}` is not an image: require an image-like key or image-like siblings.
  const imageLike = IMAGE_KEY.test(key) || tag !== undefined || registry !== undefined || digest !== undefined || block.has('tag');
  if (!imageLike || repository.value.includes('://')) return false;
  const base = registry ? `${registry.value.replace(/\/+$/, '')}/${repository.value}` : repository.value;
  found.push({ valuesPath: valuesPath.join('.'), base, at: stripValue(repository), ...(tag ? { tag } : {}), ...(digest ? { digest } : {}), inline: false });
  return true;
}

/** The tag kept beside an image string: `<key>Tag` (`imageTag`, `sidecarImageTag`), else `tag` beside `image`. */
function siblingTag(doc: Document.Parsed, map: YAMLMap, key: string, parsed: ParsedYaml): Located<string> | undefined {
  for (const name of [`${key}Tag`, ...(key === 'image' ? ['tag'] : [])]) {
    const located = locatedScalar(parsed, resolveAlias(doc, map.get(name, true)));
    if (located && located.value.trim() !== '') return { ...located, value: located.value.trim() };
  }
  return undefined;
}

function splitTag(image: string): { tagged: boolean } {
  const withoutDigest = image.split('@')[0];
  return { tagged: withoutDigest.lastIndexOf(':') > withoutDigest.lastIndexOf('/') || image.includes('@') };
}

function stripValue(position: Position): Position {
  return { file: position.file, line: position.line, column: position.column };
}
