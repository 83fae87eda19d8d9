import { constants } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Node } from 'yaml';
import { InputError } from '../../model/errors.js';
import type { Located } from '../../model/located.js';
import { splitVersionFrom } from '../../config/validate.js';
import { keyText, quote } from '../../config/quote.js';

/** Version files are small; a cap keeps a mistaken `version.from` from reading a disk image. */
const MAX_VERSION_FILE_BYTES = 4 * 1024 * 1024;
const MAX_VERSION_LENGTH = 128;

/**
 * Text that stands for a version filled in at build time (`%APP_VERSION%`, `${VERSION}`, `{{ .Version }}`,
 * `@VERSION@`, `__VERSION__`): such a file does not know the release, so it names none.
 */
const PLACEHOLDER = /^%[^%]*%$|\$\{[^}]*\}|\{\{.*\}\}|^@[\w.-]+@$|^__[\w]+__$|^\$[A-Za-z_]\w*$|^<[^>]+>$/;

export function isVersionPlaceholder(text: string): boolean {
  return text.trim() === '' || PLACEHOLDER.test(text.trim());
}

/**
 * Reads the version `version.from` points at (`charts/app/Chart.yaml#appVersion`, or a whole `VERSION` file),
 * with its position. Null for a placeholder. A file or key that is not there is the config's mistake: InputError
 * located at the config line.
 */
export async function readVersionFrom(root: string, from: Located<string>): Promise<Located<string> | null> {
  const [file, keyPath] = splitVersionFrom(from.value);
  const problem = (message: string) => new InputError(`${from.file}:${from.line}:${from.column}: version.from: ${keyText(file)}: ${message}`);
  const absolute = resolve(root, file);
  const name = relative(root, absolute).split(sep).join('/');
  let text: string;
  try {
    // Only a regular file inside the checked directory: the value is printed as the release tag, so a config
    // must not be able to print /proc/self/environ or a file outside the repository (nor hang on a FIFO).
    const [realRoot, target] = await Promise.all([realpath(root), realpath(absolute)]);
    const inside = relative(realRoot, target);
    if (inside.startsWith('..') || isAbsolute(inside)) throw problem('is outside the checked directory; version.from must name a file inside it');
    const handle = await open(target, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const info = await handle.stat();
      if (!info.isFile()) throw problem('is not a regular file');
      if (info.size > MAX_VERSION_FILE_BYTES) throw problem(`is larger than ${MAX_VERSION_FILE_BYTES} bytes`);
      text = (await handle.readFile()).toString('utf8').replace(/^\uFEFF/, '');
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw problem(code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'ELOOP' ? 'symbolic link loop' : `cannot read (${code})`);
  }

  if (keyPath === undefined) {
    const lines = text.split('\n');
    const index = lines.findIndex((line) => line.trim() !== '');
    if (index < 0 || isVersionPlaceholder(lines[index])) return null;
    return { value: checkedLength(lines[index].trim(), problem), file: name, line: index + 1, column: lines[index].search(/\S/) + 1 };
  }

  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter, prettyErrors: false });
  const document = Array.isArray(documents) ? documents[0] : undefined;
  if (!document) throw problem(`has no key ${quote(keyPath)} (the file is empty)`);
  if (document.errors.length > 0) {
    // `appVersion: %APP_VERSION%` is not YAML at all, yet it is the placeholder case, not a broken file.
    if (placeholderLine(text, keyPath)) return null;
    throw problem(`is not valid YAML (${document.errors[0].message.split('\n')[0]})`);
  }
  const node = lookUp(document.contents as Node | null, keyPath);
  if (node === undefined) throw problem(`has no key ${quote(keyPath)}`);
  if (!isScalar(node) || (node.value !== null && typeof node.value === 'object')) {
    // `appVersion: {{ .Version }}` parses as a flow mapping; its text is the placeholder.
    if (node && node.range && isVersionPlaceholder(text.slice(node.range[0], node.range[1]))) return null;
    throw problem(`${quote(keyPath)} is not a single value`);
  }
  if (node.value === null) return null;
  // The source text keeps what the user wrote: `appVersion: 1.10` is "1.10", not the number 1.1.
  const value = typeof node.value === 'string' ? node.value : (node.source ?? String(node.value));
  if (isVersionPlaceholder(value)) return null;
  const { line, col } = lineCounter.linePos(node.range?.[0] ?? 0);
  return { value: checkedLength(value.trim(), problem), file: name, line, column: col };
}

/** A version is short (an OCI tag has at most 128 characters); a longer value is not one, and is not echoed. */
function checkedLength(value: string, problem: (message: string) => InputError): string {
  if (value.length > MAX_VERSION_LENGTH) throw problem(`the value is ${value.length} characters long, not a version`);
  return value;
}

/** Whether the line for the key path's last key holds a placeholder, read as text when the file is a template. */
function placeholderLine(text: string, keyPath: string): boolean {
  const key = keyPath.split('.').pop()!.replace(/\[\d+\]$/, '');
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`^\\s*["']?${escaped}["']?\\s*:\\s*(.*?)\\s*(?:#.*)?$`, 'm').exec(text);
  return match !== null && isVersionPlaceholder(match[1].replace(/^(["'])(.*)\1$/, '$2'));
}

/** `a.b[0].c` or `a.b.0.c` into the document; undefined when a step is missing. */
function lookUp(start: Node | null, keyPath: string): Node | null | undefined {
  const steps = keyPath.replace(/\[(\d+)\]/g, '.$1').split('.').filter((step) => step !== '');
  let node: Node | null | undefined = start;
  for (const step of steps) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === step);
      if (!pair) return undefined;
      node = pair.value as Node | null;
    } else if (isSeq(node) && /^\d+$/.test(step)) {
      node = node.items[Number(step)] as Node | undefined;
      if (node === undefined) return undefined;
    } else {
      return undefined;
    }
  }
  return node;
}
