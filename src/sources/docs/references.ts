import type { DocReference, GitReferenceShape } from '../../model/docs.js';
import { parseImageRef } from '../../model/image-ref.js';
import type { Position } from '../../model/located.js';
import { findCodeRegions, LineIndex, mayNameVersion } from './markdown.js';
import { helmInstalls } from './helm-command.js';

/**
 * Every version a Markdown document's code names in one of the shapes install instructions use (image
 * references, GitHub URLs with a tag, `helm install --version`). Ownership is not decided here: image
 * references and URLs come back with `own: false` for the engine to mark.
 */
export function findDocReferences(text: string, file: string): DocReference[] {
  const references: DocReference[] = [];
  let index: LineIndex | undefined;
  const at = (offset: number): Position => {
    index ??= new LineIndex(text);
    return { file, ...index.position(offset) };
  };
  for (const region of findCodeRegions(text)) {
    if (!mayNameVersion(text, region)) continue;
    const code = text.slice(region.start, region.end);
    const base = region.start;
    imageReferences(code, base, at, references);
    githubReferences(code, base, at, references);
    for (const helm of helmInstalls(code)) {
      references.push({ kind: 'helm-chart', chart: helm.chart, written: helm.written, version: { value: helm.version, ...at(base + helm.versionOffset) } });
    }
  }
  return references;
}

type At = (offset: number) => Position;

/** Characters an image reference is made of; a reference is a maximal run of them (linear, cannot backtrack). */
const IMAGE_RUN = /[A-Za-z0-9_][\w.\-/:@]*/g;
/** Next to a reference, these mean a template or placeholder builds it (`${REGISTRY}/app:v1`, `app:v1.2.3-<arch>`). */
const PLACEHOLDER_NEIGHBOURS = new Set(['$', '{', '}', '<', '>', '%', '\\']);
const CONTINUATION = new Set(['/', '.', '-', ':', '@']);

function imageReferences(code: string, base: number, at: At, out: DocReference[]): void {
  for (const match of code.matchAll(IMAGE_RUN)) {
    let written = match[0];
    if (!written.includes(':')) continue;
    written = written.replace(/[.:\-/]+$/, '');
    const start = match.index;
    const before = code[start - 1] ?? '';
    // a run that starts after `/`, `.`, `-`, `:` or `@` is the tail of something longer (`${REGISTRY}/acme/app:v1`)
    if (PLACEHOLDER_NEIGHBOURS.has(before) || CONTINUATION.has(before) || PLACEHOLDER_NEIGHBOURS.has(code[start + match[0].length] ?? '')) continue;
    const parsed = parseImageRef(written);
    if (!parsed.ok || parsed.ref.tag === undefined || !/\d/.test(parsed.ref.tag)) continue;
    const digestAt = written.indexOf('@');
    const name = digestAt >= 0 ? written.slice(0, digestAt) : written;
    const tagStart = start + name.lastIndexOf(':') + 1;
    out.push({
      kind: 'image',
      repository: parsed.ref.repository,
      written,
      version: { value: parsed.ref.tag, ...at(base + tagStart) },
      ...(parsed.ref.digest ? { digest: parsed.ref.digest } : {}),
      own: false,
    });
  }
}

/**
 * `github.com/OWNER/REPO` (also `https://`, `git@github.com:`, `.git`) followed by the rest of the URL up to a
 * character a URL in code does not contain unquoted. The lookbehind keeps `gist.github.com` and `api.github.com` out.
 */
const GITHUB_URL = /(?<![\w.-])github\.com[/:]([\w.-]+)\/([\w.-]+)([^\s'"`<>()[\]{}|,;\\]*)/g;
const RAW_URL = /(?<![\w.-])raw\.githubusercontent\.com\/([\w.-]+)\/([\w.-]+)\/([^\s'"`<>()[\]{}|,;\\/]+)\//g;
const RELEASE_DOWNLOAD = '/releases/download/';

function githubReferences(code: string, base: number, at: At, out: DocReference[]): void {
  const push = (shape: GitReferenceShape, owner: string, repo: string, value: string, offset: number) => {
    const ref = value.replace(/\.+$/, '');
    if (ref === '' || !/\d/.test(ref) || PLACEHOLDER_NEIGHBOURS.has(code[offset + ref.length] ?? '')) return;
    out.push({ kind: 'git-ref', shape, repository: `${owner}/${repo.replace(/\.git$/i, '')}`, version: { value: ref, ...at(base + offset) }, own: false });
  };
  for (const match of code.matchAll(GITHUB_URL)) {
    const [whole, owner, repo, tail] = match;
    const tailStart = match.index + whole.length - tail.length;
    if (tail.startsWith(RELEASE_DOWNLOAD)) {
      const from = RELEASE_DOWNLOAD.length;
      const slash = tail.indexOf('/', from);
      // `releases/download/TAG/asset`; `releases/latest/download/…` names no version
      if (slash > from) push('release-download', owner, repo, tail.slice(from, slash), tailStart + from);
      continue;
    }
    const query = tail.indexOf('?');
    if (query < 0) continue;
    let offset = query + 1;
    for (const parameter of tail.slice(query + 1).split('#')[0].split('&')) {
      if (parameter.startsWith('ref=')) push('kustomize-ref', owner, repo, parameter.slice(4), tailStart + offset + 4);
      offset += parameter.length + 1;
    }
  }
  for (const match of code.matchAll(RAW_URL)) {
    const [whole, owner, repo, ref] = match;
    push('raw-content', owner, repo, ref, match.index + whole.length - ref.length - 1);
  }
}
