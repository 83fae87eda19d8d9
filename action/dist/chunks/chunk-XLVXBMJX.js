import { createRequire as __tagcheckCreateRequire } from 'node:module';
const require = __tagcheckCreateRequire(import.meta.url);
import {
  levelRank
} from "./chunk-5IJPJYX3.js";
import {
  DEFAULT_REQUIREMENTS,
  IGNORED_DIRS,
  TEST_FIXTURE_DIRS,
  folderNamesIn,
  inIgnoredDir,
  isTestFixturePath,
  loadConfig,
  loadManifests,
  resolveMatches,
  resolveReleaseTag,
  setAsideTestFixtures,
  walkTree
} from "./chunk-GCMTTL4V.js";
import {
  decideOwnership,
  ownershipDiagnostics
} from "./chunk-J4PBTIGS.js";
import {
  TOOL_NAME,
  buildId,
  toolVersion
} from "./chunk-CZ5HT6FU.js";
import {
  rules
} from "./chunk-L6CATLOV.js";
import {
  originUrl,
  resolveRepositoryName,
  resolveRepositorySlug
} from "./chunk-XXZ2UYBR.js";
import {
  describeError,
  parallelWorkers,
  readLimited
} from "./chunk-RGLCWCIF.js";
import {
  compareVersions,
  parseVersion
} from "./chunk-FI5HTOGP.js";
import {
  parseImageRef
} from "./chunk-FQ47HCOD.js";
import {
  InputError
} from "./chunk-RPMDAMUC.js";

// src/engine/release-model.ts
import { realpath, stat as stat2 } from "node:fs/promises";
import { basename, resolve } from "node:path";

// src/sources/docs/index.ts
import { isUtf8 } from "node:buffer";

// src/sources/docs/discover.ts
import { stat } from "node:fs/promises";
import path from "node:path";
var RELEASE_NOTES = /^(?:changelog|release|(?:changes|history|news)(?:[._-]|$))/i;
function isReleaseNotes(file) {
  return file.split("/").some((part) => RELEASE_NOTES.test(part));
}
function isMarkdownName(file) {
  return /\.(?:md|markdown)$/i.test(file);
}
async function discoverMarkdown(root, globs, diagnostics) {
  if (globs !== void 0 && globs.length === 0) return [];
  const matches = globs ? await globMatches(root, globs) : walkTree(root, isMarkdownName);
  const seen = /* @__PURE__ */ new Set();
  const named = folderNamesIn(globs ?? []);
  let fixtures = 0;
  const chosen = matches.filter((match) => {
    const { file } = match;
    if (seen.has(file) || !globs && !isMarkdownName(file) || inIgnoredDir(file)) return false;
    if (isReleaseNotes(file) && !match.literal) return false;
    seen.add(file);
    if (isTestFixturePath(file, named)) {
      fixtures++;
      return false;
    }
    return true;
  });
  const found = await resolveMatches(root, chosen, globs !== void 0, diagnostics);
  if (fixtures > 0) {
    diagnostics.push({
      level: "note",
      message: `${fixtures} Markdown file${fixtures === 1 ? "" : "s"} in test-fixture folders (${TEST_FIXTURE_DIRS.map((d) => `${d}/`).join(", ")}) not read: they document tests, not the release; name the folders in docs: in .tagcheck.yaml (e.g. "test/**/*.md") to check them`
    });
  }
  return found;
}
var GLOB_CHARACTERS = /[*?[\]{}]/;
async function globMatches(root, globs) {
  const { glob } = await import("./esm-HFKRPBWE.js");
  const literal = new Set(globs.filter((pattern) => !GLOB_CHARACTERS.test(pattern)).map((pattern) => pattern.replace(/^\.\//, "")));
  const patterns = (await Promise.all(
    globs.map(async (pattern) => {
      if (GLOB_CHARACTERS.test(pattern)) return [pattern];
      const info = await stat(path.join(root, pattern)).catch(() => null);
      const dir = pattern.replace(/\/+$/, "");
      return info?.isDirectory() ? [`${dir}/**/*.[mM][dD]`, `${dir}/**/*.[mM][aA][rR][kK][dD][oO][wW][nN]`] : [pattern];
    })
  )).flat();
  const found = await glob(patterns, {
    cwd: root,
    ignore: { childrenIgnored: (p) => IGNORED_DIRS.has(p.name) },
    nodir: true,
    dot: true,
    follow: false,
    withFileTypes: true
  });
  return found.map((m) => {
    const file = m.relativePosix();
    return { file, symlink: m.isSymbolicLink(), literal: literal.has(file) };
  });
}

// src/sources/docs/helm-command.ts
function offsetOf(word, index) {
  let run = 0;
  while (run + 2 < word.runs.length && word.runs[run + 2] <= index) run += 2;
  return word.runs[run + 1] + index - word.runs[run];
}
var VALUE_FLAGS = /* @__PURE__ */ new Set([
  "-n",
  "--namespace",
  "-f",
  "--values",
  "--set",
  "--set-string",
  "--set-file",
  "--set-json",
  "--set-literal",
  "--repo",
  "--kube-context",
  "--kubeconfig",
  "--kube-apiserver",
  "--kube-token",
  "--kube-as-user",
  "--kube-as-group",
  "--kube-ca-file",
  "--timeout",
  "-o",
  "--output",
  "--post-renderer",
  "--post-renderer-args",
  "--username",
  "--password",
  "--ca-file",
  "--cert-file",
  "--key-file",
  "--description",
  "--name-template",
  "--registry-config",
  "--repository-cache",
  "--repository-config",
  "--labels",
  "-l",
  "--history-max",
  "--burst-limit",
  "--qps"
]);
function helmInstall(text, start, end) {
  if (!mayInstall(text, start, end)) return null;
  return parseHelmCommand(shellWords(text, start, end));
}
function mayInstall(text, start, end) {
  let at = start + "helm".length;
  while (at < end && (text[at] === " " || text[at] === "	" || text[at] === "\r")) at++;
  let wordEnd = at;
  for (; wordEnd < end; wordEnd++) {
    const char = text[wordEnd];
    if (char === " " || char === "	" || char === "\r" || char === "\n" || char === ";" || char === "|" || char === "&") break;
    if (char === '"' || char === "'" || char === "\\") return true;
  }
  if (text[at] === "-") return true;
  const word = wordEnd - at;
  return word === 7 && (text.startsWith("install", at) || text.startsWith("upgrade", at));
}
function parseHelmCommand(words) {
  let i = 1;
  while (i < words.length && words[i].text.startsWith("-")) i += VALUE_FLAGS.has(words[i].text) ? 2 : 1;
  const subcommand = words[i]?.text;
  if (subcommand !== "install" && subcommand !== "upgrade") return null;
  const positional = [];
  let version;
  for (let j = i + 1; j < words.length; j++) {
    const word = words[j];
    if (word.text === "--version") {
      const value = words[++j];
      if (value && value.text !== "") version = { text: value.text, offset: offsetOf(value, 0) };
    } else if (word.text.startsWith("--version=")) {
      const at = "--version=".length;
      if (word.text.length > at) version = { text: word.text.slice(at), offset: offsetOf(word, at) };
    } else if (word.text.startsWith("-")) {
      if (VALUE_FLAGS.has(word.text)) j++;
    } else {
      positional.push(word);
    }
  }
  const chartArgument = positional[positional.length - 1]?.text;
  if (!version || !chartArgument) return null;
  const path3 = chartArgument.replace(/[?#].*$/, "").replace(/\/+$/, "");
  if (/\.tgz$/i.test(path3)) return null;
  const chart = path3.slice(path3.lastIndexOf("/") + 1);
  if (chart === "") return null;
  return { chart, written: chartArgument, version: version.text, versionOffset: version.offset };
}
function shellWords(code, start, end) {
  const words = [];
  let word = null;
  let runStart = -1;
  let quote = "";
  const endRun = (at) => {
    if (word && runStart >= 0) word.text += code.slice(runStart, at);
    runStart = -1;
  };
  const extend = (at) => {
    word ??= { text: "", runs: [] };
    if (runStart < 0) {
      word.runs.push(word.text.length, at);
      runStart = at;
    }
  };
  const finish = (at) => {
    endRun(at);
    if (word) words.push(word);
    word = null;
  };
  let i = start;
  for (; i < end; i++) {
    const char = code[i];
    if (quote) {
      if (char === quote) {
        endRun(i);
        quote = "";
      } else if (char === "\n") break;
      else extend(i);
      continue;
    }
    if (char === "\\" && (code[i + 1] === "\n" || code[i + 1] === "\r" && code[i + 2] === "\n")) {
      finish(i);
      i += code[i + 1] === "\r" ? 2 : 1;
      while (code[i + 1] === " " || code[i + 1] === "	" || code[i + 1] === ">") i++;
      continue;
    }
    if (char === "\n" || char === ";" || char === "|" || char === "&") break;
    if (char === " " || char === "	" || char === "\r") {
      finish(i);
      continue;
    }
    if (char === "#" && word === null) break;
    if (char === '"' || char === "'") {
      endRun(i);
      quote = char;
      word ??= { text: "", runs: [] };
      continue;
    }
    extend(i);
  }
  finish(i);
  return words;
}

// src/sources/docs/markdown.ts
var FENCE = /(`{3,}|~{3,})([^\n]*)/g;
var CONTAINER_MARKERS = /^[ \t]*(?:(?:>|[-*+][ \t]|\d{1,9}[.)][ \t])[ \t]*)*$/;
var BLANK_LINE = /\n[ \t\r>]*(?=\n|$)/g;
var DELIMITER_ROW = /\n[ \t>]*\|?[ \t]*:?-[-|: \t]*(?=\r?\n|\r?$)/g;
function findCodeRegions(text) {
  const regions = [];
  const length = text.length;
  let open = null;
  let contentStart = 0;
  let outside = 0;
  FENCE.lastIndex = 0;
  for (let match = FENCE.exec(text); match; match = FENCE.exec(text)) {
    const [line, fence, info] = match;
    const lineStart = text.lastIndexOf("\n", match.index - 1) + 1;
    if (!CONTAINER_MARKERS.test(text.slice(lineStart, match.index))) continue;
    const lineEnd = match.index + line.length;
    if (open) {
      if (fence[0] === open.char && fence.length >= open.length && /^[ \t\r]*$/.test(info)) {
        regions.push({ start: contentStart, end: lineStart, kind: "fence" });
        open = null;
        outside = Math.min(lineEnd + 1, length);
      }
    } else if (fence[0] === "~" || !info.includes("`")) {
      inlineSpans(text, outside, lineStart, regions);
      open = { char: fence[0], length: fence.length };
      contentStart = Math.min(lineEnd + 1, length);
    }
  }
  if (open) regions.push({ start: contentStart, end: length, kind: "fence" });
  else inlineSpans(text, outside, length, regions);
  return regions;
}
function inlineSpans(text, start, end, regions) {
  let at = text.indexOf("`", start);
  if (at < 0 || at >= end) return;
  const blanks = matchStarts(BLANK_LINE, text, start, end);
  const tables = tableParagraphs(text, start, end, blanks);
  const runs = [];
  let paragraph = 0;
  while (at >= 0 && at < end) {
    let stop = at;
    while (stop < end && text.charCodeAt(stop) === 96) stop++;
    while (paragraph < blanks.length && blanks[paragraph] < at) paragraph++;
    if (!tables.has(paragraph)) {
      let backslashes = 0;
      while (at - backslashes - 1 >= start && text.charCodeAt(at - backslashes - 1) === 92) backslashes++;
      runs.push({ start: at, length: stop - at, escaped: backslashes % 2 === 1, paragraph });
    }
    at = text.indexOf("`", stop);
  }
  if (runs.length < 2) return;
  const nextSameLength = new Array(runs.length).fill(-1);
  const lastSeen = /* @__PURE__ */ new Map();
  for (let i2 = runs.length - 1; i2 >= 0; i2--) {
    const key = runs[i2].paragraph * 65536 + Math.min(runs[i2].length, 65535);
    nextSameLength[i2] = lastSeen.get(key) ?? -1;
    lastSeen.set(key, i2);
  }
  let i = 0;
  while (i < runs.length) {
    const opener = runs[i];
    const closer = opener.escaped && opener.length === 1 ? -1 : nextSameLength[i];
    if (closer < 0) {
      i++;
      continue;
    }
    regions.push({ start: opener.start + opener.length, end: runs[closer].start, kind: "inline" });
    i = closer + 1;
  }
}
function tableParagraphs(text, start, end, blanks) {
  const tables = /* @__PURE__ */ new Set();
  let paragraph = 0;
  for (const row of matchStarts(DELIMITER_ROW, text, start, end)) {
    const lineEnd = text.indexOf("\n", row + 1);
    const line = text.slice(row + 1, lineEnd < 0 ? text.length : lineEnd);
    if (!line.includes("|") || !line.includes("-")) continue;
    while (paragraph < blanks.length && blanks[paragraph] < row + 1) paragraph++;
    tables.add(paragraph);
  }
  return tables;
}
function matchStarts(pattern, text, start, end) {
  const starts = [];
  const range = text.slice(start, end);
  pattern.lastIndex = 0;
  for (let match = pattern.exec(range); match; match = pattern.exec(range)) starts.push(start + match.index);
  return starts;
}

// src/sources/docs/yaml-pairs.ts
var TAG_KEY = /^([ \t]*(?:-[ \t]+)?)(newTag|tag):[ \t]*(["']?)([\w][\w.+-]*)\3[ \t]*(?:#.*)?\r?$/gm;
var SIBLING = /^([ \t]*(?:-[ \t]+)?)([\w.-]+):[ \t]*(["']?)([^\s"'#]*)\3/;
var IMAGE_KEYS = { newTag: ["newName", "name"], tag: ["repository"] };
var MAX_SIBLINGS = 40;
function yamlPairs(code) {
  const found = [];
  let lines;
  let lineStarts = [];
  TAG_KEY.lastIndex = 0;
  for (let match = TAG_KEY.exec(code); match; match = TAG_KEY.exec(code)) {
    if (!lines) {
      lines = code.split("\n");
      lineStarts = [];
      for (let i = 0, offset = 0; i < lines.length; offset += lines[i].length + 1, i++) lineStarts.push(offset);
    }
    const [, lead, key, quote, tag] = match;
    const keys = siblingKeys(lines, lineOf(lineStarts, match.index), lead.length);
    const repository = IMAGE_KEYS[key].map((k) => keys.get(k)).find((v) => v !== void 0 && v !== "");
    if (repository) found.push({ repository, tag, tagOffset: match.index + match[0].indexOf(`${quote}${tag}`, lead.length + key.length) + quote.length });
  }
  return found;
}
function lineOf(starts, offset) {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = low + high + 1 >> 1;
    if (starts[middle] <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}
function siblingKeys(lines, lineIndex, indent) {
  const keys = /* @__PURE__ */ new Map();
  const visit = (i) => {
    const line = lines[i];
    if (line.trim() === "" || line.trim().startsWith("#")) return "same";
    const sibling = SIBLING.exec(line);
    const column = sibling ? sibling[1].length : line.length - line.trimStart().length;
    if (column !== indent || !sibling) return column > indent ? "same" : "stop";
    if (!keys.has(sibling[2])) keys.set(sibling[2], sibling[4]);
    return sibling[1].includes("-") ? "item" : "same";
  };
  if (visit(lineIndex) !== "item") {
    for (let i = lineIndex - 1; i >= 0 && lineIndex - i <= MAX_SIBLINGS; i--) if (visit(i) !== "same") break;
  }
  for (let i = lineIndex + 1; i < lines.length && i - lineIndex <= MAX_SIBLINGS; i++) {
    const line = lines[i];
    if (/^[ \t]*-[ \t]/.test(line) && (SIBLING.exec(line)?.[1].length ?? -1) === indent) break;
    if (visit(i) === "stop") break;
  }
  return keys;
}

// src/sources/docs/references.ts
function findDocReferences(text, file) {
  const regions = findCodeRegions(text);
  if (regions.length === 0) return [];
  const scans = [new Hits(file), new Hits(file), new Hits(file), new Hits(file), new Hits(file)];
  imageReferences(text, new RegionCursor(regions), scans[0]);
  githubReferences(text, new RegionCursor(regions), scans[1], scans[2]);
  helmReferences(text, new RegionCursor(regions), scans[3]);
  for (const region of regions) if (region.kind === "fence") yamlPairReferences(text, region, scans[4]);
  return locate(text, mergeByOffset(scans));
}
var Hits = class {
  constructor(file) {
    this.file = file;
  }
  file;
  references = [];
  offsets = [];
  /** A version at `offset` (its line and column are counted later, once, for all references together). */
  version(value, offset) {
    this.offsets.push(offset);
    return { value, file: this.file, line: 0, column: 0 };
  }
  add(reference) {
    this.references.push(reference);
  }
};
function mergeByOffset(scans) {
  const lists = scans.map((hits) => isAscending(hits.offsets) ? hits : sortedByOffset(hits));
  const references = [];
  const offsets = [];
  const next = lists.map(() => 0);
  for (; ; ) {
    let best = -1;
    for (let i = 0; i < lists.length; i++) {
      if (next[i] < lists[i].offsets.length && (best < 0 || lists[i].offsets[next[i]] < lists[best].offsets[next[best]])) best = i;
    }
    if (best < 0) return { references, offsets };
    offsets.push(lists[best].offsets[next[best]]);
    references.push(lists[best].references[next[best]++]);
  }
}
function isAscending(offsets) {
  for (let i = 1; i < offsets.length; i++) if (offsets[i] < offsets[i - 1]) return false;
  return true;
}
function sortedByOffset(hits) {
  const order = hits.offsets.map((_, i) => i).sort((a, b) => hits.offsets[a] - hits.offsets[b] || a - b);
  return { references: order.map((i) => hits.references[i]), offsets: order.map((i) => hits.offsets[i]) };
}
function locate(text, found) {
  let line = 1;
  let lineStart = 0;
  let nextBreak = text.indexOf("\n");
  for (let i = 0; i < found.references.length; i++) {
    const offset = found.offsets[i];
    while (nextBreak >= 0 && nextBreak < offset) {
      line++;
      lineStart = nextBreak + 1;
      nextBreak = text.indexOf("\n", lineStart);
    }
    const version = found.references[i].version;
    version.line = line;
    version.column = offset - lineStart + 1;
  }
  return found.references;
}
var RegionCursor = class {
  constructor(regions) {
    this.regions = regions;
  }
  regions;
  next = 0;
  at(offset) {
    while (this.next < this.regions.length && this.regions[this.next].end <= offset) this.next++;
    const region = this.regions[this.next];
    return region && region.start <= offset ? region : void 0;
  }
};
var PLACEHOLDER_NEIGHBOURS = /* @__PURE__ */ new Set(["$", "{", "}", "<", ">", "%", "\\"]);
var CONTINUATION = /* @__PURE__ */ new Set(["/", ".", "-", ":", "@"]);
function isReferenceChar(c) {
  return c >= 97 && c <= 122 || c >= 65 && c <= 90 || c >= 48 && c <= 57 || c === 95 || c === 46 || c === 45 || c === 47 || c === 58 || c === 64;
}
function isDigit(c) {
  return c >= 48 && c <= 57;
}
function imageReferences(text, code, out) {
  for (let colon = text.indexOf(":"); colon >= 0; colon = text.indexOf(":", colon + 1)) {
    const next = text.charCodeAt(colon + 1);
    if (!isDigit(next) && !((next === 118 || next === 86) && isDigit(text.charCodeAt(colon + 2)))) continue;
    const region = code.at(colon);
    if (!region) continue;
    let start = colon;
    while (start > region.start && isReferenceChar(text.charCodeAt(start - 1))) start--;
    let end = colon + 1;
    while (end < region.end && isReferenceChar(text.charCodeAt(end))) end++;
    colon = end;
    const before = start > region.start ? text[start - 1] : "";
    const after = end < region.end ? text[end] : "";
    if (CONTINUATION.has(text[start]) || PLACEHOLDER_NEIGHBOURS.has(before) || PLACEHOLDER_NEIGHBOURS.has(after)) continue;
    const written = text.slice(start, end).replace(/[.:\-/]+$/, "");
    const parsed = parseImageRef(written);
    if (!parsed.ok || parsed.ref.tag === void 0) continue;
    const digestAt = written.indexOf("@");
    const name = digestAt >= 0 ? written.slice(0, digestAt) : written;
    out.add({
      kind: "image",
      repository: parsed.ref.repository,
      written,
      version: out.version(parsed.ref.tag, start + name.lastIndexOf(":") + 1),
      ...parsed.ref.digest ? { digest: parsed.ref.digest } : {},
      own: false
    });
  }
}
var GITHUB_REST = /[/:]([\w.-]+)\/([\w.-]+)([^\s'"`<>()[\]{}|,;\\]*)/y;
var RAW_REST = /\/([\w.-]+)\/([\w.-]+)\/([^\s'"`<>()[\]{}|,;\\/]+)\//y;
var RELEASE_DOWNLOAD = "/releases/download/";
var ARCHIVE = /^(\/archive\/(?:refs\/tags\/)?)([^/]+?)\.(?:tar\.gz|zip)$/;
var GITHUB = "github.com";
var RAW = "raw.githubusercontent.com";
function startsHost(text, offset, region) {
  if (offset <= region.start) return true;
  const c = text.charCodeAt(offset - 1);
  return !(isReferenceChar(c) && c !== 47 && c !== 58 && c !== 64);
}
function githubReferences(text, code, urls, rawUrls) {
  let out = urls;
  const push = (shape, owner, repo, value, offset) => {
    const ref = value.replace(/\.+$/, "");
    if (ref === "" || !/\d/.test(ref) || PLACEHOLDER_NEIGHBOURS.has(text[offset + ref.length] ?? "")) return;
    out.add({ kind: "git-ref", shape, repository: `${owner}/${repo.replace(/\.git$/i, "")}`, version: out.version(ref, offset), own: false });
  };
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
      const slash = tail.indexOf("/", from);
      if (slash > from) push("release-download", owner, repo, tail.slice(from, slash), tailStart + from);
      continue;
    }
    const archive = ARCHIVE.exec(tail);
    if (archive) {
      push("archive", owner, repo, archive[2], tailStart + archive[1].length);
      continue;
    }
    const version = tail.lastIndexOf("@");
    if (version >= 0 && !tail.includes("?")) {
      push("go-module", owner, repo, tail.slice(version + 1), tailStart + version + 1);
      continue;
    }
    const query = tail.indexOf("?");
    if (query < 0) continue;
    let offset = query + 1;
    for (const parameter of tail.slice(query + 1).split("#")[0].split("&")) {
      if (parameter.startsWith("ref=")) push("kustomize-ref", owner, repo, parameter.slice(4), tailStart + offset + 4);
      offset += parameter.length + 1;
    }
  }
  out = rawUrls;
  const raw = new RegionCursor(code.regions);
  for (let hit = text.indexOf(RAW); hit >= 0; hit = text.indexOf(RAW, hit + RAW.length)) {
    const region = raw.at(hit);
    if (!region || !startsHost(text, hit, region)) continue;
    RAW_REST.lastIndex = hit + RAW.length;
    const match = RAW_REST.exec(text);
    if (!match || RAW_REST.lastIndex > region.end) continue;
    const [whole, owner, repo, ref] = match;
    push("raw-content", owner, repo, ref, match.index + whole.length - ref.length - 1);
  }
}
function helmReferences(text, code, out) {
  for (let hit = text.indexOf("helm"); hit >= 0; hit = text.indexOf("helm", hit + 4)) {
    const after = text.charCodeAt(hit + 4);
    if (after !== 32 && after !== 9) continue;
    const region = code.at(hit);
    if (!region || hit > region.start && (isReferenceChar(text.charCodeAt(hit - 1)) || text[hit - 1] === ".")) continue;
    const install = helmInstall(text, hit, region.end);
    if (install) out.add({ kind: "helm-chart", chart: install.chart, written: install.written, version: out.version(install.version, install.versionOffset) });
  }
}
function yamlPairReferences(text, region, out) {
  const code = text.slice(region.start, region.end);
  if (!code.includes("ag:")) return;
  for (const pair of yamlPairs(code)) {
    const parsed = parseImageRef(pair.repository);
    if (!parsed.ok || parsed.ref.tag !== void 0 || parsed.ref.digest !== void 0 || !isDigit(pair.tag.replace(/^[vV]/, "").charCodeAt(0))) continue;
    out.add({ kind: "image", repository: parsed.ref.repository, written: `${pair.repository}:${pair.tag}`, version: out.version(pair.tag, region.start + pair.tagOffset), own: false });
  }
}

// src/sources/docs/markdown-facts.ts
var FILE_KEY = "version.file";
function markdownReferences(bytes, text, file, cache) {
  if (!cache) return findDocReferences(text(), file);
  const hash = cache.hash(bytes);
  const known = cache.getMarkdown(hash);
  const hydrated = known && decodeMarkdownFacts(known, file);
  if (hydrated) return hydrated;
  const references = findDocReferences(text(), file);
  const facts = encodeMarkdownFacts(references);
  if (facts) cache.setMarkdown(hash, facts);
  return references;
}
function encodeMarkdownFacts(references) {
  const strings = [];
  const stringIndex = /* @__PURE__ */ new Map();
  const shapes = [];
  const rows = [];
  const encode = (value, row) => {
    if (typeof value === "string") {
      let index = stringIndex.get(value);
      if (index === void 0) stringIndex.set(value, index = strings.push(value) - 1);
      row.push(index);
    } else if (typeof value === "boolean") row.push(value);
    else if (typeof value === "number" && Number.isInteger(value) && value > 0) row.push(-value);
    else return false;
    return true;
  };
  const seen = [];
  const matches = (shape, fields) => {
    let i = 0;
    for (const key in fields) if (shape.top[i++] !== key) return false;
    if (i !== shape.top.length) return false;
    let j = 0;
    for (const name in fields.version) if (shape.version[j++] !== name) return false;
    return j === shape.version.length;
  };
  for (const reference of references) {
    const fields = reference;
    let shape = seen.find((candidate) => matches(candidate, fields));
    if (!shape) {
      const top = Object.keys(fields);
      const version = Object.keys(fields.version);
      if (!top.includes("version")) return void 0;
      shape = { top, version, index: shapes.push(top.flatMap((key) => key === "version" ? version.map((name) => `version.${name}`) : [key])) - 1 };
      seen.push(shape);
    }
    const row = [shape.index];
    for (const key of shape.top) {
      if (key !== "version") {
        if (!encode(fields[key], row)) return void 0;
        continue;
      }
      const version = fields.version;
      for (const name of shape.version) if (name !== "file" && !encode(version[name], row)) return void 0;
    }
    rows.push(row);
  }
  return { strings, shapes, rows };
}
function decodeMarkdownFacts(facts, file) {
  const { strings, shapes, rows } = facts;
  const plans = shapes.map((keys) => Array.isArray(keys) ? keys.map(planKey) : void 0);
  const references = [];
  for (const row of rows) {
    const keys = Array.isArray(row) ? plans[row[0]] : void 0;
    if (!keys) return void 0;
    const reference = {};
    const version = {};
    let next = 1;
    for (const { name, inVersion, isFile } of keys) {
      let value;
      if (isFile) value = file;
      else {
        const encoded = row[next++];
        if (typeof encoded === "boolean") value = encoded;
        else if (Number.isInteger(encoded) && encoded < 0) value = -encoded;
        else if (Number.isInteger(encoded) && encoded < strings.length) value = strings[encoded];
        else return void 0;
      }
      if (inVersion) {
        version[name] = value;
        reference.version ??= version;
      } else reference[name] = value;
    }
    if (next !== row.length || version.file !== file) return void 0;
    if (typeof version.value !== "string" || typeof version.line !== "number" || typeof version.column !== "number" || typeof reference.kind !== "string") return void 0;
    references.push(reference);
  }
  return references;
}
var VERSION_PREFIX = "version.";
function planKey(key) {
  const inVersion = key.startsWith(VERSION_PREFIX);
  return { name: inVersion ? key.slice(VERSION_PREFIX.length) : key, inVersion, isFile: key === FILE_KEY };
}
function isMarkdownFacts(value) {
  const facts = value;
  return !!facts && Array.isArray(facts.strings) && facts.strings.every((s) => typeof s === "string") && Array.isArray(facts.shapes) && facts.shapes.every((keys) => Array.isArray(keys) && keys.every((k) => typeof k === "string")) && Array.isArray(facts.rows) && facts.rows.every((row) => Array.isArray(row) && row.length > 0 && typeof row[0] === "number");
}

// src/sources/docs/index.ts
var MAX_MARKDOWN_BYTES = 10 * 1024 * 1024;
async function loadDocs(options) {
  const diagnostics = [];
  const found = await discoverMarkdown(options.root, options.globs, diagnostics);
  const reader = options.reader ?? readLimited;
  const perFile = new Array(found.length);
  const files = [];
  let next = 0;
  const worker = async () => {
    while (next < found.length) {
      const index = next++;
      const { file, absolute } = found[index];
      const read = await readMarkdown(absolute, file, reader, diagnostics);
      if (read === null) continue;
      files.push(file);
      perFile[index] = markdownReferences(read.bytes, read.text, file, options.cache);
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, found.length) }, worker));
  return { files: files.sort(), references: perFile.filter(Boolean).flat(), diagnostics };
}
async function readMarkdown(absolute, file, reader, diagnostics) {
  let read;
  try {
    read = await reader(absolute, MAX_MARKDOWN_BYTES);
  } catch (error) {
    diagnostics.push({ file, level: "warning", message: `cannot be read: ${describeError(error)}` });
    return null;
  }
  if (read.bytes === null) {
    const size = (read.size / 1024 / 1024).toFixed(1);
    diagnostics.push({ file, level: "warning", message: `${size} MB, larger than the ${MAX_MARKDOWN_BYTES / 1024 / 1024} MB limit for Markdown; skipped` });
    return null;
  }
  if (read.bytes.subarray(0, 8192).includes(0)) {
    diagnostics.push({ file, level: "warning", message: "binary file, not Markdown; skipped" });
    return null;
  }
  if (!isUtf8(read.bytes)) {
    diagnostics.push({ file, level: "warning", message: "not valid UTF-8; skipped" });
    return null;
  }
  const bytes = read.bytes;
  const text = () => {
    const decoded = bytes.toString("utf8");
    return decoded.charCodeAt(0) === 65279 ? decoded.slice(1) : decoded;
  };
  return { bytes, text };
}

// src/sources/manifests/facts-cache.ts
import { createHash, randomBytes } from "node:crypto";
import { existsSync, statSync } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path2 from "node:path";
var FORMAT = 1;
var MARKDOWN = "md:";
function cacheDirectory(root, env) {
  if (env.XDG_CACHE_HOME && path2.isAbsolute(env.XDG_CACHE_HOME)) return path2.join(env.XDG_CACHE_HOME, "tagcheck");
  const modules = path2.join(root, "node_modules");
  if (existsSync(modules) && statSync(modules).isDirectory()) return path2.join(modules, ".cache", "tagcheck");
  if (env.HOME && path2.isAbsolute(env.HOME)) return path2.join(env.HOME, ".cache", "tagcheck");
  return void 0;
}
function contentHash(bytes) {
  return createHash("sha256").update(bytes).digest("base64url");
}
async function openFactsCache(options) {
  const file = path2.join(options.dir, `facts-${createHash("sha256").update(options.root).digest("hex").slice(0, 20)}.json`);
  const header = { format: FORMAT, tool: options.toolVersion, build: options.buildId };
  const stored = await readEntries(file, header);
  const used = /* @__PURE__ */ new Map();
  let changed = false;
  const lookup = (key) => {
    const facts = stored.get(key) ?? used.get(key);
    if (facts) used.set(key, facts);
    return facts;
  };
  const store = (key, facts) => {
    used.set(key, facts);
    changed = true;
  };
  return {
    file,
    hash: contentHash,
    get: (hash) => lookup(hash),
    set: store,
    getMarkdown: (hash) => lookup(MARKDOWN + hash),
    setMarkdown: (hash, facts) => store(MARKDOWN + hash, facts),
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
      if (!(hash.startsWith(MARKDOWN) ? isMarkdownFacts(facts) : isFacts(facts))) return empty;
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

// src/engine/docs-ownership.ts
function markOwnDocReferences(references, matcher, identity) {
  const slug = identity.slug?.toLowerCase();
  const name = identity.name.toLowerCase();
  return references.map((reference) => {
    if (reference.kind === "image") {
      const namespaced = reference.written.split("@")[0].includes("/");
      const own = namespaced ? matcher.isOwn(reference.repository) : matcher.declared.includes(reference.repository);
      return { ...reference, own };
    }
    if (reference.kind === "git-ref") {
      const repository = reference.repository.toLowerCase();
      const own = slug !== void 0 ? repository === slug : repository.slice(repository.indexOf("/") + 1) === name;
      return { ...reference, own };
    }
    return reference;
  });
}

// src/engine/release-model.ts
async function buildReleaseModel(options) {
  const root = resolve(options.root);
  await assertDirectory(options.root, root);
  const loaded = await loadConfig(root, options.configFile);
  const config = options.platforms?.length ? { ...loaded, platforms: [{ pattern: "default", platforms: options.platforms }] } : loaded;
  let origin;
  const repository = {
    env: options.env,
    ...options.pushRemote ? { pushRemote: options.pushRemote } : {},
    readOrigin: () => origin ??= originUrl(root)
  };
  const opening = openCache(root, options);
  const [release, name, allManifests, docs] = await Promise.all([
    resolveReleaseTag({ root, flag: options.tag, env: options.env, versionFrom: config.versionFrom }),
    // The name only feeds the ownership fallback, which `images:` switches off: then no `git remote` process
    // (a few ms of a pre-push check), and the folder name stands in.
    config.images.length > 0 ? { name: basename(root), source: "folder name (unused: images: is configured)" } : resolveRepositoryName(root, repository),
    opening.then((cache) => loadManifestsCached(root, config.manifests, options, cache)),
    options.readDocs && !options.readDocs(config) ? { files: [], references: [], diagnostics: [] } : opening.then((cache) => loadDocs({ root, globs: config.docs, cache }))
  ]);
  await (await opening)?.save();
  const manifests = setAsideTestFixtures(allManifests, config.manifests ?? []);
  const chartRelease = release ? chartReleasedBy(release, manifests.charts) : void 0;
  const checkedRelease = chartRelease ? null : release;
  const ownership = decideOwnership(manifests.imageUses, config, name.name, checkedRelease, chartRelease, manifests.charts);
  const slug = docs.references.some((r) => r.kind === "git-ref") ? await resolveRepositorySlug(root, repository) : void 0;
  const references = markOwnDocReferences(docs.references, ownership.matcher, { name: name.name, ...slug ? { slug } : {} });
  const model = {
    ...manifests,
    diagnostics: [...ownership.diagnostics, ...manifests.diagnostics, ...docs.diagnostics],
    ...docs.files.length > 0 ? { docs: { files: docs.files, references } } : {},
    imageUses: ownership.imageUses,
    root,
    repositoryName: name.name,
    repositoryNameSource: name.source,
    release: checkedRelease,
    ...chartRelease ? { chartRelease } : {},
    config,
    ownRepositories: ownership.ownRepositories,
    ...ownership.apart.size > 0 ? { apartRepositories: [...ownership.apart].sort() } : {},
    componentRepositories: ownership.matcher.components
  };
  model.diagnostics = [...ownershipDiagnostics(model), ...model.diagnostics];
  return model;
}
async function assertDirectory(given, absolute) {
  const info = await stat2(absolute).catch(() => null);
  if (!info) throw new InputError(`PATH "${given}" does not exist`);
  if (!info.isDirectory()) throw new InputError(`PATH "${given}" is not a directory`);
}
var CHART_TAG_PREFIX = /(^|[-_/])(helm|charts?)([-_/]|$)/i;
function chartReleasedBy(release, charts) {
  const version = release.version;
  if (!version || version.tag === release.tag) return void 0;
  const prefix = release.tag.slice(0, release.tag.length - version.tag.length - 1);
  const chart = charts.find((c) => {
    const name = c.name?.value;
    const chartVersion = c.version ? parseVersion(c.version.value) : null;
    const appVersion = c.appVersion ? parseVersion(c.appVersion.value) : null;
    const chartTag = CHART_TAG_PREFIX.test(prefix) && !(appVersion && compareVersions(appVersion, version) === 0);
    return !c.vendored && name && (prefix === name || prefix.startsWith(`${name}-`) || chartTag) && chartVersion && compareVersions(chartVersion, version) === 0;
  });
  return chart?.name ? { ...release, chart: chart.name.value } : void 0;
}
async function openCache(root, options) {
  const dir = options.cache ? cacheDirectory(options.cacheKey ?? root, options.env) : void 0;
  if (!dir) return void 0;
  const cache = await openFactsCache({ dir, root: options.cacheKey ?? await realpath(root), toolVersion: toolVersion(), buildId: buildId() });
  options.log?.(`facts cache: ${cache.file}`);
  return cache;
}
async function loadManifestsCached(root, globs, options, cache) {
  const pinned = options.env.TAGCHECK_PARSE_WORKERS;
  const manifests = await loadManifests({
    root,
    globs,
    parse: { cache, workers: parallelWorkers(options.env), alwaysParallel: pinned !== void 0 && Number(pinned) > 0 }
  });
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
var IGNORE_COMMENT = /(?:#|<!--)\s*tagcheck-ignore\b(.*)$/;
var COMMENT_LINE = /^\s*(?:#|<!--)/;
var IGNORE_MARKER = "tagcheck-ignore";
async function applySuppressions(findings, context) {
  const fileLines = /* @__PURE__ */ new Map();
  const linesOf = (file) => {
    let lines = fileLines.get(file);
    if (!lines) {
      lines = context.readFile(file).then((text) => text === void 0 ? void 0 : new Lines(text));
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
  if (!lines?.hasIgnoreComments) return void 0;
  const index = finding.location.line - 1;
  const candidates = [];
  const line = lines.at(index);
  if (line !== void 0) candidates.push(line);
  for (let above = index - 1; above >= 0 && COMMENT_LINE.test(lines.at(above)); above--) candidates.push(lines.at(above));
  for (const line2 of candidates) {
    const comment = parseIgnoreComment(line2);
    if (comment && (comment.rules.includes(finding.ruleId) || comment.rules.includes("*"))) {
      return { kind: "inSource", ...comment.reason ? { justification: comment.reason } : {} };
    }
  }
  return void 0;
}
var Lines = class {
  constructor(text) {
    this.text = text;
    this.hasIgnoreComments = text.includes(IGNORE_MARKER);
  }
  text;
  starts = [0];
  /** whether `tagcheck-ignore` occurs at all (every comment IGNORE_COMMENT reads contains it) */
  hasIgnoreComments;
  at(index) {
    while (this.starts.length <= index + 1) {
      const last = this.starts[this.starts.length - 1];
      if (last > this.text.length) break;
      const newline = this.text.indexOf("\n", last);
      this.starts.push(newline < 0 ? this.text.length + 1 : newline + 1);
    }
    if (index + 1 >= this.starts.length) return void 0;
    const line = this.text.slice(this.starts[index], this.starts[index + 1] - 1);
    return line.endsWith("\r") ? line.slice(0, -1) : line;
  }
};
function parseIgnoreComment(line) {
  const match = IGNORE_COMMENT.exec(line);
  if (!match) return null;
  const body = match[0].startsWith("<!--") ? match[1].replace(/\s*-->.*$/, "") : match[1];
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
var DOCS_RULE = "docs-version-stale";
async function runCheck(options) {
  const ruleSet = options.rules ?? rules;
  const readDocs = (config) => {
    const levels2 = { ...config.rules, ...options.ruleLevels };
    return selectRules(ruleSet, options.scope ?? "all", levels2, { cluster: hasClusterSource(options), config }).active.some((rule) => rule.id === DOCS_RULE);
  };
  const model = await buildReleaseModel({ ...options, readDocs });
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
  const { deployedImagesOf } = await import("./cluster-images-CNO24YM3.js");
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
