// The launcher that bin/tagcheck.js (and the Action's action/tagcheck.cjs) requires, built to dist/launch.cjs. It
// runs the bundled CLI, dist/tagcheck.cjs, from a V8 code cache, so a start-up deserializes the code a check runs
// instead of compiling ~640 KB of JavaScript first (issue 12: start-up ≤ 1.5× `node -e 0`). Node 20 has no compile
// cache for ES modules (module.enableCompileCache is Node 22), but vm.Script takes cachedData: that is why the
// bundle is one CommonJS file, and why this file is the only one Node's own loader resolves.
//
// Which cache: `npm run build` writes one into dist/ from a training run, so the first check after `npm ci` is
// already fast. When there is none for this build, Node version and architecture, or V8 rejects it (other V8
// flags), the run writes one when it ends, into the user's cache folder, and later runs read that. V8 itself only
// checks that the source has the length it had, and runs the cached code of another source of that length: so the
// name holds the bundle's build id and its file's size and mtime (a hand edit of dist/ misses too). A rejected or
// unreadable cache changes how fast a run starts, never what runs. TAGCHECK_CODE_CACHE=off turns it off;
// TAGCHECK_CODE_CACHE=DIR reads and writes DIR only (the build's training run).
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { createRequire, wrap } from 'node:module';
import { isAbsolute, join } from 'node:path';
import { Script } from 'node:vm';

type Main = (argv: string[]) => Promise<number>;

const BUNDLE = 'tagcheck.cjs';

export function launch(argv = process.argv.slice(2)): void {
  const file = join(__dirname, BUNDLE);
  // ASCII (scripts/bundle.mjs checks it): latin1 gives V8 a one-byte string without a UTF-8 decode
  const source = readFileSync(file, 'latin1');
  const folders = cacheFolders(process.env);
  const name = cacheName(source, statSync(file));
  // the first cache found is the one used: a rejected cache still compiles the script, and a second try would
  // compile it again
  const cachedData = name ? folders.read.map((folder) => readOrUndefined(join(folder, name))).find(Boolean) : undefined;
  // No importModuleDynamically: the bundle holds no import() (scripts/bundle.mjs checks it); the one ES module it
  // needs, @kubernetes/client-node, is imported by dist/client-node.cjs, which Node's own loader runs.
  const script = new Script(wrap(source), { filename: file, ...(cachedData ? { cachedData } : {}) });
  const accepted = cachedData !== undefined && !script.cachedDataRejected;
  const module = { exports: {} as { main?: Main } };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run(module.exports, createRequire(file), module, file, __dirname);
  void module.exports.main!(argv).then((code) => {
    process.exitCode = code;
    // the cache holds what this run compiled: the functions a check needs, not the whole bundle
    if (!accepted && name && folders.write) {
      writeAtomically(folders.write, name, script.createCachedData());
      pruneOldCaches(folders.write, name);
    }
  });
}

/** Where caches are read (in this order) and where a missing or rejected one is written. */
function cacheFolders(env: NodeJS.ProcessEnv): { read: string[]; write?: string } {
  const setting = env.TAGCHECK_CODE_CACHE;
  if (setting === 'off') return { read: [] };
  if (setting) return { read: [setting], write: setting };
  const user = env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME)
    ? join(env.XDG_CACHE_HOME, 'tagcheck', 'code')
    : env.HOME && isAbsolute(env.HOME) ? join(env.HOME, '.cache', 'tagcheck', 'code') : undefined;
  return user ? { read: [__dirname, user], write: user } : { read: [__dirname] };
}

/** `<build id>-<size>-<mtime>-<node version>-<arch>.v8`; the build id is the bundle's first line (scripts/bundle.mjs). */
function cacheName(source: string, file: Stats): string | undefined {
  const build = /^\/\/ tagcheck build ([0-9a-f]{16})\n/.exec(source.slice(0, 64))?.[1];
  return build ? `${build}-${file.size}-${Math.trunc(file.mtimeMs)}-${process.version}-${process.arch}.v8` : undefined;
}

function readOrUndefined(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** How many caches (~0.6 MB each) a folder keeps: every build, Node upgrade or reinstall writes a new one. */
const KEPT_CACHES = 8;

/**
 * Removes all but the KEPT_CACHES newest caches of the folder (the one just written is among them). Only runs
 * that wrote a cache get here, so a folder that has what it needs is never listed. Failures are ignored.
 */
function pruneOldCaches(folder: string, written: string): void {
  try {
    const caches = readdirSync(folder)
      .filter((file) => file.endsWith('.v8') && file !== written)
      .map((file) => ({ file, mtime: statSync(join(folder, file)).mtimeMs }))
      .sort((a, b) => b.mtime - a.mtime);
    for (const { file } of caches.slice(KEPT_CACHES - 1)) rmSync(join(folder, file), { force: true });
  } catch {
    // a cache folder we cannot list or clean is still a cache folder
  }
}

/** A temp file renamed into place: concurrent runs each leave a whole file. Failures are ignored: it is a cache. */
function writeAtomically(folder: string, name: string, data: Buffer): void {
  const temp = join(folder, `.${name}.${process.pid}.${Date.now()}`);
  try {
    mkdirSync(folder, { recursive: true });
    writeFileSync(temp, data);
    renameSync(temp, join(folder, name));
  } catch {
    rmSync(temp, { force: true });
  }
}
