import { describe, expect, it } from 'vitest';
import { unconditionalExpected, type BgNbdParams } from './bgnbd';
import { purchaseCountProbabilities } from './bgnbd-pmf';
import { gammaln } from './special';

const WALKTHROUGH: BgNbdParams = { r: 0.2425982, alpha: 4.413684, a: 0.7929899, b: 2.426167 };

describe('purchaseCountProbabilities', () => {
  it('sums to 1 and has the mean E[X(t)] of the model', () => {
    for (const t of [1, 10, 38.86, 78]) {
      const p = purchaseCountProbabilities(WALKTHROUGH, t, 400);
      const head = p.slice(0, -1);
      expect(Math.abs(head.reduce((s, v) => s + v, 0) - 1)).toBeLessThan(1e-9);
      expect(p.every((v) => v >= 0)).toBe(true);
      const mean = head.reduce((s, v, n) => s + n * v, 0);
      expect(Math.abs(mean / unconditionalExpected(WALKTHROUGH, t) - 1)).toBeLessThan(1e-7);
    }
  });

  it('puts the tail in the last entry', () => {
    const full = purchaseCountProbabilities(WALKTHROUGH, 38.86, 400);
    const p = purchaseCountProbabilities(WALKTHROUGH, 38.86, 7);
    expect(p).toHaveLength(8);
    expect(p.slice(0, 7)).toEqual(full.slice(0, 7));
    expect(Math.abs(p[7] - full.slice(7).reduce((s, v) => s + v, 0))).toBeLessThan(1e-9);
  });

  it('equals the direct formula for one count', () => {
    const { r, alpha, a, b } = WALKTHROUGH;
    const t = 20;
    const B = (u: number, v: number): number => Math.exp(gammaln(u) + gammaln(v) - gammaln(u + v));
    const nb = (j: number): number => Math.exp(gammaln(r + j) - gammaln(r) - gammaln(j + 1)) * (alpha / (alpha + t)) ** r * (t / (alpha + t)) ** j;
    const expected = (B(a, b + 2) / B(a, b)) * nb(2) + (B(a + 1, b + 1) / B(a, b)) * (1 - nb(0) - nb(1));
    expect(Math.abs(purchaseCountProbabilities(WALKTHROUGH, t, 5)[2] / expected - 1)).toBeLessThan(1e-12);
  });

  it('is certain of no purchase in no time', () => {
    expect(purchaseCountProbabilities(WALKTHROUGH, 0, 3)).toEqual([1, 0, 0, 0]);
  });
});
