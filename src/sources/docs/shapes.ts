import type { GitReferenceShape } from '../../model/docs.js';
import { parseImageRef } from '../../model/image-ref.js';
import { helmInstall } from './helm-command.js';
import { Hits, remembered, type Named, type ReferenceTable } from './hits.js';
import type { CodeRegion } from './markdown.js';

// How a hit of one of the scan's literals (references.ts) is read: the image reference, GitHub URL or helm command
// around it, and the version in it.

/** What the shapes found, in the order of their hits, and what each remembers of the hit texts it has read. */
export class Shapes {
  readonly hits = new Hits();
  private readonly knownImages = new Map<string, Named | null>();
  private readonly knownUrls = new Map<string, NamedRef[]>();
  private readonly knownHelmLines = new Map<string, Named | null>();
  /** where the line of the last helm hit ends */
  private lineEnd = -1;
  private readonly readImage = (run: string) => imageIn(run, this.table);
  private readonly readUrl = (rest: string) => gitRefsIn(rest, this.table);
  private readonly readHelmLine = (line: string) => helmIn(line, 0, line.length, this.table);

  constructor(
    private readonly text: string,
    private readonly table: ReferenceTable,
  ) {}

  /**
   * The image reference around the version colon at `colon` (`:1…`, `:v1…`): the maximal run of reference
   * characters around it. Returns where that run ends.
   */
  image(colon: number, region: CodeRegion): number {
    const text = this.text;
    let start = colon;
    while (start > region.start && REFERENCE_CHARS[text.charCodeAt(start - 1)] === 1) start--;
    REFERENCE_RUN.lastIndex = colon + 1;
    REFERENCE_RUN.test(text);
    const end = Math.min(REFERENCE_RUN.lastIndex, region.end);
    const before = start > region.start ? text[start - 1] : '';
    const after = end < region.end ? text[end] : '';
    if (CONTINUATION.has(text[start]) || PLACEHOLDER_NEIGHBOURS.has(before) || PLACEHOLDER_NEIGHBOURS.has(after)) return end;
    const named = remembered(this.knownImages, text.slice(start, end), this.readImage);
    if (named) this.hits.add(named.index, start + named.offset);
    return end;
  }

  /** The git refs of the URL whose host starts at `hit` (`github.com/OWNER/REPO…`). */
  github(hit: number, region: CodeRegion): void {
    const text = this.text;
    if (!startsHost(text, hit, region)) return;
    const from = hit + GITHUB.length;
    URL_CHARS.lastIndex = from;
    URL_CHARS.test(text);
    const end = URL_CHARS.lastIndex;
    if (end > region.end) return;
    for (const named of remembered(this.knownUrls, text.slice(from, end), this.readUrl)) {
      // (the character after the ref may be the one that ends the URL: `?ref=v1}`)
      if (!PLACEHOLDER_NEIGHBOURS.has(text[from + named.offset + named.length] ?? '')) this.hits.add(named.index, from + named.offset);
    }
  }

  /** raw.githubusercontent.com/OWNER/REPO/REF/… at `hit`: a list of its own, so that each list stays in order. */
  raw(hit: number, region: CodeRegion): void {
    const text = this.text;
    if (!startsHost(text, hit, region)) return;
    RAW_REST.lastIndex = hit + RAW.length;
    const match = RAW_REST.exec(text);
    if (!match || RAW_REST.lastIndex > region.end) return;
    const [whole, owner, repo, ref] = match;
    const named = gitRef(this.table, 'raw-content', owner, repo, ref, match.index + whole.length - ref.length - 1);
    if (named && !PLACEHOLDER_NEIGHBOURS.has(text[named.offset + named.length] ?? '')) this.hits.add(named.index, named.offset);
  }

  /**
   * `helm` as a word at `hit`, followed by a blank: the start of a command helmInstall reads. A command that ends
   * on its line reads the same wherever that line is, so each distinct line is parsed once.
   */
  helm(hit: number, region: CodeRegion): void {
    const text = this.text;
    if (hit > region.start && (isReferenceChar(text.charCodeAt(hit - 1)) || text[hit - 1] === '.')) return;
    // (the end of the line is found once for all the hits on it: a line of many commands stays linear)
    if (this.lineEnd < hit) {
      const newline = text.indexOf('\n', hit);
      this.lineEnd = newline < 0 ? text.length : newline;
    }
    const stop = Math.min(this.lineEnd, region.end);
    // a backslash at the end of the line may continue the command on the next, and a long line holds many
    // commands, each with a rest of its own: both are read in place
    const named = continuesLine(text, stop)
      ? helmIn(text, hit, region.end, this.table)
      : stop - hit > REMEMBERED_LINE
        ? helmIn(text, hit, stop, this.table)
        : remembered(this.knownHelmLines, text.slice(hit, stop), this.readHelmLine);
    if (named) this.hits.add(named.index, hit + named.offset);
  }
}

/** The longest rest of a line whose helm command is remembered by its text (an install command is far shorter). */
const REMEMBERED_LINE = 1024;

/** Next to a reference, these mean a template or placeholder builds it (`${REGISTRY}/app:v1`, `app:v1.2.3-<arch>`). */
const PLACEHOLDER_NEIGHBOURS = new Set(['$', '{', '}', '<', '>', '%', '\\']);
/** A run that starts with one of these is the tail of something longer (`${REGISTRY}/acme/app:v1`). */
const CONTINUATION = new Set(['/', '.', '-', ':', '@']);

/** `[\w.\-/:@]`: the characters of an image reference (tag and digest included), 1 by char code. */
const REFERENCE_CHARS = new Uint8Array(0x80).map((_, c) => (/[\w.\-/:@]/.test(String.fromCharCode(c)) ? 1 : 0));

function isReferenceChar(c: number): boolean {
  return REFERENCE_CHARS[c] === 1;
}

export function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** The reference characters from a position on (sticky: read where it is set). */
const REFERENCE_RUN = /[\w.\-/:@]*/y;

/** The image reference a run of reference characters writes, with a tag; null when it is none. */
function imageIn(run: string, table: ReferenceTable): Named | null {
  const written = run.replace(/[.:\-/]+$/, '');
  const parsed = parseImageRef(written);
  if (!parsed.ok || parsed.ref.tag === undefined) return null;
  const { repository, tag, digest } = parsed.ref;
  const digestAt = written.indexOf('@');
  const name = digestAt >= 0 ? written.slice(0, digestAt) : written;
  const index = table.add(digest ? ['image', repository, written, tag, digest] : ['image', repository, written, tag]);
  return { index, offset: name.lastIndexOf(':') + 1 };
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
export const GITHUB = 'github.com';
export const RAW = 'raw.githubusercontent.com';

/** `gist.github.com`, `api.github.com`, `mygithub.com` are other hosts. */
function startsHost(text: string, offset: number, region: CodeRegion): boolean {
  if (offset <= region.start) return true;
  const c = text.charCodeAt(offset - 1);
  return !(isReferenceChar(c) && c !== 0x2f && c !== 0x3a && c !== 0x40);
}

/** The characters a URL in code holds unquoted (GITHUB_REST's tail): the URL ends at the first other one. */
const URL_CHARS = /[^\s'"`<>()[\]{}|,;\\]*/y;

/** A git ref a URL names: the reference's index, where the ref starts in the URL and how long it is. */
interface NamedRef extends Named {
  length: number;
}

/** The git refs in what follows `github.com` in a URL (GITHUB_REST matches all of it or nothing). */
function gitRefsIn(rest: string, table: ReferenceTable): NamedRef[] {
  GITHUB_REST.lastIndex = 0;
  const match = GITHUB_REST.exec(rest);
  if (!match) return [];
  const [whole, owner, repo, tail] = match;
  const tailStart = whole.length - tail.length;
  const found: NamedRef[] = [];
  const push = (shape: GitReferenceShape, value: string, offset: number) => {
    const named = gitRef(table, shape, owner, repo, value, offset);
    if (named) found.push(named);
  };
  if (tail.startsWith(RELEASE_DOWNLOAD)) {
    const from = RELEASE_DOWNLOAD.length;
    const slash = tail.indexOf('/', from);
    // `releases/download/TAG/asset`; `releases/latest/download/…` names no version
    if (slash > from) push('release-download', tail.slice(from, slash), tailStart + from);
    return found;
  }
  const archive = ARCHIVE.exec(tail);
  if (archive) {
    push('archive', archive[2], tailStart + archive[1].length);
    return found;
  }
  // `go install github.com/OWNER/REPO/cmd/x@v1.2.2`: a module version (`@latest`, `@main` name none)
  const version = tail.lastIndexOf('@');
  if (version >= 0 && !tail.includes('?')) {
    push('go-module', tail.slice(version + 1), tailStart + version + 1);
    return found;
  }
  const query = tail.indexOf('?');
  if (query < 0) return found;
  let offset = query + 1;
  for (const parameter of tail.slice(query + 1).split('#')[0].split('&')) {
    if (parameter.startsWith('ref=')) push('kustomize-ref', parameter.slice(4), tailStart + offset + 4);
    offset += parameter.length + 1;
  }
  return found;
}

/** A ref in a URL at `offset`: trailing dots are punctuation, and a ref without a digit (`main`) names no version. */
function gitRef(table: ReferenceTable, shape: GitReferenceShape, owner: string, repo: string, value: string, offset: number): NamedRef | null {
  const ref = value.replace(/\.+$/, '');
  if (ref === '' || !/\d/.test(ref)) return null;
  return { index: table.add(['git-ref', shape, `${owner}/${repo.replace(/\.git$/i, '')}`, ref]), offset, length: ref.length };
}

function continuesLine(text: string, stop: number): boolean {
  return text[stop - 1] === '\\' || (text[stop - 1] === '\r' && text[stop - 2] === '\\');
}

/** The install at `start` of `code`, its version's offset from `start`. */
function helmIn(code: string, start: number, end: number, table: ReferenceTable): Named | null {
  const install = helmInstall(code, start, end);
  return install && { index: table.add(['helm-chart', install.chart, install.written, install.version]), offset: install.versionOffset - start };
}
