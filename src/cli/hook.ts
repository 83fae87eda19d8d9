import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, copyFile, mkdir, readFile, realpath, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { InputError } from '../model/errors.js';
import type { CliIO } from './io.js';

const runGit = promisify(execFile);

/** Present in every hook tagcheck writes: how `install` tells its own hook from someone else's. */
export const HOOK_MARKER = '# tagcheck pre-push hook';
const ZERO_SHA = /^0+$/;

const USAGE = `Usage:
  tagcheck hook install [PATH] [--force] [-- CHECK-OPTIONS]
      install a git pre-push hook (core.hooksPath is honoured) that runs \`tagcheck hook pre-push\`;
      refuses to overwrite a hook it did not write unless --force (the old one is kept as pre-push.before-tagcheck).
      CHECK-OPTIONS are passed to every check, e.g. \`-- --scope all\` to ask the registry too.
  tagcheck hook pre-push [--dir DIR] [CHECK-OPTIONS] [-- REMOTE URL]
      the hook body: reads git's pre-push lines on stdin and checks every pushed tag against the tree at that
      tag's commit, offline unless CHECK-OPTIONS say --scope; branch pushes pass at once.
`;

/** `tagcheck hook install|pre-push` */
export async function runHookCommand(argv: string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined) {
    io.stderr.write(USAGE);
    return 2;
  }
  if (sub === '--help' || sub === '-h') {
    io.stdout.write(USAGE);
    return 0;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(USAGE);
    return 0;
  }
  if (sub === 'install') return installHook(rest, io);
  if (sub === 'pre-push') return prePush(rest, io, loadCheckCommand);
  throw new InputError(`hook: unknown subcommand "${sub}" (allowed: install, pre-push)`);
}

async function git(cwd: string, args: string[]): Promise<string> {
  const { stdout } = await runGit('git', ['-C', cwd, ...args], { maxBuffer: 16 * 1024 * 1024 });
  return stdout.trim();
}

async function installHook(argv: string[], io: CliIO): Promise<number> {
  const dash = argv.indexOf('--');
  const own = dash >= 0 ? argv.slice(0, dash) : argv;
  const checkOptions = dash >= 0 ? argv.slice(dash + 1) : [];
  const force = own.includes('--force');
  const positional = own.filter((arg) => arg !== '--force');
  const unknown = positional.find((arg) => arg.startsWith('-'));
  if (unknown) throw new InputError(`hook install: unknown option "${unknown}" (allowed: --force)`);
  if (positional.length > 1) throw new InputError(`hook install: one PATH expected, got ${positional.length}`);

  const project = resolve(io.cwd, positional[0] ?? '.');
  if (!(await stat(project).catch(() => null))?.isDirectory()) throw new InputError(`hook install: ${project} is not a directory`);
  let hooksDir: string;
  let prefix: string;
  try {
    // `--git-path hooks` honours core.hooksPath and linked worktrees.
    hooksDir = resolve(project, await git(project, ['rev-parse', '--git-path', 'hooks']));
    prefix = await git(project, ['rev-parse', '--show-prefix']);
  } catch {
    throw new InputError(`hook install: ${project} is not inside a git repository`);
  }
  const hookFile = join(hooksDir, 'pre-push');
  const script = hookScript({ bin: tagcheckBin(), node: process.execPath, dir: prefix.replace(/\/$/, ''), checkOptions });

  const existing = await readFile(hookFile, 'utf8').catch(() => undefined);
  if (existing !== undefined && !existing.includes(HOOK_MARKER)) {
    if (!force) {
      throw new InputError(`hook install: ${hookFile} exists and was not written by tagcheck; rerun with --force to replace it (it is kept as pre-push.before-tagcheck)`);
    }
    await copyFile(hookFile, `${hookFile}.before-tagcheck`);
  }
  if (existing === script) {
    io.stdout.write(`tagcheck: the pre-push hook in ${hookFile} is already up to date\n`);
  } else {
    await mkdir(hooksDir, { recursive: true });
    await writeFile(hookFile, script);
    io.stdout.write(`tagcheck: ${existing === undefined ? 'installed' : 'updated'} the pre-push hook in ${hookFile}\n`);
  }
  await chmod(hookFile, 0o755);
  return 0;
}

/** This package's launcher, found from this module whether it runs from src/ (tests) or the bundle in dist/ (installed). */
function tagcheckBin(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'bin', 'tagcheck.js');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find bin/tagcheck.js above the hook module');
    dir = parent;
  }
}

function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/**
 * The hook is POSIX sh so that a push without tags never starts Node: it reads git's lines and only when a
 * tag is among them hands them to `tagcheck hook pre-push`. Where the package has moved since install
 * (a reinstall, an npx cache cleanup) it falls back to the project's own tagcheck through npx.
 */
export function hookScript(o: { bin: string; node: string; dir: string; checkOptions: string[] }): string {
  const args = [...(o.dir ? ['--dir', o.dir] : []), ...o.checkOptions].map(shellQuote).join(' ');
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

/** One line git writes on a pre-push hook's stdin. */
export interface PushedRef {
  localRef: string;
  localSha: string;
  remoteRef: string;
  remoteSha: string;
}

export function parsePushLines(text: string): PushedRef[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields.length === 4)
    .map(([localRef, localSha, remoteRef, remoteSha]) => ({ localRef, localSha, remoteRef, remoteSha }));
}

/** The tags a push creates or moves; deletions and branches are not releases. */
export function pushedTags(refs: PushedRef[]): { tag: string; sha: string }[] {
  return refs
    .filter((ref) => ref.remoteRef.startsWith('refs/tags/') && !ZERO_SHA.test(ref.localSha))
    .map((ref) => ({ tag: ref.remoteRef.slice('refs/tags/'.length), sha: ref.localSha }));
}

/**
 * The pre-commit framework reads git's lines itself and passes one ref through the environment instead
 * (PRE_COMMIT_REMOTE_BRANCH, and PRE_COMMIT_TO_REF or only PRE_COMMIT_LOCAL_BRANCH for a ref new on the remote).
 */
export function preCommitPushedRef(env: NodeJS.ProcessEnv): PushedRef | undefined {
  const remoteRef = env.PRE_COMMIT_REMOTE_BRANCH;
  const local = env.PRE_COMMIT_TO_REF || env.PRE_COMMIT_LOCAL_BRANCH;
  if (!remoteRef || !local) return undefined;
  return { localRef: env.PRE_COMMIT_LOCAL_BRANCH ?? local, localSha: local, remoteRef, remoteSha: env.PRE_COMMIT_FROM_REF ?? '' };
}

async function readAll(stream: NodeJS.ReadableStream | undefined): Promise<string> {
  // Run by hand at a terminal there are no pushed refs to wait for.
  if (!stream || (stream as { isTTY?: boolean }).isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** Runs `tagcheck check` with these arguments; tests pass their own. */
export type CheckCommand = (argv: string[], io: CliIO) => Promise<number>;

async function loadCheckCommand(): Promise<CheckCommand> {
  const { main } = (await import('./main.js')) as unknown as { main: CheckCommand };
  return (argv, io) => main(['check', ...argv], io);
}

/** `tagcheck hook pre-push`, with the check command injectable so the tree handling is testable on its own. */
export async function prePush(argv: string[], io: CliIO, loadCheck: () => Promise<CheckCommand>): Promise<number> {
  const dash = argv.indexOf('--');
  const options = dash >= 0 ? argv.slice(0, dash) : argv;
  // After `--` come the remote's name and URL, which git passes to every pre-push hook (the name is the URL
  // when pushing to a URL): the repository pushed to names the project better than origin or the folder.
  // The pre-commit framework passes them as PRE_COMMIT_REMOTE_NAME / PRE_COMMIT_REMOTE_URL instead.
  const [remoteName, remoteUrl] = dash >= 0 ? argv.slice(dash + 1) : [io.env.PRE_COMMIT_REMOTE_NAME, io.env.PRE_COMMIT_REMOTE_URL];
  const pushRemote = remoteUrl || remoteName ? { ...(remoteName ? { name: remoteName } : {}), url: remoteUrl || remoteName! } : undefined;
  let dir = '';
  const checkOptions: string[] = [];
  for (let i = 0; i < options.length; i++) {
    if (options[i] === '--dir') dir = options[++i] ?? '';
    else checkOptions.push(options[i]);
  }
  const refs = parsePushLines(await readAll(io.stdin));
  const preCommitRef = refs.length === 0 ? preCommitPushedRef(io.env) : undefined;
  const tags = pushedTags(preCommitRef ? [preCommitRef] : refs);
  // Branch pushes end here, before the engine or any manifest code is loaded.
  if (tags.length === 0) return 0;

  let root: string;
  try {
    root = await git(io.cwd, ['rev-parse', '--show-toplevel']);
  } catch {
    throw new InputError(`hook pre-push: ${io.cwd} is not inside a git work tree`);
  }
  const scoped = checkOptions.some((option) => option === '--offline' || option === '--scope' || option.startsWith('--scope='));
  // Offline by default: a push should not wait for (or fail on) the registry; CI checks the registry.
  const scopeOptions = scoped ? [] : ['--offline'];
  const { checkoutTreeAt } = await import('../sources/git/tree-at-commit.js');
  const { resolveRepositoryName } = await import('../sources/git/repository-name.js');
  const check = await loadCheck();
  const realRoot = await realpath(root);
  const { name } = await resolveRepositoryName(root, { env: io.env, ...(pushRemote ? { pushRemote } : {}) });

  let worst = 0;
  for (const { tag, sha } of tags) {
    // A tag may name a blob or a tree (git.git tags its maintainers' keys): there is no release to check.
    if (!(await pointsAtCommit(root, sha))) {
      io.stderr.write(`tagcheck: tag ${tag} does not point at a commit; not checked\n`);
      continue;
    }
    io.stderr.write(`tagcheck: checking tag ${tag} at ${sha.slice(0, 12)}${scoped ? '' : ' (offline)'}\n`);
    // Without a config, own images are recognised by the repository's name, which a checkout without .git
    // takes from its folder: so the tree goes to a folder named like the repository.
    const tree = await checkoutTreeAt(root, sha, { name });
    try {
      const project = dir ? join(tree.dir, dir) : tree.dir;
      // The report goes to stderr, where git tells users why a push was rejected.
      // The tree is a fresh temp folder on every push: its facts go to the cache file of the repository it
      // is a copy of (entries are keyed by content, so they hold for any tree with the same files), so a
      // push re-uses what the last push or check parsed, and one file per repository is all that is kept.
      const cacheKey = dir ? join(realRoot, dir) : realRoot;
      const checkIO = { ...io, stdout: io.stderr, cwd: project, cacheKey, ...(pushRemote ? { pushRemote } : {}) };
      const code = await check([project, '--tag', tag, ...scopeOptions, ...checkOptions], checkIO);
      if (code !== 0) {
        io.stderr.write(`tagcheck: push of tag ${tag} blocked by the findings above; fix them and tag again, or push with --no-verify to skip the check\n`);
      }
      worst = Math.max(worst, code);
    } finally {
      await tree.cleanup();
    }
  }
  return worst;
}

async function pointsAtCommit(root: string, object: string): Promise<boolean> {
  try {
    await git(root, ['rev-parse', '--verify', '--quiet', `${object}^{commit}`]);
    return true;
  } catch {
    return false;
  }
}
