import { createRequire as __tagcheckCreateRequire } from 'node:module';
const require = __tagcheckCreateRequire(import.meta.url);
import {
  tryGit
} from "./chunk-AW26LPCX.js";

// src/sources/git/repository-name.ts
import { basename, resolve } from "node:path";
async function resolveRepositoryName(root, context = {}) {
  const push = context.pushRemote;
  if (push) {
    const name = nameFromRemoteUrl(push.url);
    if (name) return { name, source: push.name && push.name !== push.url ? `push remote ${push.name}` : "push URL" };
  }
  for (const variable of ["GITHUB_REPOSITORY", "CI_PROJECT_PATH"]) {
    const value = context.env?.[variable]?.trim();
    const name = value ? nameFromRemoteUrl(value) : void 0;
    if (name) return { name, source: variable };
  }
  const url = await (context.readOrigin ?? (() => originUrl(root)))();
  const fromOrigin = url !== null ? nameFromRemoteUrl(url) : void 0;
  if (fromOrigin) return { name: fromOrigin, source: "origin" };
  return { name: basename(resolve(root)), source: "folder name" };
}
function originUrl(root) {
  return tryGit(root, ["remote", "get-url", "origin"]);
}
async function resolveRepositorySlug(root, context = {}) {
  const push = context.pushRemote ? slugFromRemoteUrl(context.pushRemote.url) : void 0;
  if (push) return push;
  for (const variable of ["GITHUB_REPOSITORY", "CI_PROJECT_PATH"]) {
    const segments = (context.env?.[variable]?.trim() ?? "").split("/").filter((s) => s !== "");
    if (segments.length >= 2) return segments.slice(-2).join("/");
  }
  const url = await (context.readOrigin ?? (() => originUrl(root)))();
  return url !== null ? slugFromRemoteUrl(url) : void 0;
}
function slugFromRemoteUrl(url) {
  const text = url.trim().replace(/[?#].*$/, "").replace(/\/+$/, "").replace(/\.git$/i, "").replace(/\/+$/, "");
  const name = nameFromRemoteUrl(text);
  const parts = text.split(/[/:\\]/).filter((part) => part !== "");
  const owner = parts.length >= 3 ? parts[parts.length - 2] : void 0;
  return name && owner && owner !== "." && owner !== ".." ? `${owner}/${name}` : void 0;
}
function nameFromRemoteUrl(url) {
  let text = url.trim().replace(/[?#].*$/, "").replace(/\/+$/, "");
  text = text.replace(/\.git$/i, "").replace(/\/+$/, "");
  const name = text.split(/[/:\\]/).pop() ?? "";
  return name === "" || name === "." || name === ".." ? void 0 : name;
}

export {
  resolveRepositoryName,
  originUrl,
  resolveRepositorySlug,
  slugFromRemoteUrl,
  nameFromRemoteUrl
};
