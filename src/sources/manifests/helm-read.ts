import { isMap, isPair, isScalar, isSeq, type Document, type Node, type YAMLMap } from 'yaml';
import type { ChartData, FactDiagnostic, PlacedText, ValuesImageData } from './facts.js';
import { PLACEHOLDER, TEMPLATE_SYNTAX } from './manifest-bytes.js';
import { locatedScalar, positionOf, resolveAlias, scalarText, type ParsedYaml } from './yaml-file.js';

// Chart.yaml and values.yaml trees to plain data (facts.ts), the part of the Helm source that needs the parser;
// helm.ts builds charts and image uses from the data, so a cached chart is never parsed again.

/** `name`, `version` and `appVersion` of a Chart.yaml, with what was wrong with them. */
export function readChartData(parsed: ParsedYaml, diagnostics: FactDiagnostic[]): ChartData {
  const chart: ChartData = {};
  const doc = parsed.docs.find((candidate) => isMap(candidate.contents));
  if (!doc) {
    if (parsed.docs.length > 0) diagnostics.push({ level: 'warning', message: `Chart.yaml is not a mapping; chart versions not read` });
    return chart;
  }
  const root = doc.contents as YAMLMap;
  for (const key of ['name', 'version', 'appVersion'] as const) {
    const node = resolveAlias(doc, root.get(key, true));
    const value = placedScalar(parsed, node);
    if (!value) {
      if (node !== undefined && !isScalar(node)) {
        // `version: {{ .Version }}` parses as a flow map: a release-time template, not an invalid version.
        const where = positionOf(parsed, node as Node);
        const templated = TEMPLATE_SYNTAX.test(parsed.text);
        diagnostics.push({ line: where.line, column: where.column, level: templated ? 'note' : 'warning', message: templated ? `${key} is template syntax filled in at release time; not checked` : `${key} is not a string`, namesFile: true });
      }
      continue;
    }
    if (PLACEHOLDER.test(value.value) || ZERO_VERSION.test(value.value.trim())) {
      diagnostics.push({ line: value.line, column: value.column, level: 'note', message: `${key} "${value.value}" is a placeholder filled in at release time; not checked` });
      continue;
    }
    chart[key] = value;
  }
  return chart;
}

/**
 * `version: v0.0.0` is no release but the placeholder a release tool overwrites (cert-manager's Chart.yaml says so:
 * "The version and appVersion fields are set automatically by the release tool"); so is `0.0.0-dev`.
 */
const ZERO_VERSION = /^v?0\.0\.0(?:[-+][0-9A-Za-z.-]*)?$/;

const IMAGE_KEY = /^image$|Image$/;

/** Every image block and image string of a values.yaml. */
export function readValuesData(parsed: ParsedYaml, diagnostics: FactDiagnostic[]): ValuesImageData[] {
  const found: ValuesImageData[] = [];
  for (const doc of parsed.docs) {
    try {
      walkValues(doc, doc.contents, [], parsed, found, new Set(), registriesOf(doc));
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      diagnostics.push({ level: 'warning', message: `values nested too deeply to read; skipped` });
    }
  }
  return found;
}

/**
 * Image blocks at any depth: a map with `repository` (plus optional `registry`, `tag`, `digest`) under an
 * image-like key or carrying a tag/registry/digest, and `image: "repo:tag"` strings.
 */
function walkValues(
  doc: Document.Parsed, node: unknown, valuesPath: string[], parsed: ParsedYaml, found: ValuesImageData[], visited: Set<unknown>, registries: ValuesRegistries,
): void {
  const target = resolveAlias(doc, node);
  if (target === null || typeof target !== 'object' || visited.has(target)) return;
  visited.add(target);
  if (isSeq(target)) {
    for (const item of target.items) walkValues(doc, item, valuesPath, parsed, found, visited, registries);
    return;
  }
  if (!isMap(target)) return;
  // kubernetes-csi's drivers keep the registry beside their image blocks, `image.baseRepo`, and write each
  // repository as a path after it (`/sig-storage/csi-provisioner`): their templates join the two
  const baseRepo = BASE_REPO_KEYS.map((name) => registryText(resolveAlias(doc, target.get(name, true)))).find((value) => value !== undefined);
  if (baseRepo) registries = { ...registries, base: baseRepo };
  for (const pair of target.items) {
    if (!isPair(pair)) continue;
    const key = scalarText(pair.key);
    if (key === null) continue;
    const value = resolveAlias(doc, pair.value);
    const childPath = [...valuesPath, key];
    if (isMap(value) && readImageBlock(doc, value, key, childPath, parsed, found, registries)) continue;
    if (isScalar(value) && typeof value.value === 'string' && IMAGE_KEY.test(key) && /[:/]/.test(value.value)) {
      const text = value.value.trim();
      const { tagged } = splitTag(text);
      // older charts keep the tag beside the string: `image: quay.io/acme/app` + `imageTag: v1.2.3` (or `tag:`)
      const sibling = tagged ? undefined : siblingTag(doc, target, key, parsed);
      const at = positionOf(parsed, value);
      found.push({ valuesPath: childPath.join('.'), base: text, at: { line: at.line, column: at.column }, ...(sibling ? { tag: sibling } : {}), inline: tagged });
      continue;
    }
    walkValues(doc, value, childPath, parsed, found, visited, registries);
  }
}

function readImageBlock(
  doc: Document.Parsed, block: YAMLMap, key: string, valuesPath: string[], parsed: ParsedYaml, found: ValuesImageData[], registries: ValuesRegistries,
): boolean {
  const field = (name: string): PlacedText | undefined => {
    const value = placedScalar(parsed, resolveAlias(doc, block.get(name, true)));
    return value && value.value.trim() !== '' ? { ...value, value: value.value.trim() } : undefined;
  };
  // ingress-nginx writes `registry: registry.k8s.io` + `image: ingress-nginx/controller` (+ `tag`, `digest`):
  // there `image` is the repository path, joined to the registry by the chart's template.
  // Some charts name the repository `name` (`image: {name: ghcr.io/acme/app, tag: v1}`): only in an image-named
  // block, and only an image-like value, since `name` is everywhere else.
  // ingress-nginx 4.12 moved that registry to `global.image.registry`, merged into each image block by its templates
  // (`merge .Values.controller.image .Values.global.image`): there an untagged `image` is the path all the same.
  // cert-manager 1.20+ composes `imageRegistry` + `imageNamespace` (top-level values) + the block's bare `name`
  // (`cert-manager-controller`) when `repository` is empty: its cert-manager.image helper.
  const globalRegistry = registries.global;
  const named = IMAGE_KEY.test(key) ? field('name') : undefined;
  const pathImage = block.has('registry') ? field('image') : globalRegistry ? untaggedPath(field('image')) : undefined;
  const composed = named && registries.namespaced && /^[\w.-]+$/.test(named.value) ? { ...named, value: registries.namespaced(named.value) } : undefined;
  const repository = field('repository') ?? pathImage ?? (named && /[/.]/.test(named.value) && !/\s/.test(named.value) ? named : composed);
  if (!repository) return false;
  // kyverno's charts leave `registry: ~` for the user and keep their own in `defaultRegistry` (reg.kyverno.io),
  // which the image helper uses when `registry` and the global registry are empty.
  const registry = field('registry');
  const defaultRegistry = field('defaultRegistry');
  // `version` is the tag's other name in an image-named block (`image: {repository, version}`)
  const tag = field('tag') ?? (IMAGE_KEY.test(key) && !block.has('tag') ? field('version') : undefined);
  const digest = field('digest');
  // `git: {repository: https://…}` is not an image: require an image-like key or image-like siblings.
  const imageLike = IMAGE_KEY.test(key) || tag !== undefined || registry !== undefined || defaultRegistry !== undefined || digest !== undefined || block.has('tag');
  if (!imageLike || repository.value.includes('://')) return false;
  const joined = (host: string) => `${host.replace(/\/+$/, '')}/${repository.value}`;
  const base =
    registries.base && repository.value.startsWith('/')
      ? `${registries.base}${repository.value}`
      : registry
        ? joined(registry.value)
        : globalRegistry && !namesRegistryHost(repository.value)
          ? joined(globalRegistry)
          : defaultRegistry
            ? joined(defaultRegistry.value)
            : repository.value;
  found.push({ valuesPath: valuesPath.join('.'), base, at: { line: repository.line, column: repository.column }, ...(tag ? { tag } : {}), ...(digest ? { digest } : {}), inline: false });
  return true;
}

/** What a chart's values say about the registry of all its image blocks. */
interface ValuesRegistries {
  /**
   * the registry to use where a block names none: `global.image.registry` (ingress-nginx), `global.imageRegistry`
   * (Bitnami's convention), `global.registry`. An image written as one string keeps what it names.
   */
  global?: string;
  /** a block's bare `name` as the top-level `imageRegistry` and `imageNamespace` compose it (cert-manager) */
  namespaced?: (name: string) => string;
  /** the registry a repository written as `/path` follows: `baseRepo` in a map around the block (kubernetes-csi) */
  base?: string;
}

const BASE_REPO_KEYS = ['baseRepo', 'baseRegistry'];

function registryText(node: unknown): string | undefined {
  const value = isScalar(node) ? node.value : undefined;
  return typeof value === 'string' && REGISTRY_PATH.test(value.trim()) ? value.trim().replace(/\/+$/, '') : undefined;
}

function registriesOf(doc: Document.Parsed): ValuesRegistries {
  const registries: ValuesRegistries = {};
  const text = (path: string[]) => {
    const value = doc.getIn(path);
    // unset, empty or a template: none
    return typeof value === 'string' && REGISTRY_PATH.test(value.trim()) ? value.trim().replace(/\/+$/, '') : undefined;
  };
  registries.global = text(['global', 'image', 'registry']) ?? text(['global', 'imageRegistry']) ?? text(['global', 'registry']);
  const registry = text(['imageRegistry']);
  const namespace = text(['imageNamespace']);
  if (registry || namespace) registries.namespaced = (name) => [registry, namespace, name].filter(Boolean).join('/');
  return registries;
}

/** A registry host with an optional port and path prefix (`registry.k8s.io`, `artifactory.example.com/docker`). */
const REGISTRY_PATH = /^[\w.-]+(?::\d+)?(?:\/[\w.-]+)*\/?$/;

/** Whether the first path component of an image reference is a registry host (`ghcr.io/…`, `localhost:5000/…`). */
function namesRegistryHost(repository: string): boolean {
  const slash = repository.indexOf('/');
  if (slash < 0) return false;
  const first = repository.slice(0, slash);
  return first.includes('.') || first.includes(':') || first === 'localhost';
}

/** A repository path written under `image:` (no tag, no digest), or undefined. */
function untaggedPath(image: PlacedText | undefined): PlacedText | undefined {
  return image && !/[:@\s]/.test(image.value) ? image : undefined;
}

/** The tag kept beside an image string: `<key>Tag` (`imageTag`, `sidecarImageTag`), else `tag` beside `image`. */
function siblingTag(doc: Document.Parsed, map: YAMLMap, key: string, parsed: ParsedYaml): PlacedText | undefined {
  for (const name of [`${key}Tag`, ...(key === 'image' ? ['tag'] : [])]) {
    const value = placedScalar(parsed, resolveAlias(doc, map.get(name, true)));
    if (value && value.value.trim() !== '') return { ...value, value: value.value.trim() };
  }
  return undefined;
}

function splitTag(image: string): { tagged: boolean } {
  const withoutDigest = image.split('@')[0];
  return { tagged: withoutDigest.lastIndexOf(':') > withoutDigest.lastIndexOf('/') || image.includes('@') };
}

function placedScalar(parsed: ParsedYaml, node: unknown): PlacedText | undefined {
  const value = locatedScalar(parsed, node);
  return value ? { value: value.value, line: value.line, column: value.column } : undefined;
}
