import { createRequire as __tagcheckCreateRequire } from 'node:module';
const require = __tagcheckCreateRequire(import.meta.url);

// src/model/image-ref.ts
var DOCKER_HUB = "docker.io";
var COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
var DOMAIN = /^(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\[[0-9a-fA-F:.]+\])(?::[0-9]+)?$/;
var TAG = /^[\w][\w.-]{0,127}$/;
var DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
var MAX_NAME_LENGTH = 255;
function parseImageRef(text) {
  const input = text.trim();
  if (input === "") return { ok: false, error: "empty image reference" };
  if (/\s/.test(input)) return { ok: false, error: `image reference "${input}" contains white space` };
  let rest = input;
  let digest;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return { ok: false, error: `invalid digest "${digest}" in "${input}"` };
  }
  let tag;
  const lastSlash = rest.lastIndexOf("/");
  const colon = rest.lastIndexOf(":");
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return { ok: false, error: `invalid tag "${tag}" in "${input}"` };
  }
  const split = splitRegistry(rest);
  if (!split.ok) return { ok: false, error: `${split.error} in "${input}"` };
  const { registry, path } = split;
  if (path === "") return { ok: false, error: `missing repository name in "${input}"` };
  for (const component of path.split("/")) {
    if (!COMPONENT.test(component)) {
      const hint = component.toLowerCase() !== component ? " (repository names must be lowercase)" : "";
      return { ok: false, error: `invalid repository name "${path}" in "${input}"${hint}` };
    }
  }
  const repository = `${registry}/${path}`;
  if (rest.length > MAX_NAME_LENGTH) return { ok: false, error: `repository name longer than ${MAX_NAME_LENGTH} characters in "${input}"` };
  return { ok: true, ref: { registry, path, repository, ...tag !== void 0 ? { tag } : {}, ...digest ? { digest } : {} } };
}
function splitRegistry(name) {
  const slash = name.indexOf("/");
  const first = slash < 0 ? "" : name.slice(0, slash);
  const isHost = slash >= 0 && (/[.:]/.test(first) || first === "localhost" || first.toLowerCase() !== first);
  if (!isHost) {
    const path2 = slash < 0 ? `library/${name}` : name;
    return { ok: true, registry: DOCKER_HUB, path: path2 };
  }
  if (!DOMAIN.test(first)) return { ok: false, error: `invalid registry host "${first}"` };
  const markedOnlyByCase = !/[.:]/.test(first) && first.toLowerCase() !== "localhost";
  let registry = markedOnlyByCase ? first : first.toLowerCase();
  let path = name.slice(slash + 1);
  if (registry === "index.docker.io" || registry === "registry-1.docker.io") registry = DOCKER_HUB;
  if (registry === DOCKER_HUB && !path.includes("/")) path = `library/${path}`;
  return { ok: true, registry, path };
}
function normalizeRepository(name) {
  const parsed = parseImageRef(name);
  return parsed.ok ? parsed.ref.repository : name;
}
function isRepositoryGlob(pattern) {
  return /[*?]/.test(pattern);
}
var STAR = "zqstarqz";
var QUESTION = "zqquestionqz";
function repositoryPattern(pattern) {
  const normalized = normalizeRepository(pattern.trim().replaceAll("?", QUESTION).replaceAll("*", STAR));
  const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const source = normalized.split(STAR + STAR).map((part) => part.split(STAR).map((piece) => piece.split(QUESTION).map(escape).join("[^/]")).join("[^/]*")).join(".*");
  return new RegExp(`^${source}$`);
}
function repositoryMatches(pattern, repository) {
  const trimmed = pattern.trim();
  return isRepositoryGlob(trimmed) ? repositoryPattern(trimmed).test(repository) : normalizeRepository(trimmed) === repository;
}

export {
  parseImageRef,
  normalizeRepository,
  isRepositoryGlob,
  repositoryPattern,
  repositoryMatches
};
