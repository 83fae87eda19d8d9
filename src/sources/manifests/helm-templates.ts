import { readdirSync } from 'node:fs';
import path from 'node:path';
import { MAX_MANIFEST_BYTES, readLimitedSync } from './manifest-bytes.js';

/** How a chart's templates default an empty image tag: to appVersion, with a `v` prefix or without. */
export interface AppVersionDefault {
  prefix: '' | 'v';
}

/** What the templates say about image tags: per values path (`image`, `controller.image`) and chart-wide via helpers. */
export interface TemplateDefaults {
  byPath: Map<string, AppVersionDefault>;
  /** a default found in a helper or a `with` block, where the values path is not spelled out */
  generic?: AppVersionDefault;
  /** template files read, relative to the chart directory */
  files: string[];
  /**
   * values paths whose empty tag a template defaults to something only rendering knows (kube-prometheus-stack's
   * crds subchart: `.Values.upgradeJob.image.kubectl.tag | default $defaultKubernetesVersion`), subcharts' under
   * their folder's name (`crds.upgradeJob.image.kubectl`)
   */
  rendered?: Set<string>;
}

// `.Values.x.tag | default …`, `default … .Values.x.tag`, `coalesce .Values.x.tag …`
const TAG_WITH_DEFAULT = /\.Values\.([\w.]+)\.tag\s*\|\s*default\b|\bdefault\s+(?:\([^)]*\)|[^\s()]+)\s+\.Values\.([\w.]+)\.tag\b|\bcoalesce\s+\.Values\.([\w.]+)\.tag\b/g;

/** The values paths (with `prefix`) whose tag one of `texts` gives a default, whatever it is. */
export function renderedTagPaths(texts: string[], prefix = ''): Set<string> {
  const paths = new Set<string>();
  for (const text of texts) for (const match of text.matchAll(TAG_WITH_DEFAULT)) paths.add(prefix + (match[1] ?? match[2] ?? match[3]));
  return paths;
}

// `default .Chart.AppVersion`, `default $.Chart.AppVersion`, `default (printf "v%s" .Chart.AppVersion)`, either
// argument order; `print "v"` and `%v` spell the same; `coalesce .Values.image.tag .Chart.AppVersion` too.
const DEFAULT_APP_VERSION = /\bdefault\s+(?:\(\s*(?:printf\s+"v?%[sv]"|print\s+"v?")\s+)?[$\w.]*\.Chart\.AppVersion\b|\bcoalesce\b[^}]*?[$\w.]*\.Chart\.AppVersion\b/;
// The rendered tag starts with `v`: `printf "v%s"`, `print "v"`, or a literal `v` before the action (`:v{{ … }}`).
const V_PREFIXED = /(?:printf\s+"v%[sv]"|print\s+"v")\s+[$\w.]*\.Chart\.AppVersion|v\{\{-?[^}]*\.Chart\.AppVersion/;
// Greedy, so `.Values.webhook.image.registry` yields the block path `webhook.image`.
const VALUES_TAG_PATH = /\.Values\.([\w.]+)\.tag\b/g;
const VALUES_PATH = /\.Values\.([\w.]+)\.(?:repository|registry|tag|digest)\b/g;
const VALUES_BLOCK = /\.Values\.([\w.]+)/g;
const APP_VERSION_ARGUMENT = /[$\w.]*\.Chart\.AppVersion\b/;
const DEFINE = /\{\{-?\s*define\s+"([^"]+)"\s*-?\}\}([\s\S]*?)\{\{-?\s*end\s*-?\}\}/g;

/**
 * Reads `templates/` as text (never as YAML: it is Go templating, and must never raise an error) and finds
 * where an empty `image.tag` falls back to `.Chart.AppVersion`.
 */
export async function readTemplateDefaults(chartAbsoluteDir: string): Promise<TemplateDefaults> {
  const { names, texts } = readTemplates(path.join(chartAbsoluteDir, 'templates'));
  const rendered = renderedTagPaths(texts);
  // A subchart unpacked under charts/ renders the parent's `<folder>.…` values with its own templates.
  for (const subchart of subfolders(path.join(chartAbsoluteDir, 'charts'))) {
    for (const found of renderedTagPaths(readTemplates(path.join(chartAbsoluteDir, 'charts', subchart, 'templates')).texts, `${subchart}.`)) rendered.add(found);
  }
  return { ...analyzeTemplates(texts), files: names.map((name) => `templates/${name.split(path.sep).join('/')}`), rendered };
}

/** The template files below `templatesDir` (`*.yaml`, `*.yml`, `*.tpl`) and their texts; none when it is absent. */
function readTemplates(templatesDir: string): { names: string[]; texts: string[] } {
  let names: string[] = [];
  try {
    // synchronous, as the manifests' reads: a promise round trip per template was ~10 ms of a warm monorepo run
    names = readdirSync(templatesDir, { recursive: true }).map(String).filter((name) => /\.(ya?ml|tpl)$/i.test(name)).sort();
  } catch {
    // no templates/ folder: nothing defaults
  }
  const texts: string[] = [];
  for (const name of names) {
    try {
      // non-blocking and regular files only (a FIFO named *.yaml must not hang the run)
      const { bytes } = readLimitedSync(path.join(templatesDir, name), MAX_MANIFEST_BYTES);
      if (bytes) texts.push(bytes.toString('utf8'));
    } catch {
      // an unreadable template only means no default is found in it
    }
  }
  return { names, texts };
}

function subfolders(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  } catch {
    return [];
  }
}

export function analyzeTemplates(texts: string[]): Omit<TemplateDefaults, 'files'> {
  const byPath = new Map<string, AppVersionDefault>();
  let generic: AppVersionDefault | undefined;
  const helperDefaults = new Map<string, AppVersionDefault>();
  // Helpers that default a tag to one of their arguments: cert-manager's `image` define does
  // `default $defaultTag .tag` and is called as `template "image" (tuple .Values.image $.Chart.AppVersion)`.
  const argumentDefaultHelpers = new Set<string>();
  for (const text of texts) {
    for (const match of text.matchAll(DEFINE)) {
      const body = match[2];
      if (/\bdefault\b/.test(body)) argumentDefaultHelpers.add(match[1]);
      if (!/\.Chart\.AppVersion\b/.test(body)) continue;
      helperDefaults.set(match[1], { prefix: V_PREFIXED.test(body) ? 'v' : '' });
    }
  }
  for (const text of texts) {
    for (const line of text.split('\n')) {
      const found = DEFAULT_APP_VERSION.exec(line);
      let mode: AppVersionDefault | undefined = found ? { prefix: V_PREFIXED.test(line) ? 'v' : '' } : undefined;
      let paths = [...line.matchAll(VALUES_TAG_PATH)].map((m) => m[1]);
      // kyverno passes the image block whole and its default beside it: `"image" .Values.x.initContainer.image
      // "defaultTag" (default .Chart.AppVersion .Values.x.container.image.tag)`; the block gets the default too.
      if (mode) paths.push(...imageBlocks(line));
      if (!mode) {
        // `{{ include "chart.tag" . }}` where the helper returns .Chart.AppVersion
        for (const [name, helperMode] of helperDefaults) {
          if (line.includes(`"${name}"`) && /\b(include|template)\b/.test(line) && !/\bdefine\b/.test(line)) mode = helperMode;
        }
        if (mode) paths = [...line.matchAll(VALUES_PATH)].map((m) => m[1]);
      }
      if (!mode && APP_VERSION_ARGUMENT.test(line) && callsHelper(line, argumentDefaultHelpers)) {
        mode = { prefix: V_PREFIXED.test(line) ? 'v' : '' };
        // the image block is passed whole (`.Values.webhook.image`), not as `.repository`/`.tag`
        paths = [...line.matchAll(VALUES_PATH)].map((m) => m[1]);
        // beside `.Values.global.image.registry`, which names another block (kyverno's controllers)
        paths.push(...imageBlocks(line));
        if (paths.length === 0) paths = [...line.matchAll(VALUES_BLOCK)].map((m) => m[1]);
      }
      if (!mode) continue;
      if (paths.length === 0) generic ??= mode;
      for (const valuesPath of paths) if (!byPath.has(valuesPath)) byPath.set(valuesPath, mode);
    }
  }
  return { byPath, ...(generic ? { generic } : {}) };
}

/** Values blocks passed whole whose name says they are an image (`.Values.reportsController.image`). */
function imageBlocks(line: string): string[] {
  return [...line.matchAll(VALUES_BLOCK)].map((m) => m[1]).filter((block) => /(^|\.)image$/.test(block));
}

/** `{{ include "name" … }}` or `{{ template "name" … }}` of one of the helpers, on a line that is not a define. */
function callsHelper(line: string, helpers: Set<string>): boolean {
  if (/\bdefine\b/.test(line) || !/\b(include|template)\b/.test(line)) return false;
  for (const name of helpers) if (line.includes(`"${name}"`)) return true;
  return false;
}

/** The default for the image block at `valuesPath`: spelled out for that path first, else a chart-wide helper. */
export function defaultFor(defaults: TemplateDefaults, valuesPath: string): AppVersionDefault | undefined {
  return defaults.byPath.get(valuesPath) ?? defaults.generic;
}
