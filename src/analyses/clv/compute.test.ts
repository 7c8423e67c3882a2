import { describe, expect, it } from 'vitest';
import { readCdnowFixture } from '../../../test/helpers/cdnow';
import { expectedPurchases, pAlive } from './bgnbd';
import { DAYS_PER_MONTH, discountedPurchases } from './clv';
import { diagnostics, fitModels, frequencyRecencyGrid, predictTriples, type ClvStage, type TripleColumns } from './compute';

const WALKTHROUGH = { r: 0.2425982, alpha: 4.413684, a: 0.7929899, b: 2.426167 };
const triples: TripleColumns = {
  x: new Float64Array([0, 2, 26]),
  txDays: new Float64Array([0, 213, 216]),
  TDays: new Float64Array([272, 272, 217]),
  n: new Float64Array([10, 1, 1]),
};

describe('predictTriples', () => {
  it('converts days to the unit and returns the model outputs per triple', () => {
    const out = predictTriples({ bg: WALKTHROUGH, triples, unitDays: 7, horizonMonths: 12, monthlyDiscount: 0.01, holdoutDays: 273 });
    expect(out.failed).toBe(0);
    for (let i = 0; i < 3; i++) {
      const [x, tx, T] = [triples.x[i], triples.txDays[i] / 7, triples.TDays[i] / 7];
      expect(out.p_alive[i]).toBe(pAlive(WALKTHROUGH, x, tx, T));
      expect(out.holdout_expected[i]).toBe(expectedPurchases(WALKTHROUGH, 39, x, tx, T));
      const d = discountedPurchases(WALKTHROUGH, x, tx, T, { unitDays: 7 });
      expect(out.expected_purchases[i]).toBe(d.expected);
      expect(out.discounted_purchases[i]).toBe(d.discounted);
      expect(d.expected).toBeCloseTo(expectedPurchases(WALKTHROUGH, (12 * DAYS_PER_MONTH) / 7, x, tx, T), 12);
      expect(d.discounted).toBeLessThan(d.expected);
    }
  });

  it('reports progress and counts triples it cannot compute instead of failing', () => {
    const stages: [ClvStage, number | null][] = [];
    const out = predictTriples(
      { bg: { ...WALKTHROUGH, a: NaN }, triples, unitDays: 7, horizonMonths: 3, monthlyDiscount: 0, holdoutDays: 0 },
      (stage, f) => stages.push([stage, f]),
    );
    expect(out.failed).toBe(3);
    // A triple gets all of its outputs or none.
    expect([out.p_alive[0], out.expected_purchases[0], out.discounted_purchases[0], out.holdout_expected[0]].every(Number.isNaN)).toBe(true);
    expect(stages.at(0)).toEqual(['predict', 0]);
    expect(stages.at(-1)).toEqual(['predict', 1]);
  });
});

describe('fitModels', () => {
  it('fits both models on CDNOW columns and reports each stage', () => {
    const cbs = readCdnowFixture('cdnowSummary_cbs.csv');
    const col = (f: (c: Record<string, number>) => number) => Float64Array.from(cbs, f);
    const stages: ClvStage[] = [];
    const fits = fitModels(
      {
        triples: { x: col((c) => c.x), txDays: col((c) => c.t_x * 7), TDays: col((c) => c.T_cal * 7), n: col(() => 1) },
        spend: { x: col((c) => c.x), m: col((c) => c.m_x), n: col(() => 1) },
        unitDays: 7,
      },
      (stage) => stages.push(stage),
    );
    expect(stages).toEqual(['bgnbd', 'gamma']);
    expect(Math.abs(fits.bg.params.r - 0.2426)).toBeLessThan(5e-5);
    expect(Math.abs(fits.gg.params.q - 3.7442)).toBeLessThan(5e-5);
    expect(fits.gg.excluded).toBe(2357 - 946);
    expect(fits.bgMs).toBeGreaterThanOrEqual(0);
  });
});

describe('diagnostics', () => {
  it('sums expected purchases of all customers born before each week, and a histogram over all customers', () => {
    const d = diagnostics({
      bg: WALKTHROUGH,
      unitDays: 7,
      births: { days: new Float64Array([0, 10]), n: new Float64Array([3, 2]) },
      weeks: 3,
      periods: { TDays: new Float64Array([100, 200]), n: new Float64Array([4, 6]) },
    });
    const E = (days: number) => expectedPurchases(WALKTHROUGH, days / 7, 0, 0, 0);
    expect(d.trackingCumulative[0]).toBeCloseTo(3 * E(7), 12);
    expect(d.trackingCumulative[1]).toBeCloseTo(3 * E(14) + 2 * E(4), 12);
    expect(d.frequencyHistogram).toHaveLength(8);
    expect(d.frequencyHistogram.reduce((s, v) => s + v, 0)).toBeCloseTo(10, 9);
  });
});

describe('frequencyRecencyGrid', () => {
  it('covers frequency 0 … maxX × recency bins over [0, T], each evaluated at its middle', () => {
    const cells = frequencyRecencyGrid({ bg: WALKTHROUGH, unitDays: 7, horizonMonths: 12, maxX: 4, TDays: 273, steps: 6 });
    expect(cells).toHaveLength(5 * 6);
    expect(cells.filter((c) => c.frequency === 0).every((c) => c.p_alive === 1)).toBe(true);
    const row = cells.filter((c) => c.frequency === 3);
    expect(row.map((c) => [c.recency_from, c.recency_to])).toEqual([0, 6.5, 13, 19.5, 26, 32.5].map((from) => [from, from + 6.5]));
    const cell = row[3];
    expect(cell.recency).toBe(22.75);
    expect(cell.p_alive).toBe(pAlive(WALKTHROUGH, 3, 22.75, 39));
    expect(cell.expected_purchases).toBe(expectedPurchases(WALKTHROUGH, (12 * DAYS_PER_MONTH) / 7, 3, 22.75, 39));
    // More recent buyers are more likely alive.
    expect(row.every((c, i) => i === 0 || c.p_alive > row[i - 1].p_alive)).toBe(true);
  });
});
