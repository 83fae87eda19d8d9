import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/model/release.js';
import { findContainerImages } from '../../src/sources/manifests/workloads.js';
import { parseYamlText } from '../../src/sources/manifests/yaml-file.js';

/** YAML-ish text: fragments that steer the parser into workloads, anchors, flow collections and broken quoting. */
const fragment = fc.constantFrom(
  'kind: Pod\n', 'spec:\n', '  containers:\n', '    - name: c\n', '      image: ', 'nginx:1', '"ghcr.io/a/b:v1"', '12', 'null',
  '&a ', '*a', '[', ']', '{', '}', ': ', '- ', '---\n', '\t', '"', "'", '#', '\n', '  ', '{{ .Values.x }}', '\uFEFF', '\r\n', '? ', '|\n', '!!str ',
);
const yamlish = fc.oneof(fc.array(fragment, { maxLength: 40 }).map((parts) => parts.join('')), fc.string({ maxLength: 200 }));

describe('YAML source under random input', () => {
  it('never throws, and every diagnostic names the file with a valid position', () => {
    fc.assert(
      fc.property(yamlish, (text) => {
        const diagnostics: Diagnostic[] = [];
        const parsed = parseYamlText(text, 'fuzz.yaml', diagnostics);
        const images = findContainerImages(parsed, diagnostics);
        for (const d of diagnostics) {
          expect(d.file).toBe('fuzz.yaml');
          if (d.line !== undefined) expect(d.line).toBeGreaterThanOrEqual(1);
        }
        for (const image of images) {
          expect(typeof image.image).toBe('string');
          expect(image.at.line).toBeGreaterThanOrEqual(1);
          expect(image.at.column).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
