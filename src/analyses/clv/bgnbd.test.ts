import { beforeAll, describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { groupFrequency } from './group';
import { gammaln as lgamma, hyp2f1 } from './special';
import {
  bgNbdLogLik,
  bgNbdTotalLogLik,
  expectedPurchases,
  fitBgNbd,
  pAlive,
  unconditionalExpected,
  type BgNbdFit,
  type BgNbdParams,
} from './bgnbd';

function readCsv(name: string): Record<string, number>[] {
  const [head, ...lines] = readFileSync(new URL(`../../../test/fixtures/cdnow/${name}`, import.meta.url), 'utf8').trim().split('\n');
  const cols = head.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [cols[i], Number(v)])));
}

const cbs = readCsv('cdnowSummary_cbs.csv');
const predictions = readCsv('cdnow_btyd_cbs_predictions.csv');
/** BTYD walkthrough's fit; the predictions fixture was computed with these. */
const WALKTHROUGH: BgNbdParams = { r: 0.2425982, alpha: 4.413684, a: 0.7929899, b: 2.426167 };
const rel = (actual: number, expected: number): number => Math.abs(actual / expected - 1);

describe('BG/NBD likelihood', () => {
  it('equals the direct (non-log-space) formula of Fader, Hardie & Lee', () => {
    const { r, alpha, a, b } = WALKTHROUGH;
    const beta = (u: number, v: number): number => Math.exp(lgamma(u) + lgamma(v) - lgamma(u + v));
    for (const [x, tx, T] of [
      [0, 0, 38.86],
      [1, 1.71, 38.86],
      [2, 30.43, 38.86],
      [26, 30.857, 31],
    ]) {
      const common = Math.exp(lgamma(r + x) - lgamma(r) + r * Math.log(alpha));
      let L = (beta(a, b + x) / beta(a, b)) * common * (alpha + T) ** -(r + x);
      if (x > 0) L += (beta(a + 1, b + x - 1) / beta(a, b)) * common * (alpha + tx) ** -(r + x);
      expect(Math.abs(bgNbdLogLik(WALKTHROUGH, x, tx, T) - Math.log(L))).toBeLessThan(1e-11);
    }
  });

  it('gives the same total for grouped and ungrouped customers', () => {
    const ungrouped = cbs.map((c) => ({ x: c.x, tx: c.t_x, T: c.T_cal, weight: 1 }));
    const grouped = groupFrequency(
      cbs.map((c) => c.x),
      cbs.map((c) => c.t_x),
      cbs.map((c) => c.T_cal),
    );
    expect(Math.abs(bgNbdTotalLogLik(WALKTHROUGH, grouped) - bgNbdTotalLogLik(WALKTHROUGH, ungrouped))).toBeLessThan(1e-8);
  });
});

describe('fitBgNbd on CDNOW', () => {
  const groups = groupFrequency(
    cbs.map((c) => c.x),
    cbs.map((c) => c.t_x),
    cbs.map((c) => c.T_cal),
  );
  let fit: BgNbdFit;
  beforeAll(() => {
    fit = fitBgNbd(groups);
  });

  it('reproduces the published parameters and log-likelihood', () => {
    expect(fit.converged).toBe(true);
    expect(fit.message).toBeUndefined();
    expect(fit.customers).toBe(2357);
    // Published to 4 decimals: within half a unit of the last digit.
    expect(Math.abs(fit.params.r - 0.2426)).toBeLessThan(5e-5);
    expect(Math.abs(fit.params.alpha - 4.4136)).toBeLessThan(5e-5);
    expect(Math.abs(fit.params.a - 0.7929)).toBeLessThan(5e-5);
    expect(Math.abs(fit.params.b - 2.4259)).toBeLessThan(5e-5);
    expect(Math.abs(fit.logLik - -9582.43)).toBeLessThan(0.01);
  });

  it('is a maximum: nudging any parameter lowers the log-likelihood', () => {
    for (const key of ['r', 'alpha', 'a', 'b'] as const) {
      for (const f of [0.999, 1.001]) {
        expect(bgNbdTotalLogLik({ ...fit.params, [key]: fit.params[key] * f }, groups)).toBeLessThan(fit.logLik);
      }
    }
  });
});

describe('BG/NBD predictions', () => {
  it('match the per-customer P(alive) and 39-week expectations of the reference', () => {
    expect(predictions).toHaveLength(2357);
    for (const c of predictions) {
      expect(rel(pAlive(WALKTHROUGH, c.x, c.t_x, c.T_cal), c.bg_palive)).toBeLessThan(1e-7);
      expect(rel(expectedPurchases(WALKTHROUGH, 39, c.x, c.t_x, c.T_cal), c.bg_cet39)).toBeLessThan(1e-7);
    }
  });

  it('predict the published holdout total (1,653.4 against 1,882 actual)', () => {
    const total = cbs.reduce((s, c) => s + expectedPurchases(WALKTHROUGH, 39, c.x, c.t_x, c.T_cal), 0);
    expect(Math.abs(total - 1653.4)).toBeLessThan(0.05);
    expect(cbs.reduce((s, c) => s + c.x_star, 0)).toBe(1882);
  });

  it("match Hardie's spreadsheet for the x=2 customer", () => {
    const p = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
    expect(Math.abs(expectedPurchases(p, 39, 2, 30.43, 38.86) - 1.226)).toBeLessThan(5e-4);
    expect(Math.abs(pAlive(p, 2, 30.43, 38.86) - 0.7266)).toBeLessThan(5e-5);
  });

  it('match the BTYD walkthrough for customer 1516', () => {
    const e = expectedPurchases(WALKTHROUGH, 52, 26, 30.857, 31);
    // Published 25.7566 agrees to 5 significant digits; mpmath at 50 digits gives 25.756452656207219.
    expect(rel(e, 25.7566)).toBeLessThan(1e-5);
    expect(rel(e, 25.756452656207219)).toBeLessThan(1e-12);
    expect(Math.abs(pAlive(WALKTHROUGH, 26, 30.857, 31) - 0.96885)).toBeLessThan(5e-6);
  });

  it('stay accurate for very frequent buyers, where the untransformed ₂F₁ would overflow', () => {
    // mpmath at 50 digits: 3490.5690780006179686
    expect(rel(expectedPurchases(WALKTHROUGH, 39, 5000, 38, 38), 3490.5690780006179686)).toBeLessThan(1e-11);
  });

  it('are continuous through the removable singularity at a = 1', () => {
    const at = (a: number): number => expectedPurchases({ ...WALKTHROUGH, a }, 39, 3, 20, 38);
    expect(Number.isFinite(at(1))).toBe(true);
    expect(Math.abs(at(1) - (at(0.999) + at(1.001)) / 2)).toBeLessThan(1e-5);
  });

  it('are zero for a zero horizon and grow with it', () => {
    expect(expectedPurchases(WALKTHROUGH, 0, 2, 30.43, 38.86)).toBe(0);
    expect(unconditionalExpected(WALKTHROUGH, 0)).toBe(0);
    expect(unconditionalExpected(WALKTHROUGH, 10)).toBeLessThan(unconditionalExpected(WALKTHROUGH, 20));
  });
});

describe('tracking plot', () => {
  it('Σ E[X(week − first purchase week)] reproduces the expected cumulative repeat purchases', () => {
    const tracking = readCsv('cdnow_weekly_cumulative_tracking.csv');
    // T_cal counts back from the calibration end, so the earliest customer (largest T_cal) starts at week 0.
    const maxT = Math.max(...cbs.map((c) => c.T_cal));
    const births = cbs.map((c) => maxT - c.T_cal);
    expect(tracking).toHaveLength(78);
    for (const { week, bg_cum } of tracking) {
      let sum = 0;
      for (const s of births) if (week > s) sum += unconditionalExpected(WALKTHROUGH, week - s);
      expect(rel(sum, bg_cum)).toBeLessThan(1e-5);
    }
  });

  it('has actual counts equal to the BTYD weekly tracking data', () => {
    const tracking = readCsv('cdnow_weekly_cumulative_tracking.csv');
    const cu = readCsv('cdnowSummary_cu_tracking.csv');
    expect(cu.map((r) => r.cum_repeat_transactions)).toEqual(tracking.map((r) => r.actual_cum));
  });
});

describe('fitBgNbd on degenerate data', () => {
  const finite = (p: BgNbdParams): boolean => [p.r, p.alpha, p.a, p.b].every(Number.isFinite);

  it('says so when nobody made a repeat purchase', () => {
    const fit = fitBgNbd([
      { x: 0, tx: 0, T: 30, weight: 100 },
      { x: 0, tx: 0, T: 10, weight: 50 },
    ]);
    expect(fit.converged).toBe(false);
    expect(fit.message).toMatch(/no customer made a repeat purchase/);
    expect(finite(fit.params)).toBe(true);
  });

  it('flags a single customer as unidentified', () => {
    const fit = fitBgNbd([{ x: 2, tx: 30.43, T: 38.86, weight: 1 }]);
    expect(fit.converged).toBe(false);
    expect(fit.message).toMatch(/ran off/);
    expect(finite(fit.params)).toBe(true);
    expect(Number.isFinite(fit.logLik)).toBe(true);
  });

  it('returns finite parameters for huge purchase counts', () => {
    for (const groups of [
      [
        { x: 500, tx: 30, T: 38, weight: 10 },
        { x: 0, tx: 0, T: 38, weight: 10 },
        { x: 3, tx: 20, T: 38, weight: 10 },
      ],
      [
        { x: 500, tx: 30, T: 38, weight: 1 },
        { x: 480, tx: 37, T: 38, weight: 1 },
      ],
    ]) {
      const fit = fitBgNbd(groups);
      expect(finite(fit.params)).toBe(true);
      expect(Number.isFinite(fit.logLik)).toBe(true);
      if (!fit.converged) expect(fit.message).toBeTruthy();
    }
  });

  it('fails clearly on no data', () => {
    const fit = fitBgNbd([]);
    expect(fit.converged).toBe(false);
    expect(fit.message).toMatch(/no customers/);
  });
});
