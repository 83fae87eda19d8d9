import { createRequire as __tagcheckCreateRequire } from 'node:module';
const require = __tagcheckCreateRequire(import.meta.url);
import {
  highestTag,
  keyText,
  quote,
  tagsAtHead
} from "./chunk-H552KLEE.js";
import {
  LineCounter,
  PARALLEL_MIN_BYTES,
  PLACEHOLDER,
  TEMPLATE_SYNTAX,
  describeError,
  extractFileFacts,
  findContainerImages,
  hydrateFacts,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  locatedScalar,
  parseAllDocuments,
  parseYamlText,
  positionOf,
  readManifestBytesSync,
  readYamlFile,
  resolveAlias,
  scalarText
} from "./chunk-RGLCWCIF.js";
import {
  parseReleaseTag
} from "./chunk-FI5HTOGP.js";
import {
  parsePlatform
} from "./chunk-RCVICTRH.js";
import {
  parseImageRef
} from "./chunk-FQ47HCOD.js";
import {
  InputError
} from "./chunk-RPMDAMUC.js";

// src/config/defaults.ts
var CONFIG_FILE_NAMES = [".tagcheck.yaml", ".tagcheck.yml"];
var DEFAULT_MUTABLE_TAGS = ["latest", "main", "master", "dev", "edge", "nightly"];
var CONTRACT_RULE_IDS = [
  "chart-app-version-mismatch",
  "chart-version-invalid",
  "components-out-of-sync",
  "image-missing",
  "image-tag-inconsistent",
  "image-tag-mismatch",
  "kustomize-image-unmatched",
  "latest-is-prerelease",
  "latest-missing",
  "latest-not-newest-stable",
  "manifest-index-missing",
  "mutable-image-tag",
  "platform-missing",
  "registry-unreachable",
  "release-tag-invalid"
];
var EXTENSION_RULE_IDS = ["attestation-missing", "cluster-unreachable", "deployed-digest-drift", "deployed-image-mismatch", "docs-version-stale", "signature-missing"];
var ATTESTATION_KINDS = ["sbom", "provenance"];
var DEFAULT_REQUIREMENTS = {
  signatures: { platforms: false },
  attestations: { kinds: ["sbom", "provenance"], platforms: false }
};
function defaultConfig() {
  return {
    images: [],
    components: [],
    tagFormat: "same",
    platforms: [],
    latest: "required",
    mutableTags: [...DEFAULT_MUTABLE_TAGS],
    rules: {},
    registries: {},
    ignore: [],
    require: {}
  };
}

// src/config/load.ts
import { constants } from "node:fs";
import { lstat, open, realpath } from "node:fs/promises";
import { isAbsolute, relative, resolve, sep } from "node:path";

// src/config/validate.ts
var TOP_LEVEL_KEYS = ["images", "components", "manifests", "docs", "tagFormat", "platforms", "latest", "mutableTags", "version", "rules", "registries", "ignore", "require"];
var LATEST_POLICIES = ["required", "optional", "forbidden"];
var LEVEL_SETTINGS = ["off", "note", "warning", "error"];
var GLOB_CHARACTERS = /[*?[\]{}!]/;
var PLATFORM_PATTERN = /^\s*[^/\s:]+\/[^/\s:]+(?:\/[^/\s:]+)?(?::[^\s:]+)?\s*$/;
function validateConfig(source) {
  const config = defaultConfig();
  config.file = source.file;
  const reader = new NodeReader(source);
  const root = reader.resolve(source.document.contents);
  if (root === null || isScalar(root) && (root.value === null || root.value === void 0)) return config;
  const top = reader.map(root, "the config");
  for (const pair of top.items) {
    const key = reader.key(pair, "", TOP_LEVEL_KEYS);
    const value = reader.resolve(pair.value);
    switch (key) {
      case "images":
      case "components":
        config[key] = reader.list(value, key, pair).map((item, i) => reader.imageName(item, `${key}[${i}]`));
        break;
      case "manifests":
        config.manifests = reader.list(value, key, pair).map((item, i) => reader.nonEmptyString(item, `manifests[${i}]`, "a glob").value);
        break;
      case "docs":
        config.docs = reader.list(value, key, pair).map((item, i) => reader.nonEmptyString(item, `docs[${i}]`, "a glob").value);
        break;
      case "tagFormat":
        config.tagFormat = reader.tagFormat(value, pair);
        break;
      case "platforms":
        config.platforms = reader.platforms(value, pair);
        break;
      case "latest":
        config.latest = reader.oneOf(value, "latest", LATEST_POLICIES, pair);
        break;
      case "mutableTags":
        config.mutableTags = reader.list(value, key, pair).map((item, i) => reader.nonEmptyString(item, `mutableTags[${i}]`, "a tag").value);
        break;
      case "version":
        config.versionFrom = reader.version(value, pair);
        break;
      case "rules":
        config.rules = reader.ruleLevels(value, pair);
        break;
      case "registries":
        config.registries = reader.registries(value, pair);
        break;
      case "ignore":
        config.ignore = reader.list(value, key, pair).map((item, i) => reader.ignoreEntry(item, `ignore[${i}]`));
        break;
      case "require":
        config.require = reader.requirements(value, pair);
        break;
    }
  }
  return config;
}
var NodeReader = class {
  constructor(source) {
    this.source = source;
  }
  source;
  fail(node, message) {
    const offset = rangeStart(node);
    if (offset === void 0) throw new InputError(`${this.source.file}: ${message}`);
    const { line, col } = this.source.lineCounter.linePos(offset);
    throw new InputError(`${this.source.file}:${line}:${col}: ${message}`);
  }
  /** Follows aliases (`*name`) to the node they stand for; anchors are legal YAML and cost nothing here. */
  resolve(node) {
    let current = node ?? null;
    for (let hops = 0; isAlias(current) && hops < 100; hops++) current = current.resolve(this.source.document) ?? null;
    return isAlias(current) ? null : current ?? null;
  }
  located(node, value) {
    const { line, col } = this.source.lineCounter.linePos(rangeStart(node) ?? 0);
    return { value, file: this.source.file, line, column: col };
  }
  map(node, path7, at) {
    if (!isMap(node)) this.fail(node ?? at, `${path7}: expected a mapping, got ${describe(node)}`);
    return node;
  }
  list(node, path7, at) {
    if (!isSeq(node)) this.fail(node ?? at, `${path7}: expected a list, got ${describe(node)}`);
    return node.items.map((item) => this.resolve(item)).map((item) => item ?? null);
  }
  /** A mapping key as text; `allowed` (when given) is the closed set of keys at this level. */
  key(pair, path7, allowed) {
    const keyNode = this.resolve(pair.key);
    const where = path7 ? ` in ${path7}` : "";
    if (!isScalar(keyNode) || keyNode.value === null || typeof keyNode.value === "object") {
      this.fail(keyNode ?? pair, `a key${where} must be plain text, got ${describe(keyNode)}${allowed ? ` (allowed: ${allowed.join(", ")})` : ""}`);
    }
    const key = String(keyNode.value);
    if (allowed && !allowed.includes(key)) this.fail(keyNode, `unknown key ${quote(key)}${where} (allowed: ${allowed.join(", ")})`);
    return key;
  }
  string(node, path7) {
    if (!isScalar(node) || typeof node.value !== "string") this.fail(node, `${path7}: expected a string, got ${describe(node)}`);
    return node.value;
  }
  nonEmptyString(node, path7, what) {
    const text = this.string(node, path7);
    if (text.trim() === "") this.fail(node, `${path7}: expected ${what}, got an empty string`);
    return this.located(node, text);
  }
  oneOf(node, path7, allowed, at) {
    const text = isScalar(node) && typeof node.value === "string" ? node.value : void 0;
    if (text === void 0 || !allowed.includes(text)) {
      const got = text === void 0 ? describe(node) : `${quote(text)}`;
      this.fail(node ?? at, `${path7}: expected one of ${allowed.join(", ")}, got ${got}`);
    }
    return text;
  }
  /** An image repository (`ghcr.io/acme/app`) or a glob over repositories (`ghcr.io/acme/gadget-*`). */
  imageName(node, path7) {
    const name = this.nonEmptyString(node, path7, "an image repository");
    if (/\s/.test(name.value)) this.fail(node, `${path7}: ${quote(name.value)} contains white space (expected an image repository such as ghcr.io/acme/app)`);
    if (name.value.includes("@")) this.fail(node, `${path7}: ${quote(name.value)} has a digest; list repositories without tag or digest`);
    if (!GLOB_CHARACTERS.test(name.value)) {
      const parsed = parseImageRef(name.value);
      if (!parsed.ok) this.fail(node, `${path7}: ${parsed.error}`);
      if (parsed.ref.tag !== void 0) this.fail(node, `${path7}: ${quote(name.value)} has a tag; list repositories without tag (the release tag decides it)`);
    }
    return name;
  }
  tagFormat(node, at) {
    const text = isScalar(node) && typeof node.value === "string" ? node.value : void 0;
    if (text === "same" || text === "exact" || text !== void 0 && text.includes("{version}") && !/\s/.test(text)) return text;
    const got = text === void 0 ? describe(node) : `${quote(text)}`;
    const hint = isMap(node) ? ' (a template starting with { must be quoted: tagFormat: "{version}")' : "";
    this.fail(node ?? at, `tagFormat: expected same, exact or a template containing {version} such as "v{version}", got ${got}${hint}`);
  }
  /** A list of platforms required of every image, or a map of repository glob → list with `default` last. */
  platforms(node, at) {
    if (isSeq(node)) return [{ pattern: "default", platforms: this.platformList(node, "platforms", at) }];
    if (!isMap(node)) this.fail(node ?? at, `platforms: expected a list such as [linux/amd64, linux/arm64] or a map of image \u2192 list, got ${describe(node)}`);
    const requirements = [];
    let fallback;
    for (const pair of node.items) {
      const pattern = this.key(pair, "platforms");
      const requirement = { pattern, platforms: this.platformList(this.resolve(pair.value), `platforms.${keyText(pattern)}`, pair) };
      if (pattern === "default") fallback = requirement;
      else requirements.push(requirement);
    }
    return fallback ? [...requirements, fallback] : requirements;
  }
  platformList(node, path7, at) {
    return this.list(node, path7, at).map((item, i) => {
      const text = this.string(item, `${path7}[${i}]`);
      const platform = PLATFORM_PATTERN.test(text) ? parsePlatform(text) : null;
      if (!platform) {
        this.fail(item, `${path7}[${i}]: ${quote(text)} is not a platform (expected os/arch[/variant][:os.version], e.g. linux/arm64 or windows/amd64:ltsc2022)`);
      }
      return platform;
    });
  }
  version(node, at) {
    const map = this.map(node, "version", at);
    let from;
    for (const pair of map.items) {
      this.key(pair, "version", ["from"]);
      from = this.nonEmptyString(this.resolve(pair.value) ?? pair, "version.from", "a file, optionally with #key.path");
      const [file, keyPath] = splitVersionFrom(from.value);
      if (file === "" || keyPath === "") this.fail(pair.value, `version.from: ${quote(from.value)} must be FILE or FILE#key.path, e.g. charts/app/Chart.yaml#appVersion`);
    }
    return from;
  }
  ruleLevels(node, at) {
    const map = this.map(node, "rules", at);
    const levels = {};
    for (const pair of map.items) {
      const id = this.ruleId(pair);
      levels[id] = this.oneOf(this.resolve(pair.value), `rules.${id}`, LEVEL_SETTINGS, pair);
    }
    return levels;
  }
  ruleId(pair) {
    const id = this.key(pair, "rules");
    if (!this.source.ruleIds.includes(id)) this.fail(pair.key, `rules: unknown rule id ${quote(id)} (known: ${this.source.ruleIds.join(", ")})`);
    return id;
  }
  registries(node, at) {
    const map = this.map(node, "registries", at);
    const registries = {};
    for (const pair of map.items) {
      const host = this.key(pair, "registries");
      if (!/^[A-Za-z0-9.[\]:-]+$/.test(host)) this.fail(pair.key, `registries: ${quote(host)} is not a registry host (expected HOST[:PORT], e.g. localhost:5000)`);
      const settings = this.map(this.resolve(pair.value), `registries.${host}`, pair);
      const entry = {};
      for (const setting of settings.items) {
        this.key(setting, `registries.${host}`, ["insecure"]);
        const value = this.resolve(setting.value);
        if (!isScalar(value) || typeof value.value !== "boolean") this.fail(value ?? setting, `registries.${host}.insecure: expected true or false, got ${describe(value)}`);
        entry.insecure = value.value;
      }
      registries[host.toLowerCase()] = entry;
    }
    return registries;
  }
  /** `require: { signatures: true | { platforms: true }, attestations: [sbom, …] | { kinds: […], platforms: true } }` */
  requirements(node, at) {
    const map = this.map(node, "require", at);
    const requirements = {};
    for (const pair of map.items) {
      const key = this.key(pair, "require", ["signatures", "attestations"]);
      const value = this.resolve(pair.value);
      if (key === "signatures") {
        if (isScalar(value) && typeof value.value === "boolean") {
          if (value.value) requirements.signatures = { platforms: false };
          else delete requirements.signatures;
          continue;
        }
        if (!isMap(value)) this.fail(value ?? pair, `require.signatures: expected true, false or { platforms: true }, got ${describe(value)}`);
        requirements.signatures = { platforms: this.platformsFlag(value, "require.signatures", ["platforms"]).platforms };
      } else {
        if (isSeq(value)) {
          requirements.attestations = { kinds: this.attestationKinds(value, "require.attestations", pair), platforms: false };
          continue;
        }
        if (!isMap(value)) this.fail(value ?? pair, `require.attestations: expected a list such as [sbom, provenance] or { kinds: [...], platforms: true }, got ${describe(value)}`);
        const settings = this.platformsFlag(value, "require.attestations", ["kinds", "platforms"]);
        if (!settings.kinds) this.fail(value, 'require.attestations: missing key "kinds" (e.g. kinds: [sbom, provenance])');
        requirements.attestations = { kinds: this.attestationKinds(settings.kinds, "require.attestations.kinds", pair), platforms: settings.platforms };
      }
    }
    if (requirements.attestations?.kinds.length === 0) delete requirements.attestations;
    return requirements;
  }
  platformsFlag(map, path7, allowed) {
    const result = { platforms: false };
    for (const setting of map.items) {
      const key = this.key(setting, path7, allowed);
      const value = this.resolve(setting.value);
      if (key === "kinds") {
        result.kinds = value;
        continue;
      }
      if (!isScalar(value) || typeof value.value !== "boolean") this.fail(value ?? setting, `${path7}.platforms: expected true or false, got ${describe(value)}`);
      result.platforms = value.value;
    }
    return result;
  }
  attestationKinds(node, path7, at) {
    const kinds = this.list(node, path7, at).map((item, i) => {
      const text = this.nonEmptyString(item, `${path7}[${i}]`, "an attestation kind").value.trim();
      if (!ATTESTATION_KINDS.includes(text) && !/^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(text)) {
        this.fail(item, `${path7}[${i}]: unknown attestation kind ${quote(text)} (expected ${ATTESTATION_KINDS.join(", ")} or a predicate type URI such as https://slsa.dev/provenance/v1)`);
      }
      return text;
    });
    return [...new Set(kinds)];
  }
  ignoreEntry(node, path7) {
    const map = this.map(node, path7);
    const entry = {};
    for (const pair of map.items) {
      const key = this.key(pair, path7, ["rule", "path", "reason"]);
      const value = this.resolve(pair.value) ?? pair;
      if (key === "rule") {
        const id = this.nonEmptyString(value, `${path7}.rule`, "a rule id").value;
        if (!this.source.ruleIds.includes(id)) this.fail(value, `${path7}.rule: unknown rule id ${quote(id)} (known: ${this.source.ruleIds.join(", ")})`);
        entry.rule = id;
      } else {
        entry[key] = this.nonEmptyString(value, `${path7}.${key}`, key === "path" ? "a path glob" : "a reason").value;
      }
    }
    if (entry.rule === void 0) this.fail(node, `${path7}: missing key "rule" (an ignore entry needs rule, and may have path and reason)`);
    return entry;
  }
};
function splitVersionFrom(text) {
  const hash = text.indexOf("#");
  return hash < 0 ? [text.trim(), void 0] : [text.slice(0, hash).trim(), text.slice(hash + 1).trim()];
}
function rangeStart(node) {
  if (!node) return void 0;
  if ("range" in node && node.range) return node.range[0];
  if ("key" in node) return rangeStart(node.key) ?? rangeStart(node.value);
  return void 0;
}
function describe(node) {
  if (node === null || node === void 0) return "nothing";
  if (isMap(node)) return "a mapping";
  if (isSeq(node)) return "a list";
  if (isScalar(node)) {
    const value = node.value;
    if (value === null || value === void 0) return "null";
    if (typeof value === "string") return `${quote(value)}`;
    if (typeof value === "number" || typeof value === "bigint") return `a number (${String(value)})`;
    if (typeof value === "boolean") return `a boolean (${value})`;
    return "a value";
  }
  return "a value";
}

// src/config/load.ts
var MAX_CONFIG_BYTES = 1024 * 1024;
async function loadConfig(root, explicitFile) {
  const absoluteRoot = resolve(root);
  const path7 = explicitFile !== void 0 ? await locateExplicit(absoluteRoot, explicitFile) : await findAtRoot(absoluteRoot);
  if (path7 === void 0) return defaultConfig();
  const file = displayName(absoluteRoot, path7);
  const text = await readConfigText(path7, file, explicitFile === void 0 ? absoluteRoot : void 0);
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (!Array.isArray(documents) || documents.length === 0) return { ...defaultConfig(), file };
  for (const document of documents) {
    const error = document.errors[0];
    if (error) throw new InputError(`${file}:${positionText(lineCounter, error.pos[0])}: invalid YAML: ${firstLine(error.message)}`);
  }
  if (documents.length > 1) {
    const second = documents[1].contents?.range?.[0] ?? 0;
    throw new InputError(`${file}:${positionText(lineCounter, second)}: expected one YAML document, found ${documents.length}`);
  }
  return validateConfig({ file, lineCounter, document: documents[0], ruleIds: await knownRuleIds() });
}
async function findAtRoot(root) {
  for (const name of CONFIG_FILE_NAMES) {
    const candidate = resolve(root, name);
    if (await exists(candidate)) return candidate;
  }
  return void 0;
}
async function locateExplicit(root, explicitFile) {
  if (explicitFile.trim() === "") throw new InputError("--config: expected a file name, got an empty string");
  const candidates = isAbsolute(explicitFile) ? [explicitFile] : [resolve(explicitFile), resolve(root, explicitFile)];
  for (const candidate of candidates) if (await exists(candidate)) return candidate;
  const inside = !relative(root, resolve(explicitFile)).startsWith("..");
  throw new InputError(`${isAbsolute(explicitFile) && inside ? displayName(root, explicitFile) : explicitFile}: config file not found`);
}
async function exists(path7) {
  try {
    await lstat(path7);
    return true;
  } catch {
    return false;
  }
}
async function readConfigText(path7, file, confineTo) {
  try {
    if (confineTo !== void 0) {
      const [realRoot, target] = await Promise.all([realpath(confineTo), realpath(path7)]);
      const inside = relative(realRoot, target);
      if (inside.startsWith("..") || isAbsolute(inside)) throw new InputError(`${file}: is a symbolic link to a file outside the checked directory; not read`);
    }
    const handle = await open(path7, constants.O_RDONLY | constants.O_NONBLOCK);
    let bytes;
    try {
      const info = await handle.stat();
      if (info.isDirectory()) throw new InputError(`${file}: is a directory, not a config file`);
      if (!info.isFile()) throw new InputError(`${file}: is not a regular file`);
      if (info.size > MAX_CONFIG_BYTES) throw new InputError(`${file}: config file is ${info.size} bytes, more than the ${MAX_CONFIG_BYTES} a config may have`);
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
    if (bytes.includes(0)) throw new InputError(`${file}: not a text file (contains NUL bytes)`);
    return bytes.toString("utf8").replace(/^\uFEFF/, "");
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${file}: cannot read the config file: ${describeIoError(error)}`);
  }
}
async function knownRuleIds() {
  const ids = /* @__PURE__ */ new Set([...CONTRACT_RULE_IDS, ...EXTENSION_RULE_IDS]);
  try {
    const { rules } = await import("./rules-ZO2LMVO4.js");
    for (const rule of rules) ids.add(rule.id);
  } catch {
  }
  return [...ids].sort();
}
function displayName(root, path7) {
  const rel = relative(root, path7);
  return (rel === "" ? path7 : rel).split(sep).join("/");
}
function positionText(lineCounter, offset) {
  const { line, col } = lineCounter.linePos(offset);
  return `${line}:${col}`;
}
function firstLine(message) {
  return message.split("\n")[0].replace(/ at line \d+, column \d+:?\s*$/, "").replace(/:\s*$/, "");
}
function describeIoError(error) {
  const code = error?.code;
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "ENOENT") return "no such file (a dangling symbolic link?)";
  if (code === "ELOOP") return "symbolic link loop";
  return code ?? (error instanceof Error ? error.message.split("\n")[0] : String(error));
}

// src/model/test-fixtures.ts
var TEST_FIXTURE_DIRS = ["test", "tests", "testdata", "_testdata", "test-data", "e2e", "__tests__", "fixtures", "__fixtures__"];
var FIXTURE_DIRS = new Set(TEST_FIXTURE_DIRS);
var FIXTURE_AFFIX = /^(?:test|tests|e2e)[-_]|[-_](?:test|tests|e2e)$/;
function isTestFixturePath(file, named = NONE) {
  const parts = file.split("/");
  return parts.slice(0, -1).some((part) => {
    const lower = part.toLowerCase();
    return (FIXTURE_DIRS.has(lower) || FIXTURE_AFFIX.test(lower)) && !named.has(lower);
  });
}
var NONE = /* @__PURE__ */ new Set();
function folderNamesIn(globs) {
  const names = /* @__PURE__ */ new Set();
  for (const glob of globs) for (const part of glob.split("/")) if (!/[*?[\]{}]/.test(part)) names.add(part.toLowerCase());
  return names;
}
function isTestFixtureDir(dir, named = NONE) {
  return dir !== "" && dir !== "." && isTestFixturePath(`${dir}/x`, named);
}

// src/sources/git/version-from.ts
import { constants as constants2 } from "node:fs";
import { open as open2, realpath as realpath2 } from "node:fs/promises";
import { isAbsolute as isAbsolute2, relative as relative2, resolve as resolve2, sep as sep2 } from "node:path";
var MAX_VERSION_FILE_BYTES = 4 * 1024 * 1024;
var MAX_VERSION_LENGTH = 128;
var PLACEHOLDER2 = /^%[^%]*%$|\$\{[^}]*\}|\{\{.*\}\}|^@[\w.-]+@$|^__[\w]+__$|^\$[A-Za-z_]\w*$|^<[^>]+>$/;
function isVersionPlaceholder(text) {
  return text.trim() === "" || PLACEHOLDER2.test(text.trim());
}
async function readVersionFrom(root, from) {
  const [file, keyPath] = splitVersionFrom(from.value);
  const problem = (message) => new InputError(`${from.file}:${from.line}:${from.column}: version.from: ${keyText(file)}: ${message}`);
  const absolute = resolve2(root, file);
  const name = relative2(root, absolute).split(sep2).join("/");
  let text;
  try {
    const [realRoot, target] = await Promise.all([realpath2(root), realpath2(absolute)]);
    const inside = relative2(realRoot, target);
    if (inside.startsWith("..") || isAbsolute2(inside)) throw problem("is outside the checked directory; version.from must name a file inside it");
    const handle = await open2(target, constants2.O_RDONLY | constants2.O_NONBLOCK);
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

// src/sources/manifests/discover.ts
import { stat as stat2 } from "node:fs/promises";
import path2 from "node:path";

// src/sources/file-walk.ts
import { readdirSync } from "node:fs";
import { realpath as realpath3, stat } from "node:fs/promises";
import path from "node:path";
var IGNORED_DIRS = /* @__PURE__ */ new Set([".git", "node_modules", "vendor"]);
function walkTree(root, accept) {
  const matches = [];
  const walk = (relative3) => {
    let entries;
    try {
      entries = readdirSync(relative3 ? path.join(root, relative3) : root, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const file = relative3 ? `${relative3}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!IGNORED_DIRS.has(entry.name)) walk(file);
      } else if (accept(entry.name)) {
        matches.push({ file, symlink: entry.isSymbolicLink() });
      }
    }
  };
  walk("");
  return matches;
}
async function resolveMatches(root, matches, resolveEvery, diagnostics) {
  const realRoot = await realpath3(root);
  const found = [];
  const checks = [];
  for (const { file, symlink } of matches) {
    const absolute = path.join(root, file);
    if (!resolveEvery && !symlink) found.push({ file, absolute });
    else checks.push(checkFile(absolute, file, realRoot, diagnostics).then((checked) => {
      if (checked) found.push(checked);
    }));
  }
  await Promise.all(checks);
  return found.sort((a, b) => a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
}
async function checkFile(absolute, file, realRoot, diagnostics) {
  try {
    const target = await realpath3(absolute);
    if (!isInside(realRoot, target)) {
      diagnostics.push({ file, level: "note", message: `symlink to ${target}, outside the checked directory; not followed` });
      return null;
    }
    const info = await stat(target);
    return info.isFile() ? { file, absolute: target } : null;
  } catch (error) {
    diagnostics.push({ file, level: "warning", message: `cannot be read: ${describeError(error)}` });
    return null;
  }
}
function isInside(realRoot, target) {
  const relative3 = path.relative(realRoot, target);
  return relative3 === "" || !relative3.startsWith("..") && !path.isAbsolute(relative3);
}
function inIgnoredDir(file) {
  return file.split("/").some((part) => IGNORED_DIRS.has(part));
}

// src/sources/manifests/discover.ts
var TAGCHECK_CONFIGS = /* @__PURE__ */ new Set([".tagcheck.yaml", ".tagcheck.yml"]);
async function discoverFiles(root, globs, diagnostics) {
  const custom = globs !== void 0 && globs.length > 0;
  const matches = custom ? await globMatches(root, globs) : walkTree(root, (name) => isDefaultManifestName(name) && !TAGCHECK_CONFIGS.has(name));
  const seen = /* @__PURE__ */ new Set();
  const chosen = matches.filter(({ file }) => {
    if (seen.has(file) || !isManifestName(file) || inIgnoredDir(file)) return false;
    seen.add(file);
    return true;
  });
  return resolveMatches(root, chosen, custom, diagnostics);
}
async function globMatches(root, globs) {
  const { glob } = await import("./esm-HFKRPBWE.js");
  const matches = await glob(await expandDirectories(root, globs), {
    cwd: root,
    ignore: { ignored: (p) => TAGCHECK_CONFIGS.has(p.name), childrenIgnored: (p) => IGNORED_DIRS.has(p.name) },
    nodir: true,
    dot: true,
    follow: false,
    withFileTypes: true
  });
  return matches.map((m) => ({ file: m.relativePosix(), symlink: m.isSymbolicLink() }));
}
function isDefaultManifestName(name) {
  return name.endsWith(".yaml") || name.endsWith(".yml") || name === "Kustomization" || name === "Chart.yaml.tmpl" || name === "Chart.yml.tmpl";
}
async function expandDirectories(root, globs) {
  return Promise.all(
    globs.map(async (pattern) => {
      if (/[*?[\]{}]/.test(pattern)) return pattern;
      try {
        return (await stat2(path2.join(root, pattern))).isDirectory() ? `${pattern.replace(/\/+$/, "")}/**` : pattern;
      } catch {
        return pattern;
      }
    })
  );
}
function isManifestName(file) {
  const base = file.slice(file.lastIndexOf("/") + 1);
  return /\.ya?ml$/i.test(base) || base === "Kustomization" || /^Chart\.ya?ml\.tmpl$/.test(base);
}

// src/sources/manifests/index.ts
import { realpath as realpath4 } from "node:fs/promises";

// src/sources/manifests/helm.ts
import path5 from "node:path";

// src/sources/manifests/helm-templates.ts
import { readdir, readFile } from "node:fs/promises";
import path3 from "node:path";
var DEFAULT_APP_VERSION = /\bdefault\s+(?:\(\s*(?:printf\s+"v?%[sv]"|print\s+"v?")\s+)?[$\w.]*\.Chart\.AppVersion\b|\bcoalesce\b[^}]*?[$\w.]*\.Chart\.AppVersion\b/;
var V_PREFIXED = /(?:printf\s+"v%[sv]"|print\s+"v")\s+[$\w.]*\.Chart\.AppVersion|v\{\{-?[^}]*\.Chart\.AppVersion/;
var VALUES_TAG_PATH = /\.Values\.([\w.]+)\.tag\b/g;
var VALUES_PATH = /\.Values\.([\w.]+)\.(?:repository|registry|tag|digest)\b/g;
var VALUES_BLOCK = /\.Values\.([\w.]+)/g;
var APP_VERSION_ARGUMENT = /[$\w.]*\.Chart\.AppVersion\b/;
var DEFINE = /\{\{-?\s*define\s+"([^"]+)"\s*-?\}\}([\s\S]*?)\{\{-?\s*end\s*-?\}\}/g;
async function readTemplateDefaults(chartAbsoluteDir) {
  const templatesDir = path3.join(chartAbsoluteDir, "templates");
  let names = [];
  try {
    names = (await readdir(templatesDir, { recursive: true })).map(String).filter((name) => /\.(ya?ml|tpl)$/i.test(name)).sort();
  } catch {
  }
  const texts = [];
  for (const name of names) {
    try {
      texts.push(await readFile(path3.join(templatesDir, name), "utf8"));
    } catch {
    }
  }
  return { ...analyzeTemplates(texts), files: names.map((name) => `templates/${name.split(path3.sep).join("/")}`) };
}
function analyzeTemplates(texts) {
  const byPath = /* @__PURE__ */ new Map();
  let generic;
  const helperDefaults = /* @__PURE__ */ new Map();
  const argumentDefaultHelpers = /* @__PURE__ */ new Set();
  for (const text of texts) {
    for (const match of text.matchAll(DEFINE)) {
      const body = match[2];
      if (/\bdefault\b/.test(body)) argumentDefaultHelpers.add(match[1]);
      if (!/\.Chart\.AppVersion\b/.test(body)) continue;
      helperDefaults.set(match[1], { prefix: V_PREFIXED.test(body) ? "v" : "" });
    }
  }
  for (const text of texts) {
    for (const line of text.split("\n")) {
      const found = DEFAULT_APP_VERSION.exec(line);
      let mode = found ? { prefix: V_PREFIXED.test(line) ? "v" : "" } : void 0;
      let paths = [...line.matchAll(VALUES_TAG_PATH)].map((m) => m[1]);
      if (mode) paths.push(...imageBlocks(line));
      if (!mode) {
        for (const [name, helperMode] of helperDefaults) {
          if (line.includes(`"${name}"`) && /\b(include|template)\b/.test(line) && !/\bdefine\b/.test(line)) mode = helperMode;
        }
        if (mode) paths = [...line.matchAll(VALUES_PATH)].map((m) => m[1]);
      }
      if (!mode && APP_VERSION_ARGUMENT.test(line) && callsHelper(line, argumentDefaultHelpers)) {
        mode = { prefix: V_PREFIXED.test(line) ? "v" : "" };
        paths = [...line.matchAll(VALUES_PATH)].map((m) => m[1]);
        paths.push(...imageBlocks(line));
        if (paths.length === 0) paths = [...line.matchAll(VALUES_BLOCK)].map((m) => m[1]);
      }
      if (!mode) continue;
      if (paths.length === 0) generic ??= mode;
      for (const valuesPath of paths) if (!byPath.has(valuesPath)) byPath.set(valuesPath, mode);
    }
  }
  return { byPath, ...generic ? { generic } : {} };
}
function imageBlocks(line) {
  return [...line.matchAll(VALUES_BLOCK)].map((m) => m[1]).filter((block) => /(^|\.)image$/.test(block));
}
function callsHelper(line, helpers) {
  if (/\bdefine\b/.test(line) || !/\b(include|template)\b/.test(line)) return false;
  for (const name of helpers) if (line.includes(`"${name}"`)) return true;
  return false;
}
function defaultFor(defaults, valuesPath) {
  return defaults.byPath.get(valuesPath) ?? defaults.generic;
}

// src/sources/manifests/image-use.ts
var BRACED_NAME = /\{[A-Z][A-Z0-9_]*\}/;
var KUBEBUILDER_PLACEHOLDER = /^controller(?::latest)?$/;
function makeImageUse(draft, diagnostics) {
  if (PLACEHOLDER.test(draft.image) || BRACED_NAME.test(draft.image)) {
    diagnostics.push({ ...positionFields(draft.at), level: "note", message: `image "${draft.image}" contains a placeholder filled in at release time; not checked` });
    return null;
  }
  if (KUBEBUILDER_PLACEHOLDER.test(draft.image.trim())) {
    diagnostics.push({
      ...positionFields(draft.at),
      level: "note",
      message: `image "${draft.image}" is kubebuilder's placeholder, set when the manifests are built (kustomize edit set image controller=\u2026); not checked`
    });
    return null;
  }
  const parsed = parseImageRefOnce(draft.image);
  if (!parsed.ok) {
    diagnostics.push({ ...positionFields(draft.at), level: "warning", message: `invalid image reference: ${parsed.error}` });
    return null;
  }
  const pinned = parsed.ref.tag !== void 0 || parsed.ref.digest !== void 0;
  return {
    ref: parsed.ref,
    own: false,
    kind: draft.kind,
    at: draft.at,
    tagAt: pinned ? draft.tagAt : draft.at,
    tagSource: pinned ? draft.tagSource : "none",
    ...draft.kustomization !== void 0 ? { kustomization: draft.kustomization } : {},
    ...draft.chart !== void 0 ? { chart: draft.chart } : {}
  };
}
var parsedImages = /* @__PURE__ */ new Map();
function parseImageRefOnce(text) {
  let parsed = parsedImages.get(text);
  if (!parsed) {
    parsed = parseImageRef(text);
    if (parsedImages.size < 1e5) parsedImages.set(text, parsed);
  }
  return parsed.ok ? { ok: true, ref: { ...parsed.ref } } : parsed;
}
function positionFields(at) {
  return { file: at.file, line: at.line, column: at.column };
}
function positionKey(at) {
  return `${at.file}:${at.line}:${at.column}`;
}
function compareUses(a, b) {
  return a.at.file < b.at.file ? -1 : a.at.file > b.at.file ? 1 : a.at.line - b.at.line || a.at.column - b.at.column;
}

// src/sources/manifests/workspace.ts
import { realpathSync, statSync } from "node:fs";
import path4 from "node:path";
var Workspace = class {
  /**
   * @param keepAst which files keep their syntax tree after parsing (kustomizations, Chart.yaml, values.yaml).
   * Every other file is reduced to its container images at once: holding 20,000 documents' trees until the end
   * doubles the run time in garbage collection.
   */
  constructor(root, realRoot, diagnostics, keepAst = () => true, options = {}) {
    this.root = root;
    this.realRoot = realRoot;
    this.diagnostics = diagnostics;
    this.keepAst = keepAst;
    this.options = options;
  }
  root;
  realRoot;
  diagnostics;
  keepAst;
  options;
  files = /* @__PURE__ */ new Set();
  parsed = /* @__PURE__ */ new Map();
  containers = /* @__PURE__ */ new Map();
  /**
   * Parses the discovered files. Plain manifests are read and hashed first, then only those the cache does
   * not know are parsed, on worker threads too when there is enough text; trees are parsed here, a few at a time.
   */
  async parseAll(found) {
    const plain = found.filter((entry) => !this.keepAst(entry.file) && !this.parsed.has(entry.file));
    const extracted = this.extractPlain(plain);
    let next = 0;
    const trees = found.filter((entry) => this.keepAst(entry.file));
    const worker = async () => {
      while (next < trees.length) {
        const entry = trees[next++];
        await this.parse(entry);
      }
    };
    await Promise.all([extracted, ...Array.from({ length: Math.min(4, trees.length) }, worker)]);
  }
  parse(entry) {
    let pending = this.parsed.get(entry.file);
    if (!pending) {
      if (!this.keepAst(entry.file)) {
        this.extractPlain([entry]).catch(() => void 0);
        return this.parsed.get(entry.file);
      }
      this.files.add(entry.file);
      pending = readYamlFile(entry.absolute, entry.file, this.diagnostics);
      this.parsed.set(entry.file, pending);
    }
    return pending;
  }
  /** Plain manifests keep no tree: each is reduced to its container images (holding 20,000 trees doubles GC time). */
  extractPlain(entries) {
    const done = this.factsOf(entries);
    for (const entry of entries) {
      this.files.add(entry.file);
      this.parsed.set(entry.file, done.then(() => null));
      this.containers.set(entry.file, done.then((byFile) => byFile.get(entry.file) ?? []));
    }
    return done.then(() => void 0);
  }
  async factsOf(entries) {
    const { cache } = this.options;
    const byFile = /* @__PURE__ */ new Map();
    const use = (file, facts2) => {
      const { containers, diagnostics } = hydrateFacts(facts2, file);
      byFile.set(file, containers);
      this.diagnostics.push(...diagnostics);
    };
    const workers = this.options.workers ?? 0;
    const misses = [];
    for (const entry of entries) {
      const bytes2 = readManifestBytesSync(entry.absolute, entry.file, this.diagnostics);
      if (!bytes2) continue;
      const hash = cache ? cache.hash(bytes2) : "";
      const known = cache?.get(hash);
      if (known) {
        use(entry.file, known);
      } else if (workers === 0) {
        const facts2 = extractFileFacts(bytes2, entry.file);
        cache?.set(hash, facts2);
        use(entry.file, facts2);
      } else {
        misses.push({ file: entry.file, bytes: bytes2, hash });
      }
    }
    const bytes = misses.reduce((sum, item) => sum + item.bytes.length, 0);
    let facts;
    if (workers > 0 && misses.length > 1 && (this.options.alwaysParallel || bytes >= PARALLEL_MIN_BYTES)) {
      const { extractInParallel } = await import("./parse-pool-WACAGIZF.js");
      facts = await extractInParallel(misses, workers);
    } else {
      facts = misses.map((item) => extractFileFacts(item.bytes, item.file));
    }
    misses.forEach((item, i) => {
      cache?.set(item.hash, facts[i]);
      use(item.file, facts[i]);
    });
    return byFile;
  }
  /** A file's syntax tree by its root-relative path (null when not kept); read on demand, never outside the root. */
  async parsedFile(file) {
    const known = this.parsed.get(file);
    if (known) return known;
    const entry = await this.locate(file);
    return entry ? this.parse(entry) : null;
  }
  async containersOf(file) {
    if (!this.containers.has(file)) await this.parsedFile(file);
    let pending = this.containers.get(file);
    if (!pending) {
      pending = this.parsedFile(file).then((parsed) => parsed ? findContainerImages(parsed, this.diagnostics) : []);
      this.containers.set(file, pending);
    }
    return pending;
  }
  trees = /* @__PURE__ */ new Map();
  /**
   * A file's syntax tree even when the file is otherwise reduced to its container images (a kustomize patch
   * file, read again here). Its parse problems were reported when it was read as a manifest, so a second read
   * reports them to `into` only.
   */
  treeOf(file, into) {
    let pending = this.trees.get(file);
    if (!pending) {
      pending = this.parsedFile(file).then(async (kept) => {
        if (kept) return kept;
        const entry = await this.locate(file);
        return entry ? readYamlFile(entry.absolute, file, into) : null;
      });
      this.trees.set(file, pending);
    }
    return pending;
  }
  /** What a root-relative path is: a file inside the root, a directory, missing, or outside the root. */
  async kindOf(file) {
    try {
      const target = realpathSync(path4.join(this.root, file));
      if (!isInside(this.realRoot, target)) return "outside";
      const info = statSync(target);
      return info.isDirectory() ? "directory" : info.isFile() ? "file" : "missing";
    } catch {
      return "missing";
    }
  }
  async locate(file) {
    try {
      const target = realpathSync(path4.join(this.root, file));
      if (!isInside(this.realRoot, target)) return null;
      const info = statSync(target);
      return info.isFile() ? { file, absolute: target } : null;
    } catch (error) {
      this.diagnostics.push({ file, level: "warning", message: `cannot be read: ${describeError(error)}` });
      return null;
    }
  }
};
function dirOf(file) {
  const slash = file.lastIndexOf("/");
  return slash < 0 ? "." : file.slice(0, slash);
}
function joinPath(dir, name) {
  return dir === "." ? name : `${dir}/${name}`;
}

// src/sources/manifests/helm.ts
function isChartFile(file) {
  return /(^|\/)Chart\.yaml$/.test(file);
}
function isChartTemplateFile(file) {
  return /(^|\/)Chart\.(ya?ml\.(tmpl|tpl|template|in)|(tmpl|tpl|template)\.ya?ml)$/.test(file);
}
function inChartTemplates(file, chartDirs) {
  const parts = file.split("/");
  for (let i = parts.length - 2; i >= 0; i--) {
    if (parts[i] !== "templates") continue;
    if (chartDirs.has(i === 0 ? "." : parts.slice(0, i).join("/"))) return true;
  }
  return false;
}
function isVendoredChart(dir, chartDirs) {
  const parts = dir.split("/");
  for (let i = parts.length - 2; i >= 0; i--) {
    if (parts[i] === "charts" && chartDirs.has(i === 0 ? "." : parts.slice(0, i).join("/"))) return true;
  }
  return false;
}
async function loadCharts(workspace, chartFiles, templateChartFiles = []) {
  const chartDirs = new Set(chartFiles.map(dirOf));
  const templated = templateChartFiles.filter((file) => !chartDirs.has(dirOf(file)));
  for (const file of templated) chartDirs.add(dirOf(file));
  const charts = [];
  const uses = [];
  for (const file of [...chartFiles, ...templated].sort()) {
    const dir = dirOf(file);
    const isTemplate = !isChartFile(file);
    const parsed = isTemplate ? null : await workspace.parsedFile(file);
    if (!parsed && !isTemplate) continue;
    const chart = parsed ? readChart(parsed, dir, isVendoredChart(dir, chartDirs), workspace.diagnostics) : { dir, file, vendored: isVendoredChart(dir, chartDirs) };
    if (await workspace.kindOf(joinPath(dir, "templates")) !== "directory") chart.templates = false;
    charts.push(chart);
    const valuesFile = joinPath(dir, "values.yaml");
    if (await workspace.kindOf(valuesFile) !== "file") continue;
    const values = await workspace.parsedFile(valuesFile);
    if (values) uses.push(...await readValues(values, chart, path5.join(workspace.root, dir), workspace.diagnostics));
  }
  return { charts, uses };
}
function readChart(parsed, dir, vendored, diagnostics) {
  const chart = { dir, file: parsed.file, vendored };
  const doc = parsed.docs.find((candidate) => isMap(candidate.contents));
  if (!doc) {
    if (parsed.docs.length > 0) diagnostics.push({ file: parsed.file, level: "warning", message: `Chart.yaml is not a mapping; chart versions not read` });
    return chart;
  }
  const root = doc.contents;
  for (const key of ["name", "version", "appVersion"]) {
    const node = resolveAlias(doc, root.get(key, true));
    const located = locatedScalar(parsed, node);
    if (!located) {
      if (node !== void 0 && !isScalar(node)) {
        const where = positionOf(parsed, node);
        const templated = TEMPLATE_SYNTAX.test(parsed.text);
        diagnostics.push({ file: parsed.file, line: where.line, column: where.column, level: templated ? "note" : "warning", message: templated ? `${parsed.file}:${where.line}: ${key} is template syntax filled in at release time; not checked` : `${parsed.file}:${where.line}: ${key} is not a string` });
      }
      continue;
    }
    if (PLACEHOLDER.test(located.value)) {
      diagnostics.push({ file: parsed.file, line: located.line, column: located.column, level: "note", message: `${key} "${located.value}" is a placeholder filled in at release time; not checked` });
      continue;
    }
    chart[key] = located;
  }
  return chart;
}
var IMAGE_KEY = /^image$|Image$/;
async function readValues(parsed, chart, chartAbsoluteDir, diagnostics) {
  const found = [];
  for (const doc of parsed.docs) {
    try {
      walkValues(doc, doc.contents, [], parsed, found, /* @__PURE__ */ new Set());
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      diagnostics.push({ file: parsed.file, level: "warning", message: `values nested too deeply to read; skipped` });
    }
  }
  let defaults;
  const uses = [];
  for (const image of found) {
    let effective = image.base;
    let tagAt = image.at;
    let tagSource = "helm-values";
    if (image.tag) {
      effective += `:${image.tag.value}`;
      tagAt = image.tag;
    } else if (!image.inline) {
      defaults ??= await readTemplateDefaults(chartAbsoluteDir);
      const fallback = defaultFor(defaults, image.valuesPath);
      if (fallback && chart.appVersion) {
        effective += `:${fallback.prefix}${chart.appVersion.value}`;
        tagAt = chart.appVersion;
        tagSource = "helm-app-version";
      }
    }
    if (image.digest) {
      effective += `@${image.digest.value}`;
      if (tagSource === "helm-values" && !image.tag) tagAt = image.digest;
    }
    const use = makeImageUse({ image: effective, kind: "helm-values", at: image.at, tagAt: stripValue(tagAt), tagSource, chart: chart.dir }, diagnostics);
    if (use) uses.push(use);
  }
  return uses;
}
function walkValues(doc, node, valuesPath, parsed, found, visited) {
  const target = resolveAlias(doc, node);
  if (target === null || typeof target !== "object" || visited.has(target)) return;
  visited.add(target);
  if (isSeq(target)) {
    for (const item of target.items) walkValues(doc, item, valuesPath, parsed, found, visited);
    return;
  }
  if (!isMap(target)) return;
  for (const pair of target.items) {
    if (!isPair(pair)) continue;
    const key = scalarText(pair.key);
    if (key === null) continue;
    const value = resolveAlias(doc, pair.value);
    const childPath = [...valuesPath, key];
    if (isMap(value) && readImageBlock(doc, value, key, childPath, parsed, found)) continue;
    if (isScalar(value) && typeof value.value === "string" && IMAGE_KEY.test(key) && /[:/]/.test(value.value)) {
      const text = value.value.trim();
      const { tagged } = splitTag(text);
      const sibling = tagged ? void 0 : siblingTag(doc, target, key, parsed);
      found.push({ valuesPath: childPath.join("."), base: text, at: positionOf(parsed, value), ...sibling ? { tag: sibling } : {}, inline: tagged });
      continue;
    }
    walkValues(doc, value, childPath, parsed, found, visited);
  }
}
function readImageBlock(doc, block, key, valuesPath, parsed, found) {
  const field = (name) => {
    const located = locatedScalar(parsed, resolveAlias(doc, block.get(name, true)));
    return located && located.value.trim() !== "" ? { ...located, value: located.value.trim() } : void 0;
  };
  const named = IMAGE_KEY.test(key) ? field("name") : void 0;
  const repository = field("repository") ?? (block.has("registry") ? field("image") : void 0) ?? (named && /[/.]/.test(named.value) && !/\s/.test(named.value) ? named : void 0);
  if (!repository) return false;
  const registry = field("registry") ?? field("defaultRegistry");
  const tag = field("tag") ?? (IMAGE_KEY.test(key) && !block.has("tag") ? field("version") : void 0);
  const digest = field("digest");
  const imageLike = IMAGE_KEY.test(key) || tag !== void 0 || registry !== void 0 || digest !== void 0 || block.has("tag");
  if (!imageLike || repository.value.includes("://")) return false;
  const base = registry ? `${registry.value.replace(/\/+$/, "")}/${repository.value}` : repository.value;
  found.push({ valuesPath: valuesPath.join("."), base, at: stripValue(repository), ...tag ? { tag } : {}, ...digest ? { digest } : {}, inline: false });
  return true;
}
function siblingTag(doc, map, key, parsed) {
  for (const name of [`${key}Tag`, ...key === "image" ? ["tag"] : []]) {
    const located = locatedScalar(parsed, resolveAlias(doc, map.get(name, true)));
    if (located && located.value.trim() !== "") return { ...located, value: located.value.trim() };
  }
  return void 0;
}
function splitTag(image) {
  const withoutDigest = image.split("@")[0];
  return { tagged: withoutDigest.lastIndexOf(":") > withoutDigest.lastIndexOf("/") || image.includes("@") };
}
function stripValue(position) {
  return { file: position.file, line: position.line, column: position.column };
}

// src/sources/manifests/kustomize.ts
import path6 from "node:path";

// src/sources/manifests/kustomize-patches.ts
var CONTAINER_LIST_NAMES = /* @__PURE__ */ new Set(["containers", "initContainers", "ephemeralContainers"]);
var CONTAINER_LISTS = "(?:containers|initContainers|ephemeralContainers)";
var CONTAINER_PATH = new RegExp(`^(.*/${CONTAINER_LISTS})(?:/(\\d+|-)(?:/(image))?)?$`);
function readPatchEntry(doc, parsed, field, item) {
  if (field === "patchesStrategicMerge" && isScalar(item)) {
    const located = locatedScalar(parsed, item);
    if (!located) return [];
    const at = { file: located.file, line: located.line, column: located.column };
    return [/\n/.test(located.value) ? { field, inline: { node: item, keyAt: at } } : { field, path: located }];
  }
  if (!isMap(item)) return [];
  const target = readTarget(doc, item.get("target", true));
  const patchPath = locatedScalar(parsed, item.get("path", true));
  const inline = resolveAlias(doc, item.get("patch", true));
  const common = { field, ...target ? { target } : {} };
  if (patchPath) return [{ ...common, path: patchPath }];
  if (!isScalar(inline) || typeof inline.value !== "string") return [];
  const key = item.items.find((pair) => scalarText(pair.key) === "patch")?.key;
  return [{ ...common, inline: { node: inline, keyAt: positionOf(parsed, key ?? inline) } }];
}
function readTarget(doc, node) {
  const target = resolveAlias(doc, node);
  if (!isMap(target)) return void 0;
  const result = {};
  for (const key of ["kind", "name", "namespace", "labelSelector", "annotationSelector"]) {
    const value = scalarText(resolveAlias(doc, target.get(key, true)));
    if (value !== null && value !== "") result[key] = value;
  }
  return result;
}
function inlinePatchDocument(outer, node, keyAt, diagnostics) {
  const text = typeof node.value === "string" ? node.value : "";
  const scratch = [];
  const parsed = parseYamlText(text, outer.file, scratch);
  if (scratch.some((d) => d.level !== "note") || parsed.docs.length === 0) {
    diagnostics.push({ ...keyFields(keyAt), level: "warning", message: `an inline patch is not valid YAML; not applied` });
    return null;
  }
  const mapping = node.type === "BLOCK_LITERAL" ? literalMapping(outer, node, text) : void 0;
  if (mapping) {
    return { parsed, exact: true, place: (at) => ({ file: outer.file, line: mapping.firstLine + at.line - 1, column: mapping.indent + at.column }) };
  }
  return { parsed, exact: false, place: () => ({ ...keyAt }) };
}
function literalMapping(outer, node, value) {
  const start = node.range?.[0];
  if (start === void 0) return void 0;
  const headerEnd = outer.text.indexOf("\n", start);
  if (headerEnd < 0) return void 0;
  const firstLine2 = outer.lineCounter.linePos(headerEnd + 1).line;
  const sourceLines = outer.text.slice(headerEnd + 1).split("\n");
  let indent;
  const lines = value.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === "") continue;
    const source = sourceLines[i];
    if (source === void 0 || !source.endsWith(line)) return void 0;
    const lead = source.length - line.length;
    if (source.slice(0, lead).trim() !== "" || indent !== void 0 && indent !== lead) return void 0;
    indent = lead;
  }
  return indent === void 0 ? void 0 : { firstLine: firstLine2, indent };
}
function isJsonPatch(document) {
  return document.parsed.docs.length === 1 && isSeq(document.parsed.docs[0].contents);
}
function objectKey(state) {
  return `${state.kind}|${state.namespace ?? ""}|${state.resourceName ?? ""}`;
}
function targetMatches(target, state) {
  if (target.kind !== void 0 && target.kind !== state.kind) return false;
  if (target.name !== void 0) {
    const pattern = anchored(target.name);
    if (!pattern.test(state.resourceName ?? "") && !pattern.test(state.nameNow ?? "")) return false;
  }
  if (target.namespace !== void 0) {
    const pattern = anchored(target.namespace);
    const candidates = [state.namespace ?? "default", state.namespaceNow ?? state.namespace ?? "default"];
    if (!candidates.some((namespace) => pattern.test(namespace))) return false;
  }
  if (target.labelSelector !== void 0 && !labelsMatch(target.labelSelector, state.labels ?? {})) return false;
  return true;
}
function anchored(pattern) {
  try {
    return new RegExp(`^(?:${pattern})$`);
  } catch {
    return new RegExp(`^${pattern.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
  }
}
function labelsMatch(selector, labels) {
  const requirements = selector.match(/[^,(]+(?:\([^)]*\))?/g) ?? [];
  return requirements.every((raw) => {
    const requirement = raw.trim();
    if (requirement === "") return true;
    const set = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(requirement);
    if (set) {
      const values = set[3].split(",").map((v) => v.trim());
      const has = set[1] in labels && values.includes(labels[set[1]]);
      return set[2] === "in" ? has : !has;
    }
    const compare = /^([^!=\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(requirement);
    if (compare) return compare[2] === "!=" ? labels[compare[1]] !== compare[3] : labels[compare[1]] === compare[3];
    if (requirement.startsWith("!")) return !(requirement.slice(1).trim() in labels);
    return requirement in labels;
  });
}
function applyStrategicMerge(document, target, states, decidedBy) {
  for (const doc of document.parsed.docs) {
    const root = doc.contents;
    if (!isMap(root) || scalarText(root.get("$patch", true)) !== "delete") continue;
    const kind = scalarText(root.get("kind", true));
    const metadata = root.get("metadata", true);
    const name = isMap(metadata) ? scalarText(metadata.get("name", true)) : null;
    for (const state of [...states]) {
      const selected = target ? targetMatches(target, state) : state.kind === kind && (name === null || state.resourceName === name || state.nameNow === name);
      if (selected) states.splice(states.indexOf(state), 1);
    }
  }
  for (const deleted of deletedContainers(document.parsed)) {
    for (const state of [...states]) {
      const selected = target ? targetMatches(target, state) : state.kind === deleted.kind && (deleted.name === null || state.resourceName === deleted.name || state.nameNow === deleted.name);
      if (!selected || state.container !== deleted.container || state.pointer?.replace(/\/\d+$/, "") !== deleted.list) continue;
      states.splice(states.indexOf(state), 1);
      for (const other of states) {
        if (objectKey(other) === objectKey(state) && other.pointer?.startsWith(`${deleted.list}/`) && indexOf(other) > indexOf(state)) other.pointer = `${deleted.list}/${indexOf(other) - 1}`;
      }
    }
  }
  const containers = findContainerImages(document.parsed, []);
  for (const container of containers) {
    const at = document.place(container.at);
    const listOf = (pointer) => (pointer ?? "").replace(/\/\d+$/, "");
    const selected = states.filter((state) => target ? targetMatches(target, state) : state.kind === container.kind && (container.resourceName === void 0 || state.resourceName === container.resourceName || state.nameNow === container.resourceName) && (container.namespace === void 0 || (state.namespaceNow ?? state.namespace ?? "default") === container.namespace));
    const objects = /* @__PURE__ */ new Map();
    for (const state of selected) objects.set(objectKey(state), [...objects.get(objectKey(state)) ?? [], state]);
    for (const members of objects.values()) {
      const sameList = members.filter((state) => listOf(state.pointer) === listOf(container.pointer));
      const named = sameList.filter((state) => state.container === container.container);
      for (const state of named) setImage(state, container.image, at, decidedBy);
      if (named.length === 0 && container.container !== void 0) {
        const index = sameList.length > 0 ? Math.max(...sameList.map(indexOf)) + 1 : 0;
        states.push(newState(members[0], container, at, `${listOf(container.pointer)}/${index}`, decidedBy));
      }
    }
  }
}
function applyJsonPatch(document, target, states, decidedBy, diagnostics) {
  const doc = document.parsed.docs[0];
  const operations = doc.contents;
  if (!isSeq(operations)) return;
  for (const item of operations.items) {
    const operation = resolveAlias(doc, item);
    if (!isMap(operation)) continue;
    const op = scalarText(operation.get("op", true));
    const path7 = scalarText(operation.get("path", true));
    if (op === null || path7 === null) continue;
    const value = resolveAlias(doc, operation.get("value", true));
    const objects = /* @__PURE__ */ new Map();
    for (const state of states) if (targetMatches(target, state)) objects.set(objectKey(state), [...objects.get(objectKey(state)) ?? [], state]);
    const match = CONTAINER_PATH.exec(path7);
    const at = positionOf(document.parsed, operation);
    if (!match || op === "copy" || op === "move") {
      const touches = [...objects.values()].flat().some((state) => `${state.pointer}/image`.startsWith(`${path7}/`)) || op !== "remove" && mentionsImage(doc, value) || match !== null && objects.size > 0;
      if (touches) notModelled(diagnostics, document, at, `op ${op} on ${path7}`);
      continue;
    }
    const [, list, index, field] = match;
    for (const members of objects.values()) {
      const inList = members.filter((state) => state.pointer?.startsWith(`${list}/`) && /^\d+$/.test(state.pointer.slice(list.length + 1)));
      const template = inList[0] ?? members[0];
      if (field === "image") {
        const image = imageText(value);
        const state = inList.find((candidate) => String(indexOf(candidate)) === index);
        if (state && image !== null && (op === "add" || op === "replace")) setImage(state, image, document.place(positionOf(document.parsed, value)), decidedBy);
        else if (state && op === "remove") states.splice(states.indexOf(state), 1);
        continue;
      }
      if (index !== void 0) {
        const position = index === "-" ? inList.length === 0 ? 0 : Math.max(...inList.map(indexOf)) + 1 : Number(index);
        const existing = inList.find((state) => indexOf(state) === position);
        if (op === "replace" || op === "remove") {
          if (existing) states.splice(states.indexOf(existing), 1);
          if (op === "remove") {
            for (const state of inList) if (indexOf(state) > position) state.pointer = `${list}/${indexOf(state) - 1}`;
          }
        }
        if (op === "add") {
          for (const state of inList) if (indexOf(state) >= position) state.pointer = `${list}/${indexOf(state) + 1}`;
        }
        if (op === "add" || op === "replace") addContainer(document, doc, value, template, `${list}/${position}`, states, decidedBy);
        continue;
      }
      if (op === "add" || op === "replace" || op === "remove") {
        for (const state of inList) states.splice(states.indexOf(state), 1);
        if (op !== "remove" && isSeq(value)) value.items.forEach((entry, i) => addContainer(document, doc, resolveAlias(doc, entry), template, `${list}/${i}`, states, decidedBy));
      }
    }
  }
}
function deletedContainers(parsed) {
  const found = [];
  for (const doc of parsed.docs) {
    const root = doc.contents;
    if (!isMap(root)) continue;
    const kind = scalarText(root.get("kind", true));
    const metadata = root.get("metadata", true);
    const name = isMap(metadata) ? scalarText(metadata.get("name", true)) : null;
    const walk = (node, pointer, depth) => {
      if (!isMap(node) || depth > 30) return;
      for (const pair of node.items) {
        const key = scalarText(pair.key);
        if (key === null) continue;
        const here = `${pointer}/${key}`;
        if (CONTAINER_LIST_NAMES.has(key) && isSeq(pair.value)) {
          for (const item of pair.value.items) {
            const container = isMap(item) ? scalarText(item.get("name", true)) : null;
            if (isMap(item) && container !== null && scalarText(item.get("$patch", true)) === "delete") found.push({ kind, name, list: here, container });
          }
        } else walk(pair.value, here, depth + 1);
      }
    };
    walk(root, "", 0);
  }
  return found;
}
function addContainer(document, doc, value, template, pointer, states, decidedBy) {
  if (!isMap(value)) return;
  const imageNode = resolveAlias(doc, value.get("image", true));
  const image = imageText(imageNode);
  if (image === null) return;
  const name = scalarText(value.get("name", true));
  const container = { image, ...name !== null ? { container: name } : {} };
  states.push(newState(template, container, document.place(positionOf(document.parsed, imageNode)), pointer, decidedBy));
}
function newState(object, container, at, pointer, decidedBy) {
  const { kind, resourceName, namespace, namespaceNow, nameNow, labels } = object;
  const state = { image: container.image, at, tagAt: at, tagSource: "inline", decidedBy, overridden: false, kind, pointer };
  return Object.assign(
    state,
    resourceName !== void 0 ? { resourceName } : {},
    namespace !== void 0 ? { namespace } : {},
    namespaceNow !== void 0 ? { namespaceNow } : {},
    nameNow !== void 0 ? { nameNow } : {},
    labels ? { labels } : {},
    container.container !== void 0 ? { container: container.container } : {}
  );
}
function setImage(state, image, at, decidedBy) {
  Object.assign(state, { image, at, tagAt: at, tagSource: "inline", decidedBy, overridden: false });
}
function indexOf(state) {
  return Number(/\/(\d+)$/.exec(state.pointer ?? "")?.[1] ?? -1);
}
function imageText(node) {
  return isScalar(node) && typeof node.value === "string" && node.value.trim() !== "" ? node.value.trim() : null;
}
function mentionsImage(doc, node, depth = 0) {
  const value = resolveAlias(doc, node);
  if (depth > 20) return false;
  if (isSeq(value)) return value.items.some((item) => mentionsImage(doc, item, depth + 1));
  if (!isMap(value)) return false;
  return value.items.some((pair) => scalarText(pair.key) === "image" || mentionsImage(doc, pair.value, depth + 1));
}
function notModelled(diagnostics, document, at, what) {
  diagnostics.push({ ...keyFields(document.place(at)), level: "note", message: `a JSON6902 patch (${what}) may change container images; that operation is not modelled, so the image may not be what kustomize renders` });
}
function keyFields(at) {
  return { file: at.file, line: at.line, column: at.column };
}

// src/sources/manifests/kustomize.ts
var KUSTOMIZATION_NAMES = ["kustomization.yaml", "kustomization.yml", "Kustomization"];
function isKustomizationFile(file) {
  return KUSTOMIZATION_NAMES.includes(file.slice(file.lastIndexOf("/") + 1));
}
var KustomizeBuilder = class {
  constructor(workspace) {
    this.workspace = workspace;
  }
  workspace;
  /** plain resource files some kustomization includes: their images come from the builds, not as standalone uses */
  reachedFiles = /* @__PURE__ */ new Set();
  jsonPatchFiles = /* @__PURE__ */ new Set();
  kustomizations = /* @__PURE__ */ new Map();
  builds = /* @__PURE__ */ new Map();
  referenced = /* @__PURE__ */ new Set();
  overrides = [];
  get diagnostics() {
    return this.workspace.diagnostics;
  }
  /** Builds every kustomization found and returns the image uses of the builds nothing else includes. */
  async run(kustomizationFiles) {
    const dirs = [...new Set(kustomizationFiles.map(dirOf))].sort();
    for (const dir of dirs) await this.build(dir, []);
    const roots = dirs.filter((dir) => !this.referenced.has(dir) && this.kustomizations.get(dir)?.isComponent === false);
    const covered = /* @__PURE__ */ new Set();
    for (const root of roots) this.collect(root, covered);
    for (const dir of dirs) if (!covered.has(dir) && this.kustomizations.get(dir)?.isComponent === false) {
      roots.push(dir);
      this.collect(dir, covered);
    }
    const coveredByDeploy = /* @__PURE__ */ new Set();
    for (const root of roots) if (!isTestFixtureDir(root)) this.collect(root, coveredByDeploy);
    for (const dir of dirs) {
      if (isTestFixtureDir(dir) || coveredByDeploy.has(dir) || this.kustomizations.get(dir)?.isComponent !== false) continue;
      roots.push(dir);
      this.collect(dir, coveredByDeploy);
    }
    roots.sort((a, b) => Number(isTestFixtureDir(a)) - Number(isTestFixtureDir(b)));
    const uses = [];
    const seen = /* @__PURE__ */ new Set();
    for (const root of roots) {
      for (const state of this.builds.get(root)?.states ?? []) {
        const key = `${state.image}|${positionKey(state.tagAt)}|${positionKey(state.at)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const use = makeImageUse(
          { image: state.image, kind: state.overridden ? "kustomize" : "workload", at: state.at, tagAt: state.tagAt, tagSource: state.tagSource, kustomization: state.decidedBy ?? root },
          this.diagnostics
        );
        if (use) uses.push(use);
      }
    }
    const notes = this.diagnostics.filter((d) => !(d.level === "note" && d.file !== void 0 && this.jsonPatchFiles.has(d.file) && d.message.startsWith("document is a list")));
    this.diagnostics.splice(0, this.diagnostics.length, ...notes);
    const overrides = [...this.overrides].sort((a, b) => a.file < b.file ? -1 : a.file > b.file ? 1 : a.name.line - b.name.line);
    return { uses, overrides };
  }
  /** The effective images of one kustomization directory (for cross-checks with `kubectl kustomize`). */
  async render(dir) {
    const result = await this.build(dir, []);
    return { dir, images: result.states.map((state) => state.image), incomplete: result.incomplete };
  }
  edges = /* @__PURE__ */ new Map();
  collect(dir, covered) {
    if (covered.has(dir)) return;
    covered.add(dir);
    for (const next of this.edges.get(dir) ?? []) this.collect(next, covered);
  }
  async build(dir, stack) {
    const done = this.builds.get(dir);
    if (done) return done;
    const kustomization = await this.load(dir);
    if (!kustomization) return { states: [], incomplete: true };
    const states = [];
    const incomplete = await this.accumulate(kustomization, states, [...stack, dir]);
    const result = { states, incomplete };
    this.builds.set(dir, result);
    return result;
  }
  /** Adds a kustomization's resources and components to `states`, then applies its images; true when incomplete. */
  async accumulate(k, states, stack) {
    let incomplete = false;
    for (const entry of k.resources) {
      const target = await this.resolveEntry(k, entry, stack);
      if (target.kind === "skip") {
        incomplete = true;
        continue;
      }
      if (target.kind === "file") {
        this.reachedFiles.add(target.path);
        for (const container of await this.workspace.containersOf(target.path)) {
          const { image, at, ...object } = container;
          states.push({ ...object, image, at, tagAt: at, tagSource: "inline", overridden: false });
        }
        continue;
      }
      const sub = await this.build(target.path, stack);
      incomplete ||= sub.incomplete;
      for (const state of sub.states) states.push({ ...state });
    }
    for (const entry of k.components) {
      const target = await this.resolveEntry(k, entry, stack);
      if (target.kind === "skip") {
        incomplete = true;
        continue;
      }
      const component = target.kind === "directory" ? await this.load(target.path) : null;
      if (!component) {
        incomplete = true;
        continue;
      }
      incomplete = await this.accumulate(component, states, [...stack, target.path]) || incomplete;
    }
    await this.applyPatches(k, states);
    this.applyImages(k, states, incomplete);
    return incomplete;
  }
  /**
   * Patches in kustomize's order. The kustomization's namespace, name prefix and suffix and labels apply between
   * `patches` and `patchesJson6902` (kustomize's transformer order), so JSON6902 targets select on them too.
   */
  async applyPatches(k, states) {
    let renamed = false;
    for (const patch of k.patches) {
      if (patch.field === "patchesJson6902" && !renamed) {
        applyIdentity(k, states);
        renamed = true;
      }
      const keyAt = patch.inline?.keyAt ?? positionOnly(patch.path);
      const document = await this.patchDocument(k, patch);
      if (!document) continue;
      if (!document.exact && /\bimage\b/.test(document.parsed.text)) {
        this.diagnostics.push({ file: keyAt.file, line: keyAt.line, column: keyAt.column, level: "note", message: `an inline patch that is not a literal block (| or |-) touches an image; its images are reported at the patch: key, as positions inside it cannot be exact` });
      }
      if (patch.field === "patchesJson6902" || isJsonPatch(document)) {
        if (patch.path) this.jsonPatchFiles.add(document.parsed.file);
        if (!patch.target) {
          this.diagnostics.push({ file: keyAt.file, line: keyAt.line, column: keyAt.column, level: "warning", message: `a JSON6902 patch has no target; kustomize rejects it, so it is not applied` });
          continue;
        }
        if (patch.target.annotationSelector !== void 0) {
          this.diagnostics.push({ file: keyAt.file, line: keyAt.line, column: keyAt.column, level: "note", message: `the patch target's annotationSelector is not compared; the patch is applied to every object the rest of the target selects` });
        }
        applyJsonPatch(document, patch.target, states, k.dir, this.diagnostics);
      } else {
        applyStrategicMerge(document, patch.target, states, k.dir);
      }
    }
    if (!renamed) applyIdentity(k, states);
  }
  /** The patch's document: the inline string, or the file `path:` names (YAML, or JSON for JSON6902). */
  async patchDocument(k, patch) {
    if (patch.inline) return inlinePatchDocument(k.parsed, patch.inline.node, patch.inline.keyAt, this.diagnostics);
    const entry = patch.path;
    const target = path6.posix.normalize(joinPath(k.dir, entry.value));
    if (target.startsWith("../") || await this.workspace.kindOf(target) !== "file") {
      this.diagnostics.push({ file: k.file, line: entry.line, column: entry.column, level: "warning", message: `patch "${entry.value}" cannot be read` });
      return null;
    }
    this.reachedFiles.add(target);
    const parsed = await this.workspace.treeOf(target, []);
    return parsed ? { parsed, exact: true, place: (at) => at } : null;
  }
  /** kustomize's image transformer: every matching image gets the new name, tag and digest, entry by entry. */
  applyImages(k, states, incomplete) {
    for (const entry of k.images) {
      if (!entry.name) continue;
      let matched = false;
      const before = entry.override ? states.map((state) => splitImage(state.image).name) : [];
      for (const state of states) {
        if (!imageNameMatches(state.image, entry.name.value)) continue;
        matched = true;
        const split = splitImage(state.image);
        let { name, tag, digest } = split;
        if (entry.newName) {
          name = entry.newName.value;
          state.at = positionOnly(entry.newName);
          state.decidedBy = k.dir;
          state.overridden = true;
        }
        if (entry.newTag && entry.digest) {
          tag = entry.newTag.value;
          digest = entry.digest.value;
        } else if (entry.newTag) {
          tag = entry.newTag.value;
          digest = "";
        } else if (entry.digest) {
          tag = "";
          digest = entry.digest.value;
        }
        const decider = entry.newTag ?? entry.digest;
        if (decider) {
          state.tagAt = positionOnly(decider);
          state.tagSource = "kustomize";
          state.decidedBy = k.dir;
          state.overridden = true;
        }
        state.image = `${name}${tag ? `:${tag}` : ""}${digest ? `@${digest}` : ""}`;
      }
      if (entry.override) {
        entry.override.matched ||= matched;
        entry.override.incomplete ||= incomplete;
        const seen = /* @__PURE__ */ new Set([...entry.override.resourceImages ?? [], ...before]);
        entry.override.resourceImages = [...seen].sort();
      }
    }
  }
  async resolveEntry(k, entry, stack) {
    const where = { file: k.file, line: entry.line, column: entry.column };
    if (isRemote(entry.value)) {
      this.diagnostics.push({ ...where, level: "note", message: `remote resource "${entry.value}" is not fetched; images it brings in are not checked` });
      return { kind: "skip" };
    }
    const target = path6.posix.normalize(joinPath(k.dir, entry.value.replace(/\/+$/, "")));
    const kind = target === ".." || target.startsWith("../") || path6.posix.isAbsolute(target) ? "outside" : await this.workspace.kindOf(target);
    if (kind === "outside") {
      this.diagnostics.push({ ...where, level: "note", message: `resource "${entry.value}" is outside the checked directory; not read` });
      return { kind: "skip" };
    }
    if (kind === "missing") {
      this.diagnostics.push({ ...where, level: "warning", message: `resource "${entry.value}" does not exist` });
      return { kind: "skip" };
    }
    if (kind === "directory") {
      if (await this.kustomizationFileIn(target) === null) {
        this.diagnostics.push({ ...where, level: "warning", message: `resource "${entry.value}" is a folder without a kustomization.yaml` });
        return { kind: "skip" };
      }
      if (stack.includes(target)) {
        const cycle = [...stack.slice(stack.indexOf(target)), target].join(" \u2192 ");
        this.diagnostics.push({ ...where, level: "warning", message: `kustomization resources form a cycle (${cycle}); not followed` });
        return { kind: "skip" };
      }
      this.referenced.add(target);
      if (!this.edges.has(k.dir)) this.edges.set(k.dir, /* @__PURE__ */ new Set());
      this.edges.get(k.dir).add(target);
    }
    return { kind, path: target };
  }
  async load(dir) {
    if (this.kustomizations.has(dir)) return this.kustomizations.get(dir);
    let result = null;
    const file = await this.kustomizationFileIn(dir);
    if (file === null) {
      this.diagnostics.push({ file: dir, level: "warning", message: `folder used as a kustomize resource has no kustomization.yaml` });
    } else {
      const parsed = await this.workspace.parsedFile(file);
      result = parsed ? this.readKustomization(dir, file, parsed) : null;
    }
    this.kustomizations.set(dir, result);
    return result;
  }
  async kustomizationFileIn(dir) {
    for (const name of KUSTOMIZATION_NAMES) {
      const candidate = joinPath(dir, name);
      if (await this.workspace.kindOf(candidate) === "file") return candidate;
    }
    return null;
  }
  readKustomization(dir, file, parsed) {
    const doc = parsed.docs.find((candidate) => isMap(candidate.contents));
    if (!doc) {
      if (parsed.docs.length > 0) this.diagnostics.push({ file, level: "warning", message: `not a kustomization (no mapping at the top); ignored` });
      return null;
    }
    const root = doc.contents;
    const list = (key) => {
      const value = resolveAlias(doc, root.get(key, true));
      if (isSeq(value)) return value.items.map((item) => resolveAlias(doc, item));
      if (value !== void 0 && !(isScalar(value) && value.value === null)) {
        const where = value && typeof value === "object" ? positionOf(parsed, value) : { line: void 0, column: void 0 };
        this.diagnostics.push({ file, line: where.line, column: where.column, level: "warning", message: `${key} is not a list; ignored` });
      }
      return [];
    };
    const paths = (key) => list(key).flatMap((item) => locatedScalar(parsed, item) ?? []);
    const images = list("images").map((item) => {
      if (!isMap(item)) return {};
      const field = (key) => {
        const located = locatedScalar(parsed, item.get(key, true));
        return located && located.value !== "" ? located : void 0;
      };
      const entry = { name: field("name"), newName: field("newName"), newTag: field("newTag"), digest: field("digest") };
      if (!entry.name) {
        this.diagnostics.push({ file, level: "warning", message: `an images: entry has no name; ignored` });
        return entry;
      }
      entry.override = {
        file,
        name: entry.name,
        ...entry.newName ? { newName: entry.newName } : {},
        ...entry.newTag ? { newTag: entry.newTag } : {},
        ...entry.digest ? { digest: entry.digest } : {},
        matched: false,
        incomplete: false
      };
      this.overrides.push(entry.override);
      return entry;
    });
    const patches = ["patchesStrategicMerge", "patches", "patchesJson6902"].flatMap((field) => list(field).flatMap((item) => readPatchEntry(doc, parsed, field, item)));
    const text = (key) => scalarText(root.get(key, true)) || void 0;
    const labels = {};
    const addLabels = (node) => {
      const map = resolveAlias(doc, node);
      if (isMap(map)) for (const pair of map.items) {
        const key = scalarText(pair.key);
        if (key !== null) labels[key] = scalarText(pair.value) ?? "";
      }
    };
    addLabels(root.get("commonLabels", true));
    for (const item of list("labels")) if (isMap(item)) addLabels(item.get("pairs", true));
    const identity = {
      ...text("namespace") ? { namespace: text("namespace") } : {},
      ...text("namePrefix") ? { namePrefix: text("namePrefix") } : {},
      ...text("nameSuffix") ? { nameSuffix: text("nameSuffix") } : {},
      ...Object.keys(labels).length > 0 ? { labels } : {}
    };
    if (list("helmCharts").length > 0) {
      this.diagnostics.push({ file, level: "note", message: `helmCharts are not rendered; images they bring in are not checked` });
    }
    return {
      dir,
      file,
      isComponent: scalarText(root.get("kind", true)) === "Component",
      resources: [...paths("resources"), ...paths("bases")],
      components: paths("components"),
      patches,
      identity,
      images,
      parsed
    };
  }
};
function applyIdentity(k, states) {
  const { namespace, namePrefix = "", nameSuffix = "", labels } = k.identity;
  for (const state of states) {
    if (namespace !== void 0) state.namespaceNow = namespace;
    if ((namePrefix || nameSuffix) && state.resourceName !== void 0) state.nameNow = `${namePrefix}${state.nameNow ?? state.resourceName}${nameSuffix}`;
    if (labels) state.labels = { ...state.labels, ...labels };
  }
}
function positionOnly(located) {
  return { file: located.file, line: located.line, column: located.column };
}
function imageNameMatches(image, name) {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^${escaped}(@sha256)?(:[a-zA-Z0-9_.{}-]*)?$`).test(image);
}
function splitImage(image) {
  const slash = image.indexOf("/");
  const offset = slash > 0 ? slash : 0;
  const search = image.slice(offset);
  const at = search.indexOf("@");
  const colon = search.indexOf(":");
  if (colon < 0 && at < 0) return { name: image, tag: "", digest: "" };
  if (at >= 0 && (at < colon || colon < 0)) return { name: image.slice(0, at + offset), tag: "", digest: image.slice(at + offset + 1) };
  if (at >= 0 && colon >= 0) return { name: image.slice(0, colon + offset), tag: image.slice(colon + offset + 1, at + offset), digest: image.slice(at + offset + 1) };
  return { name: image.slice(0, colon + offset), tag: image.slice(colon + offset + 1), digest: "" };
}
function isRemote(entry) {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(entry) || /^git(@|::)/.test(entry) || /^(github\.com|gitlab\.com|bitbucket\.org)\//.test(entry) || /\?(ref|version|timeout|submodules)=/.test(entry);
}

// src/sources/manifests/index.ts
async function loadManifests(options) {
  const diagnostics = [];
  const realRoot = await realpath4(options.root);
  const found = await discoverFiles(options.root, options.globs, diagnostics);
  const chartFiles = found.map((entry) => entry.file).filter(isChartFile);
  const chartDirs = new Set([...chartFiles, ...found.map((entry) => entry.file).filter(isChartTemplateFile)].map(dirOf));
  const valuesFiles = new Set([...chartDirs].map((dir) => joinPath(dir, "values.yaml")));
  const keepAst = (file) => isKustomizationFile(file) || isChartFile(file) || valuesFiles.has(file);
  const workspace = new Workspace(options.root, realRoot, diagnostics, keepAst, options.parse);
  const toParse = found.filter((entry) => {
    if (isChartTemplateFile(entry.file)) {
      diagnostics.push({ file: entry.file, level: "note", message: `a template for Chart.yaml filled in at release time; its versions are not checked` });
      return false;
    }
    return !inChartTemplates(entry.file, chartDirs);
  });
  await workspace.parseAll(toParse);
  const kustomize = new KustomizeBuilder(workspace);
  const built = await kustomize.run(toParse.map((entry) => entry.file).filter(isKustomizationFile));
  const helm = await loadCharts(workspace, chartFiles, found.map((entry) => entry.file).filter(isChartTemplateFile));
  const imageUses = [...built.uses, ...helm.uses];
  for (const entry of toParse) {
    const file = entry.file;
    if (kustomize.reachedFiles.has(file) || isKustomizationFile(file) || isChartFile(file) || valuesFiles.has(file)) continue;
    for (const container of await workspace.containersOf(file)) {
      const use = makeImageUse({ image: container.image, kind: "workload", at: container.at, tagAt: container.at, tagSource: "inline" }, diagnostics);
      if (use) imageUses.push(use);
    }
  }
  return {
    files: [...workspace.files].sort(),
    imageUses: imageUses.sort(compareUses),
    charts: helm.charts,
    kustomizeOverrides: built.overrides,
    diagnostics: dedupeDiagnostics(diagnostics)
  };
}
function dedupeDiagnostics(diagnostics) {
  const seen = /* @__PURE__ */ new Set();
  const fileOf = (d) => d.file ?? "";
  const sorted = [...diagnostics].sort((a, b) => fileOf(a) < fileOf(b) ? -1 : fileOf(a) > fileOf(b) ? 1 : (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  return sorted.filter((d) => {
    const key = `${d.file}|${d.line}|${d.column}|${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// src/engine/test-fixtures.ts
function setAsideTestFixtures(manifests, globs = []) {
  const named = folderNamesIn(globs);
  const isTestFixtureDir2 = (dir) => isTestFixtureDir(dir, named);
  const isTestFixturePath2 = (file) => isTestFixturePath(file, named);
  const fixtureUse = (use) => use.kustomization !== void 0 ? isTestFixtureDir2(use.kustomization) : use.chart !== void 0 ? isTestFixtureDir2(use.chart) : isTestFixturePath2(use.at.file);
  const imageUses = manifests.imageUses.filter((use) => !fixtureUse(use));
  const charts = manifests.charts.filter((chart) => !isTestFixturePath2(chart.file));
  const kustomizeOverrides = manifests.kustomizeOverrides.filter((entry) => !isTestFixturePath2(entry.file));
  const setAside = manifests.imageUses.length - imageUses.length;
  const chartsSetAside = manifests.charts.length - charts.length;
  const diagnostics = manifests.diagnostics.map(
    (d) => d.level === "warning" && d.file !== void 0 && (isTestFixturePath2(d.file) || isTestFixtureDir2(d.file)) ? { ...d, level: "note" } : d
  );
  if (setAside + chartsSetAside > 0) {
    const what = [setAside > 0 ? plural(setAside, "image reference") : "", chartsSetAside > 0 ? plural(chartsSetAside, "chart") : ""].filter(Boolean).join(" and ");
    diagnostics.unshift({
      level: "note",
      notChecked: setAside,
      message: `${what} in test-fixture folders (${TEST_FIXTURE_DIRS.map((d) => `${d}/`).join(", ")}) not checked: they are test inputs, not what the release deploys; name the folders in manifests: in .tagcheck.yaml (e.g. test/**) to check them`
    });
  }
  return { ...manifests, imageUses, charts, kustomizeOverrides, diagnostics };
}
function plural(n, noun) {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

export {
  CONTRACT_RULE_IDS,
  DEFAULT_REQUIREMENTS,
  defaultConfig,
  loadConfig,
  TEST_FIXTURE_DIRS,
  isTestFixturePath,
  folderNamesIn,
  IGNORED_DIRS,
  walkTree,
  resolveMatches,
  inIgnoredDir,
  resolveReleaseTag,
  discoverFiles,
  loadManifests,
  setAsideTestFixtures
};
