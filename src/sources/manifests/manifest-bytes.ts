import { isUtf8 } from 'node:buffer';
import { closeSync, constants, fstatSync, openSync, readFileSync, type Stats } from 'node:fs';
import type { Diagnostic } from '../../model/release.js';

// Reading a manifest's bytes and telling text from binary; no YAML here, so a run whose files all come from the
// facts cache never loads the parser (yaml-file.ts parses).

/** Files above this size are skipped with a warning: manifests are small, and a 50 MB file would stall a pre-push hook. */
export const MAX_MANIFEST_BYTES = 10 * 1024 * 1024;

/** Reads a file unless it is bigger than `limit`; one open + fstat + read, like fs.readFile itself. */
/** `info`: the status of the file the bytes were read from, when the reader has it (the facts cache records it) */
export type FileReader = (absolutePath: string, limit: number) => Promise<{ size: number; bytes: Buffer | null; info?: Stats }>;

export const readLimited: FileReader = async (absolutePath, limit) => readLimitedSync(absolutePath, limit);

/**
 * The same, synchronously: 2,000 manifests are read in ~20 ms this way, against ~200 ms of promise and
 * thread-pool round trips for open, fstat, read and close each (a warm cached run is mostly this).
 */
export function readLimitedSync(absolutePath: string, limit: number): { size: number; bytes: Buffer | null; info: Stats } {
  // O_NONBLOCK: opening a FIFO named `*.yaml` would otherwise wait forever for a writer (found by test/hostile).
  const fd = openSync(absolutePath, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) throw new Error(`not a regular file (${info.isFIFO() ? 'a named pipe' : info.isSocket() ? 'a socket' : info.isDirectory() ? 'a directory' : 'a device'}); skipped`);
    const { size } = info;
    return { size, bytes: size > limit ? null : readFileSync(fd), info };
  } finally {
    closeSync(fd);
  }
}

/** `{{ … }}`: Go/Helm (and Jinja/Liquid output) template syntax. */
const GO_TEMPLATE = /\{\{[\s\S]*?\}\}/;
/** `{% … %}`: Jinja/Liquid tags (`{% raw %}` in external-secrets' docs/snippets, `{% if %}` in Ansible templates). */
const JINJA_TAG = /\{%[\s\S]*?%\}/;
/** Matches template syntax of either kind. */
export const TEMPLATE_SYNTAX = new RegExp(`${GO_TEMPLATE.source}|${JINJA_TAG.source}`);
/** Release-time placeholders: `%APP_VERSION%`, `${VERSION}`, `{{ .Version }}`, `{% version %}`, `__TAG__`, `@VERSION@`. */
export const PLACEHOLDER = new RegExp(`%[A-Za-z_][A-Za-z0-9_]*%|\\$\\{[^}]+\\}|${TEMPLATE_SYNTAX.source}|__[A-Z][A-Z0-9_]*__|@[A-Z][A-Z0-9_]*@`);

/** How a note names the template syntax in a file: `{{ … }}` (Go/Helm), `{% … %}` (Jinja/Liquid), or both. */
export function templateSyntaxLabel(text: string): string | null {
  const kinds = [GO_TEMPLATE.test(text) ? '{{ … }}' : '', JINJA_TAG.test(text) ? '{% … %}' : ''].filter(Boolean);
  return kinds.length ? kinds.join(' and ') : null;
}

/** A manifest's bytes, or null with a diagnostic when it cannot be read or is over the size limit. */
export async function readManifestBytes(absolutePath: string, file: string, diagnostics: Diagnostic[], reader: FileReader = readLimited): Promise<Buffer | null> {
  const read = await readOrWarn(reader, absolutePath, MAX_MANIFEST_BYTES, file, diagnostics);
  return read && checkedBytes(read, file, diagnostics);
}

/** What `reader` gives for a file (manifest or Markdown), or null with a `cannot be read` warning. */
export async function readOrWarn(
  reader: FileReader, absolutePath: string, limit: number, file: string, diagnostics: Diagnostic[],
): Promise<{ size: number; bytes: Buffer | null; info?: Stats } | null> {
  try {
    return await reader(absolutePath, limit);
  } catch (error) {
    diagnostics.push({ file, level: 'warning', message: `cannot be read: ${describeError(error)}` });
    return null;
  }
}

/** The same, synchronously (the plain manifests are read in one loop). */
export function readManifestBytesSync(absolutePath: string, file: string, diagnostics: Diagnostic[]): Buffer | null {
  return readManifestSync(absolutePath, file, diagnostics)?.bytes ?? null;
}

/** The bytes with the file's status as it was opened (before the read: what the facts cache records). */
export function readManifestSync(absolutePath: string, file: string, diagnostics: Diagnostic[]): { bytes: Buffer; info: Stats } | null {
  let read: { size: number; bytes: Buffer | null; info: Stats };
  try {
    read = readLimitedSync(absolutePath, MAX_MANIFEST_BYTES);
  } catch (error) {
    diagnostics.push({ file, level: 'warning', message: `cannot be read: ${describeError(error)}` });
    return null;
  }
  const bytes = checkedBytes(read, file, diagnostics);
  return bytes ? { bytes, info: read.info } : null;
}

function checkedBytes(read: { size: number; bytes: Buffer | null }, file: string, diagnostics: Diagnostic[]): Buffer | null {
  if (read.bytes === null) {
    diagnostics.push({ file, level: 'warning', message: `${(read.size / 1024 / 1024).toFixed(1)} MB, larger than the ${MAX_MANIFEST_BYTES / 1024 / 1024} MB limit for manifests; skipped` });
    return null;
  }
  return read.bytes;
}

/** Bytes to text: NUL bytes mean a binary file, invalid UTF-8 is reported instead of silently mangled. */
export function decodeText(bytes: Buffer, file: string, diagnostics: Diagnostic[]): string | null {
  if (bytes.subarray(0, 8192).includes(0)) {
    diagnostics.push({ file, level: 'warning', message: `binary file, not YAML; skipped` });
    return null;
  }
  if (!isUtf8(bytes)) {
    diagnostics.push({ file, level: 'warning', message: `not valid UTF-8; skipped` });
    return null;
  }
  const text = bytes.toString('utf8');
  // A byte-order mark is not a column; dropping it keeps line 1 columns right.
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOENT') return 'no such file (a dangling symlink?)';
  if (code === 'ELOOP') return 'symlink loop';
  if (code === 'EISDIR') return 'is a directory';
  return firstLine(message);
}

export function firstLine(message: string): string {
  return message.split('\n')[0].trim();
}
