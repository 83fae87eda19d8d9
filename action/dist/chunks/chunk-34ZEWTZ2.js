import { createRequire as __tagcheckCreateRequire } from 'node:module';
const require = __tagcheckCreateRequire(import.meta.url);
import {
  levelRank
} from "./chunk-5IJPJYX3.js";
import {
  DEFAULT_REQUIREMENTS,
  loadConfig,
  loadManifests,
  splitVersionFrom
} from "./chunk-G6VOG326.js";
import {
  highestTag,
  tagsAtHead
} from "./chunk-QHD74W3V.js";
import {
  keyText,
  quote
} from "./chunk-KUNS46D5.js";
import {
  markOwnImages,
  ownershipDiagnostics,
  ownershipMatcher
} from "./chunk-CEIQVYX5.js";
import {
  TOOL_NAME,
  buildId,
  toolVersion
} from "./chunk-JUDT4YET.js";
import {
  rules
} from "./chunk-VE2YSD54.js";
import {
  resolveRepositoryName
} from "./chunk-4OAFZARK.js";
import {
  LineCounter,
  isMap,
  isScalar,
  isSeq,
  parallelWorkers,
  parseAllDocuments
} from "./chunk-GNG5VSIP.js";
import {
  compareVersions,
  parseReleaseTag,
  parseVersion
} from "./chunk-FI5HTOGP.js";
import {
  InputError
} from "./chunk-RPMDAMUC.js";

// src/engine/release-model.ts
import { realpath as realpath2, stat } from "node:fs/promises";
import { basename, resolve as resolve2 } from "node:path";

// src/sources/git/version-from.ts
import { constants } from "node:fs";
import { open, realpath } from "node:fs/promises";
import { isAbsolute, relative, resolve, sep } from "node:path";
var MAX_VERSION_FILE_BYTES = 4 * 1024 * 1024;
var MAX_VERSION_LENGTH = 128;
var PLACEHOLDER = /^%[^%]*%$|\$\{[^}]*\}|\{\{.*\}\}|^@[\w.-]+@$|^__[\w]+__$|^\$[A-Za-z_]\w*$|^<[^>]+>$/;
function isVersionPlaceholder(text) {
  return text.trim() === "" || PLACEHOLDER.test(text.trim());
}
async function readVersionFrom(root, from) {
  const [file, keyPath] = splitVersionFrom(from.value);
  const problem = (message) => new InputError(`${from.file}:${from.line}:${from.column}: version.from: ${keyText(file)}: ${message}`);
  const absolute = resolve(root, file);
  const name = relative(root, absolute).split(sep).join("/");
  let text;
  try {
    const [realRoot, target] = await Promise.all([realpath(root), realpath(absolute)]);
    const inside = relative(realRoot, target);
    if (inside.startsWith("..") || isAbsolute(inside)) throw problem("is outside the checked directory; version.from must name a file inside it");
    const handle = await open(target, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const info = await handle.stat();
      if (!info.isFile()) throw problem("is not a regular file");
      if (info.size > MAX_VERSION_FILE_BYTES) throw problem(`is larger than ${MAX_VERSION_FILE_BYTES} bytes`);
      text = (await handle.readFile()).toString("utf8").replace(/^\uFEFF/, "");
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = error.code;
    throw problem(code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : code === "ELOOP" ? "symbolic link loop" : `cannot read (${code})`);
  }
  if (keyPath === void 0) {
    const lines = text.split("\n");
    const index = lines.findIndex((line2) => line2.trim() !== "");
    if (index < 0 || isVersionPlaceholder(lines[index])) return null;
    return { value: checkedLength(lines[index].trim(), problem), file: name, line: index + 1, column: lines[index].search(/\S/) + 1 };
  }
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter, prettyErrors: false });
  const document = Array.isArray(documents) ? documents[0] : void 0;
  if (!document) throw problem(`has no key ${quote(keyPath)} (the file is empty)`);
  if (document.errors.length > 0) {
    if (placeholderLine(text, keyPath)) return null;
    throw problem(`is not valid YAML (${document.errors[0].message.split("\n")[0]})`);
  }
  const node = lookUp(document.contents, keyPath);
  if (node === void 0) throw problem(`has no key ${quote(keyPath)}`);
  if (!isScalar(node) || node.value !== null && typeof node.value === "object") {
    if (node && node.range && isVersionPlaceholder(text.slice(node.range[0], node.range[1]))) return null;
    throw problem(`${quote(keyPath)} is not a single value`);
  }
  if (node.value === null) return null;
  const value = typeof node.value === "string" ? node.value : node.source ?? String(node.value);
  if (isVersionPlaceholder(value)) return null;
  const { line, col } = lineCounter.linePos(node.range?.[0] ?? 0);
  return { value: checkedLength(value.trim(), problem), file: name, line, column: col };
}
function checkedLength(value, problem) {
  if (value.length > MAX_VERSION_LENGTH) throw problem(`the value is ${value.length} characters long, not a version`);
  return value;
}
function placeholderLine(text, keyPath) {
  const key = keyPath.split(".").pop().replace(/\[\d+\]$/, "");
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const match = new RegExp(`^\\s*["']?${escaped}["']?\\s*:\\s*(.*?)\\s*(?:#.*)?$`, "m").exec(text);
  return match !== null && isVersionPlaceholder(match[1].replace(/^(["'])(.*)\1$/, "$2"));
}
function lookUp(start, keyPath) {
  const steps = keyPath.replace(/\[(\d+)\]/g, ".$1").split(".").filter((step) => step !== "");
  let node = start;
  for (const step of steps) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === step);
      if (!pair) return void 0;
      node = pair.value;
    } else if (isSeq(node) && /^\d+$/.test(step)) {
      node = node.items[Number(step)];
      if (node === void 0) return void 0;
    } else {
      return void 0;
    }
  }
  return node;
}

// src/sources/git/release-tag.ts
async function resolveReleaseTag(options) {
  const flag = present(options.flag);
  if (flag) return release(flag, "flag");
  const github = options.env.GITHUB_REF_TYPE === "tag" ? present(options.env.GITHUB_REF_NAME) : void 0;
  if (github) return release(github, "github");
  const gitlab = present(options.env.CI_COMMIT_TAG);
  if (gitlab) return release(gitlab, "gitlab");
  const atHead = highestTag(await tagsAtHead(options.root));
  if (atHead) return release(atHead, "git");
  if (options.versionFrom) {
    const found = await readVersionFrom(options.root, options.versionFrom);
    if (found) return { ...release(found.value, "config"), location: { file: found.file, line: found.line, column: found.column } };
  }
  return null;
}
function release(tag, source) {
  return { tag, version: parseReleaseTag(tag), source };
}
function present(value) {
  const trimmed = value?.trim();
  return trimmed ? trimmed : void 0;
}

// src/sources/manifests/facts-cache.ts
import { createHash, randomBytes } from "node:crypto";
import { existsSync, statSync } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
var FORMAT = 1;
function cacheDirectory(root, env) {
  if (env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME)) return path.join(env.XDG_CACHE_HOME, "tagcheck");
  const modules = path.join(root, "node_modules");
  if (existsSync(modules) && statSync(modules).isDirectory()) return path.join(modules, ".cache", "tagcheck");
  if (env.HOME && path.isAbsolute(env.HOME)) return path.join(env.HOME, ".cache", "tagcheck");
  return void 0;
}
function contentHash(bytes) {
  return createHash("sha256").update(bytes).digest("base64url");
}
async function openFactsCache(options) {
  const file = path.join(options.dir, `facts-${createHash("sha256").update(options.root).digest("hex").slice(0, 20)}.json`);
  const header = { format: FORMAT, tool: options.toolVersion, build: options.buildId };
  const stored = await readEntries(file, header);
  const used = /* @__PURE__ */ new Map();
  let changed = false;
  return {
    file,
    hash: contentHash,
    get(hash) {
      const facts = stored.get(hash) ?? used.get(hash);
      if (facts) used.set(hash, facts);
      return facts;
    },
    set(hash, facts) {
      used.set(hash, facts);
      changed = true;
    },
    async save() {
      if (!changed && used.size === stored.size) return;
      const body = JSON.stringify(Object.fromEntries(used));
      const text = `${JSON.stringify({ ...header, sha256: sha256(body) })}
${body}`;
      const temp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
      try {
        await mkdir(options.dir, { recursive: true });
        await writeFile(temp, text);
        await rename(temp, file);
      } catch {
        await rm(temp, { force: true }).catch(() => void 0);
      }
    }
  };
}
async function readEntries(file, expected) {
  const empty = /* @__PURE__ */ new Map();
  let text;
  try {
    text = await readFile(file, "utf8");
  } catch {
    return empty;
  }
  const newline = text.indexOf("\n");
  if (newline < 0) return empty;
  try {
    const header = JSON.parse(text.slice(0, newline));
    const body = text.slice(newline + 1);
    if (header.format !== expected.format || header.tool !== expected.tool || header.build !== expected.build) return empty;
    if (header.sha256 !== sha256(body)) return empty;
    const entries = JSON.parse(body);
    if (!entries || typeof entries !== "object" || Array.isArray(entries)) return empty;
    const map = /* @__PURE__ */ new Map();
    for (const [hash, facts] of Object.entries(entries)) {
      if (!isFacts(facts)) return empty;
      map.set(hash, facts);
    }
    return map;
  } catch {
    return empty;
  }
}
function isFacts(value) {
  const facts = value;
  return !!facts && Array.isArray(facts.containers) && Array.isArray(facts.diagnostics);
}
function sha256(text) {
  return createHash("sha256").update(text).digest("hex");
}

// src/engine/release-model.ts
async function buildReleaseModel(options) {
  const root = resolve2(options.root);
  await assertDirectory(options.root, root);
  const loaded = await loadConfig(root, options.configFile);
  const config = options.platforms?.length ? { ...loaded, platforms: [{ pattern: "default", platforms: options.platforms }] } : loaded;
  const [release2, name, manifests] = await Promise.all([
    resolveReleaseTag({ root, flag: options.tag, env: options.env, versionFrom: config.versionFrom }),
    // The name only feeds the ownership fallback, which `images:` switches off: then no `git remote` process
    // (a few ms of a pre-push check), and the folder name stands in.
    config.images.length > 0 ? { name: basename(root), source: "folder name (unused: images: is configured)" } : resolveRepositoryName(root, { env: options.env, ...options.pushRemote ? { pushRemote: options.pushRemote } : {} }),
    loadManifestsCached(root, config.manifests, options)
  ]);
  const chartRelease = release2 ? chartReleasedBy(release2, manifests.charts) : void 0;
  const matcher = ownershipMatcher(config, name.name);
  const { imageUses, ownRepositories } = markOwnImages(manifests.imageUses, matcher);
  const model = {
    ...manifests,
    imageUses,
    root,
    repositoryName: name.name,
    repositoryNameSource: name.source,
    release: chartRelease ? null : release2,
    ...chartRelease ? { chartRelease } : {},
    config,
    ownRepositories,
    componentRepositories: matcher.components
  };
  model.diagnostics = [...ownershipDiagnostics(model), ...model.diagnostics];
  return model;
}
async function assertDirectory(given, absolute) {
  const info = await stat(absolute).catch(() => null);
  if (!info) throw new InputError(`PATH "${given}" does not exist`);
  if (!info.isDirectory()) throw new InputError(`PATH "${given}" is not a directory`);
}
function chartReleasedBy(release2, charts) {
  const version = release2.version;
  if (!version || version.tag === release2.tag) return void 0;
  const prefix = release2.tag.slice(0, release2.tag.length - version.tag.length - 1);
  const chart = charts.find((c) => {
    const name = c.name?.value;
    const chartVersion = c.version ? parseVersion(c.version.value) : null;
    return !c.vendored && name && (prefix === name || prefix.startsWith(`${name}-`)) && chartVersion && compareVersions(chartVersion, version) === 0;
  });
  return chart?.name ? { ...release2, chart: chart.name.value } : void 0;
}
async function loadManifestsCached(root, globs, options) {
  const dir = options.cache ? cacheDirectory(root, options.env) : void 0;
  let cache;
  if (dir) {
    cache = await openFactsCache({ dir, root: await realpath2(root), toolVersion: toolVersion(), buildId: buildId() });
    options.log?.(`facts cache: ${cache.file}`);
  }
  const pinned = options.env.TAGCHECK_PARSE_WORKERS;
  const manifests = await loadManifests({
    root,
    globs,
    parse: { cache, workers: parallelWorkers(options.env), alwaysParallel: pinned !== void 0 && Number(pinned) > 0 }
  });
  await cache?.save();
  return manifests;
}

// src/engine/check.ts
import { readFile as readFile2 } from "node:fs/promises";
import { join } from "node:path";

// src/engine/run-rules.ts
function runRules(rules2, model, levels = {}) {
  const findings = [];
  for (const rule of rules2) {
    const configured = levels[rule.id] ?? rule.level;
    if (configured === "off") continue;
    rule.check({
      model,
      report(input) {
        const level = input.level ?? configured;
        const { at, level: _ignored, ...rest } = input;
        findings.push({ ruleId: rule.id, level, ...rest, ...at ? { location: { file: at.file, line: at.line, column: at.column } } : {} });
      }
    });
  }
  return findings;
}

// src/engine/suppressions.ts
var IGNORE_COMMENT = /#\s*tagcheck-ignore\b(.*)$/;
async function applySuppressions(findings, context) {
  const fileLines = /* @__PURE__ */ new Map();
  const linesOf = (file) => {
    let lines = fileLines.get(file);
    if (!lines) {
      lines = context.readFile(file).then((text) => text?.split(/\r?\n/));
      fileLines.set(file, lines);
    }
    return lines;
  };
  const ignores = context.config.ignore.map((entry) => ({ entry, matchesPath: entry.path ? globMatcher(entry.path) : void 0 }));
  return Promise.all(
    findings.map(async (finding) => {
      if (finding.suppressed) return finding;
      const suppression = await inSourceSuppression(finding, linesOf) ?? externalSuppression(finding, ignores);
      return suppression ? { ...finding, suppressed: suppression } : finding;
    })
  );
}
async function inSourceSuppression(finding, linesOf) {
  if (!finding.location) return void 0;
  const lines = await linesOf(finding.location.file);
  if (!lines) return void 0;
  const index = finding.location.line - 1;
  const candidates = [];
  if (lines[index] !== void 0) candidates.push(lines[index]);
  for (let above = index - 1; above >= 0 && /^\s*#/.test(lines[above]); above--) candidates.push(lines[above]);
  for (const line of candidates) {
    const comment = parseIgnoreComment(line);
    if (comment && (comment.rules.includes(finding.ruleId) || comment.rules.includes("*"))) {
      return { kind: "inSource", ...comment.reason ? { justification: comment.reason } : {} };
    }
  }
  return void 0;
}
function parseIgnoreComment(line) {
  const match = IGNORE_COMMENT.exec(line);
  if (!match) return null;
  const body = match[1];
  const separator = body.indexOf("--");
  const ids = separator >= 0 ? body.slice(0, separator) : body;
  const reason = separator >= 0 ? body.slice(separator + 2).trim() : "";
  const rules2 = ids.split(/[\s,]+/).filter(Boolean);
  if (rules2.length === 0) return null;
  return { rules: rules2, ...reason ? { reason } : {} };
}
function externalSuppression(finding, ignores) {
  for (const { entry, matchesPath } of ignores) {
    if (entry.rule !== finding.ruleId && entry.rule !== "*") continue;
    if (matchesPath) {
      const file = finding.location?.file.replaceAll("\\", "/");
      if (!file || !matchesPath(file)) continue;
    }
    return { kind: "external", ...entry.reason ? { justification: entry.reason } : {} };
  }
  return void 0;
}
function globMatcher(pattern) {
  const normalized = pattern.replaceAll("\\", "/").replace(/^\.\//, "").replace(/\/+$/, "");
  const regex = new RegExp(`^${globToRegex(normalized)}(?:/.*)?$`);
  return (file) => regex.test(file.replace(/^\.\//, ""));
}
function globToRegex(glob) {
  let out = "";
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i];
    if (char === "*") {
      if (glob[i + 1] === "*") {
        const slash = glob[i + 2] === "/";
        out += slash ? "(?:.*/)?" : ".*";
        i += slash ? 2 : 1;
      } else {
        out += "[^/]*";
      }
    } else if (char === "?") {
      out += "[^/]";
    } else if (char === "[") {
      const end = glob.indexOf("]", i + 1);
      if (end < 0) {
        out += "\\[";
      } else {
        const body = glob.slice(i + 1, end).replace(/^!/, "^").replaceAll("\\", "\\\\");
        out += `[${body}]`;
        i = end;
      }
    } else if (char === "{") {
      braces++;
      out += "(?:";
    } else if (char === "}" && braces > 0) {
      braces--;
      out += ")";
    } else if (char === "," && braces > 0) {
      out += "|";
    } else {
      out += char.replace(/[.+^$()|\\/]/g, "\\$&");
    }
  }
  return out + ")".repeat(braces);
}

// src/engine/check.ts
async function runCheck(options) {
  const model = await buildReleaseModel(options);
  const ruleSet = options.rules ?? rules;
  const levels = { ...model.config.rules, ...options.ruleLevels };
  const { active, skipped } = selectRules(ruleSet, options.scope ?? "all", levels, { cluster: hasClusterSource(options), config: model.config });
  model.config = { ...model.config, require: effectiveRequirements(model.config.require, active.map((r) => r.id)) };
  if (active.some((r) => r.scope === "cluster")) {
    await addCluster(model, await gatherFromCluster(options));
  }
  const registryRules = active.some((r) => r.scope === "registry");
  if (registryRules || active.some((r) => r.readsRegistry)) {
    model.registry = await gatherFromRegistry(model, options, registryRules);
  }
  const raw = dropDuplicates(runRules(active, model, levels));
  const findings = sortFindings(
    await applySuppressions(raw, {
      config: model.config,
      readFile: (file) => readFile2(join(model.root, file), "utf8").catch(() => void 0)
    })
  );
  const report = {
    tool: { name: TOOL_NAME, version: toolVersion() },
    release: model.chartRelease ?? model.release,
    findings,
    rulesRun: active.map(ruleMetadata),
    rulesSkipped: skipped.map((r) => r.id),
    ...model.config.file ? { configFile: model.config.file } : {},
    ...model.files.length ? { firstManifest: [...model.files].sort()[0] } : {},
    diagnostics: model.diagnostics
  };
  return { report, diagnostics: model.diagnostics, exitCode: exitCodeFor(findings, options.failOn ?? "error", model.diagnostics), model };
}
function selectRules(ruleSet, scope, levels, sources = { cluster: false }) {
  const active = [];
  const skipped = [];
  for (const rule of [...ruleSet].sort((a, b) => compareText(a.id, b.id))) {
    const inScope = rule.scope === "cluster" ? sources.cluster && (scope === "all" || scope === "cluster") : scope === "all" || rule.scope === scope;
    const level = levels[rule.id] ?? rule.level;
    const asked = !rule.runsWhen || levels[rule.id] !== void 0 || sources.config !== void 0 && rule.runsWhen(sources.config);
    (inScope && level !== "off" && asked ? active : skipped).push(rule);
  }
  return { active, skipped };
}
function effectiveRequirements(configured, activeRuleIds) {
  const require2 = {};
  if (activeRuleIds.includes("signature-missing")) require2.signatures = configured.signatures ?? { ...DEFAULT_REQUIREMENTS.signatures };
  if (activeRuleIds.includes("attestation-missing")) {
    require2.attestations = configured.attestations ?? { kinds: [...DEFAULT_REQUIREMENTS.attestations.kinds], platforms: false };
  }
  return require2;
}
async function gatherFromRegistry(model, options, registryRules) {
  const { gatherRegistryFacts } = await import("./registry-facts-KBAA4MCZ.js");
  options.progress?.(options.registrySnapshot ? `answering registry questions from ${options.registrySnapshot}` : "asking the registry\u2026");
  const source = options.registrySource ?? await openRegistrySource(model, options);
  return gatherRegistryFacts(model, source, { registryRules });
}
function hasClusterSource(options) {
  return Boolean(options.cluster || options.clusterSnapshot || options.clusterState);
}
async function gatherFromCluster(options) {
  if (options.clusterState) return options.clusterState;
  if (options.clusterSnapshot) {
    const { loadClusterSnapshot, onlyNamespaces } = await import("./snapshot-FZHEYGEC.js");
    const recorded = await loadClusterSnapshot(options.clusterSnapshot);
    return options.clusterNamespaces?.length ? onlyNamespaces(recorded, options.clusterNamespaces) : recorded;
  }
  options.progress?.("reading the cluster\u2026");
  const { readCluster } = await import("./client-BV5IX4EL.js");
  return readCluster(options.cluster ?? {}, {
    env: options.env,
    timeoutMs: options.timeoutMs ?? 1e4,
    ...options.log ? { log: options.log } : {}
  });
}
async function addCluster(model, cluster) {
  const { deployedImagesOf } = await import("./cluster-images-FCH4BMJG.js");
  model.cluster = cluster;
  const { images, diagnostics } = deployedImagesOf(model, cluster);
  model.deployedImages = images;
  model.diagnostics.push(...diagnostics);
}
async function openRegistrySource(model, options) {
  if (options.registrySnapshot) {
    const { loadSnapshot } = await import("./snapshot-FMYTMDR6.js");
    return loadSnapshot(options.registrySnapshot);
  }
  const { createRegistryClient } = await import("./client-3XOZK3WH.js");
  const configuredInsecure = Object.entries(model.config.registries).filter(([, settings]) => settings.insecure).map(([host]) => host);
  return createRegistryClient({
    concurrency: options.concurrency ?? 8,
    timeoutMs: options.timeoutMs ?? 1e4,
    insecureHosts: [.../* @__PURE__ */ new Set([...options.insecureRegistries ?? [], ...configuredInsecure])],
    env: options.env,
    ...options.log ? { log: options.log } : {}
  });
}
function ruleMetadata(rule) {
  const { check: _check, readsRegistry: _readsRegistry, runsWhen: _runsWhen, ...metadata } = rule;
  return metadata;
}
function exitCodeFor(findings, failOn, diagnostics = []) {
  if (failOn === "none") return 0;
  const threshold = levelRank(failOn);
  const failing = (level) => levelRank(level) >= threshold;
  if (findings.some((f) => !f.suppressed && failing(f.level))) return 1;
  return diagnostics.some((d) => d.level !== "note" && failing(d.level)) ? 1 : 0;
}
function dropDuplicates(findings) {
  const seen = /* @__PURE__ */ new Set();
  return findings.filter((f) => {
    const key = JSON.stringify([f.ruleId, f.level, f.message, f.location, f.image, f.expected, f.actual]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
function sortFindings(findings) {
  return [...findings].sort((a, b) => {
    if (!a.location || !b.location) return (a.location ? 0 : 1) - (b.location ? 0 : 1) || compareText(a.ruleId, b.ruleId);
    return compareText(a.location.file, b.location.file) || a.location.line - b.location.line || a.location.column - b.location.column || compareText(a.ruleId, b.ruleId) || compareText(a.message, b.message);
  });
}
function compareText(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

export {
  buildReleaseModel,
  runCheck,
  gatherFromCluster,
  addCluster,
  openRegistrySource
};
