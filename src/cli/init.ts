import { rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { loadConfig } from '../config/load.js';
import { InputError } from '../model/errors.js';
import { mentionsRepositoryName } from '../model/ownership.js';
import type { ManifestSet, Release } from '../model/release.js';
import { resolveReleaseTag } from '../sources/git/release-tag.js';
import { isTestFixturePath } from '../model/test-fixtures.js';
import { setApartNamesakes, setApartSeparatelyVersioned } from '../engine/ownership.js';
import { setAsideTestFixtures } from '../engine/test-fixtures.js';
import { defaultConfig } from '../config/defaults.js';
import { resolveRepositoryName } from '../sources/git/repository-name.js';
import { loadManifests } from '../sources/manifests/index.js';
import type { CliIO } from './io.js';

export const CONFIG_FILE = '.tagcheck.yaml';
const EXISTING_CONFIGS = ['.tagcheck.yaml', '.tagcheck.yml'];
/** Editors with the YAML language server validate and complete the config against this. */
export const SCHEMA_URL = 'https://raw.githubusercontent.com/tagcheck/tagcheck/main/schema/tagcheck.schema.json';

const USAGE = `Usage: tagcheck init [PATH] [--force]

Discovers the project's own images, manifests, Helm charts and kustomizations in PATH (default: .)
and writes a commented ${CONFIG_FILE} there. Refuses to overwrite an existing config unless --force.
`;

/** What `init` found, and what it writes. */
export interface Discovery {
  repositoryName: string;
  /** normalized repositories judged to be the project's own */
  ownImages: string[];
  /** how they were judged, for the comment above `images:` */
  ownReason: string;
  /** every other image, for the comment that says what was left out */
  thirdPartyImages: string[];
  manifestGlobs: string[];
  charts: { dir: string; appVersion?: string }[];
  kustomizations: string[];
  fileCount: number;
}

/** `tagcheck init [PATH] [--force]` */
export async function runInitCommand(argv: string[], io: CliIO): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout.write(USAGE);
    return 0;
  }
  const force = argv.includes('--force');
  const positional = argv.filter((arg) => arg !== '--force');
  const unknown = positional.find((arg) => arg.startsWith('-'));
  if (unknown) throw new InputError(`init: unknown option "${unknown}" (allowed: --force)`);
  if (positional.length > 1) throw new InputError(`init: one PATH expected, got ${positional.length}`);
  const root = resolve(io.cwd, positional[0] ?? '.');
  if (!(await stat(root).catch(() => null))?.isDirectory()) throw new InputError(`init: ${root} is not a directory`);

  for (const name of EXISTING_CONFIGS) {
    if (!force && (await stat(join(root, name)).catch(() => null))) {
      throw new InputError(`init: ${join(root, name)} already exists; rerun with --force to replace it`);
    }
  }

  // as the check sees them: test fixtures set aside, so their made-up images are not listed as own
  const manifests = setAsideTestFixtures(await loadManifests({ root }));
  // the same name (and order of sources) the check's ownership fallback uses
  // the release at HEAD (a tag pointing at it, CI's tag), if any, tells a sibling's version line from the release's
  const release = await resolveReleaseTag({ root, env: io.env });
  const discovery = discover(manifests, (await resolveRepositoryName(root, { env: io.env })).name, release);
  const file = join(root, CONFIG_FILE);
  await writeFile(file, renderConfig(discovery));
  try {
    // What init writes must pass the same validation as a hand-written config.
    await loadConfig(root);
  } catch (error) {
    await rm(file, { force: true });
    throw new Error(`init wrote a config that does not validate (${(error as Error).message}); please report this`);
  }

  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  io.stdout.write(
    `tagcheck: wrote ${file}: ${plural(discovery.ownImages.length, 'own image')}, ${plural(discovery.fileCount, 'manifest file')}, ` +
      `${plural(discovery.charts.length, 'chart')}, ${plural(discovery.kustomizations.length, 'kustomization')}\n`,
  );
  if (force && (await stat(join(root, '.tagcheck.yml')).catch(() => null))) {
    io.stderr.write(`tagcheck: ${CONFIG_FILE} takes precedence over the existing .tagcheck.yml; delete that one\n`);
  }
  if (discovery.ownImages.length === 0) {
    io.stderr.write(`tagcheck: no own image recognised; list them under images: in ${CONFIG_FILE}\n`);
  }
  return 0;
}

/** Finds the project's own images, manifest folders, charts and kustomizations in what the manifests source read. */
export function discover(manifests: ManifestSet, repoName: string, release: Release | null = null): Discovery {
  const repositories = [...new Set(manifests.imageUses.map((use) => use.ref.repository))].sort();
  const name = repoName.trim().toLowerCase();
  const pathOf = (repository: string) => repository.slice(repository.indexOf('/') + 1).toLowerCase();

  // First the contract's own default (the repository name in the image path), so the written config keeps
  // what tagcheck would do without one; else the registry namespace most of the images live in.
  let ownImages = name ? repositories.filter((repository) => mentionsRepositoryName(pathOf(repository), name)) : [];
  let ownReason = `their path contains the repository name "${repoName}"`;
  // and without the two over-reaches the check sets apart: a namesake, a sibling's version line
  if (ownImages.length > 0) {
    const byName = new Set(ownImages);
    const marked = manifests.imageUses.map((use) => ({ ...use, own: byName.has(use.ref.repository) }));
    const config = defaultConfig();
    const namesakes = setApartNamesakes(marked, config, repoName);
    const separate = setApartSeparatelyVersioned(namesakes.imageUses, release?.version ? release : null, config, repoName);
    const apart = new Set([...namesakes.apart, ...separate.apart]);
    ownImages = ownImages.filter((repository) => !apart.has(repository));
  }
  if (ownImages.length === 0) {
    const namespace = dominantNamespace(repositories);
    if (namespace) {
      ownImages = repositories.filter((repository) => namespaceOf(repository) === namespace);
      ownReason = `most images live under ${namespace}/`;
    }
  }
  const own = new Set(ownImages);
  // tagcheck's own config is YAML too, but not a manifest.
  const files = manifests.files.filter((file) => !EXISTING_CONFIGS.includes(file));
  const kustomizations = [...new Set(manifests.kustomizeOverrides.map((override) => dirOf(override.file)))];
  for (const file of files) {
    if (/(^|\/)kustomization\.ya?ml$/.test(file) || /(^|\/)Kustomization$/.test(file)) kustomizations.push(dirOf(file));
  }
  return {
    repositoryName: repoName,
    ownImages,
    ownReason,
    thirdPartyImages: repositories.filter((repository) => !own.has(repository)),
    manifestGlobs: manifestGlobs(files),
    charts: manifests.charts
      .filter((chart) => !chart.vendored)
      .map((chart) => ({ dir: chart.dir, ...(chart.appVersion ? { appVersion: chart.appVersion.value } : {}) }))
      .sort((a, b) => a.dir.localeCompare(b.dir)),
    kustomizations: [...new Set(kustomizations)].sort(),
    fileCount: files.length,
  };
}

/** `ghcr.io/acme/app` → `ghcr.io/acme`; Docker Hub's official images have no namespace of their own. */
function namespaceOf(repository: string): string | undefined {
  const parts = repository.split('/');
  if (parts.length < 3 || (parts[0] === 'docker.io' && parts[1] === 'library')) return undefined;
  return parts.slice(0, -1).join('/');
}

function dominantNamespace(repositories: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const repository of repositories) {
    const namespace = namespaceOf(repository);
    if (namespace) counts.set(namespace, (counts.get(namespace) ?? 0) + 1);
  }
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  // One image alone under a namespace says nothing about ownership when others live elsewhere.
  if (ranked.length === 0 || (ranked[0][1] < 2 && ranked.length > 1)) return undefined;
  return ranked[0][0];
}

function dirOf(file: string): string {
  const slash = file.lastIndexOf('/');
  return slash < 0 ? '.' : file.slice(0, slash);
}

/**
 * One glob per top-level folder (and per extension in use), plus the manifest files at the root itself; never
 * a dot-folder or dot-file (`.github/`, `.golangci.yml`: CI and tool configs) nor a test-fixture folder, which the
 * check sets aside unless a glob names it.
 */
function manifestGlobs(files: string[]): string[] {
  const globs = new Set<string>();
  for (const file of files) {
    if (file.startsWith('.') || isTestFixturePath(file)) continue;
    const slash = file.indexOf('/');
    const extension = /\.yml$/.test(file) ? 'yml' : /\.yaml$/.test(file) ? 'yaml' : undefined;
    if (slash < 0) globs.add(file);
    else globs.add(extension ? `${file.slice(0, slash)}/**/*.${extension}` : `${file.slice(0, slash)}/**`);
  }
  return [...globs].sort();
}

/** The config text: every discovered value active, every other key present as a commented example. */
export function renderConfig(d: Discovery): string {
  const lines: string[] = [
    `# yaml-language-server: $schema=${SCHEMA_URL}`,
    '# tagcheck configuration, written by `tagcheck init`. Review it, then commit it.',
    '# Every key is optional; the commented ones show the defaults or an example.',
    '',
    `# The project's own images: these must carry the release tag (${d.ownImages.length ? d.ownReason : 'none recognised: list them here'}).`,
    '# Exact repositories or globs such as ghcr.io/acme/gadget-*.',
    '# How tagcheck decides what is own: with images: listed, exactly these (and components:). Without it, an',
    '# image whose path contains the repository name, and a chart named after it; the name comes from the remote',
    '# being pushed to (pre-push hook), GITHUB_REPOSITORY or CI_PROJECT_PATH in CI, the origin remote, or the',
    `# folder name (here: "${d.repositoryName}"; \`tagcheck check --verbose\` shows which).`,
    '# When a release is checked and no image in the manifests is own, tagcheck warns "no image in the manifests',
    '# belongs to this project" (with images: listed: "no image in the manifests matches images:") instead of',
    '# reporting a clean release: nothing was compared with the release. --fail-on warning fails on that warning.',
  ];
  if (d.ownImages.length) {
    lines.push('images:', ...d.ownImages.map((image) => `  - ${image}`));
  } else {
    lines.push('# images:', '#   - ghcr.io/acme/app');
  }
  if (d.thirdPartyImages.length) {
    lines.push(`# Also referenced, treated as third-party: ${d.thirdPartyImages.join(', ')}`);
  }
  lines.push(
    '',
    '# Images released together with the own ones but not referenced by any manifest:',
    '# components:',
    '#   - ghcr.io/acme/app-migrations',
    '',
    `# Where the manifests are (${d.fileCount} files found). Default: every *.yaml/*.yml outside .git, node_modules, vendor.`,
  );
  if (d.manifestGlobs.length) lines.push('manifests:', ...d.manifestGlobs.map((glob) => `  - ${quote(glob)}`));
  else lines.push('# manifests:', '#   - deploy/**/*.yaml');
  if (d.charts.length) {
    lines.push('# Helm charts found:', ...d.charts.map((chart) => `#   ${chart.dir}${chart.appVersion ? ` (appVersion ${chart.appVersion})` : ''}`));
  }
  if (d.kustomizations.length) {
    lines.push('# Kustomizations found:', ...d.kustomizations.map((dir) => `#   ${dir}`));
  }
  const chartWithVersion = d.charts.find((chart) => chart.appVersion);
  lines.push(
    '',
    '# Image tag vs git tag: same (v-prefix insensitive) | exact | "v{version}" | "{version}"',
    'tagFormat: same',
    '',
    '# Platforms every release image index (and latest) must hold, for all images or per image glob:',
    '# platforms: [linux/amd64, linux/arm64]',
    '',
    '# Whether `latest` must exist and point at the newest stable release: required | optional | forbidden',
    'latest: required',
    '',
    '# Tags that deploy manifests must not use:',
    '# mutableTags: [latest, main, master, dev, edge, nightly]',
    '',
    '# Where the intended version lives when no release tag is given:',
    '# version:',
    `#   from: ${chartWithVersion ? `${chartWithVersion.dir === '.' ? '' : `${chartWithVersion.dir}/`}Chart.yaml` : 'charts/app/Chart.yaml'}#appVersion`,
    '',
    '# Per-rule levels: off | note | warning | error',
    '# rules:',
    '#   mutable-image-tag: warning',
    '',
    '# Findings accepted on purpose (or put `# tagcheck-ignore <rule-id> -- reason` on the offending line):',
    '# ignore:',
    '#   - rule: mutable-image-tag',
    '#     path: "examples/**"',
    '#     reason: examples track latest on purpose',
    '',
    '# Registries reached over plain HTTP or without TLS verification:',
    '# registries:',
    '#   localhost:5000: { insecure: true }',
    '',
    '# Signatures and attestations every release image must have (checked for presence, not verified):',
    '# require:',
    '#   signatures: true                   # or { platforms: true } for each platform manifest too',
    '#   attestations: [sbom, provenance]   # or { kinds: [sbom, provenance], platforms: true }',
    '',
  );
  return lines.join('\n');
}

/** Globs start with `*` or contain `{`, which YAML would read as an alias or a flow mapping. */
function quote(text: string): string {
  return /^[\w./-][\w./*-]*$/.test(text) ? text : JSON.stringify(text);
}
