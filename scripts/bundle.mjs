// Builds dist/: the CLI bundled by esbuild into one CommonJS file that runs from a V8 code cache (issue 12:
// start-up). The same script writes the committed copy the GitHub Action runs (`npm run bundle`, into
// action/dist/) and checks that copy is current (`npm run bundle:check`).
// Usage: node scripts/bundle.mjs [--outdir DIR] [--check DIR]
//
// Layout: tagcheck.cjs (the whole CLI; its first line names the build id), launch.cjs (what bin/tagcheck.js
// requires: it runs tagcheck.cjs through vm.Script with a code cache, see src/cli/launch.ts), parse-worker.cjs
// (the worker_threads entry for big repositories). Why CommonJS: Node 20 can code-cache a vm.Script, not an ES
// module. Code behind a dynamic import (each command, the registry client, the snapshot readers, glob, the
// reporters) is bundled too but wrapped in a lazy initializer, so an offline check never runs it, and with the
// code cache it is never compiled either. `@kubernetes/client-node` stays external and loads only for --cluster.
// dist/ also gets a code cache from a training run (an offline check of fixtures/demo); the Action's copy does
// not (it must be byte for byte reproducible, and the runner's Node differs), it writes its own at run time.
// The output is deterministic: same sources and lockfile, same bytes.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, promises as fsPromises, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(name);
  return at === -1 ? undefined : args[at + 1];
};

/** Every file under `dir` (relative, sorted), for hashing and comparing. */
function listFiles(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath ?? entry.path, entry.name)).split('\\').join('/'))
    .sort();
}

/**
 * The build id: a hash of everything the bundle is made of (sources, rules, the lockfile that pins the bundled
 * libraries, this script). The facts cache is keyed by it, so a cache written by another build is never read,
 * even while package.json's version stays the same.
 */
function buildId() {
  const hash = createHash('sha256');
  const inputs = [
    ...listFiles(join(root, 'src')).map((f) => `src/${f}`),
    ...listFiles(join(root, 'rules')).filter((f) => f.endsWith('.ts')).map((f) => `rules/${f}`),
    'package.json',
    'package-lock.json',
    'scripts/bundle.mjs',
  ];
  for (const file of inputs) hash.update(`${file}\0`).update(readFileSync(join(root, file))).update('\0');
  return hash.digest('hex').slice(0, 16);
}

async function bundle(outdir) {
  rmSync(outdir, { recursive: true, force: true });
  const id = buildId();
  const common = {
    absWorkingDir: root,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    // `--cluster` loads @kubernetes/client-node (an ES module) by import() in client-node.cjs, a file of its own
    // (src/sources/cluster/client-node.ts says why); client-node is never bundled.
    external: ['@kubernetes/client-node'],
    plugins: [ownFile('client-node'), lazyFsPromises()],
    // yaml's ES module build (the same code as its CommonJS one, minus process.emitWarning in its logger)
    // can be tree-shaken: the stringifier and YAML 1.1 tags stay out, about a third of the library.
    alias: { yaml: join(root, 'node_modules/yaml/browser/index.js') },
    // import.meta.url in CommonJS: the bundle's own file URL (the launcher passes its real __filename)
    define: { __TAGCHECK_BUILD_ID__: JSON.stringify(id), 'import.meta.url': '__tagcheckUrl' },
    // Strict mode first, as the ES modules were (a banner goes before esbuild's own "use strict", which would then
    // be no directive at all); then the build id the launcher names its code cache by.
    banner: { js: `// tagcheck build ${id}\n"use strict";\nconst __tagcheckUrl = require('node:url').pathToFileURL(__filename).href;` },
    legalComments: 'none',
    // Whitespace and syntax only: a smaller file to read and a smaller code cache; identifiers keep their names
    // so profiles and the coverage of e2e.test.ts stay readable.
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: 'warning',
  };
  await Promise.all([
    build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: join(outdir, 'tagcheck.cjs') }),
    build({ ...common, entryPoints: ['src/sources/manifests/parse-worker.ts'], outfile: join(outdir, 'parse-worker.cjs') }),
    build({ ...common, entryPoints: ['src/cli/launch.ts'], outfile: join(outdir, 'launch.cjs'), banner: {}, define: {}, plugins: [] }),
    build({ ...common, entryPoints: ['src/sources/cluster/client-node.ts'], outfile: join(outdir, 'client-node.cjs'), banner: {}, define: {}, plugins: [] }),
  ]);
  // The launcher reads the bundle as latin1, a one-byte string V8 takes without decoding: esbuild escapes non-ASCII
  // text (its default charset) and minifying drops comments, so this only fails if that ever changes.
  const bytes = readFileSync(join(outdir, 'tagcheck.cjs'));
  if (bytes.some((byte) => byte > 0x7f)) throw new Error('dist/tagcheck.cjs holds non-ASCII bytes: src/cli/launch.ts reads it as latin1');
  // import() inside a vm.Script needs a flag on Node 20: ES modules are imported from files of their own (client-node.cjs)
  if (/\bimport\(/.test(bytes.toString('latin1'))) throw new Error('dist/tagcheck.cjs holds an import(): load ES modules from a file of their own, as src/sources/cluster/client-node.ts does');
}

/** An esbuild plugin: imports of src/…/NAME.js stay a require() of NAME.cjs beside the bundle. */
function ownFile(name) {
  return {
    name: `own-file-${name}`,
    setup(build) {
      build.onResolve({ filter: new RegExp(`/${name}\\.js$`) }, () => ({ path: `./${name}.cjs`, external: true }));
    },
  };
}

/**
 * An esbuild plugin: `node:fs/promises` becomes forwarders to `fs.promises`, a getter that loads Node's fs/promises
 * on first use. Loading it costs ~1.6 ms of a ~70 ms start-up (it loads readline too), and a module that merely
 * imports it is initialized by every check, while a check of a tiny repository calls none of it (issue 12).
 */
function lazyFsPromises() {
  const forwarders = Object.keys(fsPromises)
    .filter((name) => typeof fsPromises[name] === 'function')
    .map((name) => `export const ${name} = (...args) => promises.${name}(...args);`);
  return {
    name: 'lazy-fs-promises',
    setup(build) {
      build.onResolve({ filter: /^(node:)?fs\/promises$/ }, () => ({ path: 'fs/promises', namespace: 'lazy-fs-promises' }));
      build.onLoad({ filter: /.*/, namespace: 'lazy-fs-promises' }, () => ({
        contents: `import { promises } from 'node:fs';\nexport { constants } from 'node:fs';\n${forwarders.join('\n')}\n`,
        loader: 'js',
      }));
    },
  };
}

/** Runs one offline check through the launcher so that dist/ holds a code cache for this Node (src/cli/launch.ts). */
function trainCodeCache(outdir) {
  const script = `require(${JSON.stringify(join(outdir, 'launch.cjs'))}).launch(['check', 'fixtures/demo', '--tag', 'v1.4.0', '--offline'])`;
  const home = mkdtempSync(join(tmpdir(), 'tagcheck-train-'));
  try {
    execFileSync(process.execPath, ['-e', script], {
      cwd: root,
      stdio: 'ignore',
      env: { PATH: process.env.PATH, HOME: home, XDG_CACHE_HOME: home, TAGCHECK_CODE_CACHE: outdir },
    });
  } catch (error) {
    // the demo has findings: exit 1 is the expected outcome
    if (error.status !== 1) throw error;
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

const check = option('--check');
if (check) {
  // Rebuild into a temp dir and compare file by file with the committed copy.
  const fresh = mkdtempSync(join(tmpdir(), 'tagcheck-bundle-'));
  try {
    await bundle(fresh);
    const committed = resolve(root, check);
    const a = (() => { try { return listFiles(committed); } catch { return []; } })();
    const b = listFiles(fresh);
    const stale = [...new Set([...a, ...b])].filter((f) => !a.includes(f) || !b.includes(f) || !readFileSync(join(committed, f)).equals(readFileSync(join(fresh, f))));
    if (stale.length) {
      console.error(`${check} is stale (${stale.length} file(s) differ: ${stale.slice(0, 5).join(', ')}${stale.length > 5 ? ', …' : ''}); run \`npm run bundle\` and commit ${check}`);
      process.exitCode = 1;
    } else {
      console.error(`${check} is up to date`);
    }
  } finally {
    rmSync(fresh, { recursive: true, force: true });
  }
} else if (option('--outdir')) {
  await bundle(resolve(root, option('--outdir')));
} else {
  await bundle(join(root, 'dist'));
  trainCodeCache(join(root, 'dist'));
}
