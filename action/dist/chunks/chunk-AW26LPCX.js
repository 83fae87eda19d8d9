import { createRequire as __tagcheckCreateRequire } from 'node:module';
const require = __tagcheckCreateRequire(import.meta.url);

// src/sources/git/run-git.ts
var GitCommandError = class extends Error {
  name = "GitCommandError";
};
var REPOSITORY_LOCAL_VARIABLES = [
  "GIT_DIR",
  "GIT_WORK_TREE",
  "GIT_INDEX_FILE",
  "GIT_PREFIX",
  "GIT_COMMON_DIR",
  "GIT_OBJECT_DIRECTORY",
  "GIT_ALTERNATE_OBJECT_DIRECTORIES",
  "GIT_NAMESPACE",
  "GIT_QUARANTINE_PATH"
];
function gitEnvironment() {
  const env = { ...process.env, GIT_TERMINAL_PROMPT: "0", LC_ALL: "C" };
  for (const name of REPOSITORY_LOCAL_VARIABLES) delete env[name];
  return env;
}
async function runGit(root, args) {
  const { execFile } = await import("node:child_process");
  return new Promise((resolvePromise, reject) => {
    execFile("git", ["-C", root, ...args], { env: gitEnvironment(), maxBuffer: 64 * 1024 * 1024, timeout: 6e4 }, (error, stdout, stderr) => {
      if (!error) return resolvePromise(stdout);
      const reason = error.code === "ENOENT" ? "git is not installed" : firstLine(String(stderr)) || error.message;
      reject(new GitCommandError(reason));
    });
  });
}
async function tryGit(root, args) {
  try {
    return await runGit(root, args);
  } catch {
    return null;
  }
}
function firstLine(text) {
  return text.split("\n").map((line) => line.trim()).find((line) => line !== "") ?? "";
}

export {
  gitEnvironment,
  runGit,
  tryGit,
  firstLine
};
