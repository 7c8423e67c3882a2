import { describe, expect, it } from 'vitest';
import { countByte, hasEither } from './byte-scan';

/** Random bytes biased towards the searched ones and their neighbours (0x09–0x0b, 0x21–0x23, 0x80+). */
function bytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  const pool = [0x09, 0x0a, 0x0b, 0x0d, 0x21, 0x22, 0x23, 0x01, 0x00, 0x80, 0x8a, 0xff, 0x61];
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    out[i] = pool[s % pool.length]!;
  }
  return out;
}

const naiveCount = (b: Uint8Array, x: number, from: number, to: number) => b.subarray(from, to).reduce((n, c) => n + (c === x ? 1 : 0), 0);

describe('byte-scan: searches four bytes at a time', () => {
  it('counts exactly what a byte-by-byte count finds, at every alignment and length', () => {
    const big = bytes(4099, 7);
    for (let offset = 0; offset < 4; offset++) {
      const b = big.subarray(offset);
      for (const [from, to] of [[0, b.length], [1, 9], [3, 3], [2, 1000], [5, b.length - 3]] as const) {
        for (const x of [0x0a, 0x22, 0x00, 0xff]) expect(countByte(b, x, from, to), `offset ${offset} [${from}, ${to}) byte ${x}`).toBe(naiveCount(b, x, from, to));
      }
    }
  });

  it('finds either byte wherever it is, and says no when neither is there', () => {
    const plain = new Uint8Array(1000).fill(0x61);
    expect(hasEither(plain, 0x22, 0x0d)).toBe(false);
    for (const at of [0, 1, 2, 3, 4, 501, 998, 999]) {
      for (const c of [0x22, 0x0d]) {
        const b = plain.slice();
        b[at] = c;
        expect(hasEither(b, 0x22, 0x0d), `byte ${c} at ${at}`).toBe(true);
        expect(hasEither(b.subarray(1), 0x22, 0x0d), `unaligned, byte ${c} at ${at}`).toBe(at >= 1);
        expect(hasEither(b, 0x22, 0x0d, at + 1), `searched from after it`).toBe(false);
      }
    }
    // Neighbouring values (0x21, 0x23, 0x0c, 0x0e, with the high bit) are not matches.
    expect(hasEither(new Uint8Array([0x21, 0x23, 0x0c, 0x0e, 0xa2, 0x8d, 0xa2, 0x8d]), 0x22, 0x0d)).toBe(false);
  });
});
