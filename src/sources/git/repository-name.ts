import { basename, resolve } from 'node:path';
import { tryGit } from './run-git.js';

/** The repository's name from the `origin` remote, else the folder name. */
export async function repositoryName(root: string, origin: Promise<string | null> = originUrl(root)): Promise<string> {
  const url = await origin;
  return (url !== null ? nameFromRemoteUrl(url) : undefined) ?? basename(resolve(root));
}

/** The `origin` remote's URL; null outside a repository or without that remote. */
export async function originUrl(root: string): Promise<string | null> {
  const url = await tryGit(root, ['remote', 'get-url', 'origin']);
  return url === null ? null : url.trim();
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
