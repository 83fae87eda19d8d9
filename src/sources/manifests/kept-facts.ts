import type { Diagnostic } from '../../model/release.js';
import type { FactDiagnostic, KeptData, KeptKind, ReadFacts } from './facts.js';
import { withoutFile } from './file-facts.js';
import { readChartData, readValuesData } from './helm-read.js';
import { readKustomizationData, readPatchFacts } from './kustomize-read.js';
import { decodeText, parseYamlText } from './yaml-file.js';

/**
 * Decode and parse a file that kustomize or Helm reads, and reduce it to its data (facts.ts). Like
 * extractFileFacts, it depends on the bytes alone and never throws on bad input; this module loads the parser.
 */
export function extractKeptFacts<K extends KeptKind>(kind: K, bytes: Buffer, file: string): ReadFacts<KeptData[K]> {
  const diagnostics: Diagnostic[] = [];
  const text = decodeText(bytes, file, diagnostics);
  if (text === null) return { diagnostics: withoutFile(diagnostics), read: null };
  const parsed = parseYamlText(text, file, diagnostics);
  const found: FactDiagnostic[] = [];
  let data: KeptData[KeptKind];
  if (kind === 'kustomization') {
    const named: Diagnostic[] = [];
    data = readKustomizationData(parsed, named);
    found.push(...withoutFile(named));
  } else if (kind === 'chart') {
    data = readChartData(parsed, found);
  } else if (kind === 'values') {
    data = readValuesData(parsed, found);
  } else {
    data = readPatchFacts(parsed);
  }
  return { diagnostics: withoutFile(diagnostics), read: { diagnostics: found, data: data as KeptData[K] } };
}
