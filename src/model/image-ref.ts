/** A container image reference, normalized the way the distribution reference grammar and Docker do it. */
export interface ImageRef {
  /** registry host with optional port: `docker.io`, `ghcr.io`, `localhost:5000` */
  registry: string;
  /** path inside the registry: `library/nginx`, `acme/app`, `descheduler/descheduler` */
  path: string;
  /** `registry/path`, the name every comparison uses: `docker.io/library/nginx` */
  repository: string;
  tag?: string;
  digest?: string;
}

export type ImageRefResult = { ok: true; ref: ImageRef } | { ok: false; error: string };

export const DOCKER_HUB = 'docker.io';
const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN = /^(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\[[0-9a-fA-F:.]+\])(?::[0-9]+)?$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const MAX_NAME_LENGTH = 255;

/** Parses `[registry/]path[:tag][@digest]`; errors say what is wrong instead of throwing. */
export function parseImageRef(text: string): ImageRefResult {
  const input = text.trim();
  if (input === '') return { ok: false, error: 'empty image reference' };
  if (/\s/.test(input)) return { ok: false, error: `image reference "${input}" contains white space` };

  let rest = input;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return { ok: false, error: `invalid digest "${digest}" in "${input}"` };
  }

  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return { ok: false, error: `invalid tag "${tag}" in "${input}"` };
  }

  const split = splitRegistry(rest);
  if (!split.ok) return { ok: false, error: `${split.error} in "${input}"` };
  const { registry, path } = split;
  if (path === '') return { ok: false, error: `missing repository name in "${input}"` };
  for (const component of path.split('/')) {
    if (!COMPONENT.test(component)) {
      const hint = component.toLowerCase() !== component ? ' (repository names must be lowercase)' : '';
      return { ok: false, error: `invalid repository name "${path}" in "${input}"${hint}` };
    }
  }
  const repository = `${registry}/${path}`;
  if (rest.length > MAX_NAME_LENGTH) return { ok: false, error: `repository name longer than ${MAX_NAME_LENGTH} characters in "${input}"` };
  return { ok: true, ref: { registry, path, repository, ...(tag !== undefined ? { tag } : {}), ...(digest ? { digest } : {}) } };
}

function splitRegistry(name: string): { ok: true; registry: string; path: string } | { ok: false; error: string } {
  const slash = name.indexOf('/');
  const first = slash < 0 ? '' : name.slice(0, slash);
  // Docker's rule: the first component is a registry only if it looks like a host.
  const isHost = slash >= 0 && (/[.:]/.test(first) || first === 'localhost' || first.toLowerCase() !== first);
  if (!isHost) {
    const path = slash < 0 ? `library/${name}` : name;
    return { ok: true, registry: DOCKER_HUB, path };
  }
  if (!DOMAIN.test(first)) return { ok: false, error: `invalid registry host "${first}"` };
  // Host names compare case-insensitively, but a host marked only by its capitals (`Registry/app`) must keep
  // them, or the formatted reference would read as a Docker Hub path (found by test/fuzz).
  const markedOnlyByCase = !/[.:]/.test(first) && first.toLowerCase() !== 'localhost';
  let registry = markedOnlyByCase ? first : first.toLowerCase();
  let path = name.slice(slash + 1);
  if (registry === 'index.docker.io' || registry === 'registry-1.docker.io') registry = DOCKER_HUB;
  if (registry === DOCKER_HUB && !path.includes('/')) path = `library/${path}`;
  return { ok: true, registry, path };
}

/** `nginx` → `docker.io/library/nginx`; returns the input unchanged when it is not a valid name. */
export function normalizeRepository(name: string): string {
  const parsed = parseImageRef(name);
  return parsed.ok ? parsed.ref.repository : name;
}

/** The fully qualified reference: `docker.io/library/nginx:1.25@sha256:…`. */
export function formatImageRef(ref: ImageRef): string {
  return `${ref.repository}${ref.tag !== undefined ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
}

/** Whether a configured repository (`images:`, `components:`, a platforms key) is a glob. */
export function isRepositoryGlob(pattern: string): boolean {
  return /[*?]/.test(pattern);
}

// Placeholders that survive normalizeRepository (lowercase alphanumerics are valid path components),
// so `gadget-*` is normalized like any other name and the wildcard is restored afterwards.
const STAR = 'zqstarqz';
const QUESTION = 'zqquestionqz';

/** `ghcr.io/acme/gadget-*` → a RegExp over normalized repositories; `*` stays inside one path component, `**` does not. */
export function repositoryPattern(pattern: string): RegExp {
  const normalized = normalizeRepository(pattern.trim().replaceAll('?', QUESTION).replaceAll('*', STAR));
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const source = normalized
    .split(STAR + STAR)
    .map((part) => part.split(STAR).map((piece) => piece.split(QUESTION).map(escape).join('[^/]')).join('[^/]*'))
    .join('.*');
  return new RegExp(`^${source}$`);
}

/** Whether a configured name or glob (`ghcr.io/acme/gadget-*`, `nginx`) names a normalized repository. */
export function repositoryMatches(pattern: string, repository: string): boolean {
  const trimmed = pattern.trim();
  return isRepositoryGlob(trimmed) ? repositoryPattern(trimmed).test(repository) : normalizeRepository(trimmed) === repository;
}
