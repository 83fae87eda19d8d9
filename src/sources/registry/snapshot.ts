import type { RegistrySource } from './source.js';

/** The contract's snapshot file: repository → tag → { digest, mediaType, platforms }. */
export interface SnapshotFile {
  version: 1;
  repositories: Record<string, { tags: Record<string, { digest: string; mediaType: string; platforms: string[] }> }>;
}

/** Answers registry questions from a snapshot file; throws InputError when the file is unreadable. (stub: helper `registry`) */
export async function loadSnapshot(_file: string): Promise<RegistrySource> {
  const notFound = async () => ({ status: 'not-found' as const });
  return { listTags: notFound, getTag: notFound };
}

/** Wraps a source and records every answer, for `tagcheck snapshot`. (stub: helper `registry`) */
export function recordingSource(inner: RegistrySource): RegistrySource & { snapshot(): SnapshotFile } {
  return { listTags: (r) => inner.listTags(r), getTag: (r, t) => inner.getTag(r, t), snapshot: () => ({ version: 1, repositories: {} }) };
}

export async function writeSnapshot(_file: string, _snapshot: SnapshotFile): Promise<void> {}
