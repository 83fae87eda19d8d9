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

/** What the Markdown source contributes to the release model. */
export interface DocsSet {
  /** every Markdown file that was read, relative to the root */
  files: string[];
  references: DocReference[];
}
