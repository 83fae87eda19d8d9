import type { Located } from './located.js';

/**
 * Versions that install instructions in Markdown name, read from fenced code blocks and inline code spans
 * (src/sources/docs). Each `version` is located at the first character of the version text itself, so a finding
 * points at what the user edits and `tagcheck fix` can replace exactly that text.
 */
export type DocReference = DocImageReference | DocGitReference | DocHelmReference;

/** `ghcr.io/acme/app:v1.2.2` in `docker pull`, an `image:` line of a YAML block, `kubectl set image …`. */
export interface DocImageReference {
  kind: 'image';
  /** normalized repository, as ImageRef.repository */
  repository: string;
  /** the reference as written (`acme/app:v1.2.2`), for messages */
  written: string;
  /** the tag */
  version: Located<string>;
  /** the reference is also pinned by digest: a new tag alone would contradict it, so no automatic fix */
  digest?: string;
  /** whether the image is the project's own: set by the engine with the manifests' ownership rules */
  own: boolean;
}

/** Where a git reference of a GitHub repository appears. */
export type GitReferenceShape = 'kustomize-ref' | 'release-download' | 'raw-content' | 'archive' | 'go-module';

/**
 * A git tag of a GitHub repository named in a URL: a kustomize remote `github.com/OWNER/REPO/path?ref=TAG`,
 * a release asset `github.com/OWNER/REPO/releases/download/TAG/file`, raw content
 * `raw.githubusercontent.com/OWNER/REPO/TAG/file`, a source archive `github.com/OWNER/REPO/archive/refs/tags/TAG.tar.gz`,
 * a Go module version `go install github.com/OWNER/REPO/cmd/x@TAG`.
 */
export interface DocGitReference {
  kind: 'git-ref';
  shape: GitReferenceShape;
  /** `OWNER/REPO` as written (`.git` dropped) */
  repository: string;
  /** the ref (`v0.26.1`, `release-1.34`, `main`) */
  version: Located<string>;
  /** whether OWNER/REPO is this repository (the `origin` remote, compared case-insensitively): set by the engine */
  own: boolean;
}

/** `helm install|upgrade … CHART --version X`: `chart` is the chart's name (the last segment of `repo/chart`). */
export interface DocHelmReference {
  kind: 'helm-chart';
  chart: string;
  /** the chart argument as written (`descheduler/descheduler`, `oci://ghcr.io/acme/charts/app`) */
  written: string;
  version: Located<string>;
}

/**
 * A reference without its place: what the occurrences of one distinct reference share. `version` is the version
 * text (an occurrence's Located value).
 */
export type DistinctDocReference =
  | (Omit<DocImageReference, 'version'> & { version: string })
  | (Omit<DocGitReference, 'version'> & { version: string })
  | (Omit<DocHelmReference, 'version'> & { version: string });

/**
 * One Markdown file's references, grouped: an install guide names the same few references thousands of times, so
 * each distinct reference is kept once (and decided once: own, stale) and each occurrence is three numbers. A
 * Located position is built only for an occurrence a rule reports (`occurrenceAt`).
 */
export interface MarkdownReferences {
  file: string;
  /** each distinct reference once; `own` is set by the engine */
  references: DistinctDocReference[];
  /**
   * the occurrences in document order, three numbers each: the index in `references`, the line as the difference
   * from the previous occurrence's line (the first one's from 0), the column (both as in Located)
   */
  at: readonly number[];
}

/** What the Markdown source contributes to the release model. */
export interface DocsSet {
  /** every Markdown file that was read, relative to the root */
  files: string[];
  /** the references of each file that names any, in the order the files were found */
  markdown: MarkdownReferences[];
}

/** Calls `visit` for each occurrence of `markdown`, in document order, with its reference's index and place. */
export function forEachOccurrence(markdown: MarkdownReferences, visit: (index: number, line: number, column: number) => void): void {
  const at = markdown.at;
  let line = 0;
  for (let i = 0; i < at.length; i += 3) {
    line += at[i + 1];
    visit(at[i], line, at[i + 2]);
  }
}

/** Every occurrence as a DocReference of its own, in document order (for tests and tools, not the check). */
export function docReferencesOf(markdown: MarkdownReferences): DocReference[] {
  const references: DocReference[] = [];
  forEachOccurrence(markdown, (index, line, column) => {
    const distinct = markdown.references[index];
    references.push({ ...distinct, version: { value: distinct.version, file: markdown.file, line, column } } as DocReference);
  });
  return references;
}

/** docReferencesOf for every file of `docs`. */
export function allDocReferences(docs: DocsSet): DocReference[] {
  return docs.markdown.flatMap(docReferencesOf);
}

/** The grouped form of `references` (each file's distinct references once, the occurrences in the given order). */
export function groupDocReferences(references: readonly DocReference[]): MarkdownReferences[] {
  const byFile = new Map<string, { markdown: MarkdownReferences & { at: number[] }; index: Map<string, number>; line: number }>();
  for (const reference of references) {
    const file = reference.version.file;
    let entry = byFile.get(file);
    if (!entry) byFile.set(file, (entry = { markdown: { file, references: [], at: [] }, index: new Map(), line: 0 }));
    const distinct = { ...reference, version: reference.version.value } as DistinctDocReference;
    const key = JSON.stringify(distinct);
    let index = entry.index.get(key);
    if (index === undefined) {
      entry.index.set(key, (index = entry.markdown.references.length));
      entry.markdown.references.push(distinct);
    }
    entry.markdown.at.push(index, reference.version.line - entry.line, reference.version.column);
    entry.line = reference.version.line;
  }
  return [...byFile.values()].map((entry) => entry.markdown);
}
