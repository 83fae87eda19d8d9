import type { Located, Position } from '../../model/located.js';
import type { Diagnostic } from '../../model/release.js';
import type { ContainerImage } from './workloads.js';

/**
 * What each kind of YAML file contributes, as plain data (JSON): the readers (file-facts.ts, kustomize-read.ts,
 * helm-read.ts) turn bytes into these, the facts cache keeps them by content hash, and kustomize and Helm build
 * the model from them. Nothing here needs the YAML parser, so a run whose files are all cached never loads it.
 * Positions carry no file: the same bytes may live at several paths, and the file is added back when used.
 */
export interface Place {
  line: number;
  column: number;
}

export interface PlacedText extends Place {
  value: string;
}

/** A diagnostic without its file; `namesFile`: the message starts with `FILE:LINE: ` once the file is known. */
export type FactDiagnostic = Omit<Diagnostic, 'file'> & { namesFile?: true };

/** A plain manifest (not a kustomization, Chart.yaml or values.yaml): its container images and diagnostics. */
export interface FileFacts {
  containers: Array<Omit<ContainerImage, 'at'> & Place>;
  diagnostics: FactDiagnostic[];
}

/**
 * A file kustomize or Helm reads: decode and parse problems (reported when the file is read, as for any
 * manifest), and what the reader found with the reader's own diagnostics (reported when the file is used).
 * `read` is null when the bytes are not text, so there was nothing to read.
 */
export interface ReadFacts<T> {
  diagnostics: FactDiagnostic[];
  read: { diagnostics: FactDiagnostic[]; data: T } | null;
}

export interface KustomizationData {
  isComponent: boolean;
  resources: PlacedText[];
  components: PlacedText[];
  /** in kustomize's order: patchesStrategicMerge, patches, patchesJson6902 */
  patches: PatchEntryData[];
  /** `namespace:`, `namePrefix:`/`nameSuffix:`, `commonLabels:`/`labels:` */
  identity: { namespace?: string; namePrefix?: string; nameSuffix?: string; labels?: Record<string, string> };
  images: Array<{ name?: PlacedText; newName?: PlacedText; newTag?: PlacedText; digest?: PlacedText }>;
}

/** kustomize's patch target selector; group and version are not compared (objects here carry no apiVersion). */
export interface PatchTarget {
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

/** One entry of a patch field: a file, or a patch written inline (null when it is not valid YAML). */
export interface PatchEntryData {
  field: 'patchesStrategicMerge' | 'patches' | 'patchesJson6902';
  path?: PlacedText;
  inline?: { keyAt: Place; document: PatchFacts | null };
  target?: PatchTarget;
}

/** A container a patch writes: its image, its name, where the image is. */
export interface PatchContainer extends Place {
  image: string;
  container?: string;
}

/** One JSON6902 operation, with what its value says about images. */
export interface JsonOperation {
  op: string;
  path: string;
  /** the operation's position (a note about it points here) */
  at: Place;
  /** the value writes an `image` somewhere */
  mentionsImage: boolean;
  /** the value as an image string */
  image: PatchContainer | null;
  /** the value as one container */
  container: PatchContainer | null;
  /** the value as a list of containers (entries that are not one: null), or null when it is no list */
  list: Array<PatchContainer | null> | null;
}

/**
 * A patch document reduced to what the image model needs. Positions are in the file the user edits: the patch
 * file, or the kustomization for an inline patch (its `patch:` key when positions inside it cannot be exact).
 */
export interface PatchFacts {
  exact: boolean;
  /** the patch text names `image` */
  mentionsImage: boolean;
  /** one document that is a list of operations: kustomize reads it as JSON6902 */
  json: boolean;
  /** `$patch: delete` at the top of a document */
  deletedObjects: Array<{ kind: string | null; name: string | null }>;
  /** containers deleted with `$patch: delete` in a container list */
  deletedContainers: Array<{ kind: string | null; name: string | null; list: string; container: string }>;
  containers: FileFacts['containers'];
  /** the first document's operations, when it is a list */
  operations: JsonOperation[];
}

export interface ChartData {
  name?: PlacedText;
  version?: PlacedText;
  appVersion?: PlacedText;
}

/** An image block or string found in values.yaml, before the tag default is decided. */
export interface ValuesImageData {
  valuesPath: string;
  base: string;
  at: Place;
  tag?: PlacedText;
  digest?: PlacedText;
  /** the image was one `repo:tag` string, so the string decides the tag */
  inline: boolean;
}

export type KeptKind = 'kustomization' | 'chart' | 'values' | 'patch';

export interface KeptData {
  kustomization: KustomizationData | null;
  chart: ChartData;
  values: ValuesImageData[];
  patch: PatchFacts;
}

export function located(text: PlacedText, file: string): Located<string> {
  return { value: text.value, file, line: text.line, column: text.column };
}

export function position(place: Place, file: string): Position {
  return { file, line: place.line, column: place.column };
}

export function withFile(diagnostics: FactDiagnostic[], file: string): Diagnostic[] {
  return diagnostics.map(({ namesFile, ...diagnostic }) => ({
    file,
    ...diagnostic,
    ...(namesFile ? { message: `${file}:${diagnostic.line}: ${diagnostic.message}` } : {}),
  }));
}

/** Facts back into the model's shapes for the file at hand (the same bytes may live at several paths). */
export function hydrateFacts(facts: FileFacts, file: string): { containers: ContainerImage[]; diagnostics: Diagnostic[] } {
  return {
    containers: facts.containers.map(({ line, column, ...container }) => Object.assign(container, { at: { file, line, column } })),
    diagnostics: withFile(facts.diagnostics, file),
  };
}

/** A cache entry's shape, checked on the way in: a wrong shape means the file is parsed again. */
export function isFileFacts(value: unknown): value is FileFacts {
  const facts = value as FileFacts | null;
  return !!facts && Array.isArray(facts.containers) && Array.isArray(facts.diagnostics);
}

export function isReadFacts(kind: KeptKind, value: unknown): value is ReadFacts<unknown> {
  const facts = value as ReadFacts<unknown> | null;
  if (!facts || typeof facts !== 'object' || !Array.isArray(facts.diagnostics)) return false;
  return facts.read === null || (typeof facts.read === 'object' && Array.isArray(facts.read.diagnostics) && isKeptData(kind, facts.read.data));
}

const array = Array.isArray;

/** The data of each kind has the shape its reader gives (a wrong one means a new parse, never a wrong result). */
export function isKeptData(kind: KeptKind, data: unknown): boolean {
  const value = data as Record<string, unknown> | null;
  switch (kind) {
    case 'kustomization':
      return value === null || (typeof value === 'object' && array(value.resources) && array(value.components) && array(value.patches) && array(value.images) && typeof value.identity === 'object' && typeof value.isComponent === 'boolean');
    case 'chart':
      return !!value && typeof value === 'object' && !array(value);
    case 'values':
      return array(value);
    case 'patch':
      return !!value && typeof value === 'object' && array(value.deletedObjects) && array(value.deletedContainers) && array(value.containers) && array(value.operations);
  }
}
