import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../../model/release.js';
import { isInside, type FoundFile } from '../file-walk.js';
import type { FactsCache } from './facts-cache.js';
import { extractFileFacts, hydrateFacts, PARALLEL_MIN_BYTES, type FileFacts } from './file-facts.js';
import { findContainerImages, type ContainerImage } from './workloads.js';
import { describeError, readManifestBytesSync, readYamlFile, type ParsedYaml } from './yaml-file.js';

/** How plain manifests are parsed: from a cache of facts, and on worker threads when there are many. */
export interface ParseOptions {
  cache?: FactsCache;
  /** worker threads to parse on beside this one (0 or unset: this thread only) */
  workers?: number;
  /** start the workers whatever the amount of text (TAGCHECK_PARSE_WORKERS pins a count) */
  alwaysParallel?: boolean;
}

/**
 * Every file is parsed once and its container images found once; kustomize and Helm ask this cache,
 * including for files outside the configured globs (a kustomization's resources), which are read on demand.
 */
export class Workspace {
  readonly files = new Set<string>();
  private readonly parsed = new Map<string, Promise<ParsedYaml | null>>();
  private readonly containers = new Map<string, Promise<ContainerImage[]>>();

  /**
   * @param keepAst which files keep their syntax tree after parsing (kustomizations, Chart.yaml, values.yaml).
   * Every other file is reduced to its container images at once: holding 20,000 documents' trees until the end
   * doubles the run time in garbage collection.
   */
  constructor(
    readonly root: string,
    readonly realRoot: string,
    readonly diagnostics: Diagnostic[],
    private readonly keepAst: (file: string) => boolean = () => true,
    private readonly options: ParseOptions = {},
  ) {}

  /**
   * Parses the discovered files. Plain manifests are read and hashed first, then only those the cache does
   * not know are parsed, on worker threads too when there is enough text; trees are parsed here, a few at a time.
   */
  async parseAll(found: FoundFile[]): Promise<void> {
    const plain = found.filter((entry) => !this.keepAst(entry.file) && !this.parsed.has(entry.file));
    const extracted = this.extractPlain(plain);
    let next = 0;
    const trees = found.filter((entry) => this.keepAst(entry.file));
    const worker = async (): Promise<void> => {
      while (next < trees.length) {
        const entry = trees[next++];
        await this.parse(entry);
      }
    };
    await Promise.all([extracted, ...Array.from({ length: Math.min(4, trees.length) }, worker)]);
  }

  parse(entry: FoundFile): Promise<ParsedYaml | null> {
    let pending = this.parsed.get(entry.file);
    if (!pending) {
      if (!this.keepAst(entry.file)) {
        // a failure reaches the callers through the promises extractPlain stores
        this.extractPlain([entry]).catch(() => undefined);
        return this.parsed.get(entry.file)!;
      }
      this.files.add(entry.file);
      pending = readYamlFile(entry.absolute, entry.file, this.diagnostics);
      this.parsed.set(entry.file, pending);
    }
    return pending;
  }

  /** Plain manifests keep no tree: each is reduced to its container images (holding 20,000 trees doubles GC time). */
  private extractPlain(entries: FoundFile[]): Promise<void> {
    const done = this.factsOf(entries);
    for (const entry of entries) {
      this.files.add(entry.file);
      this.parsed.set(entry.file, done.then(() => null));
      this.containers.set(entry.file, done.then((byFile) => byFile.get(entry.file) ?? []));
    }
    return done.then(() => undefined);
  }

  private async factsOf(entries: FoundFile[]): Promise<Map<string, ContainerImage[]>> {
    const { cache } = this.options;
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
    // Synchronous reads, one after the other: ~20 ms for 2,000 files (see readLimitedSync).
    for (const entry of entries) {
      const bytes = readManifestBytesSync(entry.absolute, entry.file, this.diagnostics);
      if (!bytes) continue;
      const hash = cache ? cache.hash(bytes) : '';
      const known = cache?.get(hash);
      if (known) {
        use(entry.file, known);
      } else if (workers === 0) {
        // one thread: parse as read, so no more than a file's bytes are held
        const facts = extractFileFacts(bytes, entry.file);
        cache?.set(hash, facts);
        use(entry.file, facts);
      } else {
        misses.push({ file: entry.file, bytes, hash });
      }
    }
    const bytes = misses.reduce((sum, item) => sum + item.bytes.length, 0);
    let facts: FileFacts[];
    if (workers > 0 && misses.length > 1 && (this.options.alwaysParallel || bytes >= PARALLEL_MIN_BYTES)) {
      // worker_threads and the pool load only here, never on a small repository's path
      const { extractInParallel } = await import('./parse-pool.js');
      facts = await extractInParallel(misses, workers);
    } else {
      facts = misses.map((item) => extractFileFacts(item.bytes, item.file));
    }
    misses.forEach((item, i) => {
      cache?.set(item.hash, facts[i]);
      use(item.file, facts[i]);
    });
    return byFile;
  }

  /** A file's syntax tree by its root-relative path (null when not kept); read on demand, never outside the root. */
  async parsedFile(file: string): Promise<ParsedYaml | null> {
    const known = this.parsed.get(file);
    if (known) return known;
    const entry = await this.locate(file);
    return entry ? this.parse(entry) : null;
  }

  async containersOf(file: string): Promise<ContainerImage[]> {
    if (!this.containers.has(file)) await this.parsedFile(file);
    let pending = this.containers.get(file);
    if (!pending) {
      pending = this.parsedFile(file).then((parsed) => (parsed ? findContainerImages(parsed, this.diagnostics) : []));
      this.containers.set(file, pending);
    }
    return pending;
  }

  private readonly trees = new Map<string, Promise<ParsedYaml | null>>();

  /**
   * A file's syntax tree even when the file is otherwise reduced to its container images (a kustomize patch
   * file, read again here). Its parse problems were reported when it was read as a manifest, so a second read
   * reports them to `into` only.
   */
  treeOf(file: string, into: Diagnostic[]): Promise<ParsedYaml | null> {
    let pending = this.trees.get(file);
    if (!pending) {
      pending = this.parsedFile(file).then(async (kept) => {
        if (kept) return kept;
        const entry = await this.locate(file);
        return entry ? readYamlFile(entry.absolute, file, into) : null;
      });
      this.trees.set(file, pending);
    }
    return pending;
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
