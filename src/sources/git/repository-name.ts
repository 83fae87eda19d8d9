import { basename, resolve } from 'node:path';
import { tryGit } from './run-git.js';

/** The repository's name from the `origin` remote, else the folder name. */
export async function repositoryName(root: string): Promise<string> {
  const url = await tryGit(root, ['remote', 'get-url', 'origin']);
  return (url !== null ? nameFromRemoteUrl(url) : undefined) ?? basename(resolve(root));
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
