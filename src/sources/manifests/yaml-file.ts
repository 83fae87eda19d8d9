import { LineCounter, isAlias, isScalar, parseAllDocuments, type Document, type Node } from 'yaml';
import type { Located, Position } from '../../model/located.js';
import type { Diagnostic } from '../../model/release.js';
import { decodeText, describeError, firstLine, readLimited, readManifestBytes, templateSyntaxLabel, type FileReader } from './manifest-bytes.js';

export { decodeText, describeError, MAX_MANIFEST_BYTES, PLACEHOLDER, readLimited, readLimitedSync, readManifestBytes, readManifestBytesSync, TEMPLATE_SYNTAX, type FileReader } from './manifest-bytes.js';

/** One YAML file parsed once, with a LineCounter so every node can be turned into a 1-based position. */
export interface ParsedYaml {
  /** path relative to the root with `/` separators */
  file: string;
  /** documents that parsed without errors; broken documents are reported and left out */
  docs: Document.Parsed[];
  lineCounter: LineCounter;
  /** the text, kept only to recognise placeholders and template syntax */
  text: string;
}

/**
 * Reads and parses one manifest. Every problem (unreadable, too big, binary, not UTF-8, invalid YAML)
 * becomes a Diagnostic naming the file; the function never throws, so one bad file cannot hide the others.
 */
export async function readYamlFile(
  absolutePath: string,
  file: string,
  diagnostics: Diagnostic[],
  reader: FileReader = readLimited,
): Promise<ParsedYaml | null> {
  const bytes = await readManifestBytes(absolutePath, file, diagnostics, reader);
  const text = bytes === null ? null : decodeText(bytes, file, diagnostics);
  if (text === null) return null;
  return parseYamlText(text, file, diagnostics);
}

export function parseYamlText(text: string, file: string, diagnostics: Diagnostic[]): ParsedYaml {
  const lineCounter = new LineCounter();
  // No toJS here: documents stay ASTs, and the walks visit each node once, so an alias bomb stays its size on disk.
  let all: Document.Parsed[];
  try {
    const parsed = parseAllDocuments(text, { lineCounter, prettyErrors: false });
    all = Array.isArray(parsed) ? parsed : [];
  } catch (error) {
    // The parser recurses; absurd nesting can exhaust the stack. That is a bad file, not a crash.
    diagnostics.push({ file, level: 'warning', message: `could not be parsed: ${describeError(error)}` });
    return { file, docs: [], lineCounter, text };
  }
  const docs: Document.Parsed[] = [];
  const templateSyntax = templateSyntaxLabel(text);
  for (const doc of all) {
    if (doc.errors.length === 0) {
      docs.push(doc);
      continue;
    }
    const error = doc.errors[0];
    const { line, col } = lineCounter.linePos(error.pos[0]);
    if (templateSyntax) {
      // Jinja or Liquid ({% … %} alone) is no Helm chart that lost its way: no "outside templates/" for it
      const where = templateSyntax.includes('{{') ? " outside a Helm chart's templates/" : '';
      diagnostics.push({ file, line, column: col, level: 'note', message: `template syntax (${templateSyntax})${where} makes this file invalid YAML; skipped` });
      break;
    }
    diagnostics.push({ file, line, column: col, level: 'warning', message: `invalid YAML: ${firstLine(error.message)}` });
  }
  if (all.length === 0 && text.trim() === '') {
    diagnostics.push({ file, level: 'note', message: `empty file` });
  }
  return { file, docs, lineCounter, text };
}

/** The position of a node's first character (for scalars, the value the user edits, quotes included). */
export function positionOf(parsed: ParsedYaml, node: Node): Position {
  const offset = node.range?.[0] ?? 0;
  const { line, col } = parsed.lineCounter.linePos(offset);
  return { file: parsed.file, line, column: col };
}

/**
 * A scalar as the text the user wrote: `appVersion: 1.10` is "1.10", not the number 1.1.
 * Returns null for non-scalars and for null/empty values.
 */
export function scalarText(node: unknown): string | null {
  if (!isScalar(node)) return null;
  if (node.value === null || node.value === undefined) return null;
  if (typeof node.value === 'string') return node.value;
  if (typeof node.value === 'number' || typeof node.value === 'boolean' || typeof node.value === 'bigint') {
    return node.source !== undefined && node.source !== '' ? String(node.source) : String(node.value);
  }
  return null;
}

export function locatedScalar(parsed: ParsedYaml, node: unknown): Located<string> | undefined {
  const value = scalarText(node);
  if (value === null || !isScalar(node)) return undefined;
  return { value, ...positionOf(parsed, node) };
}

/** Follows an alias to its anchor once; never expands recursively. */
export function resolveAlias(doc: Document.Parsed, node: unknown): unknown {
  if (isAlias(node)) {
    try {
      return node.resolve(doc);
    } catch {
      return undefined;
    }
  }
  return node;
}

