import { createRequire as __tagcheckCreateRequire } from 'node:module';
const require = __tagcheckCreateRequire(import.meta.url);
import {
  runCheck
} from "./chunk-XLVXBMJX.js";
import "./chunk-5IJPJYX3.js";
import {
  discoverFiles
} from "./chunk-GCMTTL4V.js";
import "./chunk-H552KLEE.js";
import "./chunk-J4PBTIGS.js";
import "./chunk-CZ5HT6FU.js";
import "./chunk-L6CATLOV.js";
import "./chunk-43VJKAEJ.js";
import "./chunk-7G6ADTDN.js";
import "./chunk-XXZ2UYBR.js";
import "./chunk-AW26LPCX.js";
import {
  LineCounter,
  describeError,
  parseAllDocuments,
  visit
} from "./chunk-RGLCWCIF.js";
import "./chunk-3ZF5C6TM.js";
import {
  require_semver
} from "./chunk-FI5HTOGP.js";
import "./chunk-RCVICTRH.js";
import "./chunk-FQ47HCOD.js";
import {
  InputError
} from "./chunk-RPMDAMUC.js";
import "./chunk-3WXF3ZSY.js";
import {
  __commonJS,
  __toESM
} from "./chunk-EDL2D4W5.js";

// node_modules/semver/functions/inc.js
var require_inc = __commonJS({
  "node_modules/semver/functions/inc.js"(exports, module) {
    "use strict";
    var SemVer = require_semver();
    var inc = (version, release, options, identifier, identifierBase) => {
      if (typeof options === "string") {
        identifierBase = identifier;
        identifier = options;
        options = void 0;
      }
      try {
        return new SemVer(
          version instanceof SemVer ? version.version : version,
          options
        ).inc(release, identifier, identifierBase).version;
      } catch (er) {
        return null;
      }
    };
    module.exports = inc;
  }
});

// src/engine/fix/run-fix.ts
var import_inc = __toESM(require_inc(), 1);

// src/engine/fix/edit-text.ts
function isYamlFile(file) {
  return /\.ya?ml$/i.test(file) || /(^|\/)Kustomization$/.test(file);
}
function offsetOf(lineStarts, text, line2, column) {
  const lineStart = lineStarts[line2 - 1];
  if (lineStart === void 0 || column < 1) return void 0;
  const offset = lineStart + column - 1;
  const lineEnd = lineStarts[line2] ?? text.length + 1;
  return offset < lineEnd ? offset : void 0;
}
function lineStartsOf(text) {
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}
function positionAt(lineStarts, offset) {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = low + high + 1 >> 1;
    if (lineStarts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - lineStarts[low] + 1 };
}
function placeLiteral(text, lineStarts, edit) {
  const start = offsetOf(lineStarts, text, edit.at.line, edit.at.column);
  if (start === void 0 || !text.startsWith(edit.from, start)) {
    return { ok: false, reason: `the text at ${edit.at.line}:${edit.at.column} no longer reads "${edit.from}" (changed since the check?)` };
  }
  return { ok: true, placed: { edit, start, line: edit.at.line, column: edit.at.column } };
}
function indexYaml(text) {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false });
  const list = Array.isArray(docs) ? docs : [];
  const scalars = [];
  const aliasNames = /* @__PURE__ */ new Map();
  let errors = 0;
  for (const doc of list) {
    errors += doc.errors.length;
    const names = /* @__PURE__ */ new Set();
    aliasNames.set(doc, names);
    visit(doc, {
      Scalar(_key, node) {
        scalars.push({ node, doc });
      },
      Alias(_key, node) {
        names.add(node.source);
      }
    });
  }
  return { text, lineStarts: lineCounter.lineStarts, scalars, aliasNames, errors };
}
function scalarText(node) {
  return typeof node.source === "string" ? node.source : String(node.value);
}
var NAME_CHAR = /[A-Za-z0-9_.+-]/;
function standaloneOccurrences(haystack, needle) {
  const found = [];
  if (needle === "") return found;
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
    const before = haystack[i - 1];
    const after = haystack[i + needle.length];
    if ((before === void 0 || !NAME_CHAR.test(before)) && (after === void 0 || !NAME_CHAR.test(after))) found.push(i);
  }
  return found;
}
function replacedValue(value, from, to) {
  const index = standaloneOccurrences(value, from).at(-1);
  return index === void 0 ? void 0 : value.slice(0, index) + to + value.slice(index + from.length);
}
function placeInYaml(text, index, edit) {
  const offset = offsetOf(index.lineStarts, text, edit.at.line, edit.at.column);
  if (offset === void 0) return { ok: false, reason: `the file has no line ${edit.at.line}, column ${edit.at.column} (changed since the check?)` };
  const found = index.scalars.find(({ node: node2 }) => node2.range?.[0] === offset) ?? index.scalars.find(({ node: node2 }) => node2.range !== void 0 && node2.range !== null && node2.range[0] < offset && offset < node2.range[1]);
  const range2 = found?.node.range;
  if (!found || !range2) return { ok: false, reason: `no YAML value at ${edit.at.line}:${edit.at.column} (changed since the check?)` };
  const { node, doc } = found;
  const [start, end] = range2;
  if (node.type === "BLOCK_LITERAL" && offset > start) return placeInLiteralBlock(text, index, edit, offset);
  if (node.type === "BLOCK_LITERAL" || node.type === "BLOCK_FOLDED") {
    return { ok: false, reason: `"${edit.from}" is in a block scalar (| or >); edit it by hand` };
  }
  if (/^patch\s*:/.test(text.slice(offset, offset + 12)) && !scalarText(node).includes(edit.from)) {
    return { ok: false, reason: `"${edit.from}" is inside an inline kustomize patch that is not a literal block (| or |-); edit it by hand` };
  }
  if (node.anchor && index.aliasNames.get(doc)?.has(node.anchor)) {
    return { ok: false, reason: `the value is anchored (&${node.anchor}) and an alias (*${node.anchor}) uses it elsewhere; changing it would change that too, so it is left to you` };
  }
  const value = scalarText(node);
  if (replacedValue(value, edit.from, edit.to) === void 0) {
    return { ok: false, reason: `the value at ${edit.at.line}:${edit.at.column} no longer contains "${edit.from}" (changed since the check?)` };
  }
  const source = text.slice(start, end);
  const inSource = offset > start ? source.startsWith(edit.from, offset - start) ? offset - start : void 0 : standaloneOccurrences(source, edit.from).at(-1);
  if (inSource === void 0) {
    return { ok: false, reason: `"${edit.from}" is written with escapes in a double-quoted string; edit it by hand` };
  }
  const placedStart = start + inSource;
  return { ok: true, placed: { edit, start: placedStart, ...positionAt(index.lineStarts, placedStart) } };
}
function placeInLiteralBlock(text, index, edit, offset) {
  if (/[\r\n]/.test(edit.from + edit.to)) return { ok: false, reason: `"${edit.from}" \u2192 "${edit.to}" would change the lines of a block scalar; edit it by hand` };
  const lineEnd = text.indexOf("\n", offset);
  let line2 = text.slice(offset, lineEnd < 0 ? text.length : lineEnd);
  let skip = 0;
  const quote = line2[0];
  if (quote === '"' || quote === "'") {
    const close = line2.indexOf(quote, 1);
    line2 = line2.slice(1, close < 0 ? line2.length : close);
    skip = 1;
  } else {
    line2 = line2.split(/[\s,}\]]/)[0];
  }
  const at = standaloneOccurrences(line2, edit.from).at(-1);
  if (at === void 0) return { ok: false, reason: `the value at ${edit.at.line}:${edit.at.column} no longer contains "${edit.from}" (changed since the check?)` };
  const placedStart = offset + skip + at;
  return { ok: true, placed: { edit, start: placedStart, ...positionAt(index.lineStarts, placedStart) } };
}
function replaceNth(value, from, to, n) {
  const at = standaloneOccurrences(value, from)[n];
  return at === void 0 ? void 0 : value.slice(0, at) + to + value.slice(at + from.length);
}
function wantedValue(text, node, p, placed) {
  if (node.type !== "BLOCK_LITERAL" || !node.range) return replacedValue(scalarText(node), p.edit.from, p.edit.to);
  const [start, end] = node.range;
  const contentStart = text.indexOf("\n", start) + 1;
  const inBlock = placed.filter((q) => start <= q.start && q.start < end).map((q) => ({
    q,
    nth: standaloneOccurrences(text.slice(contentStart, q.start + q.edit.from.length), q.edit.from).length - 1
  }));
  let value = scalarText(node);
  for (const { q, nth } of inBlock.sort((a, b) => b.q.start - a.q.start)) value = value === void 0 ? void 0 : replaceNth(value, q.edit.from, q.edit.to, nth);
  return value;
}
function applyPlaced(text, placed) {
  let result = text;
  for (const p of [...placed].sort((a, b) => b.start - a.start)) {
    result = result.slice(0, p.start) + p.edit.to + result.slice(p.start + p.edit.from.length);
  }
  return result;
}
function verifyYaml(before, after, placed) {
  const reparsed = indexYaml(after);
  if (reparsed.errors > before.errors || reparsed.scalars.length !== before.scalars.length) return "the edited file would not parse the same";
  for (const p of placed) {
    const original = before.scalars.find(({ node }) => node.range && node.range[0] <= p.start && p.start < node.range[1]);
    if (!original?.node.range) return "the edited value could not be found again";
    const originalStart = original.node.range[0];
    const shiftToScalar = placed.filter((q) => q.start < originalStart).reduce((sum, q) => sum + q.edit.to.length - q.edit.from.length, 0);
    const now = reparsed.scalars.find(({ node }) => node.range?.[0] === originalStart + shiftToScalar);
    const wanted = wantedValue(before.text, original.node, p, placed);
    if (!now || scalarText(now.node) !== wanted || now.node.type !== original.node.type) {
      return `"${p.edit.from}" \u2192 "${p.edit.to}" would not give the value "${wanted ?? ""}"`;
    }
  }
  return void 0;
}
function planTextEdits(file, text, edits) {
  const refused = [];
  const yaml = isYamlFile(file) ? indexYaml(text) : void 0;
  const lineStarts = yaml?.lineStarts ?? lineStartsOf(text);
  let placed = [];
  for (const edit of edits) {
    const placement = yaml ? placeInYaml(text, yaml, edit) : placeLiteral(text, lineStarts, edit);
    if (!placement.ok) {
      refused.push({ edit, reason: placement.reason });
      continue;
    }
    const p = placement.placed;
    const same = placed.find((q) => q.start === p.start && q.edit.from === p.edit.from);
    if (same) {
      if (same.edit.to !== p.edit.to) refused.push({ edit, reason: `another finding wants "${same.edit.to}" here` });
      continue;
    }
    const overlaps = placed.some((q) => p.start < q.start + q.edit.from.length && q.start < p.start + p.edit.from.length);
    if (overlaps) {
      refused.push({ edit, reason: "overlaps another edit in the same place" });
      continue;
    }
    placed.push(p);
  }
  if (yaml && placed.length > 0) {
    placed = placed.filter((p) => {
      const problem2 = verifyYaml(yaml, applyPlaced(text, [p]), [p]);
      if (problem2) refused.push({ edit: p.edit, reason: problem2 });
      return !problem2;
    });
    const problem = placed.length > 1 ? verifyYaml(yaml, applyPlaced(text, placed), placed) : void 0;
    if (problem) {
      for (const p of placed) refused.push({ edit: p.edit, reason: `together with the other edits in this file: ${problem}` });
      placed = [];
    }
  }
  placed.sort((a, b) => a.start - b.start);
  return { text: applyPlaced(text, placed), placed, refused };
}

// src/engine/fix/unified-diff.ts
function unifiedDiff(file, before, after, context = 3) {
  if (before === after) return "";
  const oldLines = splitLines(before);
  const newLines = splitLines(after);
  if (oldLines.length !== newLines.length) throw new Error(`unifiedDiff: ${file} changed its line count`);
  const changed = [];
  for (let i = 0; i < oldLines.length; i++) if (oldLines[i].text !== newLines[i].text || oldLines[i].eol !== newLines[i].eol) changed.push(i);
  const hunks = [];
  for (const index of changed) {
    const from = Math.max(0, index - context);
    const to = Math.min(oldLines.length - 1, index + context);
    const last = hunks.at(-1);
    if (last && from <= last.to + 1) last.to = to;
    else hunks.push({ from, to });
  }
  let out = `--- a/${file}
+++ b/${file}
`;
  for (const { from, to } of hunks) {
    const count = to - from + 1;
    out += `@@ -${range(from, count)} +${range(from, count)} @@
`;
    const removed = [];
    const added = [];
    const flush = () => {
      out += removed.join("") + added.join("");
      removed.length = 0;
      added.length = 0;
    };
    for (let i = from; i <= to; i++) {
      if (changed.includes(i)) {
        removed.push(line("-", oldLines[i]));
        added.push(line("+", newLines[i]));
      } else {
        flush();
        out += line(" ", oldLines[i]);
      }
    }
    flush();
  }
  return out;
}
function splitLines(text) {
  const parts = text.split("\n");
  const lines = parts.map((part, i) => ({ text: part, eol: i < parts.length - 1 ? "\n" : "" }));
  if (lines.length > 1 && lines.at(-1).text === "") lines.pop();
  return lines;
}
function line(mark, { text, eol }) {
  return eol ? `${mark}${text}
` : `${mark}${text}
\\ No newline at end of file
`;
}
function range(from, count) {
  return count === 1 ? `${from + 1}` : `${from + 1},${count}`;
}

// src/engine/fix/write-files.ts
import { isUtf8 } from "node:buffer";
import { randomBytes } from "node:crypto";
import { chmod, chown, open, readFile, realpath, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
var nodeFileSystem = { readFile: (absolute) => readFile(absolute) };
async function readForFix(root, file, fs) {
  try {
    const absolute = await realpath(path.join(root, file));
    const info = await stat(absolute);
    if (!info.isFile()) throw new InputError(`${file}: not a regular file; nothing written`);
    const bytes = await fs.readFile(absolute);
    if (!isUtf8(bytes)) throw new InputError(`${file}: not valid UTF-8; nothing written`);
    const decoded = bytes.toString("utf8");
    const bom = decoded.charCodeAt(0) === 65279;
    return { file, absolute, bytes, text: bom ? decoded.slice(1) : decoded, bom, mode: info.mode & 4095, uid: info.uid, gid: info.gid };
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${file}: cannot be read: ${describeError(error)}; nothing written`);
  }
}
async function writeAtomically(writes, options = {}) {
  for (const { read } of writes) {
    if ((read.mode & 146) === 0) throw new InputError(`${read.file}: read-only file (mode ${(read.mode & 511).toString(8)}); nothing written`);
  }
  const temporaries = [];
  try {
    for (const write of writes) {
      const temporary = temporaryPathFor(write.read.absolute);
      temporaries.push({ write, temporary });
      await writeTemporary(write, temporary);
    }
    await options.beforeCommit?.();
    for (const { write } of temporaries) await assertUnchanged(write.read);
    for (const { write, temporary } of temporaries) {
      await rename(temporary, write.read.absolute).catch((error) => {
        throw new InputError(`${write.read.file}: cannot be replaced: ${describeError(error)}`);
      });
    }
  } finally {
    await Promise.all(temporaries.map(({ temporary }) => rm(temporary, { force: true })));
  }
}
function temporaryPathFor(absolute) {
  return path.join(path.dirname(absolute), `.${path.basename(absolute)}.tagcheck-fix-${process.pid}-${randomBytes(4).toString("hex")}.tmp`);
}
async function writeTemporary({ read, text }, temporary) {
  const bytes = Buffer.from(read.bom ? `\uFEFF${text}` : text, "utf8");
  try {
    const handle = await open(temporary, "wx", 384);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await chmod(temporary, read.mode);
    if (process.getuid?.() === 0) await chown(temporary, read.uid, read.gid).catch(() => void 0);
  } catch (error) {
    throw new InputError(`${read.file}: cannot write next to it (${describeError(error)}); nothing written`);
  }
}
async function assertUnchanged(read) {
  const now = await readFile(read.absolute).catch((error) => {
    throw new InputError(`${read.file}: cannot be read again before writing (${describeError(error)}); nothing written`);
  });
  if (!now.equals(read.bytes)) {
    throw new InputError(`${read.file}: changed while tagcheck fix was editing it; nothing written (run fix again)`);
  }
}

// src/engine/fix/run-fix.ts
var FIXABLE_RULES = ["chart-app-version-mismatch", "docs-version-stale", "image-tag-inconsistent", "image-tag-mismatch"];
async function runFix(options) {
  const { model, report } = await runCheck({ ...options, scope: "manifests" });
  const release = model.release;
  if (release && !release.version) {
    throw new InputError(`release tag "${release.tag}" is not a semantic version; fix only sets versions (see --tag)`);
  }
  const unreadable = model.diagnostics.find((d) => d.level === "warning" && /^cannot be read: (?!no such file|not a regular file)/.test(d.message));
  if (unreadable) throw new InputError(`${unreadable.file}: ${unreadable.message}; nothing written`);
  const inManifests = new Set((await discoverFiles(model.root, model.config.manifests, [])).map((found) => found.file));
  const refused = [];
  const findingOf = /* @__PURE__ */ new Map();
  const bumps = /* @__PURE__ */ new Map();
  const editsByFile = /* @__PURE__ */ new Map();
  for (const finding of report.findings) {
    if (finding.suppressed) continue;
    if (!finding.fix) {
      if (FIXABLE_RULES.includes(finding.ruleId)) refused.push(refusalOf(finding, whyNoFix(finding, model)));
      continue;
    }
    const file = finding.fix.at.file;
    if (isYamlFile(file) && !inManifests.has(file)) {
      refused.push(refusalOf(finding, `${file} is not matched by manifests: in the config; not touched`));
      continue;
    }
    findingOf.set(finding.fix, finding);
    editsByFile.set(file, [...editsByFile.get(file) ?? [], finding.fix]);
  }
  const fileSystem = options.fileSystem ?? nodeFileSystem;
  const planned = [];
  for (const file of [...editsByFile.keys()].sort()) {
    const read = await readForFix(model.root, file, fileSystem);
    let edits = editsByFile.get(file);
    let plan = planTextEdits(file, read.text, edits);
    const bump = options.bumpChartVersion ? chartVersionBump(model, file, plan.placed, options.bumpChartVersion, (edit) => findingOf.get(edit).ruleId) : void 0;
    if (bump && "reason" in bump) {
      refused.push({ file, ruleId: "chart-app-version-mismatch", reason: `chart version not bumped: ${bump.reason}` });
    } else if (bump) {
      bumps.set(bump.edit, bump.ruleId);
      edits = [...edits, bump.edit];
      plan = planTextEdits(file, read.text, edits);
    }
    for (const { edit, reason } of plan.refused) {
      const bumpedFor = bumps.get(edit);
      refused.push(bumpedFor ? { ...edit.at, ruleId: bumpedFor, from: edit.from, to: edit.to, reason: `chart version not bumped: ${reason}` } : refusalOf(findingOf.get(edit), reason));
    }
    if (plan.placed.length > 0) planned.push({ read, text: plan.text, placed: plan.placed });
  }
  const changes = [];
  let diff = "";
  for (const { read, text, placed } of planned) {
    for (const p of placed) {
      const bumpedFor = bumps.get(p.edit);
      const ruleId = bumpedFor ?? findingOf.get(p.edit).ruleId;
      changes.push({ file: read.file, line: p.line, column: p.column, from: p.edit.from, to: p.edit.to, ruleId, ...bumpedFor ? { bump: options.bumpChartVersion } : {} });
    }
    const bom = read.bom ? "\uFEFF" : "";
    diff += unifiedDiff(read.file, bom + read.text, bom + text);
  }
  if (!options.dryRun && planned.length > 0) {
    await writeAtomically(planned.map(({ read, text }) => ({ read, text })), { ...options.beforeCommit ? { beforeCommit: options.beforeCommit } : {} });
  }
  refused.sort((a, b) => compareText(a.file ?? "\uFFFF", b.file ?? "\uFFFF") || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  return { release, changes, refused, diff, files: planned.length, diagnostics: model.diagnostics };
}
function compareText(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
function refusalOf(finding, reason) {
  return {
    ...finding.location ? { file: finding.location.file, line: finding.location.line, column: finding.location.column } : {},
    ruleId: finding.ruleId,
    ...finding.actual !== void 0 ? { from: finding.actual } : {},
    ...finding.expected !== void 0 ? { to: finding.expected } : {},
    reason
  };
}
function whyNoFix(finding, model) {
  const at = finding.location;
  const use = at && model.imageUses.find((u) => {
    const node = u.tagAt ?? u.at;
    return u.ref.repository === finding.image && node.file === at.file && node.line === at.line && node.column === at.column;
  });
  if (use?.ref.digest) return `pinned by digest (${use.ref.digest.slice(0, 19)}\u2026): the digest decides what runs; update the tag and the digest together`;
  if (use?.tagSource === "helm-app-version") return `the tag is the chart's appVersion behind a template prefix that "${finding.expected}" does not carry; edit it by hand`;
  if (finding.ruleId === "docs-version-stale") return "pinned by digest as well: update the tag and the digest together";
  if (finding.ruleId === "image-tag-inconsistent") return `"${finding.actual}" or the tag it should agree with is not a version; choose the tag by hand`;
  return "no automatic fix for this finding";
}
function chartVersionBump(model, file, placed, bump, ruleOf) {
  const chart = model.charts.find((c) => c.file === file && !c.vendored);
  const appVersion = chart?.appVersion;
  if (!chart || !appVersion) return void 0;
  const appVersionEdit = placed.find((p) => p.edit.at.line === appVersion.line && p.edit.at.column === appVersion.column);
  if (!appVersionEdit) return void 0;
  const ruleId = ruleOf(appVersionEdit.edit);
  const version = chart.version;
  if (!version) return { reason: "the chart has no version" };
  const prefix = /^[vV]/.test(version.value) ? version.value[0] : "";
  const next = (0, import_inc.default)(version.value.slice(prefix.length), bump);
  if (!next) return { reason: `version "${version.value}" is not SemVer` };
  return { edit: { at: { file, line: version.line, column: version.column }, from: version.value, to: `${prefix}${next}` }, ruleId };
}
export {
  FIXABLE_RULES,
  runFix
};
