// Builds dist/: the CLI bundled by esbuild into a handful of ESM files, so `node bin/tagcheck.js` resolves
// a few modules instead of ~150 (issue 12: start-up). The same script writes the committed copy the GitHub
// Action runs (`npm run bundle`, into action/dist/) and checks that copy is current (`npm run bundle:check`).
// Usage: node scripts/bundle.mjs [--outdir DIR] [--check DIR]
//
// Layout: dist/src/cli/main.js (the entry bin/tagcheck.js imports), dist/src/sources/manifests/parse-worker.js
// (the worker_threads entry), and dist/chunks/*.js: code behind a dynamic import (each command, the registry
// client, the snapshot reader, glob, the reporters) stays in its own chunk, so an offline check never loads it.
// The output is deterministic: same sources and lockfile, same bytes (chunk names are content hashes).
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['src/cli/main.ts', 'src/sources/manifests/parse-worker.ts'],
    outbase: '.',
    outdir,
    entryNames: '[dir]/[name]',
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // `--cluster` (another branch) loads @kubernetes/client-node lazily; it is never bundled.
    external: ['@kubernetes/client-node'],
    // yaml's ES module build (the same code as its CommonJS one, minus process.emitWarning in its logger)
    // can be tree-shaken: the stringifier and YAML 1.1 tags stay out, about a third of the library.
    alias: { yaml: join(root, 'node_modules/yaml/browser/index.js') },
    // Bundled CommonJS (semver) calls require() for Node built-ins.
    banner: { js: "import { createRequire as __tagcheckCreateRequire } from 'node:module';\nconst require = __tagcheckCreateRequire(import.meta.url);" },
    define: { __TAGCHECK_BUILD_ID__: JSON.stringify(buildId()) },
    legalComments: 'none',
    logLevel: 'warning',
    metafile: true,
  });
  // Which sources each output file holds: lets a test say which modules a run loaded (test/cli/e2e.test.ts).
  const modules = Object.fromEntries(
    Object.entries(result.metafile.outputs)
      .map(([file, output]) => [relative(outdir, resolve(root, file)).split('\\').join('/'), Object.keys(output.inputs).sort()])
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
  writeFileSync(join(outdir, 'modules.json'), `${JSON.stringify(modules, null, 1)}\n`);
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
} else {
  await bundle(resolve(root, option('--outdir') ?? 'dist'));
}
