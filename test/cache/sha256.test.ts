import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bodyChecksum } from '../../src/sources/manifests/facts-cache.js';
import { JS_BUDGET, sha256, sha256Hex, sha256InJs } from '../../src/sources/sha256.js';

// The facts cache's keys come from src/sources/sha256.ts, in JavaScript for a run's first few KB and from
// node:crypto after: both must be SHA-256 exactly, or a key would change with the size of the run.
const native = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

describe('sha256', () => {
  it('gives the FIPS 180-4 example digests', () => {
    expect(sha256InJs(Buffer.from('abc')).toString('hex')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256InJs(Buffer.from('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toString('hex'))
      .toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
    expect(sha256InJs(new Uint8Array(0)).toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('matches node:crypto at every length around the padding and block boundaries', () => {
    for (let length = 0; length <= 200; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 31 + length) & 0xff);
      expect(sha256InJs(bytes).toString('hex'), `length ${length}`).toBe(native(bytes));
    }
  });

  it('matches node:crypto on any bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 4096 }), (bytes) => sha256InJs(bytes).toString('hex') === native(bytes)));
  });

  it('hashes text as UTF-8, before and after it moves to node:crypto', () => {
    const texts = ['images:\n  - ghcr.io/acme/app\n', 'café – 日本 🚀', ''];
    for (const text of texts) expect(sha256Hex(text)).toBe(native(text));
    // past the budget the rest of the run is hashed natively: the digests must not notice
    const big = Buffer.alloc(JS_BUDGET + 1, 0x61);
    expect(sha256(big).toString('hex')).toBe(native(big));
    for (const text of texts) expect(sha256Hex(text)).toBe(native(text));
  });
});

describe('bodyChecksum (the facts cache file checksum)', () => {
  it('changes with any one changed, added or removed character', () => {
    const body = JSON.stringify({ 'k:abc': { image: 'ghcr.io/acme/app:v0.9.9', line: 3 } });
    const variants = new Set([body, `${body} `]);
    for (let i = 0; i < body.length; i++) {
      variants.add(body.slice(0, i) + String.fromCharCode(body.charCodeAt(i) ^ 1) + body.slice(i + 1));
      variants.add(body.slice(0, i) + body.slice(i + 1));
    }
    expect(new Set([...variants].map(bodyChecksum)).size).toBe(variants.size);
  });

  it('a long body is checked by SHA-256, which changes with one changed character too', () => {
    const long = JSON.stringify({ 'k:abc': 'ghcr.io/acme/app:v0.9.9 '.repeat(4000) });
    expect(long.length).toBeGreaterThan(64 * 1024);
    const flipped = long.replace('v0.9.9', 'v0.9.8');
    expect(bodyChecksum(flipped)).not.toBe(bodyChecksum(long));
    expect(bodyChecksum(long)).toBe(createHash('sha256').update(long).digest('hex'));
    expect(bodyChecksum('{}')).toMatch(/^[0-9a-z]{1,11}$/);
  });
});
