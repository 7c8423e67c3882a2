import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../../test/helpers/node-db';
import { createFixture, FIXTURE_AS_OF } from '../../../test/fixtures/rfm/transactions';
import { QueryLayer } from '../../query/query-layer';
import { rfmRequests, rfmExports, type RfmRequests } from './requests';
import { presetRules } from './presets';
import { emptyScores, type ScoreRange } from './thresholds';
import { DEFAULT_SCORING, DEFAULT_TIERS, scoreLevels } from './settings';

/*
 * RF grid on 5 scores over the fixture's 9 customers (D, a return only, is not one). Scores (R, F, M):
 * A 4,3,4 potential loyalist; B 4,1,2 promising; C 2,3,3 at risk; E 3,1,2 about to sleep; F 2,1,2, H 1,1,1 and
 * J 1,1,1 hibernating; G 4,5,5 loyal; I 3,3,4 need attention. Net money: 710 in all.
 */
describe('RFM summaries on the hand-worked fixture (RF grid, 5 scores)', () => {
  let db: NodeDb;
  let layer: QueryLayer;
  let r: RfmRequests;
  beforeAll(async () => {
    db = await NodeDb.create();
    await createFixture(db);
    layer = new QueryLayer(db);
    r = rfmRequests(FIXTURE_AS_OF, { scoring: DEFAULT_SCORING, rules: presetRules('rf_grid', scoreLevels(DEFAULT_SCORING)), tiers: DEFAULT_TIERS });
  });
  afterAll(() => db.close());

  it('summarises every segment in order, empty ones included', async () => {
    const rows = await layer.query(r.summary);
    expect(rows.map((x) => [x.segment_key, x.customers])).toEqual([
      ['champions', 0], ['loyal', 1], ['potential_loyalists', 1], ['new_customers', 0], ['promising', 1], ['need_attention', 1],
      ['about_to_sleep', 1], ['cant_lose', 0], ['at_risk', 1], ['hibernating', 3], ['others', 0],
    ]);
    // Loyal: G alone — 275 over 4 purchases.
    expect(rows[1]).toEqual({
      segment_key: 'loyal', segment_order: 1, customers: 1, customer_share: 1 / 9, revenue: 275, revenue_share: 275 / 710,
      average_order_value: 68.75, median_recency_days: 1, median_frequency: 4, median_monetary: 275,
    });
    // Hibernating: F, H, J — 40 + 10 + 5 = 55 over 3 purchases; median days (59, 60, 304) → 60, money (5, 10, 40) → 10.
    expect(rows[9]).toMatchObject({ customers: 3, revenue: 55, average_order_value: 55 / 3, median_recency_days: 60, median_frequency: 1, median_monetary: 10 });
    expect(rows[0]).toMatchObject({ customers: 0, customer_share: 0, revenue: 0, revenue_share: 0, average_order_value: null });
  });

  it('exports rfm_segments.csv with the names bound after the key', async () => {
    const names = r.segments.map((s) => `${s.key}!`);
    const text = new TextDecoder().decode(await layer.exportCsv(rfmExports(r, names).segments));
    const lines = text.trim().split('\n');
    expect(lines[0]).toBe('segment_key,segment,customers,customer_share,revenue,revenue_share,average_order_value,median_recency_days,median_frequency,median_monetary');
    expect(lines.map((l) => l.split(',').slice(0, 3).join(','))).toEqual([
      'segment_key,segment,customers', 'champions,champions!,0', 'loyal,loyal!,1', 'potential_loyalists,potential_loyalists!,1',
      'new_customers,new_customers!,0', 'promising,promising!,1', 'need_attention,need_attention!,1', 'about_to_sleep,about_to_sleep!,1',
      'cant_lose,cant_lose!,0', 'at_risk,at_risk!,1', 'hibernating,hibernating!,3', 'others,others!,0',
    ]);
  });

  it('counts customers and mean monetary per R × F cell', async () => {
    expect(await layer.query(r.heatmap)).toEqual([
      { r_score: 1, f_score: 1, customers: 2, revenue: 15, mean_monetary: 7.5 },
      { r_score: 2, f_score: 1, customers: 1, revenue: 40, mean_monetary: 40 },
      { r_score: 2, f_score: 3, customers: 1, revenue: 50, mean_monetary: 50 },
      { r_score: 3, f_score: 1, customers: 1, revenue: 40, mean_monetary: 40 },
      { r_score: 3, f_score: 3, customers: 1, revenue: 120, mean_monetary: 120 },
      { r_score: 4, f_score: 1, customers: 1, revenue: 20, mean_monetary: 20 },
      { r_score: 4, f_score: 3, customers: 1, revenue: 150, mean_monetary: 150 },
      { r_score: 4, f_score: 5, customers: 1, revenue: 275, mean_monetary: 275 },
    ]);
  });

  it('shows the value range and customers of every score, and which scores are empty', async () => {
    const ranges = await layer.query<ScoreRange & Record<string, unknown>>(r.ranges);
    expect(ranges.filter((x) => x.measure === 'f')).toEqual([
      { measure: 'f', score: 1, customers: 5, min_value: 1, max_value: 1 },
      { measure: 'f', score: 2, customers: 0, min_value: null, max_value: null },
      { measure: 'f', score: 3, customers: 3, min_value: 2, max_value: 2 },
      { measure: 'f', score: 4, customers: 0, min_value: null, max_value: null },
      { measure: 'f', score: 5, customers: 1, min_value: 4, max_value: 4 },
    ]);
    expect(ranges.filter((x) => x.measure === 'r').map((x) => [x.score, x.customers, x.min_value, x.max_value])).toEqual([
      [1, 2, 60, 304], [2, 2, 59, 59], [3, 2, 10, 20], [4, 3, 0, 1], [5, 0, null, null],
    ]);
    expect(emptyScores(ranges)).toEqual({ r: [5], f: [2, 4], m: [] });
  });

  it('gives the split values and the number of one-time buyers', async () => {
    // Sums: R 513, F 15, M 710 over 9 customers; medians are the 5th of the sorted values.
    const [split] = await layer.query(r.split);
    expect(split).toMatchObject({ mean_r: 57, median_r: 20, median_f: 1, median_m: 40, customers: 9, one_time_buyers: 5 });
    expect(split.mean_f).toBeCloseTo(15 / 9, 12);
    expect(split.mean_m).toBeCloseTo(710 / 9, 10);
  });

  it('bins recency, frequency and monetary for the histograms', async () => {
    const rows = await layer.query<{ measure: string; bin_start: number; bin_end: number; customers: number; open_ended: boolean }>(r.distribution);
    const f = rows.filter((x) => x.measure === 'f');
    // Whole purchases 1 … 4 (the 99th percentile is 4): one bar per count, none for 3.
    expect(f.map((x) => [x.bin_start, x.bin_end, x.customers])).toEqual([[1, 2, 5], [2, 3, 3], [4, 5, 1]]);
    for (const m of ['r', 'f', 'm']) expect(rows.filter((x) => x.measure === m).reduce((s, x) => s + x.customers, 0), m).toBe(9);
    const rec = rows.filter((x) => x.measure === 'r');
    // Days 0 … 304 (99th percentile 304): bars of ⌈305 / 20⌉ = 16 days; 0, 0, 1, 10 in [0, 16), 20 in [16, 32),
    // 59, 59, 60 in [48, 64), 304 in the last.
    expect(rec.map((x) => [x.bin_start, x.customers])).toEqual([[0, 4], [16, 1], [48, 3], [304, 1]]);
  });
});
