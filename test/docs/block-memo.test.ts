import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findDocReferences, scanDocReferences } from '../../src/sources/docs/references.js';

// The scan reads a block (a fence's content, a paragraph) it has seen before from what it found the first time.
// That must be what scanning the block again finds: the same references, at the same places, in the same order.

/**
 * A document of few distinct lines, so that whole paragraphs and fences repeat: references of every shape, the
 * marks that make code (backticks, fences) and tables, quotes, escapes, CRLF and blank lines between them.
 */
const piece = fc.constantFrom(
  '`ghcr.io/acme/app:v1.2.3`',
  'ghcr.io/acme/app:v1.0.0',
  '`helm install app acme/app --version 1.2.0`',
  'helm upgrade x acme/x --version 2.0.0 \\',
  '`kubectl apply -k github.com/acme/app/config?ref=v0.9.0`',
  'raw.githubusercontent.com/acme/app/v1.1.0/x.yaml',
  '  newTag: v1.0.1',
  '- name: ghcr.io/acme/app',
  '`',
  '``',
  '```',
  '~~~',
  '|',
  '| --- |',
  '> ',
  '\\',
  ' ',
  'x',
);
const line = fc.array(piece, { maxLength: 3 }).map((pieces) => pieces.join(' '));
const block = fc.array(line, { minLength: 1, maxLength: 4 }).map((lines) => lines.join('\n'));
const document = fc
  .tuple(fc.array(block, { minLength: 1, maxLength: 3 }), fc.array(fc.nat(), { minLength: 2, maxLength: 12 }), fc.boolean())
  .map(([blocks, order, crlf]) => {
    const text = order.map((i) => blocks[i % blocks.length]).join('\n\n');
    return crlf ? text.replaceAll('\n', '\r\n') : text;
  });

describe('blocks seen before', () => {
  it('read from memory give what scanning them again gives', () => {
    fc.assert(
      fc.property(document, (text) => {
        expect(scanDocReferences(text)).toEqual(scanDocReferences(text, false));
      }),
      { numRuns: 3_000 },
    );
  });

  it('the generated documents repeat blocks that hold references (so the property above tests the memory)', () => {
    const samples = fc.sample(document, { numRuns: 500, seed: 1 });
    const repeatedWithReferences = samples.filter((text) => {
      const paragraphs = text.split(/\r?\n\r?\n/);
      const repeated = paragraphs.filter((p, i) => paragraphs.indexOf(p) !== i);
      return repeated.some((p) => scanDocReferences(p, false).at.length > 0);
    });
    expect(repeatedWithReferences.length).toBeGreaterThan(100);
  });

  it('a paragraph on the first line of its stretch is never a table: the same text later is one', () => {
    // the first paragraph's `| - |` line is no delimiter row (no header row can precede it); the second's is
    const paragraph = '| - |\n`ghcr.io/acme/app:v1.0.0`';
    const found = findDocReferences(`${paragraph}\n\n${paragraph}\n`, 'README.md');
    expect(found.map((r) => `${r.version.line}:${r.version.column} ${r.version.value}`)).toEqual(['2:19 v1.0.0']);
  });

  it('a fence and a paragraph of the same text are read each as what it is', () => {
    // in the fence, `helm install` is code; in the paragraph, only its inline code is
    const text = 'helm install a acme/a --version 1.0.0 and `docker pull ghcr.io/acme/app:v1.0.0`';
    const found = findDocReferences(`${text}\n\n\`\`\`\n${text}\n\`\`\`\n\n${text}\n`, 'README.md');
    expect(found.map((r) => `${r.kind} ${r.version.line}`)).toEqual(['image 1', 'helm-chart 4', 'image 4', 'image 7']);
  });
});
