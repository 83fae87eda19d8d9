import { lineIndexAt, lineStartsOf } from '../line-starts.js';

/**
 * An image and its tag in two keys of one YAML mapping inside a fenced block: a kustomize `images:` entry
 * (`name`/`newName` + `newTag`) or Helm values (`repository` + `tag`), as docs show them:
 *
 *   images:                          image:
 *     - name: ghcr.io/acme/app         repository: ghcr.io/acme/app
 *       newTag: v1.2.2                 tag: v1.2.2
 *
 * Read line by line from each tag key: its siblings are the lines at the same key indentation, up to a line
 * indented less or the next list item. Only the tag keys' lines are visited, found by a regular expression.
 */
export interface YamlPair {
  /** the image repository as written (`newName` wins over `name`) */
  repository: string;
  tag: string;
  /** offset of the tag text (inside its quotes) in the code */
  tagOffset: number;
}

/** `newTag:`/`tag:` with a plain or quoted value, after indentation and an optional list dash. */
const TAG_KEY = /^([ \t]*(?:-[ \t]+)?)(newTag|tag):[ \t]*(["']?)([\w][\w.+-]*)\3[ \t]*(?:#.*)?\r?$/gm;
const SIBLING = /^([ \t]*(?:-[ \t]+)?)([\w.-]+):[ \t]*(["']?)([^\s"'#]*)\3/;
/** the sibling that names the image, per tag key, in order of preference */
const IMAGE_KEYS: Record<string, readonly string[]> = { newTag: ['newName', 'name'], tag: ['repository'] };
/** a mapping is not followed past this many lines each way: docs show small snippets */
const MAX_SIBLINGS = 40;

export function yamlPairs(code: string): YamlPair[] {
  const found: YamlPair[] = [];
  // lines only for a block that has a tag key at all
  let lines: string[] | undefined;
  let lineStarts: number[] = [];
  TAG_KEY.lastIndex = 0;
  for (let match = TAG_KEY.exec(code); match; match = TAG_KEY.exec(code)) {
    if (!lines) {
      lines = code.split('\n');
      lineStarts = lineStartsOf(code);
    }
    const [, lead, key, quote, tag] = match;
    const keys = siblingKeys(lines, lineIndexAt(lineStarts, match.index), lead.length);
    const repository = IMAGE_KEYS[key].map((k) => keys.get(k)).find((v) => v !== undefined && v !== '');
    if (repository) found.push({ repository, tag, tagOffset: match.index + match[0].indexOf(`${quote}${tag}`, lead.length + key.length) + quote.length });
  }
  return found;
}


/** The keys and plain values of the mapping the key at `lineIndex` (key column `indent`) belongs to. */
function siblingKeys(lines: string[], lineIndex: number, indent: number): Map<string, string> {
  const keys = new Map<string, string>();
  const visit = (i: number): 'same' | 'item' | 'stop' => {
    const line = lines[i];
    if (line.trim() === '' || line.trim().startsWith('#')) return 'same';
    const sibling = SIBLING.exec(line);
    const column = sibling ? sibling[1].length : line.length - line.trimStart().length;
    if (column !== indent || !sibling) return column > indent ? 'same' : 'stop';
    if (!keys.has(sibling[2])) keys.set(sibling[2], sibling[4]);
    return sibling[1].includes('-') ? 'item' : 'same';
  };
  // this line itself may open the list item (`- newTag: v1`)
  if (visit(lineIndex) !== 'item') {
    for (let i = lineIndex - 1; i >= 0 && lineIndex - i <= MAX_SIBLINGS; i--) if (visit(i) !== 'same') break;
  }
  for (let i = lineIndex + 1; i < lines.length && i - lineIndex <= MAX_SIBLINGS; i++) {
    const line = lines[i];
    // the next list item at this level is another entry
    if (/^[ \t]*-[ \t]/.test(line) && (SIBLING.exec(line)?.[1].length ?? -1) === indent) break;
    if (visit(i) === 'stop') break;
  }
  return keys;
}
