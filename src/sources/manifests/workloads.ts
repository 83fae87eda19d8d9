import { isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';
import type { Position } from '../../model/located.js';
import type { Diagnostic } from '../../model/release.js';
import { positionOf, resolveAlias, scalarText, TEMPLATE_SYNTAX, type ParsedYaml } from './yaml-file.js';

/** One container's `image:` value exactly as written, before kustomize or validation. */
export interface ContainerImage {
  image: string;
  /** position of the `image:` value node */
  at: Position;
  /** the `kind` of the object that holds the container (the item, inside a List) */
  kind: string;
  /** that object's `metadata.name`, and the container's `name`: what kustomize patches match on */
  resourceName?: string;
  container?: string;
  /** that object's `metadata.namespace` and `metadata.labels`: what kustomize patch targets select on */
  namespace?: string;
  labels?: Record<string, string>;
  /** JSON pointer of the container inside its object (`/spec/template/spec/containers/0`): what JSON6902 patches address */
  pointer?: string;
}

/** The Kubernetes object a walk is inside of. */
interface Owner {
  kind: string;
  name?: string;
  namespace?: string;
  labels?: Record<string, string>;
}

const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers']);
/** Kinds whose `containers` keys are schemas or kustomize config, not pod specs. */
const NOT_WORKLOADS = new Set(['Kustomization', 'Component', 'CustomResourceDefinition']);

/**
 * Finds every `containers`/`initContainers`/`ephemeralContainers` list of objects with an `image`, at any depth,
 * so Deployments, CronJobs (`jobTemplate`), Lists and custom resources embedding a pod spec are all covered.
 * Only documents with a `kind` are walked: other YAML (CI configs, values files) is not a Kubernetes object.
 */
export function findContainerImages(parsed: ParsedYaml, diagnostics: Diagnostic[]): ContainerImage[] {
  const found: ContainerImage[] = [];
  for (const doc of parsed.docs) {
    const root = doc.contents;
    // `---` with nothing after it is an empty document, not a scalar.
    if (root === null || root === undefined || (isScalar(root) && root.value === null)) continue;
    if (!isMap(root)) {
      const what = isSeq(root) ? 'a list' : 'a scalar';
      const where = positionOf(parsed, root as Node);
      diagnostics.push({ file: parsed.file, line: where.line, column: where.column, level: 'note', message: `document is ${what}, not a Kubernetes object; skipped` });
      continue;
    }
    const kind = scalarText(root.get('kind', true));
    if (kind === null || NOT_WORKLOADS.has(kind)) continue;
    try {
      walk(doc, root, { kind }, parsed, found, diagnostics, new Set(), '');
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      diagnostics.push({ file: parsed.file, level: 'warning', message: `a ${kind} is nested too deeply to read; skipped` });
    }
  }
  return found;
}

function walk(doc: Document.Parsed, node: unknown, owner: Owner, parsed: ParsedYaml, found: ContainerImage[], diagnostics: Diagnostic[], visited: Set<unknown>, pointer: string): void {
  const target = resolveAlias(doc, node);
  // Each node is visited once, so an alias bomb costs its size on disk, not its expansion.
  if (target === null || typeof target !== 'object' || visited.has(target)) return;
  visited.add(target);
  if (isSeq(target)) {
    target.items.forEach((item, index) => walk(doc, item, owner, parsed, found, diagnostics, visited, `${pointer}/${index}`));
    return;
  }
  if (!isMap(target)) return;
  const kind = scalarText(target.get('kind', true));
  if (kind !== null) {
    const metadata = target.get('metadata', true);
    const name = isMap(metadata) ? scalarText(metadata.get('name', true)) : null;
    const namespace = isMap(metadata) ? scalarText(metadata.get('namespace', true)) : null;
    const labels = isMap(metadata) ? stringMap(doc, metadata.get('labels', true)) : undefined;
    owner = { kind, ...(name !== null ? { name } : {}), ...(namespace !== null ? { namespace } : {}), ...(labels ? { labels } : {}) };
    // pointers are relative to the object, also for the items of a List
    pointer = '';
  }
  for (const pair of target.items) {
    if (!isPair(pair)) continue;
    const key = scalarText(pair.key);
    const here = `${pointer}/${(key ?? '').replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (key !== null && CONTAINER_LISTS.has(key)) {
      readContainerList(doc, pair.value, pair.key as Node, key, owner, parsed, found, diagnostics, visited, here);
    } else {
      walk(doc, pair.value, owner, parsed, found, diagnostics, visited, here);
    }
  }
}

function readContainerList(doc: Document.Parsed, value: unknown, keyNode: Node, key: string, owner: Owner, parsed: ParsedYaml, found: ContainerImage[], diagnostics: Diagnostic[], visited: Set<unknown>, pointer: string): void {
  const kind = owner.kind;
  const list = resolveAlias(doc, value);
  // A map under `containers` is a schema (CRD validation, OpenAPI), not a pod spec.
  if (isMap(list)) return walk(doc, list, owner, parsed, found, diagnostics, visited, pointer);
  if (!isSeq(list)) {
    const where = positionOf(parsed, (isScalar(list) ? list : keyNode) as Node);
    diagnostics.push({ file: parsed.file, line: where.line, column: where.column, level: 'warning', message: `${key} in ${kind} is not a list; skipped` });
    return;
  }
  // Keyed by the items array, not the node: a list the generic walk passed through (an anchor defined
  // elsewhere, as in an alias bomb) is still read once as a container list, so its bad entries are reported.
  if (visited.has(list.items)) return;
  visited.add(list.items);
  for (const [index, item] of list.items.entries()) {
    const entry = resolveAlias(doc, item);
    if (!isMap(entry)) {
      if (entry !== null && entry !== undefined) {
        const where = positionOf(parsed, entry as Node);
        diagnostics.push({ file: parsed.file, line: where.line, column: where.column, level: 'warning', message: `an entry of ${key} in ${kind} is not an object; skipped` });
      }
      continue;
    }
    const imageNode = resolveAlias(doc, entry.get('image', true));
    // Patches name containers without an image; that is not a problem.
    if (imageNode === undefined) continue;
    const where = positionOf(parsed, (imageNode ?? entry) as Node);
    const image = isScalar(imageNode) && typeof imageNode.value === 'string' ? imageNode.value.trim() : null;
    if (image === null || image === '') {
      // `image: {{ .Values.image }}` is valid YAML (a flow map) but a release-time template, not a bad image.
      if (!isScalar(imageNode) && TEMPLATE_SYNTAX.test(parsed.text)) {
        diagnostics.push({ file: parsed.file, line: where.line, column: where.column, level: 'note', message: `image is template syntax filled in at release time; not checked` });
        continue;
      }
      const written = isScalar(imageNode) ? scalarText(imageNode) : null;
      const problem = written === null || written.trim() === '' ? 'is empty' : `is ${JSON.stringify(written)}, not a string`;
      diagnostics.push({ file: parsed.file, line: where.line, column: where.column, level: 'warning', message: `image of a container in ${kind} ${isScalar(imageNode) ? problem : 'is not a string'}` });
      continue;
    }
    const container = scalarText(entry.get('name', true));
    found.push({
      image, at: where, kind,
      ...(owner.name !== undefined ? { resourceName: owner.name } : {}),
      ...(container !== null ? { container } : {}),
      ...(owner.namespace !== undefined ? { namespace: owner.namespace } : {}),
      ...(owner.labels ? { labels: owner.labels } : {}),
      pointer: `${pointer}/${index}`,
    });
  }
}

/** A map of plain strings (labels), or undefined when the node is not a map. */
function stringMap(doc: Document.Parsed, node: unknown): Record<string, string> | undefined {
  const map = resolveAlias(doc, node);
  if (!isMap(map)) return undefined;
  const result: Record<string, string> = {};
  for (const pair of map.items) {
    const key = scalarText(pair.key);
    const value = scalarText(resolveAlias(doc, pair.value));
    if (key !== null) result[key] = value ?? '';
  }
  return result;
}
