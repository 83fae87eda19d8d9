import { createRequire as __tagcheckCreateRequire } from 'node:module';
const require = __tagcheckCreateRequire(import.meta.url);
import {
  InputError
} from "./chunk-RPMDAMUC.js";
import "./chunk-EDL2D4W5.js";

// src/cli/hook.ts
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, copyFile, mkdir, readFile, realpath, stat, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
var runGit = promisify(execFile);
var HOOK_MARKER = "# tagcheck pre-push hook";
var ZERO_SHA = /^0+$/;
var USAGE = `Usage:
  tagcheck hook install [PATH] [--force] [-- CHECK-OPTIONS]
      install a git pre-push hook (core.hooksPath is honoured) that runs \`tagcheck hook pre-push\`;
      refuses to overwrite a hook it did not write unless --force (the old one is kept as pre-push.before-tagcheck).
      CHECK-OPTIONS are passed to every check, e.g. \`-- --scope all\` to ask the registry too.
  tagcheck hook pre-push [--dir DIR] [CHECK-OPTIONS] [-- REMOTE URL]
      the hook body: reads git's pre-push lines on stdin and checks every pushed tag against the tree at that
      tag's commit, offline unless CHECK-OPTIONS say --scope; branch pushes pass at once.
`;
async function runHookCommand(argv, io) {
  const [sub, ...rest] = argv;
  if (sub === void 0) {
    io.stderr.write(USAGE);
    return 2;
  }
  if (sub === "--help" || sub === "-h") {
    io.stdout.write(USAGE);
    return 0;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.stdout.write(USAGE);
    return 0;
  }
  if (sub === "install") return installHook(rest, io);
  if (sub === "pre-push") return prePush(rest, io, loadCheckCommand);
  throw new InputError(`hook: unknown subcommand "${sub}" (allowed: install, pre-push)`);
}
async function git(cwd, args) {
  const { stdout } = await runGit("git", ["-C", cwd, ...args], { maxBuffer: 16 * 1024 * 1024 });
  return stdout.trim();
}
async function installHook(argv, io) {
  const dash = argv.indexOf("--");
  const own = dash >= 0 ? argv.slice(0, dash) : argv;
  const checkOptions = dash >= 0 ? argv.slice(dash + 1) : [];
  const force = own.includes("--force");
  const positional = own.filter((arg) => arg !== "--force");
  const unknown = positional.find((arg) => arg.startsWith("-"));
  if (unknown) throw new InputError(`hook install: unknown option "${unknown}" (allowed: --force)`);
  if (positional.length > 1) throw new InputError(`hook install: one PATH expected, got ${positional.length}`);
  const project = resolve(io.cwd, positional[0] ?? ".");
  if (!(await stat(project).catch(() => null))?.isDirectory()) throw new InputError(`hook install: ${project} is not a directory`);
  let hooksDir;
  let prefix;
  try {
    hooksDir = resolve(project, await git(project, ["rev-parse", "--git-path", "hooks"]));
    prefix = await git(project, ["rev-parse", "--show-prefix"]);
  } catch {
    throw new InputError(`hook install: ${project} is not inside a git repository`);
  }
  const hookFile = join(hooksDir, "pre-push");
  const script = hookScript({ bin: tagcheckBin(), node: process.execPath, dir: prefix.replace(/\/$/, ""), checkOptions });
  const existing = await readFile(hookFile, "utf8").catch(() => void 0);
  if (existing !== void 0 && !existing.includes(HOOK_MARKER)) {
    if (!force) {
      throw new InputError(`hook install: ${hookFile} exists and was not written by tagcheck; rerun with --force to replace it (it is kept as pre-push.before-tagcheck)`);
    }
    await copyFile(hookFile, `${hookFile}.before-tagcheck`);
  }
  if (existing === script) {
    io.stdout.write(`tagcheck: the pre-push hook in ${hookFile} is already up to date
`);
  } else {
    await mkdir(hooksDir, { recursive: true });
    await writeFile(hookFile, script);
    io.stdout.write(`tagcheck: ${existing === void 0 ? "installed" : "updated"} the pre-push hook in ${hookFile}
`);
  }
  await chmod(hookFile, 493);
  return 0;
}
function tagcheckBin() {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (; ; ) {
    const candidate = join(dir, "bin", "tagcheck.js");
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error("cannot find bin/tagcheck.js above the hook module");
    dir = parent;
  }
}
function shellQuote(text) {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}
function hookScript(o) {
  const args = [...o.dir ? ["--dir", o.dir] : [], ...o.checkOptions].map(shellQuote).join(" ");
  return `#!/bin/sh
${HOOK_MARKER}: installed by \`tagcheck hook install\`; run it again to update, delete this file to uninstall.
# Checks every pushed tag against the tree at its commit; push with --no-verify to skip once.
input=$(cat)
case "$input" in
  *refs/tags/*) ;;
  *) exit 0 ;;
esac
TAGCHECK_BIN=${shellQuote(o.bin)}
if command -v node >/dev/null 2>&1; then TAGCHECK_NODE=node; else TAGCHECK_NODE=${shellQuote(o.node)}; fi
if [ -f "$TAGCHECK_BIN" ]; then
  printf '%s\\n' "$input" | "$TAGCHECK_NODE" "$TAGCHECK_BIN" hook pre-push ${args} -- "$@"
else
  printf '%s\\n' "$input" | npx --no-install tagcheck hook pre-push ${args} -- "$@"
fi
`;
}
function parsePushLines(text) {
  return text.split(/\r?\n/).map((line) => line.trim().split(/\s+/)).filter((fields) => fields.length === 4).map(([localRef, localSha, remoteRef, remoteSha]) => ({ localRef, localSha, remoteRef, remoteSha }));
}
function pushedTags(refs) {
  return refs.filter((ref) => ref.remoteRef.startsWith("refs/tags/") && !ZERO_SHA.test(ref.localSha)).map((ref) => ({ tag: ref.remoteRef.slice("refs/tags/".length), sha: ref.localSha }));
}
function preCommitPushedRef(env) {
  const remoteRef = env.PRE_COMMIT_REMOTE_BRANCH;
  const local = env.PRE_COMMIT_TO_REF || env.PRE_COMMIT_LOCAL_BRANCH;
  if (!remoteRef || !local) return void 0;
  return { localRef: env.PRE_COMMIT_LOCAL_BRANCH ?? local, localSha: local, remoteRef, remoteSha: env.PRE_COMMIT_FROM_REF ?? "" };
}
async function readAll(stream) {
  if (!stream || stream.isTTY) return "";
  const chunks = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString("utf8");
}
async function loadCheckCommand() {
  const { main } = await import("../src/cli/main.js");
  return (argv, io) => main(["check", ...argv], io);
}
async function prePush(argv, io, loadCheck) {
  const dash = argv.indexOf("--");
  const options = dash >= 0 ? argv.slice(0, dash) : argv;
  const [remoteName, remoteUrl] = dash >= 0 ? argv.slice(dash + 1) : [io.env.PRE_COMMIT_REMOTE_NAME, io.env.PRE_COMMIT_REMOTE_URL];
  const pushRemote = remoteUrl || remoteName ? { ...remoteName ? { name: remoteName } : {}, url: remoteUrl || remoteName } : void 0;
  let dir = "";
  const checkOptions = [];
  for (let i = 0; i < options.length; i++) {
    if (options[i] === "--dir") dir = options[++i] ?? "";
    else checkOptions.push(options[i]);
  }
  const refs = parsePushLines(await readAll(io.stdin));
  const preCommitRef = refs.length === 0 ? preCommitPushedRef(io.env) : void 0;
  const tags = pushedTags(preCommitRef ? [preCommitRef] : refs);
  if (tags.length === 0) return 0;
  let root;
  try {
    root = await git(io.cwd, ["rev-parse", "--show-toplevel"]);
  } catch {
    throw new InputError(`hook pre-push: ${io.cwd} is not inside a git work tree`);
  }
  const scoped = checkOptions.some((option) => option === "--offline" || option === "--scope" || option.startsWith("--scope="));
  const scopeOptions = scoped ? [] : ["--offline"];
  const { checkoutTreeAt } = await import("./tree-at-commit-UJUQ2ZRH.js");
  const { resolveRepositoryName } = await import("./repository-name-NYBK75GT.js");
  const check = await loadCheck();
  const realRoot = await realpath(root);
  const { name } = await resolveRepositoryName(root, { env: io.env, ...pushRemote ? { pushRemote } : {} });
  let worst = 0;
  for (const { tag, sha } of tags) {
    if (!await pointsAtCommit(root, sha)) {
      io.stderr.write(`tagcheck: tag ${tag} does not point at a commit; not checked
`);
      continue;
    }
    io.stderr.write(`tagcheck: checking tag ${tag} at ${sha.slice(0, 12)}${scoped ? "" : " (offline)"}
`);
    const tree = await checkoutTreeAt(root, sha, { name });
    try {
      const project = dir ? join(tree.dir, dir) : tree.dir;
      const cacheKey = dir ? join(realRoot, dir) : realRoot;
      const checkIO = { ...io, stdout: io.stderr, cwd: project, cacheKey, ...pushRemote ? { pushRemote } : {} };
      const code = await check([project, "--tag", tag, ...scopeOptions, ...checkOptions], checkIO);
      if (code !== 0) {
        io.stderr.write(`tagcheck: push of tag ${tag} blocked by the findings above; fix them and tag again, or push with --no-verify to skip the check
`);
      }
      worst = Math.max(worst, code);
    } finally {
      await tree.cleanup();
    }
  }
  return worst;
}
async function pointsAtCommit(root, object) {
  try {
    await git(root, ["rev-parse", "--verify", "--quiet", `${object}^{commit}`]);
    return true;
  } catch {
    return false;
  }
}
export {
  HOOK_MARKER,
  hookScript,
  parsePushLines,
  preCommitPushedRef,
  prePush,
  pushedTags,
  runHookCommand
};
