import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CodeMap, findCodeRegions, type CodeRegion } from '../../src/sources/docs/markdown.js';
import { findDocReferences } from '../../src/sources/docs/references.js';

// The scans ask a CodeCursor whether a hit is in code; it finds a paragraph's end, its pipes and its backticks by
// searches it remembers, where findCodeRegions walks every line of the paragraph. Both must read the same code.

/** What findCodeRegions says holds `offset` (regions are disjoint and in order). */
function regionAt(regions: CodeRegion[], offset: number): string {
  const region = regions.find((r) => r.start <= offset && offset < r.end);
  return region ? `${region.kind} ${region.start}-${region.end}` : 'none';
}

/**
 * A document of short lines, each of pieces that make fences, quotes, list items, table rows, escapes and inline
 * code: few kinds, so that backticks pair across lines and tables and blank lines come often.
 */
const line = fc.array(fc.constantFrom('`', '`', '``', '```', '~~~', ' ', '>', '- ', '|', '-', ':', '\\', 'x', 'x', '🚀', '\r'), { maxLength: 6 });
const document = fc.tuple(fc.array(line, { maxLength: 20 }), fc.boolean()).map(([lines, crlf]) => lines.map((l) => l.join('')).join(crlf ? '\r\n' : '\n'));

describe('CodeCursor', () => {
  it('reads the code findCodeRegions reads, at every offset asked in increasing order, with any gaps between them', () => {
    fc.assert(
      fc.property(document, fc.integer({ min: 1, max: 9 }), (text, step) => {
        const regions = findCodeRegions(text);
        const cursor = new CodeMap(text).cursor();
        for (let offset = 0; offset < text.length; offset += step) {
          const region = cursor.at(offset);
          expect(region ? `${region.kind} ${region.start}-${region.end}` : 'none', `offset ${offset}`).toBe(regionAt(regions, offset));
        }
      }),
      { numRuns: 3_000 },
    );
  });

  it('searches each part of the text once: prose paragraphs with a hit each and a backtick only at the end', () => {
    // each paragraph once searched on for a backtick (or a pipe) to the end of the text: quadratic, 1.7 MB took 1 s
    const text = `${'Use helm to install it, at 10:30 each day.\n\n'.repeat(100_000)}\`helm x\`\n`;
    const started = performance.now();
    expect(findDocReferences(text, 'README.md')).toEqual([]);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

/**
 * Inline code spans of one paragraph as CommonMark pairs them, written plainly (quadratic): a run of N backticks
 * opens a span closed by the next run of exactly N; an escaped single backtick opens none.
 */
function spansByTheRule(text: string): string[] {
  const runs = [...text.matchAll(/`+/g)].map((m) => ({ start: m.index, length: m[0].length }));
  const spans: string[] = [];
  for (let i = 0; i < runs.length; i++) {
    const backslashes = /\\*$/.exec(text.slice(0, runs[i].start))![0].length;
    if (runs[i].length === 1 && backslashes % 2 === 1) continue;
    const closer = runs.findIndex((r, j) => j > i && r.length === runs[i].length);
    if (closer < 0) continue;
    spans.push(`inline:${text.slice(runs[i].start + runs[i].length, runs[closer].start)}`);
    i = closer;
  }
  return spans;
}

describe('inline code pairing', () => {
  it('pairs backticks as the rule does, single backticks (paired as they come) and runs of any length alike', () => {
    // lines that start with `x`: one paragraph, no fence, no table, no blank line
    const paragraph = fc.array(fc.array(fc.constantFrom('`', '`', '`', '``', 'x', ' ', '\\', 'é', '🚀'), { maxLength: 12 }), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(paragraph, (lines) => {
        const text = lines.map((l) => `x${l.join('')}`).join('\n');
        expect(findCodeRegions(text).map((r) => `${r.kind}:${text.slice(r.start, r.end)}`)).toEqual(spansByTheRule(text));
      }),
      { numRuns: 3_000 },
    );
  });
});

