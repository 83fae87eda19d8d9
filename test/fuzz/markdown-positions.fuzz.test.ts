import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findDocReferences } from '../../src/sources/docs/references.js';

// Positions live in the model for Markdown too: a reference planted in a generated document (any prose before it,
// tabs, CRLF, characters outside the BMP, lists and quotes around the fence, inline or fenced) is found exactly
// once, at the line and UTF-16 column an editor shows, and prose never yields a reference.

/** Prose that cannot open code or name an image: no backticks, tildes, colons or line breaks. */
const prose = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', '\t', 'é', '—', '🚀', '中', '|', '-', '*', '>', '1', '.', '#', '\\', '$'), maxLength: 30 });
const version = fc.stringMatching(/^v?\d{1,2}\.\d{1,2}\.\d{1,2}(-rc\.\d)?$/);
const shape = fc.constantFrom(
  (v: string) => ({ snippet: `docker pull ghcr.io/acme/app:${v}`, kind: 'image' }),
  (v: string) => ({ snippet: `kubectl apply -k 'github.com/acme/app/config?ref=${v}'`, kind: 'git-ref' }),
  (v: string) => ({ snippet: `curl -LO https://github.com/acme/app/releases/download/${v}/app.yaml`, kind: 'git-ref' }),
  (v: string) => ({ snippet: `helm upgrade --install app acme/app --version ${v}`, kind: 'helm-chart' }),
);
const container = fc.constantFrom('', '- ', '  ', '> ', '1. ', '> - ', '   ');
const document = fc.record({
  before: fc.array(prose, { maxLength: 6 }),
  lead: prose,
  version,
  shape,
  inline: fc.boolean(),
  fence: fc.constantFrom('```', '~~~', '````'),
  info: fc.constantFrom('', 'sh', 'shell title="x"', 'yaml'),
  container,
  crlf: fc.boolean(),
});

describe('Markdown positions (fuzz)', () => {
  it('a planted reference is found once, at the column an editor shows, whatever precedes it', () => {
    fc.assert(
      fc.property(document, (d) => {
        const { snippet, kind } = d.shape(d.version);
        // a blank line first: prose ending in `|`/`-` must not make the snippet line a table row or heading underline
        const planted = d.inline ? `${d.lead} \`${snippet}\`` : `${d.container}${d.lead.replace(/[`~]/g, '')}\t${snippet}`;
        const lines = d.inline
          ? [...d.before, '', planted, '']
          : [...d.before, '', `${d.container}${d.fence}${d.info}`, planted, `${d.container}${d.fence}`, ''];
        const text = lines.join(d.crlf ? '\r\n' : '\n');
        const references = findDocReferences(text, 'README.md');
        const line = lines.indexOf(planted) + 1;
        // the editor's column: UTF-16 units before the version on its line, plus one
        const column = planted.lastIndexOf(d.version) + 1;
        expect(references.map((r) => `${r.kind} ${r.version.line}:${r.version.column} ${r.version.value}`)).toEqual([`${kind} ${line}:${column} ${d.version}`]);
      }),
      { numRuns: 400 },
    );
  });

  it('prose alone never yields a reference, and never throws', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 60 }), { maxLength: 20 }), fc.boolean(), (lines, crlf) => {
        const text = lines.map((l) => l.replace(/[`~:]/g, '')).join(crlf ? '\r\n' : '\n');
        expect(findDocReferences(text, 'x.md')).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('arbitrary text never throws, and every reference reads its version at its position', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('`', '~', '\n', '\r', ' ', '\t', '>', '-', 'helm ', 'github.com/a/b?ref=v1.2.3', 'a/b:v1.0.0', 'x', ':', '1', '/', '\\', '🚀', '```yaml\n', '- name: a/b\n', '  newTag: "v1.0.1"\n', 'repository: a/b\n', 'tag: 1.2.3\n'), maxLength: 120 }), (text) => {
        const lineStarts = [0, ...[...text.matchAll(/\n/g)].map((m) => m.index! + 1)];
        for (const r of findDocReferences(text, 'x.md')) {
          const offset = lineStarts[r.version.line - 1] + r.version.column - 1;
          expect(text.startsWith(r.version.value, offset)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
