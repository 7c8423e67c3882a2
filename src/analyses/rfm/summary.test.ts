import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../../test/helpers/node-db';
import { createFixture, FIXTURE_AS_OF } from '../../../test/fixtures/rfm/transactions';
import { createRfmCustomersSql } from './rfm-sql';
import { presetRules } from './presets';
import { heatmapSql, segmentSummarySql } from './summary';
import { emptyScores, scoreRangesSql, splitValuesSql, type ScoreRange } from './thresholds';
import { distributionSql } from './distribution';
import type { Segment } from './segments';
import { DEFAULT_SCORING, DEFAULT_TIERS, scoreLevels } from './settings';

describe('RFM summaries on the hand-worked fixture (RF grid, 5 scores)', () => {
  let db: NodeDb;
  let segments: Segment[];
  beforeAll(async () => {
    db = await NodeDb.create();
    await createFixture(db);
    const q = createRfmCustomersSql({
      scoring: DEFAULT_SCORING, rules: presetRules('rf_grid', scoreLevels(DEFAULT_SCORING)),
      nameOf: (r) => r.key ?? '', othersName: 'others', tiers: DEFAULT_TIERS, asOf: FIXTURE_AS_OF,
    });
    await db.query(q.sql, q.params);
    segments = q.segments;
  });
  afterAll(() => db.close());

  it('summarises every segment in order, empty ones included', async () => {
    const q = segmentSummarySql(segments);
    const rows = await db.query(q.sql, q.params);
    expect(rows.map((r) => [r.segment, r.customers])).toEqual([
      ['champions', 1], ['loyal', 3], ['potential_loyalists', 0], ['new_customers', 1], ['promising', 0], ['need_attention', 0],
      ['about_to_sleep', 1], ['cant_lose', 0], ['at_risk', 0], ['hibernating', 4], ['others', 0],
    ]);
    // Loyal: C, G, I — revenue 50 + 275 + 120 = 445 over 3 + 4 + 2 = 9 orders; medians of (10, 1, 20), (3, 4, 2), (50, 275, 120).
    expect(rows[1]).toEqual({
      segment_key: 'loyal', segment: 'loyal', customers: 3, customer_share: 0.3, revenue: 445, revenue_share: 445 / 705,
      average_order_value: 445 / 9, median_recency_days: 10, median_frequency: 3, median_monetary: 120,
    });
    // Hibernating: D, F, H, J — revenue −5 + 40 + 10 + 5 = 50 over 4 orders; median days (59, 60, 91, 304) → 75.5.
    expect(rows[9]).toMatchObject({ customers: 4, revenue: 50, average_order_value: 12.5, median_recency_days: 75.5, median_frequency: 1, median_monetary: 7.5 });
    expect(rows[2]).toMatchObject({ customers: 0, customer_share: 0, revenue: 0, revenue_share: 0, average_order_value: null });
  });

  it('counts customers and mean monetary per R × F cell', async () => {
    expect(await db.query(heatmapSql())).toEqual([
      { r_score: 1, f_score: 1, customers: 2, revenue: 0, mean_monetary: 0 },
      { r_score: 2, f_score: 1, customers: 2, revenue: 50, mean_monetary: 25 },
      { r_score: 3, f_score: 1, customers: 1, revenue: 40, mean_monetary: 40 },
      { r_score: 3, f_score: 4, customers: 1, revenue: 120, mean_monetary: 120 },
      { r_score: 3, f_score: 5, customers: 1, revenue: 50, mean_monetary: 50 },
      { r_score: 4, f_score: 5, customers: 1, revenue: 275, mean_monetary: 275 },
      { r_score: 5, f_score: 1, customers: 1, revenue: 20, mean_monetary: 20 },
      { r_score: 5, f_score: 4, customers: 1, revenue: 150, mean_monetary: 150 },
    ]);
  });

  it('shows the value range and customers of every score, and which scores are empty', async () => {
    const ranges = await db.query<ScoreRange & Record<string, unknown>>(scoreRangesSql(scoreLevels(DEFAULT_SCORING)));
    expect(ranges.filter((r) => r.measure === 'f')).toEqual([
      { measure: 'f', score: 1, customers: 6, min_value: 1, max_value: 1 },
      { measure: 'f', score: 2, customers: 0, min_value: null, max_value: null },
      { measure: 'f', score: 3, customers: 0, min_value: null, max_value: null },
      { measure: 'f', score: 4, customers: 2, min_value: 2, max_value: 2 },
      { measure: 'f', score: 5, customers: 2, min_value: 3, max_value: 4 },
    ]);
    expect(ranges.filter((r) => r.measure === 'r').map((r) => [r.score, r.customers, r.min_value, r.max_value])).toEqual([
      [1, 2, 91, 304], [2, 2, 59, 60], [3, 3, 10, 20], [4, 1, 1, 1], [5, 2, 0, 0],
    ]);
    expect(emptyScores(ranges)).toEqual({ r: [], f: [2, 3], m: [] });
  });

  it('gives the split values and the number of one-time buyers', async () => {
    expect(await db.query(splitValuesSql())).toEqual([
      { mean_r: 55.5, median_r: 15, mean_f: 1.7, median_f: 1, mean_m: 70.5, median_m: 40, customers: 10, one_time_buyers: 6 },
    ]);
  });

  it('bins recency, frequency and monetary for the histograms', async () => {
    const rows = await db.query<{ measure: string; bin_start: number; bin_end: number; customers: number; open_ended: boolean }>(distributionSql(20));
    const f = rows.filter((r) => r.measure === 'f');
    // Whole orders 1 … 4 (the 99th percentile is 4): one bar per count.
    expect(f.map((r) => [r.bin_start, r.bin_end, r.customers])).toEqual([[1, 2, 6], [2, 3, 2], [3, 4, 1], [4, 5, 1]]);
    for (const m of ['r', 'f', 'm']) expect(rows.filter((r) => r.measure === m).reduce((s, r) => s + r.customers, 0), m).toBe(10);
    const r = rows.filter((x) => x.measure === 'r');
    // Days 0 … 304 (99th percentile 304): bars of ⌈305 / 20⌉ = 16 days; 0, 0, 1, 10, 10 in [0, 16), 91 in [80, 96), 304 last.
    expect(r.map((x) => [x.bin_start, x.customers])).toEqual([[0, 5], [16, 1], [48, 2], [80, 1], [304, 1]]);
  });
});
