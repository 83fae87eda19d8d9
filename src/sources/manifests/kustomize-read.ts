import { isMap, isScalar, isSeq, type Document, type Node, type Scalar, type YAMLMap } from 'yaml';
import type { Position } from '../../model/located.js';
import type { Diagnostic } from '../../model/release.js';
import type { JsonOperation, KustomizationData, Place, PlacedText, PatchContainer, PatchEntryData, PatchFacts, PatchTarget } from './facts.js';
import { findContainerImages } from './workloads.js';
import { locatedScalar, parseYamlText, positionOf, resolveAlias, scalarText, type ParsedYaml } from './yaml-file.js';

// A kustomization's tree to plain data (facts.ts), the part of kustomize that needs the parser; kustomize.ts
// builds from the data, so a cached kustomization is never parsed again.

const CONTAINER_LIST_NAMES = new Set(['containers', 'initContainers', 'ephemeralContainers']);

/** What kustomize reads of a kustomization; null (with a warning) when the file has no mapping at the top. */
export function readKustomizationData(parsed: ParsedYaml, diagnostics: Diagnostic[]): KustomizationData | null {
  const file = parsed.file;
  const doc = parsed.docs.find((candidate) => isMap(candidate.contents));
  if (!doc) {
    if (parsed.docs.length > 0) diagnostics.push({ file, level: 'warning', message: `not a kustomization (no mapping at the top); ignored` });
    return null;
  }
  const root = doc.contents as YAMLMap;
  const list = (key: string): unknown[] => {
    const value = resolveAlias(doc, root.get(key, true));
    if (isSeq(value)) return value.items.map((item) => resolveAlias(doc, item));
    if (value !== undefined && !(isScalar(value) && value.value === null)) {
      const where = value && typeof value === 'object' ? positionOf(parsed, value as Node) : { line: undefined, column: undefined };
      diagnostics.push({ file, line: where.line, column: where.column, level: 'warning', message: `${key} is not a list; ignored` });
    }
    return [];
  };
  const paths = (key: string): PlacedText[] => list(key).flatMap((item) => placedScalar(parsed, item) ?? []);
  const images: KustomizationData['images'] = list('images').map((item) => {
    if (!isMap(item)) return {};
    const field = (key: string): PlacedText | undefined => {
      const value = placedScalar(parsed, item.get(key, true));
      return value && value.value !== '' ? value : undefined;
    };
    const entry = { name: field('name'), newName: field('newName'), newTag: field('newTag'), digest: field('digest') };
    if (!entry.name) diagnostics.push({ file, level: 'warning', message: `an images: entry has no name; ignored` });
    return Object.fromEntries(Object.entries(entry).filter(([, value]) => value !== undefined));
  });
  // kustomize's order: patchesStrategicMerge, patches, then patchesJson6902 (checked with kubectl kustomize)
  const patches = (['patchesStrategicMerge', 'patches', 'patchesJson6902'] as const).flatMap((field) => list(field).flatMap((item) => readPatchEntry(doc, parsed, field, item)));
  const text = (key: string): string | undefined => scalarText(root.get(key, true)) || undefined;
  const labels: Record<string, string> = {};
  const addLabels = (node: unknown) => { const map = resolveAlias(doc, node); if (isMap(map)) for (const pair of map.items) { const key = scalarText(pair.key); if (key !== null) labels[key] = scalarText(pair.value) ?? ''; } };
  addLabels(root.get('commonLabels', true));
  for (const item of list('labels')) if (isMap(item)) addLabels(item.get('pairs', true));
  const identity: KustomizationData['identity'] = {
    ...(text('namespace') ? { namespace: text('namespace') } : {}),
    ...(text('namePrefix') ? { namePrefix: text('namePrefix') } : {}),
    ...(text('nameSuffix') ? { nameSuffix: text('nameSuffix') } : {}),
    ...(Object.keys(labels).length > 0 ? { labels } : {}),
  };
  if (list('helmCharts').length > 0) {
    diagnostics.push({ file, level: 'note', message: `helmCharts are not rendered; images they bring in are not checked` });
  }
  return {
    isComponent: scalarText(root.get('kind', true)) === 'Component',
    resources: [...paths('resources'), ...paths('bases')],
    components: paths('components'),
    patches,
    identity,
    images,
  };
}

/** One entry of a patch field: a file name or inline string (`patchesStrategicMerge`), or `{path|patch, target}`. */
function readPatchEntry(doc: Document.Parsed, parsed: ParsedYaml, field: PatchEntryData['field'], item: unknown): PatchEntryData[] {
  if (field === 'patchesStrategicMerge' && isScalar(item)) {
    // an entry is a file name, or a whole patch written inline (it then has a line break)
    const value = placedScalar(parsed, item);
    if (!value) return [];
    return [/\n/.test(value.value) ? { field, inline: inlinePatch(parsed, item, { line: value.line, column: value.column }) } : { field, path: value }];
  }
  if (!isMap(item)) return [];
  const target = readTarget(doc, item.get('target', true));
  const patchPath = placedScalar(parsed, item.get('path', true));
  const inline = resolveAlias(doc, item.get('patch', true));
  const common = { field, ...(target ? { target } : {}) };
  if (patchPath) return [{ ...common, path: patchPath }];
  if (!isScalar(inline) || typeof inline.value !== 'string') return [];
  const key = item.items.find((pair) => scalarText(pair.key) === 'patch')?.key as Node | undefined;
  const keyAt = positionOf(parsed, key ?? inline);
  return [{ ...common, inline: inlinePatch(parsed, inline, { line: keyAt.line, column: keyAt.column }) }];
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
 * An inline patch string parsed as YAML (null when it is not valid YAML). In a literal block scalar (`|`, `|-`,
 * `|+`) every content line is the source line minus one indentation, so a position inside the patch is exact in
 * the kustomization; that is checked line by line. Folded and quoted strings (and CRLF files) fold or unescape
 * text, so their images are placed at the `patch:` key (and kustomize.ts says so in a note).
 */
function inlinePatch(outer: ParsedYaml, node: Scalar, keyAt: Place): { keyAt: Place; document: PatchFacts | null } {
  const text = typeof node.value === 'string' ? node.value : '';
  const scratch: Diagnostic[] = [];
  const parsed = parseYamlText(text, outer.file, scratch);
  if (scratch.some((d) => d.level !== 'note') || parsed.docs.length === 0) return { keyAt, document: null };
  const mapping = node.type === 'BLOCK_LITERAL' ? literalMapping(outer, node, text) : undefined;
  const place = mapping
    ? (at: Position): Place => ({ line: mapping.firstLine + at.line - 1, column: mapping.indent + at.column })
    : (): Place => ({ ...keyAt });
  return { keyAt, document: readPatchFacts(parsed, place, mapping !== undefined) };
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

/** A patch document (a patch file, or an inline patch's text) as data; `place` maps a position to the edited file. */
export function readPatchFacts(parsed: ParsedYaml, place: (at: Position) => Place = (at) => ({ line: at.line, column: at.column }), exact = true): PatchFacts {
  const deletedObjects: PatchFacts['deletedObjects'] = [];
  for (const doc of parsed.docs) {
    const root = doc.contents;
    if (!isMap(root) || scalarText(root.get('$patch', true)) !== 'delete') continue;
    const metadata = root.get('metadata', true);
    deletedObjects.push({ kind: scalarText(root.get('kind', true)), name: isMap(metadata) ? scalarText(metadata.get('name', true)) : null });
  }
  const containers = findContainerImages(parsed, []).map(({ at, ...container }) => ({ ...container, ...place(at) }));
  const first = parsed.docs[0];
  return {
    exact,
    mentionsImage: /\bimage\b/.test(parsed.text),
    json: parsed.docs.length === 1 && isSeq(first.contents),
    deletedObjects,
    deletedContainers: deletedContainers(parsed),
    containers,
    operations: first && isSeq(first.contents) ? readOperations(parsed, first, place) : [],
  };
}

function readOperations(parsed: ParsedYaml, doc: Document.Parsed, place: (at: Position) => Place): JsonOperation[] {
  const operations: JsonOperation[] = [];
  for (const item of (doc.contents as { items: unknown[] }).items) {
    const operation = resolveAlias(doc, item);
    if (!isMap(operation)) continue;
    const op = scalarText(operation.get('op', true));
    const path = scalarText(operation.get('path', true));
    if (op === null || path === null) continue;
    const value = resolveAlias(doc, operation.get('value', true));
    const image = imageText(value);
    operations.push({
      op,
      path,
      at: place(positionOf(parsed, operation as unknown as Node)),
      mentionsImage: mentionsImage(doc, value),
      image: image === null ? null : { image, ...place(positionOf(parsed, value as Node)) },
      container: patchContainer(parsed, doc, value, place),
      list: isSeq(value) ? value.items.map((entry) => patchContainer(parsed, doc, resolveAlias(doc, entry), place)) : null,
    });
  }
  return operations;
}

/** A container map a JSON6902 operation writes, when it has an image. */
function patchContainer(parsed: ParsedYaml, doc: Document.Parsed, value: unknown, place: (at: Position) => Place): PatchContainer | null {
  if (!isMap(value)) return null;
  const imageNode = resolveAlias(doc, (value as YAMLMap).get('image', true));
  const image = imageText(imageNode);
  if (image === null) return null;
  const name = scalarText((value as YAMLMap).get('name', true));
  return { image, ...(name !== null ? { container: name } : {}), ...place(positionOf(parsed, imageNode as Node)) };
}

/** Containers a strategic-merge patch deletes (`- name: x` with `$patch: delete` in a container list). */
function deletedContainers(parsed: ParsedYaml): PatchFacts['deletedContainers'] {
  const found: PatchFacts['deletedContainers'] = [];
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

function placedScalar(parsed: ParsedYaml, node: unknown): PlacedText | undefined {
  const value = locatedScalar(parsed, node);
  return value ? { value: value.value, line: value.line, column: value.column } : undefined;
}
