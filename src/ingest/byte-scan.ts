/**
 * Byte searches over big buffers, four bytes at a time (SWAR): the browser has no `memchr`, and a typed array's
 * `indexOf` walks byte by byte. Exact: no byte is missed or counted twice.
 */

const LOW7 = 0x7f7f7f7f;
const HIGH = 0x80808080;
// For a word x, ~(((x & LOW7) + LOW7) | x) & HIGH has the high bit of exactly its zero bytes set (no carry crosses
// a byte); x is the word XOR the searched byte in every lane.

/** A word whose four bytes are `b`. */
function splat(b: number): number {
  return (b & 0xff) * 0x01010101;
}

/** The aligned words of `b[from, to)`, and where they start and end (the bytes around them are read one by one). */
function wordsOf(b: Uint8Array, from: number, to: number): { w: Uint32Array; start: number; end: number } {
  let start = from;
  while (start < to && (b.byteOffset + start) % 4 !== 0) start++;
  const n = Math.max(0, (to - start) >>> 2);
  return { w: n > 0 ? new Uint32Array(b.buffer, b.byteOffset + start, n) : new Uint32Array(0), start, end: start + n * 4 };
}

/** True when `b[from, …)` holds byte `x` or byte `y`. */
export function hasEither(b: Uint8Array, x: number, y: number, from = 0): boolean {
  const { w, start, end } = wordsOf(b, from, b.length);
  for (let i = from; i < start; i++) if (b[i] === x || b[i] === y) return true;
  const px = splat(x);
  const py = splat(y);
  for (let k = 0; k < w.length; k++) {
    const v = w[k]!;
    const a = v ^ px;
    const c = v ^ py;
    if ((~(((a & LOW7) + LOW7) | a) | ~(((c & LOW7) + LOW7) | c)) & HIGH) return true;
  }
  for (let i = end; i < b.length; i++) if (b[i] === x || b[i] === y) return true;
  return false;
}

/** How many bytes of `b[from, to)` equal `x`. */
export function countByte(b: Uint8Array, x: number, from = 0, to = b.length): number {
  const { w, start, end } = wordsOf(b, from, to);
  let count = 0;
  for (let i = from; i < Math.min(start, to); i++) if (b[i] === x) count++;
  const px = splat(x);
  for (let k = 0; k < w.length; k++) {
    const a = w[k]! ^ px;
    for (let m = ~(((a & LOW7) + LOW7) | a) & HIGH; m !== 0; m &= m - 1) count++;
  }
  for (let i = Math.max(end, start); i < to; i++) if (b[i] === x) count++;
  return count;
}
