import { basename, resolve } from 'node:path';
import { tryGit } from './run-git.js';

/** The repository's name, which the ownership fallback looks for in image paths, and where it came from. */
export interface RepositoryName {
  name: string;
  /** for `--verbose` and the ownership warning: `origin`, `push remote fork`, `GITHUB_REPOSITORY`, `folder name`, … */
  source: string;
}

/** Where the name and the slug are looked up; `readOrigin` lets one run ask git for the origin URL once. */
export interface RepositoryContext {
  env?: NodeJS.ProcessEnv;
  pushRemote?: PushRemote;
  readOrigin?: () => Promise<string | null>;
}

/** The remote a `pre-push` hook is pushing to: git passes its name and URL as the hook's two arguments. */
export interface PushRemote {
  name?: string;
  url: string;
}

/**
 * The first source that gives a name, in order: the remote being pushed to (in `hook pre-push`), the CI's
 * own record of the project (`GITHUB_REPOSITORY` = owner/repo, GitLab's `CI_PROJECT_PATH` =
 * group/subgroup/repo), the `origin` remote, the folder name. The push remote and the CI variables name the
 * project even where origin is a local path or a fork renamed, or where the checkout has no .git at all.
 */
export async function resolveRepositoryName(root: string, context: RepositoryContext = {}): Promise<RepositoryName> {
  const push = context.pushRemote;
  if (push) {
    const name = nameFromRemoteUrl(push.url);
    if (name) return { name, source: push.name && push.name !== push.url ? `push remote ${push.name}` : 'push URL' };
  }
  for (const variable of ['GITHUB_REPOSITORY', 'CI_PROJECT_PATH']) {
    const value = context.env?.[variable]?.trim();
    const name = value ? nameFromRemoteUrl(value) : undefined;
    if (name) return { name, source: variable };
  }
  const url = await (context.readOrigin ?? (() => originUrl(root)))();
  const fromOrigin = url !== null ? nameFromRemoteUrl(url) : undefined;
  if (fromOrigin) return { name: fromOrigin, source: 'origin' };
  return { name: basename(resolve(root)), source: 'folder name' };
}

/** The `origin` remote's URL, null when there is none (or no git). */
export function originUrl(root: string): Promise<string | null> {
  return tryGit(root, ['remote', 'get-url', 'origin']);
}

/**
 * `OWNER/REPO` of this repository, for the GitHub URLs its docs name, from the same sources in the same order as
 * the name: the push remote, `GITHUB_REPOSITORY`, `CI_PROJECT_PATH` (its last two segments), the `origin` remote.
 * Undefined when none names two segments (an exported tree outside CI): callers then compare the name alone.
 */
export async function resolveRepositorySlug(root: string, context: RepositoryContext = {}): Promise<string | undefined> {
  const push = context.pushRemote ? slugFromRemoteUrl(context.pushRemote.url) : undefined;
  if (push) return push;
  for (const variable of ['GITHUB_REPOSITORY', 'CI_PROJECT_PATH']) {
    const segments = (context.env?.[variable]?.trim() ?? '').split('/').filter((s) => s !== '');
    if (segments.length >= 2) return segments.slice(-2).join('/');
  }
  const url = await (context.readOrigin ?? (() => originUrl(root)))();
  return url !== null ? slugFromRemoteUrl(url) : undefined;
}

/**
 * `OWNER/NAME` of a remote URL, the last two path segments without `.git`: `https://github.com/o/name.git`,
 * `git@github.com:o/name.git`, `ssh://git@host:2222/o/name` all give `o/name`. Undefined when there are not two.
 */
export function slugFromRemoteUrl(url: string): string | undefined {
  const text = url.trim().replace(/[?#].*$/, '').replace(/\/+$/, '').replace(/\.git$/i, '').replace(/\/+$/, '');
  const name = nameFromRemoteUrl(text);
  const parts = text.split(/[/:\\]/).filter((part) => part !== '');
  const owner = parts.length >= 3 ? parts[parts.length - 2] : undefined;
  return name && owner && owner !== '.' && owner !== '..' ? `${owner}/${name}` : undefined;
}

/**
 * The last path segment of a remote URL without `.git`: `https://github.com/o/name.git`, `git@github.com:o/name.git`,
 * `ssh://git@host:2222/o/name.git`, `/srv/git/name.git/` all give `name`. Undefined when nothing is left.
 */
export function nameFromRemoteUrl(url: string): string | undefined {
  let text = url.trim().replace(/[?#].*$/, '').replace(/\/+$/, '');
  text = text.replace(/\.git$/i, '').replace(/\/+$/, '');
  const name = text.split(/[/:\\]/).pop() ?? '';
  return name === '' || name === '.' || name === '..' ? undefined : name;
}
