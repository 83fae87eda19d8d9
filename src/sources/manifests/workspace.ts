import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../../model/release.js';
import { isInside, type FoundFile } from './discover.js';
import { findContainerImages, type ContainerImage } from './workloads.js';
import { describeError, readYamlFile, type ParsedYaml } from './yaml-file.js';

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
  ) {}

  /** Parses the discovered files with bounded parallelism (reads overlap, parsing is synchronous). */
  async parseAll(found: FoundFile[]): Promise<void> {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < found.length) {
        const entry = found[next++];
        await this.parse(entry);
      }
    };
    await Promise.all(Array.from({ length: Math.min(4, found.length) }, worker));
  }

  parse(entry: FoundFile): Promise<ParsedYaml | null> {
    let pending = this.parsed.get(entry.file);
    if (!pending) {
      this.files.add(entry.file);
      pending = readYamlFile(entry.absolute, entry.file, this.diagnostics).then((parsed) => {
        if (!parsed || this.keepAst(entry.file)) return parsed;
        this.containers.set(entry.file, Promise.resolve(findContainerImages(parsed, this.diagnostics)));
        return null;
      });
      this.parsed.set(entry.file, pending);
    }
    return pending;
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

  /** What a root-relative path is: a file inside the root, a directory, missing, or outside the root. */
  async kindOf(file: string): Promise<'file' | 'directory' | 'missing' | 'outside'> {
    try {
      const target = await realpath(path.join(this.root, file));
      if (!isInside(this.realRoot, target)) return 'outside';
      const info = await stat(target);
      return info.isDirectory() ? 'directory' : info.isFile() ? 'file' : 'missing';
    } catch {
      return 'missing';
    }
  }

  private async locate(file: string): Promise<FoundFile | null> {
    try {
      const target = await realpath(path.join(this.root, file));
      if (!isInside(this.realRoot, target)) return null;
      const info = await stat(target);
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
