import type { DocReference, GitReferenceShape } from '../../model/docs.js';
import { parseImageRef } from '../../model/image-ref.js';
import type { Position } from '../../model/located.js';
import { helmInstall } from './helm-command.js';
import { findCodeRegions, type CodeRegion } from './markdown.js';
import { yamlPairs } from './yaml-pairs.js';

/**
 * Every version a Markdown document's code names in one of the shapes install instructions use (image
 * references, GitHub URLs with a tag, `helm install --version`). Ownership is not decided here: image
 * references and URLs come back with `own: false` for the engine to mark.
 *
 * Each shape is found by a literal scan of the whole text (`:` before a digit, `github.com`, `helm `), and a hit
 * counts only inside a code region (a cursor over the sorted regions): prose costs an indexOf, and nothing is
 * copied or matched word by word, so a 5 MB document stays cheap.
 */
export function findDocReferences(text: string, file: string): DocReference[] {
  const regions = findCodeRegions(text);
  if (regions.length === 0) return [];
  // one list per scan, each in document order (the order the scans' concatenation had before sorting)
  const scans = [new Hits(file), new Hits(file), new Hits(file), new Hits(file), new Hits(file)];
  imageReferences(text, new RegionCursor(regions), scans[0]);
  githubReferences(text, new RegionCursor(regions), scans[1], scans[2]);
  helmReferences(text, new RegionCursor(regions), scans[3]);
  for (const region of regions) if (region.kind === 'fence') yamlPairReferences(text, region, scans[4]);
  return locate(text, mergeByOffset(scans));
}

/** References as a scan finds them, with the offset of each version; line and column are filled in by `locate`. */
class Hits {
  readonly references: DocReference[] = [];
  readonly offsets: number[] = [];
  constructor(readonly file: string) {}

  /** A version at `offset` (its line and column are counted later, once, for all references together). */
  version(value: string, offset: number): Position & { value: string } {
    this.offsets.push(offset);
    return { value, file: this.file, line: 0, column: 0 };
  }

  add(reference: DocReference): void {
    this.references.push(reference);
  }
}

/**
 * The scans' references in document order, with their offsets: a merge of lists that are each in order (a list that
 * is not is sorted first), ties kept in scan order. Linear, where sorting 36,000 references by line and column cost
 * more than finding them.
 */
function mergeByOffset(scans: Hits[]): { references: DocReference[]; offsets: number[] } {
  const lists = scans.map((hits) => (isAscending(hits.offsets) ? hits : sortedByOffset(hits)));
  const references: DocReference[] = [];
  const offsets: number[] = [];
  const next = lists.map(() => 0);
  for (;;) {
    let best = -1;
    for (let i = 0; i < lists.length; i++) {
      if (next[i] < lists[i].offsets.length && (best < 0 || lists[i].offsets[next[i]] < lists[best].offsets[next[best]])) best = i;
    }
    if (best < 0) return { references, offsets };
    offsets.push(lists[best].offsets[next[best]]);
    references.push(lists[best].references[next[best]++]);
  }
}

function isAscending(offsets: number[]): boolean {
  for (let i = 1; i < offsets.length; i++) if (offsets[i] < offsets[i - 1]) return false;
  return true;
}

function sortedByOffset(hits: Hits): { references: DocReference[]; offsets: number[] } {
  const order = hits.offsets.map((_, i) => i).sort((a, b) => hits.offsets[a] - hits.offsets[b] || a - b);
  return { references: order.map((i) => hits.references[i]), offsets: order.map((i) => hits.offsets[i]) };
}

/**
 * Line and column of each version, offsets in increasing order: line breaks are counted by indexOf from one
 * reference to the next, and not at all after the last. Columns count UTF-16 code units as LineIndex does.
 */
function locate(text: string, found: { references: DocReference[]; offsets: number[] }): DocReference[] {
  let line = 1;
  let lineStart = 0;
  let nextBreak = text.indexOf('\n');
  for (let i = 0; i < found.references.length; i++) {
    const offset = found.offsets[i];
    while (nextBreak >= 0 && nextBreak < offset) {
      line++;
      lineStart = nextBreak + 1;
      nextBreak = text.indexOf('\n', lineStart);
    }
    const version = found.references[i].version;
    version.line = line;
    version.column = offset - lineStart + 1;
  }
  return found.references;
}

/** The code region holding an offset, for offsets asked in increasing order (amortized O(1)). */
class RegionCursor {
  private next = 0;
  constructor(readonly regions: CodeRegion[]) {}

  at(offset: number): CodeRegion | undefined {
    while (this.next < this.regions.length && this.regions[this.next].end <= offset) this.next++;
    const region = this.regions[this.next];
    return region && region.start <= offset ? region : undefined;
  }
}

/** Next to a reference, these mean a template or placeholder builds it (`${REGISTRY}/app:v1`, `app:v1.2.3-<arch>`). */
const PLACEHOLDER_NEIGHBOURS = new Set(['$', '{', '}', '<', '>', '%', '\\']);
/** A run that starts with one of these is the tail of something longer (`${REGISTRY}/acme/app:v1`). */
const CONTINUATION = new Set(['/', '.', '-', ':', '@']);

/** `[\w.\-/:@]`: the characters of an image reference (tag and digest included). */
function isReferenceChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x2e || c === 0x2d || c === 0x2f || c === 0x3a || c === 0x40;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/**
 * Image references whose tag looks like a version (`:1…`, `:v1…`): found from each such colon, the reference
 * being the maximal run of reference characters around it. Only those colons cost anything, so the words of a
 * large code block are never matched one by one.
 */
function imageReferences(text: string, code: RegionCursor, out: Hits): void {
  for (let colon = text.indexOf(':'); colon >= 0; colon = text.indexOf(':', colon + 1)) {
    const next = text.charCodeAt(colon + 1);
    if (!isDigit(next) && !((next === 0x76 || next === 0x56) && isDigit(text.charCodeAt(colon + 2)))) continue;
    const region = code.at(colon);
    if (!region) continue;
    let start = colon;
    while (start > region.start && isReferenceChar(text.charCodeAt(start - 1))) start--;
    let end = colon + 1;
    while (end < region.end && isReferenceChar(text.charCodeAt(end))) end++;
    // the rest of this run (a digest, a second colon) belongs to this reference
    colon = end;
    const before = start > region.start ? text[start - 1] : '';
    const after = end < region.end ? text[end] : '';
    if (CONTINUATION.has(text[start]) || PLACEHOLDER_NEIGHBOURS.has(before) || PLACEHOLDER_NEIGHBOURS.has(after)) continue;
    const written = text.slice(start, end).replace(/[.:\-/]+$/, '');
    const parsed = parseImageRef(written);
    if (!parsed.ok || parsed.ref.tag === undefined) continue;
    const digestAt = written.indexOf('@');
    const name = digestAt >= 0 ? written.slice(0, digestAt) : written;
    out.add({
      kind: 'image',
      repository: parsed.ref.repository,
      written,
      version: out.version(parsed.ref.tag, start + name.lastIndexOf(':') + 1),
      ...(parsed.ref.digest ? { digest: parsed.ref.digest } : {}),
      own: false,
    });
  }
}

/**
 * After `github.com`: `/OWNER/REPO` (or `:OWNER/REPO` after `git@`), then the rest of the URL up to a character a
 * URL in code does not contain unquoted. Sticky, so each runs once at a hit of the literal.
 */
const GITHUB_REST = /[/:]([\w.-]+)\/([\w.-]+)([^\s'"`<>()[\]{}|,;\\]*)/y;
const RAW_REST = /\/([\w.-]+)\/([\w.-]+)\/([^\s'"`<>()[\]{}|,;\\/]+)\//y;
const RELEASE_DOWNLOAD = '/releases/download/';
/** `/archive/refs/tags/TAG.tar.gz`, `/archive/TAG.zip`: a source archive at a tag. */
const ARCHIVE = /^(\/archive\/(?:refs\/tags\/)?)([^/]+?)\.(?:tar\.gz|zip)$/;
const GITHUB = 'github.com';
const RAW = 'raw.githubusercontent.com';

/** `gist.github.com`, `api.github.com`, `mygithub.com` are other hosts. */
function startsHost(text: string, offset: number, region: CodeRegion): boolean {
  if (offset <= region.start) return true;
  const c = text.charCodeAt(offset - 1);
  return !(isReferenceChar(c) && c !== 0x2f && c !== 0x3a && c !== 0x40);
}

function githubReferences(text: string, code: RegionCursor, urls: Hits, rawUrls: Hits): void {
  let out = urls;
  const push = (shape: GitReferenceShape, owner: string, repo: string, value: string, offset: number) => {
    const ref = value.replace(/\.+$/, '');
    if (ref === '' || !/\d/.test(ref) || PLACEHOLDER_NEIGHBOURS.has(text[offset + ref.length] ?? '')) return;
    out.add({ kind: 'git-ref', shape, repository: `${owner}/${repo.replace(/\.git$/i, '')}`, version: out.version(ref, offset), own: false });
  };
  // raw.githubusercontent.com does not contain `github.com`, so the two scans never see the same URL
  for (let hit = text.indexOf(GITHUB); hit >= 0; hit = text.indexOf(GITHUB, hit + GITHUB.length)) {
    const region = code.at(hit);
    if (!region || !startsHost(text, hit, region)) continue;
    GITHUB_REST.lastIndex = hit + GITHUB.length;
    const match = GITHUB_REST.exec(text);
    if (!match || GITHUB_REST.lastIndex > region.end) continue;
    const [whole, owner, repo, tail] = match;
    const tailStart = match.index + whole.length - tail.length;
    if (tail.startsWith(RELEASE_DOWNLOAD)) {
      const from = RELEASE_DOWNLOAD.length;
      const slash = tail.indexOf('/', from);
      // `releases/download/TAG/asset`; `releases/latest/download/…` names no version
      if (slash > from) push('release-download', owner, repo, tail.slice(from, slash), tailStart + from);
      continue;
    }
    const archive = ARCHIVE.exec(tail);
    if (archive) {
      push('archive', owner, repo, archive[2], tailStart + archive[1].length);
      continue;
    }
    // `go install github.com/OWNER/REPO/cmd/x@v1.2.2`: a module version (`@latest`, `@main` name none)
    const version = tail.lastIndexOf('@');
    if (version >= 0 && !tail.includes('?')) {
      push('go-module', owner, repo, tail.slice(version + 1), tailStart + version + 1);
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
  // (a list of its own, so that each list stays in document order)
  out = rawUrls;
  const raw = new RegionCursor(code.regions);
  for (let hit = text.indexOf(RAW); hit >= 0; hit = text.indexOf(RAW, hit + RAW.length)) {
    const region = raw.at(hit);
    if (!region || !startsHost(text, hit, region)) continue;
    RAW_REST.lastIndex = hit + RAW.length;
    const match = RAW_REST.exec(text);
    if (!match || RAW_REST.lastIndex > region.end) continue;
    const [whole, owner, repo, ref] = match;
    push('raw-content', owner, repo, ref, match.index + whole.length - ref.length - 1);
  }
}

/** `helm` as a word followed by a blank, in code: the start of a command helmInstall reads. */
function helmReferences(text: string, code: RegionCursor, out: Hits): void {
  for (let hit = text.indexOf('helm'); hit >= 0; hit = text.indexOf('helm', hit + 4)) {
    const after = text.charCodeAt(hit + 4);
    if (after !== 0x20 && after !== 0x09) continue;
    const region = code.at(hit);
    if (!region || (hit > region.start && (isReferenceChar(text.charCodeAt(hit - 1)) || text[hit - 1] === '.'))) continue;
    const install = helmInstall(text, hit, region.end);
    if (install) out.add({ kind: 'helm-chart', chart: install.chart, written: install.written, version: out.version(install.version, install.versionOffset) });
  }
}

/** `name`/`newName` + `newTag` of a kustomize images entry, `repository` + `tag` of Helm values, in a fenced block. */
function yamlPairReferences(text: string, region: CodeRegion, out: Hits): void {
  const code = text.slice(region.start, region.end);
  if (!code.includes('ag:')) return;
  for (const pair of yamlPairs(code)) {
    const parsed = parseImageRef(pair.repository);
    if (!parsed.ok || parsed.ref.tag !== undefined || parsed.ref.digest !== undefined || !isDigit(pair.tag.replace(/^[vV]/, '').charCodeAt(0))) continue;
    out.add({ kind: 'image', repository: parsed.ref.repository, written: `${pair.repository}:${pair.tag}`, version: out.version(pair.tag, region.start + pair.tagOffset), own: false });
  }
}
