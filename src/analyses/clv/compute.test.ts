import { describe, expect, it } from 'vitest';
import { readCdnowFixture } from '../../../test/helpers/cdnow';
import { diagnostics, fitModels, frequencyRecencyGrid, predictTriples, type ClvStage, type TripleColumns } from './compute';

const WALKTHROUGH = { r: 0.2425982, alpha: 4.413684, a: 0.7929899, b: 2.426167 };
const triples: TripleColumns = {
  x: new Float64Array([0, 2, 26]),
  txDays: new Float64Array([0, 213, 216]),
  TDays: new Float64Array([272, 272, 217]),
  n: new Float64Array([10, 1, 1]),
};

const rel = (actual: number, expected: number): number => Math.abs(actual / expected - 1);
/**
 * Per triple, by SciPy (test/fixtures/cdnow/scipy_reference.py, part 5), walkthrough parameters: P(alive), expected
 * purchases in the 39-week holdout, in 12 months of 365.25/12 days, and the latter discounted at 1 %/month. The first
 * two of the second triple (CDNOW customer 1) are also those of cdnow_btyd_cbs_predictions.csv; P(alive) of the third
 * (customer 1516) is the BTYD walkthrough's 0.96885.
 */
const REFERENCE = [
  [1, 0.19479639163492646, 0.25244517287328727, 0.23741682171320425],
  [0.7266184401239557, 1.2259848579382895, 1.5630503248355059, 1.4722072478341632],
  [0.9688521513607284, 20.74836381345719, 25.821220872345286, 24.380488536486446],
];

describe('predictTriples', () => {
  it('converts days to the unit and returns the model outputs per triple', () => {
    const out = predictTriples({ model: { kind: 'bgnbd', params: WALKTHROUGH }, triples, unitDays: 7, horizonMonths: 12, monthlyDiscount: 0.01, holdoutDays: 273 });
    expect(out.failed).toBe(0);
    for (let i = 0; i < 3; i++) {
      const [x, tx, T] = [triples.x[i], triples.txDays[i] / 7, triples.TDays[i] / 7];
      const [pa, holdout, expected12, discounted12] = REFERENCE[i];
      expect(rel(out.p_alive[i], pa), `triple ${i} (${x}, ${tx}, ${T})`).toBeLessThan(1e-9);
      expect(rel(out.holdout_expected[i], holdout), `triple ${i}`).toBeLessThan(1e-9);
      expect(rel(out.expected_purchases[i], expected12), `triple ${i}`).toBeLessThan(1e-9);
      expect(rel(out.discounted_purchases[i], discounted12), `triple ${i}`).toBeLessThan(1e-9);
    }
  });

  it('reports progress and counts triples it cannot compute instead of failing', () => {
    const stages: [ClvStage, number | null][] = [];
    const out = predictTriples(
      { model: { kind: 'bgnbd', params: { ...WALKTHROUGH, a: NaN } }, triples, unitDays: 7, horizonMonths: 3, monthlyDiscount: 0, holdoutDays: 0 },
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
    const [d] = diagnostics({
      models: [{ kind: 'bgnbd', params: WALKTHROUGH }],
      unitDays: 7,
      births: { days: new Float64Array([0, 10]), n: new Float64Array([3, 2]) },
      weeks: 3,
      periods: { TDays: new Float64Array([100, 200]), n: new Float64Array([4, 6]) },
    });
    // 3 · E[X(1 week)] and 3 · E[X(2 weeks)] + 2 · E[X(4 days)] of a new customer, by SciPy (scipy_reference.py, part 6).
    expect(rel(d.trackingCumulative[0], 0.1595524807211994)).toBeLessThan(1e-9);
    expect(rel(d.trackingCumulative[1], 0.3713054000999951)).toBeLessThan(1e-9);
    // The calibration classes 0 … 5 and 6+.
    expect(d.frequencyHistogram).toHaveLength(7);
    expect(d.frequencyHistogram.reduce((s, v) => s + v, 0)).toBeCloseTo(10, 9);
  });
});

describe('frequencyRecencyGrid', () => {
  it('covers frequency 0 … maxX × recency bins over [0, T], each evaluated at its middle', () => {
    const cells = frequencyRecencyGrid({ model: { kind: 'bgnbd', params: WALKTHROUGH }, unitDays: 7, horizonMonths: 12, maxX: 4, TDays: 273, steps: 6 });
    expect(cells).toHaveLength(5 * 6);
    expect(cells.filter((c) => c.frequency === 0).every((c) => c.p_alive === 1)).toBe(true);
    const row = cells.filter((c) => c.frequency === 3);
    expect(row.map((c) => [c.recency_from, c.recency_to])).toEqual([0, 6.5, 13, 19.5, 26, 32.5].map((from) => [from, from + 6.5]));
    const cell = row[3];
    expect(cell.recency).toBe(22.75);
    // SciPy (scipy_reference.py, part 5): x 3, t_x 22.75, T 39 weeks.
    expect(rel(cell.p_alive, 0.5495975370944312)).toBeLessThan(1e-9);
    expect(rel(cell.expected_purchases, 1.6718873251106623)).toBeLessThan(1e-9);
    // More recent buyers are more likely alive.
    expect(row.every((c, i) => i === 0 || c.p_alive > row[i - 1].p_alive)).toBe(true);
  });
});
