import { basename } from 'node:path';

/** The repository's name from the `origin` remote, else the folder name. (stub: helper `cfggit` replaces it) */
export async function repositoryName(root: string): Promise<string> {
  return basename(root);
}
