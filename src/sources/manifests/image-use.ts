import { parseImageRef } from '../../model/image-ref.js';
import type { Position } from '../../model/located.js';
import type { Diagnostic, ImageUse, TagSource } from '../../model/release.js';
import { PLACEHOLDER } from './manifest-bytes.js';

// `image: {IMAGE}` (cert-manager's make/config/bind), filled in by sed or envsubst-style scripts; braces are never
// part of a valid reference, so this is always a placeholder, not a broken image.
const BRACED_NAME = /\{[A-Z][A-Z0-9_]*\}/;

// kubebuilder scaffolds `image: controller:latest` (or `controller`) in config/manager and has the Makefile set
// the real image at build time; no such image exists on Docker Hub, so it is never what is deployed.
const KUBEBUILDER_PLACEHOLDER = /^controller(?::latest)?$/;

export interface UseDraft {
  /** the effective reference as text, after overrides and defaults */
  image: string;
  kind: ImageUse['kind'];
  at: Position;
  tagAt: Position;
  /** how the tag (or digest) was decided when the reference has one */
  tagSource: Exclude<TagSource, 'none'>;
  kustomization?: string;
  chart?: string;
}

/**
 * Validates an effective reference and turns it into an ImageUse. Placeholders (`${TAG}`, `%APP_VERSION%`, `{{ … }}`)
 * are release-time substitutions: a note, not an invalid reference. A reference with neither tag nor digest gets
 * tagSource 'none' and tagAt = the node naming the image.
 */
export function makeImageUse(draft: UseDraft, diagnostics: Diagnostic[]): ImageUse | null {
  if (PLACEHOLDER.test(draft.image) || BRACED_NAME.test(draft.image)) {
    diagnostics.push({ ...positionFields(draft.at), level: 'note', message: `image "${draft.image}" contains a placeholder filled in at release time; not checked` });
    return null;
  }
  if (KUBEBUILDER_PLACEHOLDER.test(draft.image.trim())) {
    diagnostics.push({
      ...positionFields(draft.at), level: 'note',
      message: `image "${draft.image}" is kubebuilder's placeholder, set when the manifests are built (kustomize edit set image controller=…); not checked`,
    });
    return null;
  }
  const parsed = parseImageRefOnce(draft.image);
  if (!parsed.ok) {
    diagnostics.push({ ...positionFields(draft.at), level: 'warning', message: `invalid image reference: ${parsed.error}` });
    return null;
  }
  const pinned = parsed.ref.tag !== undefined || parsed.ref.digest !== undefined;
  return {
    ref: parsed.ref,
    own: false,
    kind: draft.kind,
    at: draft.at,
    tagAt: pinned ? draft.tagAt : draft.at,
    tagSource: pinned ? draft.tagSource : 'none',
    ...(draft.kustomization !== undefined ? { kustomization: draft.kustomization } : {}),
    ...(draft.chart !== undefined ? { chart: draft.chart } : {}),
  };
}

/**
 * A monorepo names the same few dozen images thousands of times: each text is parsed once per run. Callers get
 * their own copy of the reference, so no use can change another's.
 */
const parsedImages = new Map<string, ReturnType<typeof parseImageRef>>();
function parseImageRefOnce(text: string): ReturnType<typeof parseImageRef> {
  let parsed = parsedImages.get(text);
  if (!parsed) {
    parsed = parseImageRef(text);
    if (parsedImages.size < 100_000) parsedImages.set(text, parsed);
  }
  return parsed.ok ? { ok: true, ref: { ...parsed.ref } } : parsed;
}

function positionFields(at: Position): { file: string; line: number; column: number } {
  return { file: at.file, line: at.line, column: at.column };
}

export function positionKey(at: Position): string {
  return `${at.file}:${at.line}:${at.column}`;
}

export function compareUses(a: ImageUse, b: ImageUse): number {
  return a.at.file < b.at.file ? -1 : a.at.file > b.at.file ? 1 : a.at.line - b.at.line || a.at.column - b.at.column;
}
