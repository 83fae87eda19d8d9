import { createRequire as __tagcheckCreateRequire } from 'node:module';
const require = __tagcheckCreateRequire(import.meta.url);
import {
  MAIN_USAGE
} from "../../chunks/chunk-272LM65M.js";
import {
  toolVersion
} from "../../chunks/chunk-CZ5HT6FU.js";
import {
  InputError
} from "../../chunks/chunk-RPMDAMUC.js";
import "../../chunks/chunk-EDL2D4W5.js";

// src/cli/io.ts
function processIO() {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    // process.stdin builds a stream (a TTY or pipe handle) on first access: only `hook pre-push` reads it,
    // so every other command skips that start-up cost.
    get stdin() {
      return process.stdin;
    },
    env: process.env,
    cwd: process.cwd()
  };
}

// src/cli/main.ts
var COMMANDS = {
  check: async () => (await import("../../chunks/check-SGLJM4KT.js")).runCheckCommand,
  fix: async () => (await import("../../chunks/fix-5IIMGH2F.js")).runFixCommand,
  rules: async () => (await import("../../chunks/rules-FP3AXBZX.js")).runRulesCommand,
  snapshot: async () => (await import("../../chunks/snapshot-U4CJE74C.js")).runSnapshotCommand,
  init: async () => (await import("../../chunks/init-O2D4W223.js")).runInitCommand,
  hook: async () => (await import("../../chunks/hook-WXPXM4TD.js")).runHookCommand
};
async function main(argv, io) {
  if (!io) {
    guardProcess();
    io = processIO();
  }
  try {
    return await dispatch(argv, io);
  } catch (error) {
    io.stderr.write(`tagcheck: ${describeFailure(error)}
`);
    return 2;
  }
}
async function dispatch(argv, io) {
  const [first, ...rest] = argv;
  if (first === "--version" || first === "-v") {
    io.stdout.write(`${toolVersion()}
`);
    return 0;
  }
  if (first === "help" && rest[0] !== void 0 && Object.hasOwn(COMMANDS, rest[0])) return dispatch([rest[0], "--help"], io);
  if (first === "--help" || first === "-h" || first === "help") {
    io.stdout.write(MAIN_USAGE);
    return 0;
  }
  const named = first !== void 0 && Object.hasOwn(COMMANDS, first);
  const name = named ? first : "check";
  const args = named ? rest : argv;
  const command = await COMMANDS[name]();
  return await command(args, io);
}
function guardProcess() {
  const fail = (error) => {
    process.stderr.write(`tagcheck: ${describeFailure(error)}
`);
    process.exit(2);
  };
  process.on("uncaughtException", fail);
  process.on("unhandledRejection", fail);
  process.stdout.on("error", (error) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    fail(error);
  });
}
function describeFailure(error) {
  if (error instanceof InputError || error?.name === "InputError") return firstLine(error.message);
  const message = error instanceof Error ? error.message : String(error);
  return `internal error: ${firstLine(message)}`;
}
function firstLine(text) {
  return text.split("\n")[0].trim() || "unknown error";
}
export {
  main
};
