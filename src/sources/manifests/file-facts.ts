import type { Diagnostic } from '../../model/release.js';
import type { FileFacts } from './facts.js';
import { findContainerImages } from './workloads.js';
import { decodeText, parseYamlText } from './yaml-file.js';

export { hydrateFacts, type FileFacts } from './facts.js';

/**
 * Decode, parse and walk one plain manifest's bytes into its facts (facts.ts); never throws on bad input (the
 * diagnostics say what was wrong). They depend on the bytes alone, so they can be computed on a worker thread
 * and cached by content hash (facts-cache.ts). This module loads the YAML parser: it is imported only when a
 * file must be parsed.
 */
export function extractFileFacts(bytes: Uint8Array, file: string): FileFacts {
  const diagnostics: Diagnostic[] = [];
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = decodeText(buffer, file, diagnostics);
  const containers = text === null ? [] : findContainerImages(parseYamlText(text, file, diagnostics), diagnostics);
  return {
    containers: containers.map(({ at, ...container }) => ({ ...container, line: at.line, column: at.column })),
    diagnostics: withoutFile(diagnostics),
  };
}

export function withoutFile(diagnostics: Diagnostic[]): FileFacts['diagnostics'] {
  return diagnostics.map(({ file: _file, ...rest }) => rest);
}
