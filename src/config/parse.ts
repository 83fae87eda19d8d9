import { LineCounter, parseAllDocuments } from 'yaml';
import type { TagcheckConfig } from '../model/config.js';
import { InputError } from '../model/errors.js';
import { defaultConfig } from './defaults.js';
import { validateConfig } from './validate.js';

/**
 * The config's text to a validated TagcheckConfig; throws InputError with one line `FILE:LINE:COL: problem`.
 * The part of loading that needs the YAML parser (load.ts imports it only when the facts cache does not already
 * hold the result for these bytes).
 */
export function parseConfig(text: string, file: string, ruleIds: readonly string[]): TagcheckConfig {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  // parseAllDocuments returns an EmptyStream for an empty file: the defaults apply.
  if (!Array.isArray(documents) || documents.length === 0) return { ...defaultConfig(), file };
  for (const document of documents) {
    const error = document.errors[0];
    if (error) throw new InputError(`${file}:${positionText(lineCounter, error.pos[0])}: invalid YAML: ${firstLine(error.message)}`);
  }
  if (documents.length > 1) {
    const second = documents[1].contents?.range?.[0] ?? 0;
    throw new InputError(`${file}:${positionText(lineCounter, second)}: expected one YAML document, found ${documents.length}`);
  }
  return validateConfig({ file, lineCounter, document: documents[0], ruleIds });
}

function positionText(lineCounter: LineCounter, offset: number): string {
  const { line, col } = lineCounter.linePos(offset);
  return `${line}:${col}`;
}

/** yaml's messages carry a code frame and a position suffix; the caller prints its own position. */
function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?\s*$/, '').replace(/:\s*$/, '');
}
