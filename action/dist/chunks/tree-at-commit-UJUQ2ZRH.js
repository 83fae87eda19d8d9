import { createRequire as __tagcheckCreateRequire } from 'node:module';
const require = __tagcheckCreateRequire(import.meta.url);
import {
  keyText,
  quote,
  tagsAtHead,
  tagsPointingAt
} from "./chunk-H552KLEE.js";
import {
  firstLine,
  gitEnvironment,
  runGit
} from "./chunk-AW26LPCX.js";
import "./chunk-FI5HTOGP.js";
import {
  InputError
} from "./chunk-RPMDAMUC.js";
import "./chunk-EDL2D4W5.js";

// src/sources/git/tree-at-commit.ts
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
async function checkoutTreeAt(root, commit, options = {}) {
  if (commit.startsWith("-") || commit.trim() === "") throw new InputError(`not a commit: ${quote(commit)}`);
  let resolved;
  try {
    resolved = (await runGit(root, ["rev-parse", "--verify", "--quiet", `${commit}^{commit}`])).trim();
  } catch {
    throw new InputError(`${keyText(commit)}: no such commit in the repository at ${root}`);
  }
  const parent = await mkdtemp(join(tmpdir(), "tagcheck-tree-"));
  const safeName = (options.name ?? "").replace(/[/\\\0]/g, "-");
  const dir = join(parent, safeName === "" || safeName === "." || safeName === ".." ? "tree" : safeName);
  const cleanup = () => rm(parent, { recursive: true, force: true });
  try {
    await mkdir(dir);
    await archiveInto(root, resolved, dir);
  } catch (error) {
    await cleanup();
    throw new InputError(`cannot read the tree at ${commit}: ${error.message}`);
  }
  return { dir, cleanup };
}
function archiveInto(root, commit, dir) {
  return new Promise((resolvePromise, reject) => {
    const archive = spawn("git", ["-C", root, "archive", "--format=tar", commit], { env: gitEnvironment(), stdio: ["ignore", "pipe", "pipe"] });
    const extract = spawn("tar", ["-x", "-f", "-", "-C", dir], { stdio: ["pipe", "ignore", "pipe"] });
    let archiveErrors = "";
    let extractErrors = "";
    archive.stderr.on("data", (chunk) => {
      archiveErrors += chunk.toString();
    });
    extract.stderr.on("data", (chunk) => {
      extractErrors += chunk.toString();
    });
    archive.stdout.pipe(extract.stdin);
    extract.stdin.on("error", () => void 0);
    Promise.all([outcome(archive, "git archive", () => archiveErrors), outcome(extract, "tar", () => extractErrors)]).then((problems) => {
      const problem = problems.find((p) => p !== void 0);
      if (problem) reject(new Error(problem));
      else resolvePromise();
    });
  });
}
function outcome(child, name, errors) {
  return new Promise((resolvePromise) => {
    child.once("error", (error) => resolvePromise(`${name}: ${error.message}`));
    child.once("close", (code) => resolvePromise(code === 0 ? void 0 : firstLine(errors()) || `${name} exited with ${code}`));
  });
}
export {
  checkoutTreeAt,
  tagsAtHead,
  tagsPointingAt
};
