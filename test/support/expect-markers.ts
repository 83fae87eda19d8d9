import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Finding } from '../../src/model/finding.js';

/**
 * Fixture repositories carry their expected findings inline (markdownlint's `{MD010}`):
 *   image: ghcr.io/acme/api:v1.2.2   # expect: image-tag-mismatch
 *   newTag: v0.28.1                  # expect: image-tag-mismatch, mutable-image-tag
 * In Markdown prose, where a `#` would be a heading, the marker is an HTML comment on the line:
 *   Pull `ghcr.io/acme/app:v1.2.2` first. <!-- expect: docs-version-stale -->
 * A finding without a location (nothing in the repository names it) is expected anywhere with
 *   # expect-unlocated: registry-unreachable
 * Keys are `file:line rule-id` (or `(unlocated) rule-id`), so a test compares sorted lists and a position
 * regression fails even when messages change.
 */
const RULE_ID = '[a-z0-9]+(?:-[a-z0-9]+)*';
// rule ids never end in `-`, so `-->` right after an id closes the comment instead of joining the id
const MARKER = new RegExp(`(?:#|<!--)\\s*expect:\\s*(${RULE_ID}(?:\\s*,\\s*${RULE_ID})*)`);
const UNLOCATED = new RegExp(`(?:#|<!--)\\s*expect-unlocated:\\s*(${RULE_ID}(?:\\s*,\\s*${RULE_ID})*)`);
const SKIPPED_DIRS = new Set(['.git', 'node_modules']);

export interface ExpectedFinding {
  ruleId: string;
  /** relative to the fixture root with `/`; absent for `expect-unlocated` */
  file?: string;
  line?: number;
}

/** Every marker in every text file under root, sorted by key. */
export async function readExpectMarkers(root: string): Promise<ExpectedFinding[]> {
  const expected: ExpectedFinding[] = [];
  for (const path of await listFiles(root)) {
    const text = await readFile(path, 'utf8').catch(() => '');
    if (text.includes('\u0000')) continue;
    const file = relative(root, path).split(sep).join('/');
    text.split(/\r?\n/).forEach((content, index) => {
      const located = MARKER.exec(content);
      if (located) for (const ruleId of splitIds(located[1])) expected.push({ ruleId, file, line: index + 1 });
      const unlocated = UNLOCATED.exec(content);
      if (unlocated) for (const ruleId of splitIds(unlocated[1])) expected.push({ ruleId });
    });
  }
  return expected.sort((a, b) => compare(expectedKey(a), expectedKey(b)));
}

export function expectedKey(e: ExpectedFinding): string {
  return e.file === undefined ? `(unlocated) ${e.ruleId}` : `${e.file}:${e.line} ${e.ruleId}`;
}

/** The same keys for actual findings; suppressed findings are left out unless asked for. */
export function findingKeys(findings: readonly Finding[], options: { includeSuppressed?: boolean } = {}): string[] {
  return findings
    .filter((f) => options.includeSuppressed || !f.suppressed)
    .map((f) => expectedKey({ ruleId: f.ruleId, ...(f.location ? { file: f.location.file, line: f.location.line } : {}) }))
    .sort(compare);
}

/** The marker keys of a fixture, ready for `expect(findingKeys(result.report.findings)).toEqual(await markerKeys(root))`. */
export async function markerKeys(root: string): Promise<string[]> {
  return (await readExpectMarkers(root)).map(expectedKey);
}

/** Which expected findings are missing and which actual ones were not expected; both empty on an exact match. */
export async function compareWithMarkers(root: string, findings: readonly Finding[]): Promise<{ missing: string[]; unexpected: string[] }> {
  const expected = await markerKeys(root);
  const actual = findingKeys(findings);
  return { missing: multisetMinus(expected, actual), unexpected: multisetMinus(actual, expected) };
}

function multisetMinus(from: string[], remove: string[]): string[] {
  const counts = new Map<string, number>();
  for (const key of remove) counts.set(key, (counts.get(key) ?? 0) + 1);
  return from.filter((key) => {
    const left = counts.get(key) ?? 0;
    if (left > 0) counts.set(key, left - 1);
    return left === 0;
  });
}

function splitIds(list: string): string[] {
  return list.split(',').map((id) => id.trim()).filter(Boolean);
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => compare(a.name, b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name)) files.push(...(await listFiles(path)));
    else if (entry.isFile()) files.push(path);
  }
  return files;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
