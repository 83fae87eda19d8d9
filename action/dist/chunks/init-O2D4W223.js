import { createRequire as __tagcheckCreateRequire } from 'node:module';
const require = __tagcheckCreateRequire(import.meta.url);
import {
  defaultConfig,
  isTestFixturePath,
  loadConfig,
  loadManifests,
  resolveReleaseTag,
  setAsideTestFixtures
} from "./chunk-GCMTTL4V.js";
import "./chunk-H552KLEE.js";
import {
  setApartNamesakes,
  setApartSeparatelyVersioned
} from "./chunk-J4PBTIGS.js";
import {
  mentionsRepositoryName
} from "./chunk-7G6ADTDN.js";
import {
  resolveRepositoryName
} from "./chunk-XXZ2UYBR.js";
import "./chunk-AW26LPCX.js";
import "./chunk-RGLCWCIF.js";
import "./chunk-FI5HTOGP.js";
import "./chunk-RCVICTRH.js";
import "./chunk-FQ47HCOD.js";
import {
  InputError
} from "./chunk-RPMDAMUC.js";
import "./chunk-EDL2D4W5.js";

// src/cli/init.ts
import { rm, stat, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
var CONFIG_FILE = ".tagcheck.yaml";
var EXISTING_CONFIGS = [".tagcheck.yaml", ".tagcheck.yml"];
var SCHEMA_URL = "https://raw.githubusercontent.com/tagcheck/tagcheck/main/schema/tagcheck.schema.json";
var USAGE = `Usage: tagcheck init [PATH] [--force]

Discovers the project's own images, manifests, Helm charts and kustomizations in PATH (default: .)
and writes a commented ${CONFIG_FILE} there. Refuses to overwrite an existing config unless --force.
`;
async function runInitCommand(argv, io) {
  if (argv.includes("--help") || argv.includes("-h")) {
    io.stdout.write(USAGE);
    return 0;
  }
  const force = argv.includes("--force");
  const positional = argv.filter((arg) => arg !== "--force");
  const unknown = positional.find((arg) => arg.startsWith("-"));
  if (unknown) throw new InputError(`init: unknown option "${unknown}" (allowed: --force)`);
  if (positional.length > 1) throw new InputError(`init: one PATH expected, got ${positional.length}`);
  const root = resolve(io.cwd, positional[0] ?? ".");
  if (!(await stat(root).catch(() => null))?.isDirectory()) throw new InputError(`init: ${root} is not a directory`);
  for (const name of EXISTING_CONFIGS) {
    if (!force && await stat(join(root, name)).catch(() => null)) {
      throw new InputError(`init: ${join(root, name)} already exists; rerun with --force to replace it`);
    }
  }
  const manifests = setAsideTestFixtures(await loadManifests({ root }));
  const release = await resolveReleaseTag({ root, env: io.env });
  const discovery = discover(manifests, (await resolveRepositoryName(root, { env: io.env })).name, release);
  const file = join(root, CONFIG_FILE);
  await writeFile(file, renderConfig(discovery));
  try {
    await loadConfig(root);
  } catch (error) {
    await rm(file, { force: true });
    throw new Error(`init wrote a config that does not validate (${error.message}); please report this`);
  }
  const plural = (count, word) => `${count} ${word}${count === 1 ? "" : "s"}`;
  io.stdout.write(
    `tagcheck: wrote ${file}: ${plural(discovery.ownImages.length, "own image")}, ${plural(discovery.fileCount, "manifest file")}, ${plural(discovery.charts.length, "chart")}, ${plural(discovery.kustomizations.length, "kustomization")}
`
  );
  if (force && await stat(join(root, ".tagcheck.yml")).catch(() => null)) {
    io.stderr.write(`tagcheck: ${CONFIG_FILE} takes precedence over the existing .tagcheck.yml; delete that one
`);
  }
  if (discovery.ownImages.length === 0) {
    io.stderr.write(`tagcheck: no own image recognised; list them under images: in ${CONFIG_FILE}
`);
  }
  return 0;
}
function discover(manifests, repoName, release = null) {
  const repositories = [...new Set(manifests.imageUses.map((use) => use.ref.repository))].sort();
  const name = repoName.trim().toLowerCase();
  const pathOf = (repository) => repository.slice(repository.indexOf("/") + 1).toLowerCase();
  let ownImages = name ? repositories.filter((repository) => mentionsRepositoryName(pathOf(repository), name)) : [];
  let ownReason = `their path contains the repository name "${repoName}"`;
  if (ownImages.length > 0) {
    const byName = new Set(ownImages);
    const marked = manifests.imageUses.map((use) => ({ ...use, own: byName.has(use.ref.repository) }));
    const config = defaultConfig();
    const namesakes = setApartNamesakes(marked, config, repoName);
    const separate = setApartSeparatelyVersioned(namesakes.imageUses, release?.version ? release : null, config, repoName);
    const apart = /* @__PURE__ */ new Set([...namesakes.apart, ...separate.apart]);
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
    charts: manifests.charts.filter((chart) => !chart.vendored).map((chart) => ({ dir: chart.dir, ...chart.appVersion ? { appVersion: chart.appVersion.value } : {} })).sort((a, b) => a.dir.localeCompare(b.dir)),
    kustomizations: [...new Set(kustomizations)].sort(),
    fileCount: files.length
  };
}
function namespaceOf(repository) {
  const parts = repository.split("/");
  if (parts.length < 3 || parts[0] === "docker.io" && parts[1] === "library") return void 0;
  return parts.slice(0, -1).join("/");
}
function dominantNamespace(repositories) {
  const counts = /* @__PURE__ */ new Map();
  for (const repository of repositories) {
    const namespace = namespaceOf(repository);
    if (namespace) counts.set(namespace, (counts.get(namespace) ?? 0) + 1);
  }
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (ranked.length === 0 || ranked[0][1] < 2 && ranked.length > 1) return void 0;
  return ranked[0][0];
}
function dirOf(file) {
  const slash = file.lastIndexOf("/");
  return slash < 0 ? "." : file.slice(0, slash);
}
function manifestGlobs(files) {
  const globs = /* @__PURE__ */ new Set();
  for (const file of files) {
    if (file.startsWith(".") || isTestFixturePath(file)) continue;
    const slash = file.indexOf("/");
    const extension = /\.yml$/.test(file) ? "yml" : /\.yaml$/.test(file) ? "yaml" : void 0;
    if (slash < 0) globs.add(file);
    else globs.add(extension ? `${file.slice(0, slash)}/**/*.${extension}` : `${file.slice(0, slash)}/**`);
  }
  return [...globs].sort();
}
function renderConfig(d) {
  const lines = [
    `# yaml-language-server: $schema=${SCHEMA_URL}`,
    "# tagcheck configuration, written by `tagcheck init`. Review it, then commit it.",
    "# Every key is optional; the commented ones show the defaults or an example.",
    "",
    `# The project's own images: these must carry the release tag (${d.ownImages.length ? d.ownReason : "none recognised: list them here"}).`,
    "# Exact repositories or globs such as ghcr.io/acme/gadget-*.",
    "# How tagcheck decides what is own: with images: listed, exactly these (and components:). Without it, an",
    "# image whose path contains the repository name, and a chart named after it; the name comes from the remote",
    "# being pushed to (pre-push hook), GITHUB_REPOSITORY or CI_PROJECT_PATH in CI, the origin remote, or the",
    `# folder name (here: "${d.repositoryName}"; \`tagcheck check --verbose\` shows which).`,
    '# When a release is checked and no image in the manifests is own, tagcheck warns "no image in the manifests',
    '# belongs to this project" (with images: listed: "no image in the manifests matches images:") instead of',
    "# reporting a clean release: nothing was compared with the release. --fail-on warning fails on that warning."
  ];
  if (d.ownImages.length) {
    lines.push("images:", ...d.ownImages.map((image) => `  - ${image}`));
  } else {
    lines.push("# images:", "#   - ghcr.io/acme/app");
  }
  if (d.thirdPartyImages.length) {
    lines.push(`# Also referenced, treated as third-party: ${d.thirdPartyImages.join(", ")}`);
  }
  lines.push(
    "",
    "# Images released together with the own ones but not referenced by any manifest:",
    "# components:",
    "#   - ghcr.io/acme/app-migrations",
    "",
    `# Where the manifests are (${d.fileCount} files found). Default: every *.yaml/*.yml outside .git, node_modules, vendor.`
  );
  if (d.manifestGlobs.length) lines.push("manifests:", ...d.manifestGlobs.map((glob) => `  - ${quote(glob)}`));
  else lines.push("# manifests:", "#   - deploy/**/*.yaml");
  if (d.charts.length) {
    lines.push("# Helm charts found:", ...d.charts.map((chart) => `#   ${chart.dir}${chart.appVersion ? ` (appVersion ${chart.appVersion})` : ""}`));
  }
  if (d.kustomizations.length) {
    lines.push("# Kustomizations found:", ...d.kustomizations.map((dir) => `#   ${dir}`));
  }
  const chartWithVersion = d.charts.find((chart) => chart.appVersion);
  lines.push(
    "",
    '# Image tag vs git tag: same (v-prefix insensitive) | exact | "v{version}" | "{version}"',
    "tagFormat: same",
    "",
    "# Platforms every release image index (and latest) must hold, for all images or per image glob:",
    "# platforms: [linux/amd64, linux/arm64]",
    "",
    "# Whether `latest` must exist and point at the newest stable release: required | optional | forbidden",
    "latest: required",
    "",
    "# Tags that deploy manifests must not use:",
    "# mutableTags: [latest, main, master, dev, edge, nightly]",
    "",
    "# Where the intended version lives when no release tag is given:",
    "# version:",
    `#   from: ${chartWithVersion ? `${chartWithVersion.dir === "." ? "" : `${chartWithVersion.dir}/`}Chart.yaml` : "charts/app/Chart.yaml"}#appVersion`,
    "",
    "# Per-rule levels: off | note | warning | error",
    "# rules:",
    "#   mutable-image-tag: warning",
    "",
    "# Findings accepted on purpose (or put `# tagcheck-ignore <rule-id> -- reason` on the offending line):",
    "# ignore:",
    "#   - rule: mutable-image-tag",
    '#     path: "examples/**"',
    "#     reason: examples track latest on purpose",
    "",
    "# Registries reached over plain HTTP or without TLS verification:",
    "# registries:",
    "#   localhost:5000: { insecure: true }",
    "",
    "# Signatures and attestations every release image must have (checked for presence, not verified):",
    "# require:",
    "#   signatures: true                   # or { platforms: true } for each platform manifest too",
    "#   attestations: [sbom, provenance]   # or { kinds: [sbom, provenance], platforms: true }",
    ""
  );
  return lines.join("\n");
}
function quote(text) {
  return /^[\w./-][\w./*-]*$/.test(text) ? text : JSON.stringify(text);
}
export {
  CONFIG_FILE,
  SCHEMA_URL,
  discover,
  renderConfig,
  runInitCommand
};
