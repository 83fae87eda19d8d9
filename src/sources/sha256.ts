// SHA-256 for the facts cache's keys and checksums, computed in JavaScript until the run has hashed enough bytes to
// be worth loading node:crypto. Loading node:crypto costs ~3 ms of a ~70 ms start-up (it loads Node's stream
// modules with it), while a check of a small repository hashes a KB or two, which this code, not yet optimized by
// V8 in a fresh process (~0.4 ms a KB), does in under a millisecond (issue 12: start-up ≤ 1.5× `node -e 0`). Both
// give the same digest (test/cache/sha256.test.ts), so which one ran never changes a key; a bigger repository goes
// native after its first JS_BUDGET bytes.
import { createRequire } from 'node:module';

type NodeCrypto = typeof import('node:crypto');

/** Bytes hashed in JavaScript before node:crypto is loaded for the rest of the run: about what loading it costs. */
export const JS_BUDGET = 8 * 1024;

let hashedInJs = 0;
let nodeCrypto: NodeCrypto | undefined;

/** The SHA-256 digest of `data` (text as UTF-8). */
export function sha256(data: Uint8Array | string): Buffer {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  if (!nodeCrypto && hashedInJs + bytes.length > JS_BUDGET) {
    nodeCrypto = createRequire(import.meta.url)('node:crypto') as NodeCrypto;
  }
  if (nodeCrypto) return nodeCrypto.createHash('sha256').update(bytes).digest();
  hashedInJs += bytes.length;
  return sha256InJs(bytes);
}

export const sha256Hex = (data: Uint8Array | string): string => sha256(data).toString('hex');

// FIPS 180-4, section 4.2.2: the first 32 bits of the fractional parts of the cube roots of the first 64 primes
const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

// section 5.3.3: the first 32 bits of the fractional parts of the square roots of the first 8 primes
const INITIAL = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

export function sha256InJs(bytes: Uint8Array): Buffer {
  const state = new Int32Array(INITIAL);
  const schedule = new Int32Array(64);
  const whole = bytes.length - (bytes.length % 64);
  for (let at = 0; at < whole; at += 64) compress(state, schedule, bytes, at);
  // Padding (section 5.1.1): the rest of the input, a 1 bit, zeros, and the length in bits as 64 bits big-endian,
  // in one block or, when fewer than 9 bytes are left for the marker and the length, two.
  const rest = bytes.length - whole;
  const tail = new Uint8Array(rest < 56 ? 64 : 128);
  tail.set(bytes.subarray(whole));
  tail[rest] = 0x80;
  const bits = bytes.length * 8;
  writeUint32(tail, tail.length - 8, Math.floor(bits / 0x1_0000_0000));
  writeUint32(tail, tail.length - 4, bits >>> 0);
  for (let at = 0; at < tail.length; at += 64) compress(state, schedule, tail, at);
  const digest = Buffer.alloc(32);
  for (let i = 0; i < 8; i++) writeUint32(digest, i * 4, state[i]);
  return digest;
}

/** One 64-byte block into the state (section 6.2.2); `schedule` is scratch space, reused across blocks. */
function compress(state: Int32Array, w: Int32Array, block: Uint8Array, at: number): void {
  for (let i = 0; i < 16; i++, at += 4) w[i] = (block[at] << 24) | (block[at + 1] << 16) | (block[at + 2] << 8) | block[at + 3];
  for (let i = 16; i < 64; i++) {
    const x = w[i - 15];
    const y = w[i - 2];
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
  }
  let a = state[0], b = state[1], c = state[2], d = state[3], e = state[4], f = state[5], g = state[6], h = state[7];
  for (let i = 0; i < 64; i++) {
    const sum1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const choice = (e & f) ^ (~e & g);
    const t1 = (h + sum1 + choice + K[i] + w[i]) | 0;
    const sum0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const majority = (a & b) ^ (a & c) ^ (b & c);
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + sum0 + majority) | 0;
  }
  state[0] += a;
  state[1] += b;
  state[2] += c;
  state[3] += d;
  state[4] += e;
  state[5] += f;
  state[6] += g;
  state[7] += h;
}

function writeUint32(target: Uint8Array, at: number, value: number): void {
  target[at] = value >>> 24;
  target[at + 1] = value >>> 16;
  target[at + 2] = value >>> 8;
  target[at + 3] = value;
}
