import path from 'node:path';
import type { Located, Position } from '../../model/located.js';
import type { Diagnostic, ImageUse, KustomizeImageOverride } from '../../model/release.js';
import { isTestFixtureDir } from '../../model/test-fixtures.js';
import { makeImageUse, positionKey } from './image-use.js';
import { located, position, withFile, type KustomizationData, type ReadFacts } from './facts.js';
import { applyJsonPatch, applyStrategicMerge, type ImageState, type PatchDocument, type PatchEntry } from './kustomize-patches.js';
import { dirOf, joinPath, type Workspace } from './workspace.js';

export const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

export function isKustomizationFile(file: string): boolean {
  return KUSTOMIZATION_NAMES.includes(file.slice(file.lastIndexOf('/') + 1));
}

interface ImageEntry {
  name?: Located<string>;
  newName?: Located<string>;
  newTag?: Located<string>;
  digest?: Located<string>;
  override?: KustomizeImageOverride;
}

interface Kustomization {
  dir: string;
  file: string;
  isComponent: boolean;
  resources: Located<string>[];
  components: Located<string>[];
  /** in kustomize's order (see readKustomization) */
  patches: PatchEntry[];
  /** `namespace:`, `namePrefix:`/`nameSuffix:` and `commonLabels:`/`labels:`: what later patch targets can select on */
  identity: { namespace?: string; namePrefix?: string; nameSuffix?: string; labels?: Record<string, string> };
  images: ImageEntry[];
}

interface BuildResult {
  states: ImageState[];
  /** some resources could not be read (remote, cycle, missing), so the image list may be short */
  incomplete: boolean;
}

/** Effective images of one kustomization, as `kubectl kustomize` would render them. */
export interface RenderedImages {
  dir: string;
  images: string[];
  incomplete: boolean;
}

/**
 * Builds kustomizations the way kustomize does, for images only: resources (and legacy `bases`) are accumulated,
 * components transform the accumulated set, then the kustomization's own `images:` entries apply in order.
 * Every kustomization is built once (memoized); cycles are cut with a diagnostic; remote resources are never fetched.
 */
export class KustomizeBuilder {
  /** plain resource files some kustomization includes: their images come from the builds, not as standalone uses */
  readonly reachedFiles = new Set<string>();
  private readonly jsonPatchFiles = new Set<string>();
  private readonly kustomizations = new Map<string, Kustomization | null>();
  private readonly builds = new Map<string, BuildResult>();
  private readonly referenced = new Set<string>();
  private readonly overrides: KustomizeImageOverride[] = [];

  constructor(private readonly workspace: Workspace) {}

  private get diagnostics(): Diagnostic[] {
    return this.workspace.diagnostics;
  }

  /** Builds every kustomization found and returns the image uses of the builds nothing else includes. */
  async run(kustomizationFiles: string[]): Promise<{ uses: ImageUse[]; overrides: KustomizeImageOverride[] }> {
    const dirs = [...new Set(kustomizationFiles.map(dirOf))].sort();
    for (const dir of dirs) await this.build(dir, []);
    const roots = dirs.filter((dir) => !this.referenced.has(dir) && this.kustomizations.get(dir)?.isComponent === false);
    // Kustomizations that only include each other in a cycle have no root: each is then its own.
    const covered = new Set<string>();
    for (const root of roots) this.collect(root, covered);
    for (const dir of dirs) if (!covered.has(dir) && this.kustomizations.get(dir)?.isComponent === false) { roots.push(dir); this.collect(dir, covered); }
    // A deploy kustomization that only test overlays include (test/e2e reaching config/manager) is a root too,
    // so its own build is checked when the engine sets the test builds aside.
    const coveredByDeploy = new Set<string>();
    for (const root of roots) if (!isTestFixtureDir(root)) this.collect(root, coveredByDeploy);
    for (const dir of dirs) {
      if (isTestFixtureDir(dir) || coveredByDeploy.has(dir) || this.kustomizations.get(dir)?.isComponent !== false) continue;
      roots.push(dir);
      this.collect(dir, coveredByDeploy);
    }
    // Deploy builds first: a base that a test overlay also reaches is then reported as the deploy build's use.
    roots.sort((a, b) => Number(isTestFixtureDir(a)) - Number(isTestFixtureDir(b)));

    const uses: ImageUse[] = [];
    const seen = new Set<string>();
    for (const root of roots) {
      for (const state of this.builds.get(root)?.states ?? []) {
        // One use per (effective image, deciding node): a base reached from two overlays is reported once.
        const key = `${state.image}|${positionKey(state.tagAt)}|${positionKey(state.at)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const use = makeImageUse(
          { image: state.image, kind: state.overridden ? 'kustomize' : 'workload', at: state.at, tagAt: state.tagAt, tagSource: state.tagSource, kustomization: state.decidedBy ?? root },
          this.diagnostics,
        );
        if (use) uses.push(use);
      }
    }
    // A JSON6902 patch file is a list of operations: the note the manifest pass gave it ("document is a list") is noise.
    const notes = this.diagnostics.filter((d) => !(d.level === 'note' && d.file !== undefined && this.jsonPatchFiles.has(d.file) && d.message.startsWith('document is a list')));
    this.diagnostics.splice(0, this.diagnostics.length, ...notes);
    const overrides = [...this.overrides].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.name.line - b.name.line));
    return { uses, overrides };
  }

  /** The effective images of one kustomization directory (for cross-checks with `kubectl kustomize`). */
  async render(dir: string): Promise<RenderedImages> {
    const result = await this.build(dir, []);
    return { dir, images: result.states.map((state) => state.image), incomplete: result.incomplete };
  }

  private edges = new Map<string, Set<string>>();

  private collect(dir: string, covered: Set<string>): void {
    if (covered.has(dir)) return;
    covered.add(dir);
    for (const next of this.edges.get(dir) ?? []) this.collect(next, covered);
  }

  private async build(dir: string, stack: string[]): Promise<BuildResult> {
    const done = this.builds.get(dir);
    if (done) return done;
    const kustomization = await this.load(dir);
    if (!kustomization) return { states: [], incomplete: true };
    const states: ImageState[] = [];
    const incomplete = await this.accumulate(kustomization, states, [...stack, dir]);
    const result = { states, incomplete };
    this.builds.set(dir, result);
    return result;
  }

  /** Adds a kustomization's resources and components to `states`, then applies its images; true when incomplete. */
  private async accumulate(k: Kustomization, states: ImageState[], stack: string[]): Promise<boolean> {
    let incomplete = false;
    for (const entry of k.resources) {
      const target = await this.resolveEntry(k, entry, stack);
      if (target.kind === 'skip') { incomplete = true; continue; }
      if (target.kind === 'file') {
        this.reachedFiles.add(target.path);
        for (const container of await this.workspace.containersOf(target.path)) {
          const { image, at, ...object } = container;
          states.push({ ...object, image, at, tagAt: at, tagSource: 'inline', overridden: false });
        }
        continue;
      }
      const sub = await this.build(target.path, stack);
      incomplete ||= sub.incomplete;
      for (const state of sub.states) states.push({ ...state });
    }
    for (const entry of k.components) {
      const target = await this.resolveEntry(k, entry, stack);
      if (target.kind === 'skip') { incomplete = true; continue; }
      const component = target.kind === 'directory' ? await this.load(target.path) : null;
      if (!component) { incomplete = true; continue; }
      // A component transforms what its parent has accumulated so far, so it is applied, not built alone.
      incomplete = (await this.accumulate(component, states, [...stack, target.path])) || incomplete;
    }
    // kustomize runs patches before the image transformer.
    await this.applyPatches(k, states);
    this.applyImages(k, states, incomplete);
    return incomplete;
  }

  /**
   * Patches in kustomize's order. The kustomization's namespace, name prefix and suffix and labels apply between
   * `patches` and `patchesJson6902` (kustomize's transformer order), so JSON6902 targets select on them too.
   */
  private async applyPatches(k: Kustomization, states: ImageState[]): Promise<void> {
    let renamed = false;
    for (const patch of k.patches) {
      if (patch.field === 'patchesJson6902' && !renamed) { applyIdentity(k, states); renamed = true; }
      const keyAt = patch.inline?.keyAt ?? positionOnly(patch.path!);
      const document = await this.patchDocument(k, patch, keyAt);
      if (!document) continue;
      if (!document.facts.exact && document.facts.mentionsImage) {
        this.diagnostics.push({ file: keyAt.file, line: keyAt.line, column: keyAt.column, level: 'note', message: `an inline patch that is not a literal block (| or |-) touches an image; its images are reported at the patch: key, as positions inside it cannot be exact` });
      }
      if (patch.field === 'patchesJson6902' || document.facts.json) {
        if (patch.path) this.jsonPatchFiles.add(document.file);
        if (!patch.target) {
          this.diagnostics.push({ file: keyAt.file, line: keyAt.line, column: keyAt.column, level: 'warning', message: `a JSON6902 patch has no target; kustomize rejects it, so it is not applied` });
          continue;
        }
        if (patch.target.annotationSelector !== undefined) {
          this.diagnostics.push({ file: keyAt.file, line: keyAt.line, column: keyAt.column, level: 'note', message: `the patch target's annotationSelector is not compared; the patch is applied to every object the rest of the target selects` });
        }
        applyJsonPatch(document, patch.target, states, k.dir, this.diagnostics);
      } else {
        applyStrategicMerge(document, patch.target, states, k.dir);
      }
    }
    if (!renamed) applyIdentity(k, states);
  }

  /** The patch's document: the inline string, or the file `path:` names (YAML, or JSON for JSON6902). */
  private async patchDocument(k: Kustomization, patch: PatchEntry, keyAt: Position): Promise<PatchDocument | null> {
    if (patch.inline) {
      if (patch.inline.document) return { facts: patch.inline.document, file: k.file };
      this.diagnostics.push({ file: keyAt.file, line: keyAt.line, column: keyAt.column, level: 'warning', message: `an inline patch is not valid YAML; not applied` });
      return null;
    }
    const entry = patch.path!;
    const target = path.posix.normalize(joinPath(k.dir, entry.value));
    if (target.startsWith('../') || (await this.workspace.kindOf(target)) !== 'file') {
      this.diagnostics.push({ file: k.file, line: entry.line, column: entry.column, level: 'warning', message: `patch "${entry.value}" cannot be read` });
      return null;
    }
    this.reachedFiles.add(target);
    const facts = await this.workspace.patchOf(target);
    return facts ? { facts, file: target } : null;
  }

  /** kustomize's image transformer: every matching image gets the new name, tag and digest, entry by entry. */
  private applyImages(k: Kustomization, states: ImageState[], incomplete: boolean): void {
    for (const entry of k.images) {
      if (!entry.name) continue;
      let matched = false;
      const before = entry.override ? states.map((state) => splitImage(state.image).name) : [];
      for (const state of states) {
        if (!imageNameMatches(state.image, entry.name.value)) continue;
        matched = true;
        const split = splitImage(state.image);
        let { name, tag, digest } = split;
        if (entry.newName) { name = entry.newName.value; state.at = positionOnly(entry.newName); state.decidedBy = k.dir; state.overridden = true; }
        if (entry.newTag && entry.digest) { tag = entry.newTag.value; digest = entry.digest.value; }
        else if (entry.newTag) { tag = entry.newTag.value; digest = ''; }
        else if (entry.digest) { tag = ''; digest = entry.digest.value; }
        const decider = entry.newTag ?? entry.digest;
        if (decider) { state.tagAt = positionOnly(decider); state.tagSource = 'kustomize'; state.decidedBy = k.dir; state.overridden = true; }
        state.image = `${name}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`;
      }
      if (entry.override) {
        entry.override.matched ||= matched;
        entry.override.incomplete ||= incomplete;
        // What the entry could have matched: lets a rule say which name the resources really use.
        const seen = new Set([...(entry.override.resourceImages ?? []), ...before]);
        entry.override.resourceImages = [...seen].sort();
      }
    }
  }

  private async resolveEntry(k: Kustomization, entry: Located<string>, stack: string[]): Promise<{ kind: 'skip' } | { kind: 'file' | 'directory'; path: string }> {
    const where = { file: k.file, line: entry.line, column: entry.column };
    if (isRemote(entry.value)) {
      this.diagnostics.push({ ...where, level: 'note', message: `remote resource "${entry.value}" is not fetched; images it brings in are not checked` });
      return { kind: 'skip' };
    }
    const target = path.posix.normalize(joinPath(k.dir, entry.value.replace(/\/+$/, '')));
    const kind = target === '..' || target.startsWith('../') || path.posix.isAbsolute(target) ? 'outside' : await this.workspace.kindOf(target);
    if (kind === 'outside') {
      this.diagnostics.push({ ...where, level: 'note', message: `resource "${entry.value}" is outside the checked directory; not read` });
      return { kind: 'skip' };
    }
    if (kind === 'missing') {
      this.diagnostics.push({ ...where, level: 'warning', message: `resource "${entry.value}" does not exist` });
      return { kind: 'skip' };
    }
    if (kind === 'directory') {
      if ((await this.kustomizationFileIn(target)) === null) {
        this.diagnostics.push({ ...where, level: 'warning', message: `resource "${entry.value}" is a folder without a kustomization.yaml` });
        return { kind: 'skip' };
      }
      if (stack.includes(target)) {
        const cycle = [...stack.slice(stack.indexOf(target)), target].join(' → ');
        this.diagnostics.push({ ...where, level: 'warning', message: `kustomization resources form a cycle (${cycle}); not followed` });
        return { kind: 'skip' };
      }
      this.referenced.add(target);
      if (!this.edges.has(k.dir)) this.edges.set(k.dir, new Set());
      this.edges.get(k.dir)!.add(target);
    }
    return { kind, path: target };
  }

  private async load(dir: string): Promise<Kustomization | null> {
    if (this.kustomizations.has(dir)) return this.kustomizations.get(dir)!;
    let result: Kustomization | null = null;
    const file = await this.kustomizationFileIn(dir);
    if (file === null) {
      this.diagnostics.push({ file: dir, level: 'warning', message: `folder used as a kustomize resource has no kustomization.yaml` });
    } else {
      const facts = await this.workspace.kustomizationOf(file);
      result = facts ? this.readKustomization(dir, file, facts) : null;
    }
    this.kustomizations.set(dir, result);
    return result;
  }

  private async kustomizationFileIn(dir: string): Promise<string | null> {
    for (const name of KUSTOMIZATION_NAMES) {
      const candidate = joinPath(dir, name);
      if ((await this.workspace.kindOf(candidate)) === 'file') return candidate;
    }
    return null;
  }

  /** The kustomization's data (kustomize-read.ts) in the model's shapes: positions in `file`, its override entries. */
  private readKustomization(dir: string, file: string, facts: ReadFacts<KustomizationData | null>): Kustomization | null {
    if (!facts.read) return null;
    this.diagnostics.push(...withFile(facts.read.diagnostics, file));
    const data = facts.read.data;
    if (!data) return null;
    const images: ImageEntry[] = data.images.map((written) => {
      const entry: ImageEntry = {};
      for (const key of ['name', 'newName', 'newTag', 'digest'] as const) if (written[key]) entry[key] = located(written[key], file);
      if (!entry.name) return entry;
      entry.override = {
        file,
        name: entry.name,
        ...(entry.newName ? { newName: entry.newName } : {}),
        ...(entry.newTag ? { newTag: entry.newTag } : {}),
        ...(entry.digest ? { digest: entry.digest } : {}),
        matched: false,
        incomplete: false,
      };
      this.overrides.push(entry.override);
      return entry;
    });
    const patches: PatchEntry[] = data.patches.map(({ path: patchPath, inline, ...rest }) => ({
      ...rest,
      ...(patchPath ? { path: located(patchPath, file) } : {}),
      ...(inline ? { inline: { keyAt: position(inline.keyAt, file), document: inline.document } } : {}),
    }));
    return {
      dir,
      file,
      isComponent: data.isComponent,
      resources: data.resources.map((entry) => located(entry, file)),
      components: data.components.map((entry) => located(entry, file)),
      patches,
      identity: data.identity,
      images,
    };
  }
}

/** kustomize's namespace, prefix/suffix and label transformers, as far as patch targets see them. */
function applyIdentity(k: Kustomization, states: ImageState[]): void {
  const { namespace, namePrefix = '', nameSuffix = '', labels } = k.identity;
  for (const state of states) {
    if (namespace !== undefined) state.namespaceNow = namespace;
    if ((namePrefix || nameSuffix) && state.resourceName !== undefined) state.nameNow = `${namePrefix}${state.nameNow ?? state.resourceName}${nameSuffix}`;
    if (labels) state.labels = { ...state.labels, ...labels };
  }
}

function positionOnly(located: Located<string>): Position {
  return { file: located.file, line: located.line, column: located.column };
}

/** kustomize's `IsImageMatched`: the name, optionally followed by `@sha256` and/or `:tag`, and nothing else. */
export function imageNameMatches(image: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped}(@sha256)?(:[a-zA-Z0-9_.{}-]*)?$`).test(image);
}

/** kustomize's `image.Split`: name, tag and digest, with a registry port not mistaken for a tag. */
export function splitImage(image: string): { name: string; tag: string; digest: string } {
  const slash = image.indexOf('/');
  const offset = slash > 0 ? slash : 0;
  const search = image.slice(offset);
  const at = search.indexOf('@');
  const colon = search.indexOf(':');
  if (colon < 0 && at < 0) return { name: image, tag: '', digest: '' };
  if (at >= 0 && (at < colon || colon < 0)) return { name: image.slice(0, at + offset), tag: '', digest: image.slice(at + offset + 1) };
  if (at >= 0 && colon >= 0) return { name: image.slice(0, colon + offset), tag: image.slice(colon + offset + 1, at + offset), digest: image.slice(at + offset + 1) };
  return { name: image.slice(0, colon + offset), tag: image.slice(colon + offset + 1), digest: '' };
}

/** URLs, git remotes and go-getter style hosts: kustomize would download these, tagcheck does not. */
export function isRemote(entry: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(entry) || /^git(@|::)/.test(entry) || /^(github\.com|gitlab\.com|bitbucket\.org)\//.test(entry) || /\?(ref|version|timeout|submodules)=/.test(entry);
}
