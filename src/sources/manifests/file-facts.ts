import { availableParallelism } from 'node:os';
import type { Diagnostic } from '../../model/release.js';
import { findContainerImages, type ContainerImage } from './workloads.js';
import { decodeText, parseYamlText } from './yaml-file.js';

/**
 * What one plain manifest (not a kustomization, Chart.yaml or values.yaml, whose trees are kept) contributes:
 * its container images and its diagnostics, without the file's name. They depend on the bytes alone, so they
 * can be computed on a worker thread and cached by content hash (facts-cache.ts).
 */
export interface FileFacts {
  containers: Array<Omit<ContainerImage, 'at'> & { line: number; column: number }>;
  diagnostics: Array<Omit<Diagnostic, 'file'>>;
}

/** Decode, parse and walk one file's bytes; never throws on bad input (the diagnostics say what was wrong). */
export function extractFileFacts(bytes: Uint8Array, file: string): FileFacts {
  const diagnostics: Diagnostic[] = [];
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = decodeText(buffer, file, diagnostics);
  const containers = text === null ? [] : findContainerImages(parseYamlText(text, file, diagnostics), diagnostics);
  return {
    containers: containers.map(({ at, ...container }) => ({ ...container, line: at.line, column: at.column })),
    diagnostics: diagnostics.map(({ file: _file, ...rest }) => rest),
  };
}

/** Facts back into the model's shapes for the file at hand (the same bytes may live at several paths). */
export function hydrateFacts(facts: FileFacts, file: string): { containers: ContainerImage[]; diagnostics: Diagnostic[] } {
  return {
    containers: facts.containers.map(({ line, column, ...container }) => Object.assign(container, { at: { file, line, column } })),
    diagnostics: facts.diagnostics.map((diagnostic) => ({ file, ...diagnostic })),
  };
}

/** Below this many bytes to parse, a worker's start (~60 ms: a thread, a V8 heap, the yaml code) does not pay. */
export const PARALLEL_MIN_BYTES = 2 * 1024 * 1024;

/** Worker threads worth starting on this machine: one per core beyond this thread's, at most 3. */
export function parallelWorkers(env: NodeJS.ProcessEnv): number {
  // TAGCHECK_PARSE_WORKERS pins the count (0: never), for tests and for machines shared with other jobs.
  const pinned = env.TAGCHECK_PARSE_WORKERS;
  if (pinned !== undefined && /^\d+$/.test(pinned)) return Math.min(Number(pinned), 8);
  return Math.max(0, Math.min(availableParallelism() - 1, 3));
}
