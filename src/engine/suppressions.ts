import type { IgnoreEntry, TagcheckConfig } from '../model/config.js';
import type { Finding, Suppression } from '../model/finding.js';

export interface SuppressionContext {
  config: TagcheckConfig;
  /**
   * reads a file relative to the root; undefined when it cannot be read. Bytes are best: a file is then decoded
   * only in the lines a finding looks at (a 5 MB README with one finding is searched, not decoded).
   */
  readFile(file: string): Promise<Uint8Array | string | undefined>;
}

/** One `# tagcheck-ignore a, b -- reason` comment. */
export interface IgnoreComment {
  rules: string[];
  reason?: string;
}

// `# …` in YAML and shell; `<!-- … -->` in Markdown prose, where `#` starts a heading
const IGNORE_COMMENT = /(?:#|<!--)\s*tagcheck-ignore\b(.*)$/;
const COMMENT_LINE = /^\s*(?:#|<!--)/;
const IGNORE_MARKER = 'tagcheck-ignore';

/**
 * Marks findings suppressed by `# tagcheck-ignore` comments or config `ignore:` entries. Suppressed findings
 * are kept (JSON and SARIF show them as suppressed) but no longer count towards `--fail-on`.
 * A comment in the file wins over a config entry because it is the more specific statement.
 */
export async function applySuppressions(findings: Finding[], context: SuppressionContext): Promise<Finding[]> {
  const fileLines = new Map<string, Promise<Lines | undefined>>();
  const linesOf = (file: string) => {
    let lines = fileLines.get(file);
    if (!lines) {
      lines = context.readFile(file).then((content) => (content === undefined ? undefined : new Lines(typeof content === 'string' ? Buffer.from(content) : content)));
      fileLines.set(file, lines);
    }
    return lines;
  };
  const ignores = context.config.ignore.map((entry) => ({ entry, matchesPath: entry.path ? globMatcher(entry.path) : undefined }));

  return Promise.all(
    findings.map(async (finding) => {
      if (finding.suppressed) return finding;
      const suppression = (await inSourceSuppression(finding, linesOf)) ?? externalSuppression(finding, ignores);
      return suppression ? { ...finding, suppressed: suppression } : finding;
    }),
  );
}

async function inSourceSuppression(finding: Finding, linesOf: (file: string) => Promise<Lines | undefined>): Promise<Suppression | undefined> {
  if (!finding.location) return undefined;
  const lines = await linesOf(finding.location.file);
  // a file without the marker anywhere has no comment to find: its lines are not walked (a 5 MB README)
  if (!lines?.hasIgnoreComments) return undefined;
  const index = finding.location.line - 1;
  // The comment may end the offending line, or stand alone on one of the comment lines right above it.
  const candidates: string[] = [];
  const line = lines.at(index);
  if (line !== undefined) candidates.push(line);
  for (let above = index - 1; above >= 0 && COMMENT_LINE.test(lines.at(above)!); above--) candidates.push(lines.at(above)!);
  for (const line of candidates) {
    const comment = parseIgnoreComment(line);
    if (comment && (comment.rules.includes(finding.ruleId) || comment.rules.includes('*'))) {
      return { kind: 'inSource', ...(comment.reason ? { justification: comment.reason } : {}) };
    }
  }
  return undefined;
}

/**
 * A file's lines by index, found only as far as asked and decoded only when asked: a finding near the top of a
 * 5 MB Markdown file costs a few lines, not a split of the whole text into strings. Lines end at LF (a byte that is
 * never part of a multi-byte UTF-8 character, so a line decodes as it would in the whole text); a CR before it is
 * not part of the line.
 */
class Lines {
  private readonly starts = [0];
  private readonly bytes: Buffer;
  /** whether `tagcheck-ignore` occurs at all (every comment IGNORE_COMMENT reads contains it) */
  readonly hasIgnoreComments: boolean;
  constructor(content: Uint8Array) {
    this.bytes = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
    this.hasIgnoreComments = this.bytes.includes(IGNORE_MARKER);
  }

  at(index: number): string | undefined {
    const length = this.bytes.length;
    while (this.starts.length <= index + 1) {
      const last = this.starts[this.starts.length - 1];
      if (last > length) break;
      const newline = this.bytes.indexOf(0x0a, last);
      this.starts.push(newline < 0 ? length + 1 : newline + 1);
    }
    if (index + 1 >= this.starts.length) return undefined;
    const line = this.bytes.toString('utf8', this.starts[index], this.starts[index + 1] - 1);
    return line.endsWith('\r') ? line.slice(0, -1) : line;
  }
}

/** Reads `# tagcheck-ignore rule-a, rule-b -- why` (or `<!-- tagcheck-ignore … -->`) from a line; null when there is none. */
export function parseIgnoreComment(line: string): IgnoreComment | null {
  const match = IGNORE_COMMENT.exec(line);
  if (!match) return null;
  // an HTML comment ends at `-->`
  const body = match[0].startsWith('<!--') ? match[1].replace(/\s*-->.*$/, '') : match[1];
  const separator = body.indexOf('--');
  const ids = separator >= 0 ? body.slice(0, separator) : body;
  const reason = separator >= 0 ? body.slice(separator + 2).trim() : '';
  const rules = ids.split(/[\s,]+/).filter(Boolean);
  if (rules.length === 0) return null;
  return { rules, ...(reason ? { reason } : {}) };
}

function externalSuppression(
  finding: Finding,
  ignores: { entry: IgnoreEntry; matchesPath?: (file: string) => boolean }[],
): Suppression | undefined {
  for (const { entry, matchesPath } of ignores) {
    if (entry.rule !== finding.ruleId && entry.rule !== '*') continue;
    if (matchesPath) {
      const file = finding.location?.file.replaceAll('\\', '/');
      if (!file || !matchesPath(file)) continue;
    }
    return { kind: 'external', ...(entry.reason ? { justification: entry.reason } : {}) };
  }
  return undefined;
}

/**
 * A matcher for the path globs of `ignore:` entries, relative to the root: `*` and `?` stay inside one path
 * segment, `**` spans segments, `{a,b}` alternates and `[…]` is a character class. A pattern naming a folder
 * (`legacy/` or `legacy`) also matches everything below it.
 */
export function globMatcher(pattern: string): (file: string) => boolean {
  const normalized = pattern.replaceAll('\\', '/').replace(/^\.\//, '').replace(/\/+$/, '');
  const regex = new RegExp(`^${globToRegex(normalized)}(?:/.*)?$`);
  return (file) => regex.test(file.replace(/^\.\//, ''));
}

function globToRegex(glob: string): string {
  let out = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i];
    if (char === '*') {
      if (glob[i + 1] === '*') {
        // `**/` matches zero or more folders; a trailing or inner `**` matches anything.
        const slash = glob[i + 2] === '/';
        out += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else {
        out += '[^/]*';
      }
    } else if (char === '?') {
      out += '[^/]';
    } else if (char === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end < 0) {
        out += '\\[';
      } else {
        const body = glob.slice(i + 1, end).replace(/^!/, '^').replaceAll('\\', '\\\\');
        out += `[${body}]`;
        i = end;
      }
    } else if (char === '{') {
      braces++;
      out += '(?:';
    } else if (char === '}' && braces > 0) {
      braces--;
      out += ')';
    } else if (char === ',' && braces > 0) {
      out += '|';
    } else {
      out += char.replace(/[.+^$()|\\/]/g, '\\$&');
    }
  }
  return out + ')'.repeat(braces);
}
