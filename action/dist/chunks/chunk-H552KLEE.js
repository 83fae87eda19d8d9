import { createRequire as __tagcheckCreateRequire } from 'node:module';
const require = __tagcheckCreateRequire(import.meta.url);
import {
  tryGit
} from "./chunk-AW26LPCX.js";
import {
  compareVersions,
  parseVersion
} from "./chunk-FI5HTOGP.js";

// src/config/quote.ts
var MAX_QUOTED = 80;
function quote(text) {
  const cut = text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED - 1)}\u2026` : text;
  return JSON.stringify(cut).replace(/[\u0085\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
function keyText(key) {
  return /^[\w./:*?@[\]{}-]{1,80}$/.test(key) ? key : quote(key);
}

// src/sources/git/tags.ts
async function tagsPointingAt(root, revision = "HEAD") {
  if (revision.startsWith("-")) return [];
  const output = await tryGit(root, ["tag", "--points-at", revision]);
  return output === null ? [] : output.split("\n").map((line) => line.trim()).filter((line) => line !== "");
}
function tagsAtHead(root) {
  return tagsPointingAt(root, "HEAD");
}
function highestTag(tags) {
  const sorted = [...tags].sort((a, b) => {
    const va = parseVersion(a);
    const vb = parseVersion(b);
    if (va && vb) return compareVersions(vb, va) || (a < b ? -1 : a > b ? 1 : 0);
    if (va || vb) return va ? -1 : 1;
    return a < b ? -1 : a > b ? 1 : 0;
  });
  return sorted[0];
}

export {
  quote,
  keyText,
  tagsPointingAt,
  tagsAtHead,
  highestTag
};
