// Synchronous: one call each per run, where a thread-pool round trip only adds start-up time
import { realpathSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { loadConfig } from '../config/load.js';
import type { TagcheckConfig } from '../model/config.js';
import { InputError } from '../model/errors.js';
import type { Platform } from '../model/platform.js';
import type { ReleaseModel } from '../model/release.js';
import { loadDocs } from '../sources/docs/index.js';
import { sharedWalk, statOrUndefined, type TreeWalk } from '../sources/file-walk.js';
import { originUrl, resolveRepositoryName, resolveRepositorySlug, type PushRemote, type RepositoryContext, type RepositoryName } from '../sources/git/repository-name.js';
import { resolveReleaseTag } from '../sources/git/release-tag.js';
import { cacheDirectory, openFactsCache, type FactsCache } from '../sources/manifests/facts-cache.js';
import type { FileReader } from '../sources/manifests/manifest-bytes.js';
import { parallelWorkers } from '../sources/manifests/workspace.js';
import { ParseCount } from '../sources/parse-count.js';
import { loadManifests } from '../sources/manifests/index.js';
import { markOwnDocReferences, setApartDocsOnlyImages } from './docs-ownership.js';
import { decideOwnership, ownershipDiagnostics } from './ownership.js';
import { chartReleasedBy, setAsideChartsReleasedApart } from './charts-released-apart.js';
import { setAsideOtherReleaseLines } from './other-release-lines.js';
import { setAsideTestFixtures } from './test-fixtures.js';
import { buildId, toolVersion } from './tool.js';

/** What the sources need to build the release model; the CLI fills it from flags and the environment. */
export interface ModelOptions {
  /** the checked repository (PATH); relative paths resolve against the process cwd */
  root: string;
  /** `--config` */
  configFile?: string;
  /** `--tag` */
  tag?: string;
  env: NodeJS.ProcessEnv;
  /** `--platform`: replaces the config's platform requirements for every image */
  platforms?: Platform[];
  /** set by `hook pre-push`: the remote being pushed to names the repository before CI variables and origin */
  pushRemote?: PushRemote;
  /** whether to read the Markdown docs, given the config (no rule that reads them runs: no scan); default yes */
  readDocs?: (config: TagcheckConfig) => boolean;
  /** keep the facts of plain manifests between runs (the CLI's default; `--no-cache` turns it off) */
  cache?: boolean;
  /**
   * the real path of the repository whose cache file to use, when the checked folder is a copy of it
   * (`hook pre-push` checks a temp tree of the tag); default: the checked folder's real path
   */
  cacheKey?: string;
  /** the git repository whose earlier release tags to read, when the checked folder is a copy (as for cacheKey) */
  historyRoot?: string;
  /** `--verbose` lines */
  log?: (line: string) => void;
  /** reads the Markdown files (default: readLimited); the check keeps what it read for the suppression step */
  docsReader?: FileReader;
}

/** sources → one release model: config, release tag, repository name, manifests, ownership. */
export async function buildReleaseModel(options: ModelOptions): Promise<ReleaseModel> {
  const root = resolve(options.root);
  await assertDirectory(options.root, root);
  // One content-keyed cache for the config's, the manifests' and the Markdown's facts, written once all are read.
  const opening = openCache(root, options);
  const count = new ParseCount();
  const loaded = await loadConfig(root, options.configFile, { cache: await opening, count });
  const config: TagcheckConfig = options.platforms?.length
    ? { ...loaded, platforms: [{ pattern: 'default', platforms: options.platforms }] }
    : loaded;
  // The name and, when the docs name GitHub URLs, the slug come from the same sources: git is asked once.
  let origin: Promise<string | null> | undefined;
  const repository: RepositoryContext = {
    env: options.env,
    ...(options.pushRemote ? { pushRemote: options.pushRemote } : {}),
    readOrigin: () => (origin ??= originUrl(root)),
  };
  // The sources are independent; git and the file reads overlap, and the manifests and the docs share one walk.
  const walk = sharedWalk();
  const [release, name, allManifests, docs] = await Promise.all([
    resolveReleaseTag({ root, flag: options.tag, env: options.env, versionFrom: config.versionFrom }),
    // The name only feeds the ownership fallback, which `images:` switches off: then no `git remote` process
    // (a few ms of a pre-push check), and the folder name stands in.
    config.images.length > 0
      ? ({ name: basename(root), source: 'folder name (unused: images: is configured)' } satisfies RepositoryName)
      : resolveRepositoryName(root, repository),
    opening.then((cache) => loadManifestsCached(root, config.manifests, options, cache, count, walk)),
    options.readDocs && !options.readDocs(config)
      ? { files: [], markdown: [], diagnostics: [] }
      : opening.then((cache) => loadDocs({ root, globs: config.docs, cache, walk, ...(options.docsReader ? { reader: options.docsReader } : {}) })),
  ]);
  options.log?.(count.describe());
  await (await opening)?.save();
  // Test-fixture folders are read but not checked, unless a manifests: glob names them.
  const deployed = setAsideTestFixtures(allManifests, config.manifests ?? []);
  const chartRelease = release ? chartReleasedBy(release, deployed.charts) : undefined;
  const checkedRelease = chartRelease ? null : release;
  // so are files kept for another release line (`example/deploy/0.1.2.yaml`), when a release is checked
  const ofThisLine = setAsideOtherReleaseLines(deployed, checkedRelease?.version, config.manifests ?? []);
  // and charts bumped only after their app's release, at their own chart release (read from git, when one lags)
  const manifests = await setAsideChartsReleasedApart(ofThisLine, checkedRelease, options.historyRoot ?? root, config.manifests ?? []);
  const ownership = decideOwnership(manifests.imageUses, config, name.name, checkedRelease, chartRelease, manifests.charts);
  // GitHub URLs in the docs are compared with this repository's OWNER/REPO: asked only when the docs name one.
  const slug = docs.markdown.some((markdown) => markdown.references.some((r) => r.kind === 'git-ref'))
    ? await resolveRepositorySlug(root, repository)
    : undefined;
  // the images set apart are not own in the docs either
  markOwnDocReferences(docs, ownership.matcher, { name: name.name, ...(slug ? { slug } : {}) });
  // and an own image only the docs name, on a line of its own (a demo image of the project's namespace)
  const docsApart = setApartDocsOnlyImages(docs, ownership.imageUses, checkedRelease, config, name.name);
  const model: ReleaseModel = {
    ...manifests,
    diagnostics: [...ownership.diagnostics, ...manifests.diagnostics, ...docs.diagnostics, ...docsApart],
    ...(docs.files.length > 0 ? { docs: { files: docs.files, markdown: docs.markdown } } : {}),
    imageUses: ownership.imageUses,
    root,
    repositoryName: name.name,
    repositoryNameSource: name.source,
    release: checkedRelease,
    ...(chartRelease ? { chartRelease } : {}),
    config,
    ownRepositories: ownership.ownRepositories,
    ...(ownership.apart.size > 0 ? { apartRepositories: [...ownership.apart].sort() } : {}),
    componentRepositories: ownership.matcher.components,
  };
  model.diagnostics = [...ownershipDiagnostics(model), ...model.diagnostics];
  return model;
}

async function assertDirectory(given: string, absolute: string): Promise<void> {
  const info = statOrUndefined(absolute);
  if (!info) throw new InputError(`PATH "${given}" does not exist`);
  if (!info.isDirectory()) throw new InputError(`PATH "${given}" is not a directory`);
}

/**
 * The facts cache when it is on (and can be placed). It is named after the repository it belongs to: the
 * checked root, or `cacheKey` (the hook checks a temp tree of the pushing repository; entries are keyed by
 * content, so they are right for any tree with the same files).
 */
async function openCache(root: string, options: ModelOptions): Promise<FactsCache | undefined> {
  const dir = options.cache ? cacheDirectory(options.cacheKey ?? root, options.env) : undefined;
  if (!dir) return undefined;
  const cache = await openFactsCache({ dir, root: options.cacheKey ?? realpathSync.native(root), toolVersion: toolVersion(), buildId: buildId() });
  options.log?.(`facts cache: ${cache.file}`);
  return cache;
}

/** The manifests, through the facts cache when there is one, parsed on worker threads when many. */
async function loadManifestsCached(root: string, globs: string[] | undefined, options: ModelOptions, cache: FactsCache | undefined, count: ParseCount, walk: TreeWalk) {
  const pinned = options.env.TAGCHECK_PARSE_WORKERS;
  const manifests = await loadManifests({
    root,
    globs,
    walk,
    parse: { cache, count, workers: parallelWorkers(options.env), alwaysParallel: pinned !== undefined && Number(pinned) > 0 },
  });
  return manifests;
}
