import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CDNOW_AS_OF, cdnowDb, readCdnowFixture } from '../../../test/helpers/cdnow';
import type { NodeDb } from '../../../test/helpers/node-db';
import { QueryLayer } from '../../query/query-layer';
import { localEngine } from './compute';
import { DEFAULT_CLV_SETTINGS, fitClv, prepareClv, scoreClv, type ClvRun } from './model';
import { loadValidation, type Validation } from './validation';

const WALKTHROUGH = { r: 0.2425982, alpha: 4.413684, a: 0.7929899, b: 2.426167 };
const rel = (actual: number, expected: number): number => Math.abs(actual / expected - 1);

describe('validation on CDNOW as of 1997-09-30 (holdout weeks 40–78)', () => {
  let db: NodeDb;
  let v: Validation;
  beforeAll(async () => {
    db = await cdnowDb();
    const layer = new QueryLayer(db);
    const data = await prepareClv(layer, CDNOW_AS_OF, 'weeks');
    const fits = await fitClv(localEngine, data);
    const run: ClvRun = { data, fits: { ...fits, bg: { ...fits.bg, params: WALKTHROUGH } } };
    const { horizonMonths, monthlyDiscount } = DEFAULT_CLV_SETTINGS;
    const { table } = await scoreClv(layer, localEngine, run, { asOf: CDNOW_AS_OF, unit: 'weeks', horizonMonths, monthlyDiscount });
    v = await loadValidation(layer, localEngine, { run, table });
  });
  afterAll(() => db.close());

  it('counts actual repeat transactions per week as BTYD does (78 weeks)', () => {
    const cu = readCdnowFixture('cdnowSummary_cu_tracking.csv');
    expect(v.tracking.map((w) => w.week)).toEqual(cu.map((c) => c.week));
    expect(v.tracking.map((w) => w.actual_cum)).toEqual(cu.map((c) => c.cum_repeat_transactions));
    expect(v.tracking[77].actual_cum - v.tracking[38].actual_cum).toBe(1882);
    expect(v.asOfWeek).toBe(39);
  });

  it("has the model's expected cumulative repeat transactions of the papers' tracking plot", () => {
    const expected = readCdnowFixture('cdnow_weekly_cumulative_tracking.csv');
    v.tracking.forEach((w, i) => {
      expect(rel(w.expected_cum, expected[i].bg_cum)).toBeLessThan(1e-5);
      expect(Math.abs(w.expected - (w.expected_cum - (i ? v.tracking[i - 1].expected_cum : 0)))).toBeLessThan(1e-9);
    });
  });

  it('compares holdout purchases by calibration frequency 0 … 7+', () => {
    expect(v.byFrequency.map((r) => r.calibration_frequency)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(v.byFrequency.reduce((s, r) => s + r.customers, 0)).toBe(2357);
    expect(Math.round(v.byFrequency.reduce((s, r) => s + r.customers * r.actual, 0))).toBe(1882);
    expect(Math.abs(v.byFrequency.reduce((s, r) => s + r.customers * r.expected, 0) - 1653.4)).toBeLessThan(0.05);
    // 1,411 customers made no repeat purchase in the calibration period (946 did).
    expect(v.byFrequency[0].customers).toBe(1411);
  });

  it('sets the calibration frequency histogram beside its expectation', () => {
    const cbs = readCdnowFixture('cdnowSummary_cbs.csv');
    expect(v.histogram.map((h) => h.frequency)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    v.histogram.forEach((h) => expect(h.actual).toBe(cbs.filter((c) => Math.min(c.x, 7) === h.frequency).length));
    expect(Math.abs(v.histogram.reduce((s, h) => s + h.expected, 0) - 2357)).toBeLessThan(1e-6);
    // A good fit: the expected count of zero-repeat customers is within 2 % of the actual one.
    expect(rel(v.histogram[0].expected, v.histogram[0].actual)).toBeLessThan(0.02);
  });
});
