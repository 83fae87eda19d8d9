import type { TagcheckConfig } from './config.js';
import type { ClusterState, DeployedImage } from './cluster.js';
import type { DocsSet } from './docs.js';
import type { Level } from './finding.js';
import type { ImageRef } from './image-ref.js';
import type { Located, Position } from './located.js';
import type { RegistryFacts } from './registry.js';
import type { Version } from './version.js';

export type ReleaseSource = 'flag' | 'github' | 'gitlab' | 'git' | 'config';

/** The release under check; `version` is null when the tag is not a semantic version. */
export interface Release {
  tag: string;
  version: Version | null;
  source: ReleaseSource;
  /** where the tag came from when it was read from a file (`version.from`) */
  location?: Position;
}

/** How a reference reached its effective tag; decides where a finding points. */
export type TagSource = 'inline' | 'kustomize' | 'helm-values' | 'helm-app-version' | 'none';

/** One place a manifest makes a container image run or configures one (Helm values, kustomize `images:`). */
export interface ImageUse {
  /** the effective reference, after kustomize overrides and Helm defaults */
  ref: ImageRef;
  /** whether the image is one of the project's own (set by the engine from config or repository name) */
  own: boolean;
  kind: 'workload' | 'kustomize' | 'helm-values';
  /** the node that names the image (the `image:` value, the values `repository`, the kustomize `name`) */
  at: Position;
  /** the node that decides the effective tag: `newTag`, values `tag`, Chart `appVersion`, or the image string */
  tagAt?: Position;
  tagSource: TagSource;
  /** the kustomization directory whose build this use belongs to, for kustomize-rendered uses */
  kustomization?: string;
  /** the Helm chart directory, for uses read from a chart's values */
  chart?: string;
  /** an empty values tag that the chart's templates default to what only rendering knows (the cluster's version) */
  renderedTag?: true;
}

export interface HelmChart {
  /** chart directory relative to the root */
  dir: string;
  file: string;
  name?: Located<string>;
  version?: Located<string>;
  appVersion?: Located<string>;
  /** a dependency vendored under another chart's `charts/` folder: its versions are not the project's */
  vendored: boolean;
  /** false when the chart has no `templates/` folder (it only wraps its dependencies' charts) */
  templates?: false;
}

/** One entry of a kustomization's `images:` list and whether it changes anything. */
export interface KustomizeImageOverride {
  file: string;
  name: Located<string>;
  newName?: Located<string>;
  newTag?: Located<string>;
  digest?: Located<string>;
  /** false when no container image of the kustomization's resources has this name */
  matched: boolean;
  /** true when some resources could not be read (remote URLs, cycles), so `matched` may be incomplete */
  incomplete: boolean;
  /** the container images (as written, tag and digest dropped) that reached this entry in the build, sorted */
  resourceImages?: string[];
}

/** A file or value that could not be read or was skipped on purpose; reported, never thrown. */
export interface Diagnostic {
  /** absent for a diagnostic about the whole run (nothing identified as the project's own) */
  file?: string;
  line?: number;
  column?: number;
  level: Level;
  message: string;
  /** how many image references this note says were deliberately not checked (test fixtures, an image set apart) */
  notChecked?: number;
}

/** What the manifests source produces. */
export interface ManifestSet {
  /** every file that was read, relative to the root */
  files: string[];
  imageUses: ImageUse[];
  charts: HelmChart[];
  kustomizeOverrides: KustomizeImageOverride[];
  diagnostics: Diagnostic[];
}

/** One model of the release: what every rule reads. */
export interface ReleaseModel extends ManifestSet {
  root: string;
  /** the repository's name: push remote, CI variable, `origin` remote or folder name (the ownership fallback) */
  repositoryName: string;
  /** where repositoryName came from (`origin`, `GITHUB_REPOSITORY`, `folder name`, …), for --verbose and warnings */
  repositoryNameSource?: string;
  release: Release | null;
  config: TagcheckConfig;
  /** normalized repositories of the project's own images: configured, components and those found in manifests */
  ownRepositories: string[];
  /**
   * repositories the repository-name test matches but that were set apart (a namesake, a sibling's version
   * line): not own here, so not own in the cluster either
   */
  apartRepositories?: string[];
  /** normalized repositories of `components` (released together, not necessarily referenced) */
  componentRepositories: string[];
  /** answers gathered from the registry before the rules ran; absent when registry rules do not run */
  registry?: RegistryFacts;
  /** versions named by Markdown install instructions (code blocks and inline code); absent when no Markdown was read */
  docs?: DocsSet;
  /**
   * Set when the tag under check releases one of the repository's Helm charts (chart-releaser's
   * `<chart>-<chart version>`, e.g. `external-dns-helm-chart-1.10.1`): it names the chart's version, not the
   * images', so `release` is then null and the rules check that the manifests agree with each other.
   */
  chartRelease?: Release & { chart: string };
  /** the cluster as read before the rules ran; absent unless cluster rules run (`--cluster`, `--cluster-snapshot`) */
  cluster?: ClusterState;
  /** every container image the cluster runs, parsed, with ownership decided as for the manifests */
  deployedImages?: DeployedImage[];
}
