import { isMap, isScalar, isSeq, type Document, type Node, type Scalar, type YAMLMap } from 'yaml';
import type { Located, Position } from '../../model/located.js';
import type { Diagnostic } from '../../model/release.js';
import { findContainerImages, type ContainerImage } from './workloads.js';
import { locatedScalar, parseYamlText, positionOf, resolveAlias, scalarText, type ParsedYaml } from './yaml-file.js';

/** A container image as one kustomize build sees it, with the nodes that decided its name and tag. */
export interface ImageState {
  image: string;
  at: Position;
  tagAt: Position;
  tagSource: 'inline' | 'kustomize';
  /** the kustomization whose `images:` entry or patch last changed the reference */
  decidedBy?: string;
  /** an `images:` entry changed the reference (a patch writing a whole `image:` does not count) */
  overridden: boolean;
  kind: string;
  resourceName?: string;
  container?: string;
  /** the object's namespace as written, and as a kustomization's `namespace:` set it (targets match either) */
  namespace?: string;
  namespaceNow?: string;
  /** the name after kustomizations' `namePrefix`/`nameSuffix` (targets match it or the original) */
  nameNow?: string;
  labels?: Record<string, string>;
  /** JSON pointer of the container in its object, e.g. `/spec/template/spec/containers/0` */
  pointer?: string;
}

/** kustomize's patch target selector; group and version are not compared (objects here carry no apiVersion). */
export interface PatchTarget {
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

/** One entry of `patchesStrategicMerge`, `patches` or `patchesJson6902`: a file, or a patch written inline. */
export interface PatchEntry {
  field: 'patchesStrategicMerge' | 'patches' | 'patchesJson6902';
  path?: Located<string>;
  /** an inline patch: its scalar, and the position of the `patch:` key (or the list item) it belongs to */
  inline?: { node: Scalar; keyAt: Position };
  target?: PatchTarget;
}

/** A patch's text as a parsed document, with positions mapped back to the file the user edits. */
export interface PatchDocument {
  parsed: ParsedYaml;
  place: (at: Position) => Position;
  /** false when positions inside the patch cannot be exact (all are then the `patch:` key's) */
  exact: boolean;
}

const CONTAINER_LIST_NAMES = new Set(['containers', 'initContainers', 'ephemeralContainers']);
const CONTAINER_LISTS = '(?:containers|initContainers|ephemeralContainers)';
const CONTAINER_PATH = new RegExp(`^(.*/${CONTAINER_LISTS})(?:/(\\d+|-)(?:/(image))?)?$`);

/** One entry of a patch field: a file name or inline string (`patchesStrategicMerge`), or `{path|patch, target}`. */
export function readPatchEntry(doc: Document.Parsed, parsed: ParsedYaml, field: PatchEntry['field'], item: unknown): PatchEntry[] {
  if (field === 'patchesStrategicMerge' && isScalar(item)) {
    // an entry is a file name, or a whole patch written inline (it then has a line break)
    const located = locatedScalar(parsed, item);
    if (!located) return [];
    const at = { file: located.file, line: located.line, column: located.column };
    return [/\n/.test(located.value) ? { field, inline: { node: item, keyAt: at } } : { field, path: located }];
  }
  if (!isMap(item)) return [];
  const target = readTarget(doc, item.get('target', true));
  const patchPath = locatedScalar(parsed, item.get('path', true));
  const inline = resolveAlias(doc, item.get('patch', true));
  const common = { field, ...(target ? { target } : {}) };
  if (patchPath) return [{ ...common, path: patchPath }];
  if (!isScalar(inline) || typeof inline.value !== 'string') return [];
  const key = item.items.find((pair) => scalarText(pair.key) === 'patch')?.key as Node | undefined;
  return [{ ...common, inline: { node: inline, keyAt: positionOf(parsed, key ?? inline) } }];
}

function readTarget(doc: Document.Parsed, node: unknown): PatchTarget | undefined {
  const target = resolveAlias(doc, node);
  if (!isMap(target)) return undefined;
  const result: PatchTarget = {};
  for (const key of ['kind', 'name', 'namespace', 'labelSelector', 'annotationSelector'] as const) {
    const value = scalarText(resolveAlias(doc, target.get(key, true)));
    if (value !== null && value !== '') result[key] = value;
  }
  return result;
}

/**
 * An inline patch string parsed as YAML. In a literal block scalar (`|`, `|-`, `|+`) every content line is the
 * source line minus one indentation, so a position inside the patch is exact in the kustomization; that is
 * checked line by line. Folded and quoted strings (and CRLF files) fold or unescape text, so their images are
 * placed at the `patch:` key and a note says so.
 */
export function inlinePatchDocument(outer: ParsedYaml, node: Scalar, keyAt: Position, diagnostics: Diagnostic[]): PatchDocument | null {
  const text = typeof node.value === 'string' ? node.value : '';
  const scratch: Diagnostic[] = [];
  const parsed = parseYamlText(text, outer.file, scratch);
  if (scratch.some((d) => d.level !== 'note') || parsed.docs.length === 0) {
    diagnostics.push({ ...keyFields(keyAt), level: 'warning', message: `an inline patch is not valid YAML; not applied` });
    return null;
  }
  const mapping = node.type === 'BLOCK_LITERAL' ? literalMapping(outer, node, text) : undefined;
  if (mapping) {
    return { parsed, exact: true, place: (at) => ({ file: outer.file, line: mapping.firstLine + at.line - 1, column: mapping.indent + at.column }) };
  }
  return { parsed, exact: false, place: () => ({ ...keyAt }) };
}

/** The first content line and indentation of a literal block scalar, when every line maps exactly. */
function literalMapping(outer: ParsedYaml, node: Scalar, value: string): { firstLine: number; indent: number } | undefined {
  const start = node.range?.[0];
  if (start === undefined) return undefined;
  const headerEnd = outer.text.indexOf('\n', start);
  if (headerEnd < 0) return undefined;
  const firstLine = outer.lineCounter.linePos(headerEnd + 1).line;
  const sourceLines = outer.text.slice(headerEnd + 1).split('\n');
  let indent: number | undefined;
  const lines = value.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === '') continue;
    const source = sourceLines[i];
    if (source === undefined || !source.endsWith(line)) return undefined;
    const lead = source.length - line.length;
    if (source.slice(0, lead).trim() !== '' || (indent !== undefined && indent !== lead)) return undefined;
    indent = lead;
  }
  return indent === undefined ? undefined : { firstLine, indent };
}

/** The patch is a JSON6902 list of operations (kustomize decides by content, not by field). */
export function isJsonPatch(document: PatchDocument): boolean {
  return document.parsed.docs.length === 1 && isSeq(document.parsed.docs[0].contents);
}

function objectKey(state: ImageState): string {
  return `${state.kind}|${state.namespace ?? ''}|${state.resourceName ?? ''}`;
}

/** kustomize's `Select`: kind exactly, name and namespace as anchored regular expressions, labels by selector. */
export function targetMatches(target: PatchTarget, state: ImageState): boolean {
  if (target.kind !== undefined && target.kind !== state.kind) return false;
  if (target.name !== undefined) {
    const pattern = anchored(target.name);
    if (!pattern.test(state.resourceName ?? '') && !pattern.test(state.nameNow ?? '')) return false;
  }
  if (target.namespace !== undefined) {
    const pattern = anchored(target.namespace);
    const candidates = [state.namespace ?? 'default', state.namespaceNow ?? state.namespace ?? 'default'];
    if (!candidates.some((namespace) => pattern.test(namespace))) return false;
  }
  if (target.labelSelector !== undefined && !labelsMatch(target.labelSelector, state.labels ?? {})) return false;
  return true;
}

function anchored(pattern: string): RegExp {
  try {
    return new RegExp(`^(?:${pattern})$`);
  } catch {
    return new RegExp(`^${pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  }
}

/** Kubernetes label selectors: `a=b`, `a==b`, `a!=b`, `a`, `!a`, `a in (x,y)`, `a notin (x,y)`. */
export function labelsMatch(selector: string, labels: Record<string, string>): boolean {
  const requirements = selector.match(/[^,(]+(?:\([^)]*\))?/g) ?? [];
  return requirements.every((raw) => {
    const requirement = raw.trim();
    if (requirement === '') return true;
    const set = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(requirement);
    if (set) {
      const values = set[3].split(',').map((v) => v.trim());
      const has = set[1] in labels && values.includes(labels[set[1]]);
      return set[2] === 'in' ? has : !has;
    }
    const compare = /^([^!=\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(requirement);
    if (compare) return compare[2] === '!=' ? labels[compare[1]] !== compare[3] : labels[compare[1]] === compare[3];
    if (requirement.startsWith('!')) return !(requirement.slice(1).trim() in labels);
    return requirement in labels;
  });
}

/** A strategic-merge patch: containers merge by name into the targeted objects (or the objects the patch names). */
export function applyStrategicMerge(document: PatchDocument, target: PatchTarget | undefined, states: ImageState[], decidedBy: string): void {
  // `$patch: delete` at the top removes the object itself (microservices-demo's components drop redis-cart so)
  for (const doc of document.parsed.docs) {
    const root = doc.contents;
    if (!isMap(root) || scalarText(root.get('$patch', true)) !== 'delete') continue;
    const kind = scalarText(root.get('kind', true));
    const metadata = root.get('metadata', true);
    const name = isMap(metadata) ? scalarText(metadata.get('name', true)) : null;
    for (const state of [...states]) {
      const selected = target ? targetMatches(target, state) : state.kind === kind && (name === null || state.resourceName === name || state.nameNow === name);
      if (selected) states.splice(states.indexOf(state), 1);
    }
  }
  for (const deleted of deletedContainers(document.parsed)) {
    for (const state of [...states]) {
      const selected = target ? targetMatches(target, state)
        : state.kind === deleted.kind && (deleted.name === null || state.resourceName === deleted.name || state.nameNow === deleted.name);
      if (!selected || state.container !== deleted.container || state.pointer?.replace(/\/\d+$/, '') !== deleted.list) continue;
      states.splice(states.indexOf(state), 1);
      // the containers after it move up one place, for index-based JSON6902 operations later
      for (const other of states) {
        if (objectKey(other) === objectKey(state) && other.pointer?.startsWith(`${deleted.list}/`) && indexOf(other) > indexOf(state)) other.pointer = `${deleted.list}/${indexOf(other) - 1}`;
      }
    }
  }
  const containers = findContainerImages(document.parsed, []);
  for (const container of containers) {
    const at = document.place(container.at);
    const listOf = (pointer: string | undefined) => (pointer ?? '').replace(/\/\d+$/, '');
    const selected = states.filter((state) => (target
      ? targetMatches(target, state)
      : state.kind === container.kind && (container.resourceName === undefined || state.resourceName === container.resourceName || state.nameNow === container.resourceName)
        && (container.namespace === undefined || (state.namespaceNow ?? state.namespace ?? 'default') === container.namespace)));
    const objects = new Map<string, ImageState[]>();
    for (const state of selected) objects.set(objectKey(state), [...(objects.get(objectKey(state)) ?? []), state]);
    for (const members of objects.values()) {
      const sameList = members.filter((state) => listOf(state.pointer) === listOf(container.pointer));
      const named = sameList.filter((state) => state.container === container.container);
      for (const state of named) setImage(state, container.image, at, decidedBy);
      // A container the object does not have yet is appended to its list, as kustomize's merge does.
      // (kustomize orders the merged list differently; only later index-based JSON6902 operations would notice)
      if (named.length === 0 && container.container !== undefined) {
        const index = sameList.length > 0 ? Math.max(...sameList.map(indexOf)) + 1 : 0;
        states.push(newState(members[0], container, at, `${listOf(container.pointer)}/${index}`, decidedBy));
      }
    }
  }
}

/**
 * A JSON6902 patch, for the operations that decide images: `add`/`replace` of a container's `image`, of one
 * container (`…/containers/N`, `…/containers/-`) or of a whole list, and `remove` of either. Other operations
 * that would rewrite a container list are not modelled, and a note says so.
 */
export function applyJsonPatch(document: PatchDocument, target: PatchTarget, states: ImageState[], decidedBy: string, diagnostics: Diagnostic[]): void {
  const doc = document.parsed.docs[0];
  const operations = doc.contents;
  if (!isSeq(operations)) return;
  for (const item of operations.items) {
    const operation = resolveAlias(doc, item);
    if (!isMap(operation)) continue;
    const op = scalarText(operation.get('op', true));
    const path = scalarText(operation.get('path', true));
    if (op === null || path === null) continue;
    const value = resolveAlias(doc, operation.get('value', true));
    const objects = new Map<string, ImageState[]>();
    for (const state of states) if (targetMatches(target, state)) objects.set(objectKey(state), [...(objects.get(objectKey(state)) ?? []), state]);
    const match = CONTAINER_PATH.exec(path);
    const at = positionOf(document.parsed, operation as unknown as Node);
    if (!match || op === 'copy' || op === 'move') {
      // copy and move write whatever their source holds: to a container path, that may be an image
      const touches = [...objects.values()].flat().some((state) => `${state.pointer}/image`.startsWith(`${path}/`))
        || (op !== 'remove' && mentionsImage(doc, value)) || (match !== null && objects.size > 0);
      if (touches) notModelled(diagnostics, document, at, `op ${op} on ${path}`);
      continue;
    }
    const [, list, index, field] = match;
    for (const members of objects.values()) {
      const inList = members.filter((state) => state.pointer?.startsWith(`${list}/`) && /^\d+$/.test(state.pointer.slice(list.length + 1)));
      const template = inList[0] ?? members[0];
      if (field === 'image') {
        const image = imageText(value);
        const state = inList.find((candidate) => String(indexOf(candidate)) === index);
        if (state && image !== null && (op === 'add' || op === 'replace')) setImage(state, image, document.place(positionOf(document.parsed, value as Node)), decidedBy);
        else if (state && op === 'remove') states.splice(states.indexOf(state), 1);
        continue;
      }
      if (index !== undefined) {
        const position = index === '-' ? (inList.length === 0 ? 0 : Math.max(...inList.map(indexOf)) + 1) : Number(index);
        const existing = inList.find((state) => indexOf(state) === position);
        if (op === 'replace' || op === 'remove') {
          if (existing) states.splice(states.indexOf(existing), 1);
          if (op === 'remove') for (const state of inList) if (indexOf(state) > position) state.pointer = `${list}/${indexOf(state) - 1}`;
        }
        if (op === 'add') for (const state of inList) if (indexOf(state) >= position) state.pointer = `${list}/${indexOf(state) + 1}`;
        if (op === 'add' || op === 'replace') addContainer(document, doc, value, template, `${list}/${position}`, states, decidedBy);
        continue;
      }
      if (op === 'add' || op === 'replace' || op === 'remove') {
        for (const state of inList) states.splice(states.indexOf(state), 1);
        if (op !== 'remove' && isSeq(value)) value.items.forEach((entry, i) => addContainer(document, doc, resolveAlias(doc, entry), template, `${list}/${i}`, states, decidedBy));
      }
    }
  }
}

/** Containers a strategic-merge patch deletes (`- name: x` with `$patch: delete` in a container list). */
function deletedContainers(parsed: ParsedYaml): Array<{ kind: string | null; name: string | null; list: string; container: string }> {
  const found: Array<{ kind: string | null; name: string | null; list: string; container: string }> = [];
  for (const doc of parsed.docs) {
    const root = doc.contents;
    if (!isMap(root)) continue;
    const kind = scalarText(root.get('kind', true));
    const metadata = root.get('metadata', true);
    const name = isMap(metadata) ? scalarText(metadata.get('name', true)) : null;
    const walk = (node: unknown, pointer: string, depth: number): void => {
      if (!isMap(node) || depth > 30) return;
      for (const pair of node.items) {
        const key = scalarText(pair.key);
        if (key === null) continue;
        const here = `${pointer}/${key}`;
        if (CONTAINER_LIST_NAMES.has(key) && isSeq(pair.value)) {
          for (const item of pair.value.items) {
            const container = isMap(item) ? scalarText(item.get('name', true)) : null;
            if (isMap(item) && container !== null && scalarText(item.get('$patch', true)) === 'delete') found.push({ kind, name, list: here, container });
          }
        } else walk(pair.value, here, depth + 1);
      }
    };
    walk(root, '', 0);
  }
  return found;
}

function addContainer(document: PatchDocument, doc: Document.Parsed, value: unknown, template: ImageState, pointer: string, states: ImageState[], decidedBy: string): void {
  if (!isMap(value)) return;
  const imageNode = resolveAlias(doc, (value as YAMLMap).get('image', true));
  const image = imageText(imageNode);
  if (image === null) return;
  const name = scalarText((value as YAMLMap).get('name', true));
  const container: Pick<ContainerImage, 'image' | 'container'> = { image, ...(name !== null ? { container: name } : {}) };
  states.push(newState(template, container, document.place(positionOf(document.parsed, imageNode as Node)), pointer, decidedBy));
}

function newState(object: ImageState, container: Pick<ContainerImage, 'image' | 'container'>, at: Position, pointer: string, decidedBy: string): ImageState {
  const { kind, resourceName, namespace, namespaceNow, nameNow, labels } = object;
  const state: ImageState = { image: container.image, at, tagAt: at, tagSource: 'inline', decidedBy, overridden: false, kind, pointer };
  return Object.assign(state,
    resourceName !== undefined ? { resourceName } : {},
    namespace !== undefined ? { namespace } : {},
    namespaceNow !== undefined ? { namespaceNow } : {},
    nameNow !== undefined ? { nameNow } : {},
    labels ? { labels } : {},
    container.container !== undefined ? { container: container.container } : {});
}

function setImage(state: ImageState, image: string, at: Position, decidedBy: string): void {
  Object.assign(state, { image, at, tagAt: at, tagSource: 'inline', decidedBy, overridden: false });
}

function indexOf(state: ImageState): number {
  return Number(/\/(\d+)$/.exec(state.pointer ?? '')?.[1] ?? -1);
}

function imageText(node: unknown): string | null {
  return isScalar(node) && typeof node.value === 'string' && node.value.trim() !== '' ? node.value.trim() : null;
}

/** The value writes an `image` somewhere (a whole pod spec or template): that is not modelled. */
function mentionsImage(doc: Document.Parsed, node: unknown, depth = 0): boolean {
  const value = resolveAlias(doc, node);
  if (depth > 20) return false;
  if (isSeq(value)) return value.items.some((item) => mentionsImage(doc, item, depth + 1));
  if (!isMap(value)) return false;
  return value.items.some((pair) => scalarText(pair.key) === 'image' || mentionsImage(doc, pair.value, depth + 1));
}

function notModelled(diagnostics: Diagnostic[], document: PatchDocument, at: Position, what: string): void {
  diagnostics.push({ ...keyFields(document.place(at)), level: 'note', message: `a JSON6902 patch (${what}) may change container images; that operation is not modelled, so the image may not be what kustomize renders` });
}

function keyFields(at: Position): { file: string; line: number; column: number } {
  return { file: at.file, line: at.line, column: at.column };
}
