import type { Located, Position } from '../../model/located.js';
import type { Diagnostic } from '../../model/release.js';
import { position as placeIn, type PatchContainer, type PatchEntryData, type PatchFacts, type PatchTarget } from './facts.js';
import type { ContainerImage } from './workloads.js';

export type { PatchTarget } from './facts.js';

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

/** One entry of `patchesStrategicMerge`, `patches` or `patchesJson6902`, its positions in the kustomization. */
export interface PatchEntry extends Omit<PatchEntryData, 'path' | 'inline'> {
  path?: Located<string>;
  inline?: { keyAt: Position; document: PatchFacts | null };
}

/** A patch document's facts with the file its positions are in (the patch file, or the kustomization). */
export interface PatchDocument {
  facts: PatchFacts;
  file: string;
}

const CONTAINER_LISTS = '(?:containers|initContainers|ephemeralContainers)';
const CONTAINER_PATH = new RegExp(`^(.*/${CONTAINER_LISTS})(?:/(\\d+|-)(?:/(image))?)?$`);

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
  const { facts, file } = document;
  // `$patch: delete` at the top removes the object itself (microservices-demo's components drop redis-cart so)
  for (const { kind, name } of facts.deletedObjects) {
    for (const state of [...states]) {
      const selected = target ? targetMatches(target, state) : state.kind === kind && (name === null || state.resourceName === name || state.nameNow === name);
      if (selected) states.splice(states.indexOf(state), 1);
    }
  }
  for (const deleted of facts.deletedContainers) {
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
  for (const { line, column, ...container } of facts.containers) {
    const at = { file, line, column };
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
  const { facts, file } = document;
  for (const operation of facts.operations) {
    const { op, path } = operation;
    const objects = new Map<string, ImageState[]>();
    for (const state of states) if (targetMatches(target, state)) objects.set(objectKey(state), [...(objects.get(objectKey(state)) ?? []), state]);
    const match = CONTAINER_PATH.exec(path);
    if (!match || op === 'copy' || op === 'move') {
      // copy and move write whatever their source holds: to a container path, that may be an image
      const touches = [...objects.values()].flat().some((state) => `${state.pointer}/image`.startsWith(`${path}/`))
        || (op !== 'remove' && operation.mentionsImage) || (match !== null && objects.size > 0);
      if (touches) notModelled(diagnostics, placeIn(operation.at, file), `op ${op} on ${path}`);
      continue;
    }
    const [, list, index, field] = match;
    for (const members of objects.values()) {
      const inList = members.filter((state) => state.pointer?.startsWith(`${list}/`) && /^\d+$/.test(state.pointer.slice(list.length + 1)));
      const template = inList[0] ?? members[0];
      if (field === 'image') {
        const state = inList.find((candidate) => String(indexOf(candidate)) === index);
        if (state && operation.image !== null && (op === 'add' || op === 'replace')) setImage(state, operation.image.image, placeIn(operation.image, file), decidedBy);
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
        if (op === 'add' || op === 'replace') addContainer(file, operation.container, template, `${list}/${position}`, states, decidedBy);
        continue;
      }
      if (op === 'add' || op === 'replace' || op === 'remove') {
        for (const state of inList) states.splice(states.indexOf(state), 1);
        if (op !== 'remove' && operation.list) operation.list.forEach((entry, i) => addContainer(file, entry, template, `${list}/${i}`, states, decidedBy));
      }
    }
  }
}

function addContainer(file: string, container: PatchContainer | null, template: ImageState, pointer: string, states: ImageState[], decidedBy: string): void {
  if (!container) return;
  const { line, column, ...written } = container;
  states.push(newState(template, written, { file, line, column }, pointer, decidedBy));
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

function notModelled(diagnostics: Diagnostic[], at: Position, what: string): void {
  diagnostics.push({ ...at, level: 'note', message: `a JSON6902 patch (${what}) may change container images; that operation is not modelled, so the image may not be what kustomize renders` });
}
