import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unifiedDiff } from '../../src/engine/fix/unified-diff.js';

const lines = (n: number, changed: Record<number, string> = {}): string =>
  Array.from({ length: n }, (_, i) => changed[i + 1] ?? `line ${i + 1}`).join('\n') + '\n';

describe('unified diff of line-local edits', () => {
  it('no change, no diff', () => {
    expect(unifiedDiff('a.yaml', 'x\n', 'x\n')).toBe('');
  });

  it('one hunk with three lines of context, git-style headers', () => {
    expect(unifiedDiff('deploy/a.yaml', lines(10), lines(10, { 5: 'LINE 5' }))).toBe(
      '--- a/deploy/a.yaml\n+++ b/deploy/a.yaml\n@@ -2,7 +2,7 @@\n line 2\n line 3\n line 4\n-line 5\n+LINE 5\n line 6\n line 7\n line 8\n',
    );
  });

  it('context is cut at the start and end of the file', () => {
    expect(unifiedDiff('a', lines(3), lines(3, { 1: 'one', 3: 'three' }))).toBe(
      '--- a/a\n+++ b/a\n@@ -1,3 +1,3 @@\n-line 1\n+one\n line 2\n-line 3\n+three\n',
    );
  });

  it('changes up to six lines apart share a hunk; further apart they do not', () => {
    const near = unifiedDiff('a', lines(20), lines(20, { 4: 'x', 11: 'y' }));
    expect(near.match(/^@@/gm)).toHaveLength(1);
    expect(near).toContain('@@ -1,14 +1,14 @@\n');
    const far = unifiedDiff('a', lines(20), lines(20, { 4: 'x', 12: 'y' }));
    expect(far.match(/^@@.*$/gm)).toEqual(['@@ -1,7 +1,7 @@', '@@ -9,7 +9,7 @@']);
  });

  it('adjacent changed lines: all removals, then all additions', () => {
    expect(unifiedDiff('a', 'a\nb\n', 'A\nB\n')).toBe('--- a/a\n+++ b/a\n@@ -1,2 +1,2 @@\n-a\n-b\n+A\n+B\n');
  });

  it('a last line without newline is marked, as git does', () => {
    expect(unifiedDiff('a', 'x\ntag: v1', 'x\ntag: v2')).toBe(
      '--- a/a\n+++ b/a\n@@ -1,2 +1,2 @@\n x\n-tag: v1\n\\ No newline at end of file\n+tag: v2\n\\ No newline at end of file\n',
    );
  });

  it('the patch applies with git apply, CRLF and BOM included', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tagcheck-diff-'));
    try {
      const before = '\ufeffimage: ghcr.io/acme/app:v1\r\n' + lines(12).replaceAll('\n', '\r\n') + 'tag: "v1"\r\nend\r\n';
      const after = before.replace('app:v1', 'app:v2').replace('"v1"', '"v2"');
      writeFileSync(join(dir, 'app.yaml'), before);
      execFileSync('git', ['init', '-q'], { cwd: dir });
      writeFileSync(join(dir, 'fix.patch'), unifiedDiff('app.yaml', before, after));
      execFileSync('git', ['apply', '--whitespace=nowarn', 'fix.patch'], { cwd: dir });
      expect(readFileSync(join(dir, 'app.yaml'), 'utf8')).toBe(after);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
