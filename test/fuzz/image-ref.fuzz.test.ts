import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatImageRef, normalizeRepository, parseImageRef, type ImageRef } from '../../src/model/image-ref.js';

const RUNS = 5000;

/** Text made mostly of the characters the reference grammar cares about, so the parser's branches are all hit. */
const grammarish = fc.string({
  unit: fc.constantFrom(...'aA0z9.-_:/@'.split(''), 'sha256:', 'localhost', 'docker.io/', 'library/', ' ', '\t', 'É', '\u0000', '[::1]'),
  maxLength: 60,
});

const component = fc.stringMatching(/^[a-z0-9]{1,8}(?:(?:[._]|__|-{1,2})[a-z0-9]{1,8}){0,2}$/);
const host = fc.oneof(
  fc.constant('localhost'),
  fc.stringMatching(/^[a-z0-9]{1,8}(?:\.[a-z0-9]{1,8}){1,3}$/),
  fc.stringMatching(/^[a-zA-Z0-9]{1,8}(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,6}[a-zA-Z0-9])?){1,2}$/),
  fc.stringMatching(/^[A-Z][a-zA-Z0-9]{0,6}$/),
  fc.constant('[::1]'),
);
const port = fc.integer({ min: 1, max: 65535 }).map((n) => `:${n}`);
const tag = fc.stringMatching(/^[\w][\w.-]{0,40}$/);
const digest = fc.stringMatching(/^[0-9a-f]{64}$/).map((hex) => `sha256:${hex}`);

/** References valid by the distribution grammar: [host[:port]/]path[:tag][@digest]. */
const validReference = fc
  .record({
    host: fc.option(fc.tuple(host, fc.option(port)).map(([h, p]) => `${h}${p ?? ''}`), { nil: undefined }),
    path: fc.array(component, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('/')),
    tag: fc.option(tag, { nil: undefined }),
    digest: fc.option(digest, { nil: undefined }),
  })
  // Without a host, a first component with a dot reads as a host (Docker's rule): not a valid path then.
  .filter(({ host: h, path }) => h !== undefined || !path.split('/')[0].includes('.'))
  .map(({ host: h, path, tag: t, digest: d }) => `${h ? `${h}/` : ''}${path}${t !== undefined ? `:${t}` : ''}${d ? `@${d}` : ''}`);

function reparsed(ref: ImageRef): ImageRef {
  const again = parseImageRef(formatImageRef(ref));
  if (!again.ok) throw new Error(`formatted reference no longer parses: ${formatImageRef(ref)}: ${again.error}`);
  return again.ref;
}

describe('parseImageRef under random input', () => {
  it('never throws, and always answers ok with a ref or an error message', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 120 }), fc.string({ unit: 'binary', maxLength: 60 }), grammarish), (text) => {
        const result = parseImageRef(text);
        if (result.ok) expect(result.ref.repository).toBe(`${result.ref.registry}/${result.ref.path}`);
        else expect(result.error.length).toBeGreaterThan(0);
      }),
      { numRuns: RUNS },
    );
  });

  it('never throws in normalizeRepository', () => {
    fc.assert(fc.property(grammarish, (text) => { normalizeRepository(text); }), { numRuns: RUNS });
  });

  it('parses every reference the grammar allows', () => {
    fc.assert(
      fc.property(validReference, (text) => {
        const result = parseImageRef(text);
        expect(result.ok, `${text}: ${result.ok ? '' : result.error}`).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('round-trips: format(parse(x)) parses to the same reference, for generated valid references', () => {
    fc.assert(
      fc.property(validReference, (text) => {
        const result = parseImageRef(text);
        if (!result.ok) return;
        expect(reparsed(result.ref)).toEqual(result.ref);
      }),
      { numRuns: RUNS },
    );
  });

  it('round-trips for any random text the parser accepts', () => {
    fc.assert(
      fc.property(grammarish, (text) => {
        const result = parseImageRef(text);
        if (!result.ok) return;
        expect(reparsed(result.ref)).toEqual(result.ref);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('what the fuzzer found', () => {
  it('keeps a registry host marked only by capitals, so the formatted reference names the same registry', () => {
    const parsed = parseImageRef('Registry/team/app:v1');
    expect(parsed.ok && parsed.ref).toEqual({ registry: 'Registry', path: 'team/app', repository: 'Registry/team/app', tag: 'v1' });
    expect(parsed.ok && reparsed(parsed.ref)).toEqual(parsed.ok && parsed.ref);
  });
});
