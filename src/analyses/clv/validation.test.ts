import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CDNOW_AS_OF, cdnowDb, readCdnowFixture } from '../../../test/helpers/cdnow';
import type { NodeDb } from '../../../test/helpers/node-db';
import { QueryLayer } from '../../query/query-layer';
import { localEngine, type ParetoFit } from './compute';
import { fitClv, prepareClv, type ClvRun } from './model';
import { loadValidation, type Validation } from './validation';

const WALKTHROUGH = { r: 0.2425982, alpha: 4.413684, a: 0.7929899, b: 2.426167 };
/**
 * The Pareto/NBD parameters of the predictions fixture (`pnbd_palive`, `pnbd_cet39`, `pnbd_cum`): the BTYD
 * walkthrough's estimate (0.5534, 10.5802, 0.6061, 11.6562), recovered to full precision by least squares on the
 * fixture's own columns (residual 5e-10, the fixture's 10 significant digits).
 */
const PNBD_WALKTHROUGH = { r: 0.55339714, alpha: 10.58019854, s: 0.6060625, beta: 11.65622367 };
const rel = (actual: number, expected: number): number => Math.abs(actual / expected - 1);

describe('validation of both models on CDNOW as of 1997-09-30 (holdout weeks 40–78)', () => {
  let db: NodeDb;
  let v: Validation;
  const predictions = readCdnowFixture('cdnow_btyd_cbs_predictions.csv');
  beforeAll(async () => {
    db = await cdnowDb();
    const layer = new QueryLayer(db);
    const data = await prepareClv(layer, CDNOW_AS_OF, 'weeks');
    const fits = await fitClv(localEngine, data);
    const run: ClvRun = { data, fits: { ...fits, bg: { ...fits.bg, params: WALKTHROUGH, boundary: null } } };
    const pareto: ParetoFit = { pnbd: { params: PNBD_WALKTHROUGH, logLik: NaN, converged: true, customers: 2357, groups: 0, boundary: null }, pnbdMs: 0 };
    v = await loadValidation(layer, localEngine, run, pareto);
  });
  afterAll(() => db.close());

  it('counts actual repeat transactions per week as BTYD does (78 weeks)', () => {
    const cu = readCdnowFixture('cdnowSummary_cu_tracking.csv');
    expect(v.tracking.map((w) => w.week)).toEqual(cu.map((c) => c.week));
    expect(v.tracking.map((w) => w.actual_cum)).toEqual(cu.map((c) => c.cum_repeat_transactions));
    expect(v.tracking[77].actual_cum - v.tracking[38].actual_cum).toBe(1882);
    expect(v.asOfWeek).toBe(39);
  });

  it("overlays both models' expected cumulative repeat transactions of the papers' tracking plot", () => {
    const expected = readCdnowFixture('cdnow_weekly_cumulative_tracking.csv');
    expect(v.models).toEqual(['bgnbd', 'pnbd']);
    v.tracking.forEach((w, i) => {
      expect(rel(w.expected_cum_bgnbd!, expected[i].bg_cum)).toBeLessThan(1e-5);
      // The fixture's Pareto/NBD column was computed with parameters it does not record: it agrees to 7e-4 with these
      // (E[X(t)] itself is checked against SciPy to 1e-12 in pareto-nbd.test.ts).
      expect(rel(w.expected_cum_pnbd!, expected[i].pnbd_cum)).toBeLessThan(1e-3);
      const before = i ? v.tracking[i - 1] : null;
      expect(Math.abs(w.expected_pnbd! - (w.expected_cum_pnbd! - (before?.expected_cum_pnbd ?? 0)))).toBeLessThan(1e-9);
    });
  });

  it('compares the holdout errors of both models with the reference predictions', () => {
    const c = v.comparison!;
    expect([c.customers, c.actual]).toEqual([2357, 1882]);
    const sum = (f: (p: Record<string, number>) => number) => predictions.reduce((s, p) => s + f(p), 0);
    expect(Math.abs(c.expected_bgnbd! - 1653.4)).toBeLessThan(0.05);
    expect(rel(c.expected_bgnbd!, sum((p) => p.bg_cet39))).toBeLessThan(1e-7);
    expect(rel(c.expected_pnbd!, sum((p) => p.pnbd_cet39))).toBeLessThan(1e-7);
    expect(c.error_bgnbd! - (c.expected_bgnbd! - 1882)).toBeCloseTo(0, 9);
    // Per-customer MAE from the fixture's x* and expectations (lifetimes' formulas), customer by customer.
    expect(rel(c.mae_bgnbd!, sum((p) => Math.abs(p.x_star - p.bg_cet39)) / 2357)).toBeLessThan(1e-6);
    expect(rel(c.mae_pnbd!, sum((p) => Math.abs(p.x_star - p.pnbd_cet39)) / 2357)).toBeLessThan(1e-6);
  });

  it('compares holdout purchases by calibration frequency 0 … 7+, for both models', () => {
    expect(v.byFrequency.map((r) => r.calibration_frequency)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(v.byFrequency.reduce((s, r) => s + r.customers, 0)).toBe(2357);
    expect(Math.round(v.byFrequency.reduce((s, r) => s + r.customers * r.actual, 0))).toBe(1882);
    // 1,411 customers made no repeat purchase in the calibration period (946 did).
    expect(v.byFrequency[0].customers).toBe(1411);
    for (const r of v.byFrequency) {
      const group = predictions.filter((p) => Math.min(p.x, 7) === r.calibration_frequency);
      expect(rel(r.expected_bgnbd!, group.reduce((s, p) => s + p.bg_cet39, 0) / group.length)).toBeLessThan(1e-7);
      expect(rel(r.expected_pnbd!, group.reduce((s, p) => s + p.pnbd_cet39, 0) / group.length)).toBeLessThan(1e-7);
    }
  });

  it('sets the calibration check (customers by repeat purchases 0 … 5, 6+) beside both expectations', () => {
    const cbs = readCdnowFixture('cdnowSummary_cbs.csv');
    expect(v.calibration.map((h) => h.frequency)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    v.calibration.forEach((h) => expect(h.actual).toBe(cbs.filter((c) => Math.min(c.x, 6) === h.frequency).length));
    expect(Math.abs(v.calibration.reduce((s, h) => s + h.expected_bgnbd!, 0) - 2357)).toBeLessThan(1e-6);
    expect(Math.abs(v.calibration.reduce((s, h) => s + h.expected_pnbd!, 0) - 2357)).toBeLessThan(1e-6);
    // A good fit: the expected count of zero-repeat customers is within 2 % of the actual one.
    expect(rel(v.calibration[0].expected_bgnbd!, v.calibration[0].actual)).toBeLessThan(0.02);
    expect(rel(v.calibration[0].expected_pnbd!, v.calibration[0].actual)).toBeLessThan(0.02);
    const chi = (key: 'expected_bgnbd' | 'expected_pnbd') => v.calibration.reduce((s, h) => s + (h.actual - h[key]!) ** 2 / h[key]!, 0);
    expect(v.chiSquare.bgnbd).toBeCloseTo(chi('expected_bgnbd'), 9);
    expect(v.chiSquare.pnbd).toBeCloseTo(chi('expected_pnbd'), 9);
  });
});
