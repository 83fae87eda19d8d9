import { createRequire as __tagcheckCreateRequire } from 'node:module';
const require = __tagcheckCreateRequire(import.meta.url);
import {
  tryGit
} from "./chunk-AW26LPCX.js";

// src/sources/git/repository-name.ts
import { basename, resolve } from "node:path";
async function repositoryName(root) {
  const url = await tryGit(root, ["remote", "get-url", "origin"]);
  return (url !== null ? nameFromRemoteUrl(url) : void 0) ?? basename(resolve(root));
}
function nameFromRemoteUrl(url) {
  let text = url.trim().replace(/[?#].*$/, "").replace(/\/+$/, "");
  text = text.replace(/\.git$/i, "").replace(/\/+$/, "");
  const name = text.split(/[/:\\]/).pop() ?? "";
  return name === "" || name === "." || name === ".." ? void 0 : name;
}

export {
  repositoryName,
  nameFromRemoteUrl
};
