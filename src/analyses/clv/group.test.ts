import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { groupFrequency, groupSpend } from './group';

const cbs = readFileSync(new URL('../../../test/fixtures/cdnow/cdnowSummary_cbs.csv', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split(',').map(Number));

describe('groupFrequency', () => {
  it('merges identical (x, t_x, T) and counts them', () => {
    const g = groupFrequency(new Float64Array([0, 2, 0, 2, 2]), new Float64Array([0, 5, 0, 5, 6]), new Float64Array([10, 10, 10, 10, 10]));
    expect(g).toEqual([
      { x: 0, tx: 0, T: 10, weight: 2 },
      { x: 2, tx: 5, T: 10, weight: 2 },
      { x: 2, tx: 6, T: 10, weight: 1 },
    ]);
  });

  it('reduces the 2,357 CDNOW customers to their distinct triples', () => {
    const g = groupFrequency(
      cbs.map((r) => r[1]),
      cbs.map((r) => r[2]),
      cbs.map((r) => r[3]),
    );
    expect(cbs).toHaveLength(2357);
    expect(g.reduce((s, x) => s + x.weight, 0)).toBe(2357);
    expect(new Set(cbs.map((r) => `${r[1]} ${r[2]} ${r[3]}`)).size).toBe(g.length);
    expect(g.length).toBeLessThan(1100);
  });

  it('rejects mismatched arrays and impossible rows', () => {
    expect(() => groupFrequency([1], [0], [])).toThrow(/differ in length/);
    expect(() => groupFrequency([1], [5], [4])).toThrow(/row 0/);
    expect(() => groupFrequency([-1], [0], [4])).toThrow(/row 0/);
    expect(() => groupFrequency([1, 1], [0, NaN], [4, 4])).toThrow(/row 1/);
  });
});

describe('groupSpend', () => {
  it('merges identical (x, m), keeping x = 0 rows for the fit to count', () => {
    expect(groupSpend([0, 1, 1, 0], [0, 9.5, 9.5, 0])).toEqual([
      { x: 0, m: 0, weight: 2 },
      { x: 1, m: 9.5, weight: 2 },
    ]);
  });

  it('rejects mismatched arrays and non-finite values', () => {
    expect(() => groupSpend([1, 2], [3])).toThrow(/differ in length/);
    expect(() => groupSpend([1], [Infinity])).toThrow(/row 0/);
  });
});
