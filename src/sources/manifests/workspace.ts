import { availableParallelism } from 'node:os';
import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../../model/release.js';
import { isInside, type FoundFile } from '../file-walk.js';
import type { ParseCount } from '../parse-count.js';
import type { FactsCache } from './facts-cache.js';
import { hydrateFacts, withFile, type FileFacts, type KeptData, type KeptKind, type ReadFacts } from './facts.js';
import { describeError, readManifestSync } from './manifest-bytes.js';
import type { ContainerImage } from './workloads.js';

/** How manifests are parsed: from a cache of facts, and on worker threads when there are many. */
export interface ParseOptions {
  cache?: FactsCache;
  /** worker threads to parse on beside this one (0 or unset: this thread only) */
  workers?: number;
  /** start the workers whatever the amount of text (TAGCHECK_PARSE_WORKERS pins a count) */
  alwaysParallel?: boolean;
  /** counts the files parsed and the files taken from the cache, for --verbose */
  count?: ParseCount;
}

/** What a discovered file is read as: a plain manifest (its container images), or a file kustomize or Helm reads. */
export type FileKind = 'manifest' | Exclude<KeptKind, 'patch'>;

/** Below this many bytes to parse, a worker's start (~60 ms: a thread, a V8 heap, the yaml code) does not pay. */
export const PARALLEL_MIN_BYTES = 2 * 1024 * 1024;

/** Worker threads worth starting on this machine: one per core beyond this thread's, at most 3. */
export function parallelWorkers(env: NodeJS.ProcessEnv): number {
  // TAGCHECK_PARSE_WORKERS pins the count (0: never), for tests and for machines shared with other jobs.
  const pinned = env.TAGCHECK_PARSE_WORKERS;
  if (pinned !== undefined && /^\d+$/.test(pinned)) return Math.min(Number(pinned), 8);
  return Math.max(0, Math.min(availableParallelism() - 1, 3));
}

const byName = (file: string): FileKind => (/(^|\/)(kustomization\.ya?ml|Kustomization)$/.test(file) ? 'kustomization' : 'manifest');

/**
 * Every file is read once and reduced to its facts (facts.ts) once: from the facts cache by content hash, or
 * parsed (the parser loads only then). kustomize and Helm ask this workspace, including for files outside the
 * configured globs (a kustomization's resources), which are read on demand, never outside the root.
 */
export class Workspace {
  readonly files = new Set<string>();
  private readonly containers = new Map<string, Promise<ContainerImage[]>>();
  private readonly kept = new Map<string, Promise<ReadFacts<unknown> | null>>();

  /**
   * @param kindOfFile what each discovered file is read as (kustomizations, Chart.yaml, values.yaml keep data
   * for kustomize and Helm; every other file is reduced to its container images).
   */
  constructor(
    readonly root: string,
    readonly realRoot: string,
    readonly diagnostics: Diagnostic[],
    private readonly kindOfFile: (file: string) => FileKind = byName,
    private readonly options: ParseOptions = {},
  ) {}

  /**
   * Reads the discovered files. Plain manifests are read and hashed first, then only those the cache does
   * not know are parsed, on worker threads too when there is enough text.
   */
  async parseAll(found: FoundFile[]): Promise<void> {
    const plain = found.filter((entry) => this.kindOfFile(entry.file) === 'manifest' && !this.containers.has(entry.file));
    const extracted = this.extractPlain(plain);
    const kept = found.flatMap((entry) => {
      const kind = this.kindOfFile(entry.file);
      return kind === 'manifest' ? [] : [this.keptFacts(kind, entry.file, entry)];
    });
    await Promise.all([extracted, ...kept]);
  }

  async containersOf(file: string): Promise<ContainerImage[]> {
    let pending = this.containers.get(file);
    if (!pending) {
      const entry = await this.locate(file);
      if (!entry) return [];
      // another caller may have started it meanwhile
      pending = this.containers.get(file);
      if (!pending) {
        await this.extractPlain([entry]);
        pending = this.containers.get(file)!;
      }
    }
    return pending;
  }

  kustomizationOf(file: string): Promise<ReadFacts<KeptData['kustomization']> | null> {
    return this.keptFacts('kustomization', file);
  }

  chartOf(file: string): Promise<ReadFacts<KeptData['chart']> | null> {
    return this.keptFacts('chart', file);
  }

  valuesOf(file: string): Promise<ReadFacts<KeptData['values']> | null> {
    return this.keptFacts('values', file);
  }

  /**
   * A kustomize patch file's facts. It is a manifest too, reported as one (its images are not standalone uses:
   * kustomize marks it reached); its parse problems were reported then, so they are not reported again.
   */
  async patchOf(file: string): Promise<KeptData['patch'] | null> {
    await this.containersOf(file);
    const facts = await this.keptFacts('patch', file);
    return facts?.read?.data ?? null;
  }

  /** Plain manifests keep no tree: each is reduced to its container images (holding 20,000 trees doubles GC time). */
  private extractPlain(entries: FoundFile[]): Promise<void> {
    const done = this.factsOf(entries);
    for (const entry of entries) {
      this.files.add(entry.file);
      this.containers.set(entry.file, done.then((byFile) => byFile.get(entry.file) ?? []));
    }
    return done.then(() => undefined);
  }

  private async factsOf(entries: FoundFile[]): Promise<Map<string, ContainerImage[]>> {
    const { cache, count } = this.options;
    const byFile = new Map<string, ContainerImage[]>();
    const use = (file: string, facts: FileFacts) => {
      const { containers, diagnostics } = hydrateFacts(facts, file);
      byFile.set(file, containers);
      this.diagnostics.push(...diagnostics);
    };
    const workers = this.options.workers ?? 0;
    // Hits are used as they are read, so only the bytes still to parse are held (all of them, with workers:
    // whether the workers pay depends on how much there is to parse).
    const misses: Array<{ file: string; bytes: Buffer; hash: string }> = [];
    let extract: typeof import('./file-facts.js').extractFileFacts | undefined;
    // Synchronous reads, one after the other: ~20 ms for 2,000 files (see readLimitedSync); none for a file whose
    // status is the one the cache recorded.
    for (const entry of entries) {
      const unchanged = this.unchangedFacts(entry, (hash) => cache?.get(hash));
      if (unchanged) {
        count?.record(entry.file, true);
        use(entry.file, unchanged);
        continue;
      }
      const read = readManifestSync(entry.absolute, entry.file, this.diagnostics);
      if (!read) continue;
      const { bytes } = read;
      const hash = cache ? cache.hash(bytes) : '';
      cache?.recordStatus(entry.absolute, read.info, hash);
      const known = cache?.get(hash);
      count?.record(entry.file, known !== undefined);
      if (known) {
        use(entry.file, known);
      } else if (workers === 0) {
        // one thread: parse as read, so no more than a file's bytes are held; the parser loads at the first miss
        extract ??= (await import('./file-facts.js')).extractFileFacts;
        const facts = extract(bytes, entry.file);
        cache?.set(hash, facts);
        use(entry.file, facts);
      } else {
        misses.push({ file: entry.file, bytes, hash });
      }
    }
    if (misses.length === 0) return byFile;
    const bytes = misses.reduce((sum, item) => sum + item.bytes.length, 0);
    let facts: FileFacts[];
    if (workers > 0 && misses.length > 1 && (this.options.alwaysParallel || bytes >= PARALLEL_MIN_BYTES)) {
      // worker_threads and the pool load only here, never on a small repository's path
      const { extractInParallel } = await import('./parse-pool.js');
      facts = await extractInParallel(misses, workers);
    } else {
      extract ??= (await import('./file-facts.js')).extractFileFacts;
      facts = misses.map((item) => extract!(item.bytes, item.file));
    }
    misses.forEach((item, i) => {
      cache?.set(item.hash, facts[i]);
      use(item.file, facts[i]);
    });
    return byFile;
  }

  /**
   * The data of a file kustomize or Helm reads (null when it cannot be read): from the cache, or parsed. Decode
   * and parse problems are reported here, once; the reader's own when the data is used.
   */
  private keptFacts<K extends KeptKind>(kind: K, file: string, entry?: FoundFile): Promise<ReadFacts<KeptData[K]> | null> {
    const key = `${kind}:${file}`;
    let pending = this.kept.get(key);
    if (!pending) {
      pending = (entry ? Promise.resolve(entry) : this.locate(file)).then((found) => (found ? this.readKept(kind, found) : null));
      this.kept.set(key, pending);
    }
    return pending as Promise<ReadFacts<KeptData[K]> | null>;
  }

  private async readKept<K extends KeptKind>(kind: K, entry: FoundFile): Promise<ReadFacts<KeptData[K]> | null> {
    const { cache, count } = this.options;
    const reported = kind === 'patch' ? [] : this.diagnostics;
    if (kind !== 'patch') this.files.add(entry.file);
    let facts = this.unchangedFacts(entry, (hash) => cache?.getKept(kind, hash));
    if (facts) {
      count?.record(entry.file, true);
      reported.push(...withFile(facts.diagnostics, entry.file));
      return facts;
    }
    const read = readManifestSync(entry.absolute, entry.file, reported);
    if (!read) return null;
    const { bytes } = read;
    const hash = cache ? cache.hash(bytes) : '';
    cache?.recordStatus(entry.absolute, read.info, hash);
    facts = cache?.getKept(kind, hash);
    count?.record(entry.file, facts !== undefined);
    if (!facts) {
      const { extractKeptFacts } = await import('./kept-facts.js');
      facts = extractKeptFacts(kind, bytes, entry.file);
      cache?.setKept(kind, hash, facts);
    }
    reported.push(...withFile(facts.diagnostics, entry.file));
    return facts;
  }

  /** A file's cached facts without reading it, when its status is what the cache recorded with their hash. */
  private unchangedFacts<T>(entry: FoundFile, lookup: (hash: string) => T | undefined): T | undefined {
    const hash = this.options.cache?.unchangedHash(entry.absolute);
    return hash === undefined ? undefined : lookup(hash);
  }

  /** What a root-relative path is: a file inside the root, a directory, missing, or outside the root. */
  async kindOf(file: string): Promise<'file' | 'directory' | 'missing' | 'outside'> {
    try {
      // synchronous, as the walk: kustomize asks this for every resource, component and patch
      const target = realpathSync(path.join(this.root, file));
      if (!isInside(this.realRoot, target)) return 'outside';
      const info = statSync(target);
      return info.isDirectory() ? 'directory' : info.isFile() ? 'file' : 'missing';
    } catch {
      return 'missing';
    }
  }

  private async locate(file: string): Promise<FoundFile | null> {
    try {
      const target = realpathSync(path.join(this.root, file));
      if (!isInside(this.realRoot, target)) return null;
      const info = statSync(target);
      return info.isFile() ? { file, absolute: target } : null;
    } catch (error) {
      this.diagnostics.push({ file, level: 'warning', message: `cannot be read: ${describeError(error)}` });
      return null;
    }
  }
}

/** Root-relative, `/`-separated, `.` for the root itself. */
export function relativePath(root: string, absolute: string): string {
  const relative = path.relative(root, absolute).split(path.sep).join('/');
  return relative === '' ? '.' : relative;
}

export function dirOf(file: string): string {
  const slash = file.lastIndexOf('/');
  return slash < 0 ? '.' : file.slice(0, slash);
}

export function joinPath(dir: string, name: string): string {
  return dir === '.' ? name : `${dir}/${name}`;
}
