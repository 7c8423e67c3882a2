import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { clvValue, spendFrequencyCorrelation, type ClvModels } from './clv';

function readCsv(name: string): Record<string, number>[] {
  const [head, ...lines] = readFileSync(new URL(`../../../test/fixtures/cdnow/${name}`, import.meta.url), 'utf8').trim().split('\n');
  const cols = head.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [cols[i], Number(v)])));
}

const predictions = readCsv('cdnow_btyd_cbs_predictions.csv');
/** The same CLV with the app's month (365.25/12 days), by SciPy: test/fixtures/cdnow/scipy_reference.py. */
const appMonths = readCsv('cdnow_clv_app_months.csv');
/** The parameters the predictions fixture states: BTYD walkthrough BG/NBD, Gamma-Gamma (6.25, 3.74, 15.44). */
const MODELS: ClvModels = {
  bg: { r: 0.2425982, alpha: 4.413684, a: 0.7929899, b: 2.426167 },
  gg: { p: 6.25, q: 3.74, v: 15.44 },
};
const rel = (actual: number, expected: number): number => Math.abs(actual / expected - 1);

describe('clvValue on CDNOW (weeks)', () => {
  it('reproduces the 12-month, 1 %/month weekly CLV of the reference', () => {
    // The reference (lifetimes, freq "W") takes a month as 4.345 weeks; ours, 365.25/12 days = 4.348 weeks, for which
    // SciPy evaluated the same formulas (cdnow_clv_app_months.csv).
    predictions.forEach((c, i) => {
      const exact = clvValue(MODELS, c.x, c.t_x, c.T_cal, c.m_x, { daysPerMonth: 4.345 * 7 });
      expect(rel(exact, c.clv_bg_12m_d01_freqW)).toBeLessThan(1e-7);
      const ours = clvValue(MODELS, c.x, c.t_x, c.T_cal, c.m_x);
      expect(rel(ours, c.clv_bg_12m_d01_freqW)).toBeLessThan(1e-3);
      expect(appMonths[i].id).toBe(c.id);
      expect(rel(ours, appMonths[i].clv_bg_12m_d01_month_365_25_over_12_days)).toBeLessThan(1e-7);
    });
    // Customer 1 (x 2, t_x 30.43, T 38.86, m 22.345): 36.30406078 by SciPy.
    expect(rel(clvValue(MODELS, 2, 30.428571428571427, 38.857142857142854, 22.345), 36.30406078259032)).toBeLessThan(1e-8);
  });

  it("shows what lifetimes' documented CLV did: 30-unit months on weekly data (140.10 for customer 1)", () => {
    for (const c of predictions.slice(0, 200)) {
      const asInDocs = clvValue(MODELS, c.x, c.t_x, c.T_cal, c.m_x, { daysPerMonth: 30 * 7 });
      expect(rel(asInDocs, c.clv_bg_12m_d01_freqD_as_in_docs)).toBeLessThan(1e-7);
    }
  });
});

describe('clvValue', () => {
  const [x, tx, T, m] = [4, 25, 38, 30];

  it('telescopes to margin · spend · E(H months) without discounting', () => {
    const clv = clvValue(MODELS, x, tx, T, m, { monthlyDiscount: 0, margin: 0.3, horizonMonths: 24 });
    // 0.3 × p(v + x·m)/(p·x + q − 1) × E[purchases in 24 months of 365.25/12 days], by SciPy (scipy_reference.py, part 4).
    expect(rel(clv, 36.35815508908079)).toBeLessThan(1e-9);
  });

  it('keeps the time unit explicit: the same customer in days gives the same CLV', () => {
    const bgDays = { ...MODELS.bg, alpha: MODELS.bg.alpha * 7 };
    const inWeeks = clvValue(MODELS, x, tx, T, m);
    const inDays = clvValue({ ...MODELS, bg: bgDays }, x, tx * 7, T * 7, m, { unitDays: 1 });
    expect(rel(inDays, inWeeks)).toBeLessThan(1e-10);
  });

  it('falls with the discount rate and is NaN when spend is undefined (q ≤ 1)', () => {
    expect(clvValue(MODELS, x, tx, T, m, { monthlyDiscount: 0.05 })).toBeLessThan(clvValue(MODELS, x, tx, T, m));
    expect(clvValue({ ...MODELS, gg: { p: 2, q: 0.9, v: 10 } }, 0, 0, T, 0)).toBeNaN();
  });
});

describe('spendFrequencyCorrelation', () => {
  it('is the Pearson correlation', () => {
    // mean x 3, mean m 4: Σdxdm = 6, Σdx² = 10, Σdm² = 6
    expect(Math.abs(spendFrequencyCorrelation([1, 2, 3, 4, 5], new Float64Array([2, 4, 5, 4, 5])) - 6 / Math.sqrt(60))).toBeLessThan(1e-15);
    expect(spendFrequencyCorrelation([1, 2, 3], [30, 20, 10])).toBeCloseTo(-1, 14);
  });

  it('is NaN for constant or too few values, and rejects mismatched arrays', () => {
    expect(spendFrequencyCorrelation([1, 2, 3], [5, 5, 5])).toBeNaN();
    expect(spendFrequencyCorrelation([1], [5])).toBeNaN();
    expect(() => spendFrequencyCorrelation([1, 2], [5])).toThrow(/differ in length/);
  });
});
