import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../../test/helpers/node-db';
import type { QueryLayer } from '../../query/query-layer';
import { cohortExportRequest, triangleRequest, type CohortOptions } from './cohort-sql';
import type { CohortFilter } from './scope';
import { createTransactions, MONTHLY, MONTHLY_AS_OF, type FixtureLine } from './test-fixtures';

// W1 buys on Thu 2020-12-31 (ISO week 2020-W53, Monday 2020-12-28) and Mon 2021-01-04 (2021-W01); W2 on Sun
// 2021-01-03 (still 2020-W53) and 2021-01-12 (2021-W02); W3 once on Sun 2021-01-10 (2021-W01). As of 2021-01-12.
const WEEKLY: FixtureLine[] = [
  { c: 'w1', o: '1', ts: '2020-12-31 10:00:00', amount: 5 },
  { c: 'w1', o: '2', ts: '2021-01-04 10:00:00', amount: 7 },
  { c: 'w2', o: '3', ts: '2021-01-03 10:00:00', amount: 3 },
  { c: 'w2', o: '4', ts: '2021-01-12 10:00:00', amount: 4 },
  { c: 'w3', o: '5', ts: '2021-01-10 10:00:00', amount: 9 },
];

// One cohort of two: p 0.20 and q 0.09 in January (0.29 / 2 = 0.145), q 0.01 in February, p returns 0.59 in March
// (a return: March's revenue, but nobody is active in March).
const ROUNDING: FixtureLine[] = [
  { c: 'p', o: '1', ts: '2024-01-02 10:00:00', amount: 0.2 },
  { c: 'q', o: '2', ts: '2024-01-03 10:00:00', amount: 0.09 },
  { c: 'q', o: '3', ts: '2024-02-03 10:00:00', amount: 0.01 },
  { c: 'p', o: '4', ts: '2024-03-03 10:00:00', amount: -0.59 },
];

describe('cohort triangle SQL', () => {
  let db: NodeDb;
  let layer: QueryLayer;
  beforeAll(async () => {
    db = await NodeDb.create();
  });
  afterAll(() => db.close());
  const load = async (lines: FixtureLine[]) => {
    layer = await createTransactions(db, lines);
  };

  const csv = async (options: CohortOptions, asOf: string) =>
    new TextDecoder().decode(await layer.exportCsv(cohortExportRequest(asOf, options))).trim().split('\n');
  const month = (filter: CohortFilter = {}): CohortOptions => ({ granularity: 'month', filter });

  it('includes zero cells up to the as-of period, for gaps and for a cohort of one', async () => {
    await load(MONTHLY);
    const rows = await layer.query(triangleRequest(MONTHLY_AS_OF, month()));
    const pick = (r: Record<string, unknown>) =>
      [r.cohort, r.period, r.period_label, r.partial, r.cohort_size, r.customers, r.customers_or_later, r.revenue, r.cumulative_revenue];
    expect(rows.map(pick)).toEqual([
      ['2024-01', 0, '2024-01', false, 3, 3, 3, 25.5, 25.5],
      ['2024-01', 1, '2024-02', false, 3, 1, 2, 2.5, 28],
      ['2024-01', 2, '2024-03', false, 3, 1, 1, 20, 48],
      ['2024-01', 3, '2024-04', true, 3, 0, 0, 0, 48],
      ['2024-02', 0, '2024-02', false, 1, 1, 1, 100, 100],
      ['2024-02', 1, '2024-03', false, 1, 0, 0, 0, 100],
      ['2024-02', 2, '2024-04', true, 1, 0, 0, 0, 100],
      ['2024-03', 0, '2024-03', false, 2, 2, 2, 38, 38],
      ['2024-03', 1, '2024-04', true, 2, 1, 1, 12, 50],
    ]);
    expect(rows[1]).toMatchObject({ cohort_start: '2024-01-01', period_start: '2024-02-01', retention: 1 / 3, retention_or_later: 2 / 3 });
    expect(rows[8]).toMatchObject({ revenue_per_customer: 6, cumulative_revenue_per_customer: 25 });
  });

  it('exports cohorts.csv in the contract’s columns: revenue to 2 decimals, ratios in full precision', async () => {
    await load(MONTHLY);
    expect(await csv(month(), MONTHLY_AS_OF)).toEqual([
      'cohort,period,cohort_size,customers,retention,revenue,cumulative_revenue_per_customer',
      '2024-01,0,3,3,1.0,25.50,8.5',
      '2024-01,1,3,1,0.3333333333333333,2.50,9.333333333333334',
      '2024-01,2,3,1,0.3333333333333333,20.00,16.0',
      '2024-01,3,3,0,0.0,0.00,16.0',
      '2024-02,0,1,1,1.0,100.00,100.0',
      '2024-02,1,1,0,0.0,0.00,100.0',
      '2024-02,2,1,0,0.0,0.00,100.0',
      '2024-03,0,2,2,1.0,38.00,19.0',
      '2024-03,1,2,1,0.5,12.00,25.0',
    ]);
  });

  it('moves the last observable period with the as-of date', async () => {
    await load(MONTHLY);
    const lines = await csv(month(), '2024-04-16');
    expect(lines.at(-1)).toBe('2024-03,1,2,1,0.5,111.00,74.5');
    expect((await csv(month(), '2024-03-31')).slice(1)).toEqual([
      '2024-01,0,3,3,1.0,25.50,8.5',
      '2024-01,1,3,1,0.3333333333333333,2.50,9.333333333333334',
      '2024-01,2,3,1,0.3333333333333333,20.00,16.0',
      '2024-02,0,1,1,1.0,100.00,100.0',
      '2024-02,1,1,0,0.0,0.00,100.0',
      '2024-03,0,2,2,1.0,38.00,19.0',
    ]);
  });

  it('labels ISO weeks across a year boundary and counts weeks from Monday', async () => {
    await load(WEEKLY);
    expect(await csv({ granularity: 'week', filter: {} }, '2021-01-12')).toEqual([
      'cohort,period,cohort_size,customers,retention,revenue,cumulative_revenue_per_customer',
      '2020-W53,0,2,2,1.0,8.00,4.0',
      '2020-W53,1,2,1,0.5,7.00,7.5',
      '2020-W53,2,2,1,0.5,4.00,9.5',
      '2021-W01,0,1,1,1.0,9.00,9.0',
      '2021-W01,1,1,0,0.0,0.00,9.0',
    ]);
    const rows = await layer.query(triangleRequest('2021-01-12', { granularity: 'week', filter: {} }));
    expect(rows.map((r) => [r.cohort_start, r.period_start, r.period_label, r.customers_or_later])).toEqual([
      ['2020-12-28', '2020-12-28', '2020-W53', 2],
      ['2020-12-28', '2021-01-04', '2021-W01', 2],
      ['2020-12-28', '2021-01-11', '2021-W02', 1],
      ['2021-01-04', '2021-01-04', '2021-W01', 1],
      ['2021-01-04', '2021-01-11', '2021-W02', 0],
    ]);
  });

  it('labels quarters YYYY-Qn', async () => {
    await load(WEEKLY);
    expect((await csv({ granularity: 'quarter', filter: {} }, '2021-01-12')).slice(1)).toEqual([
      '2020-Q4,0,1,1,1.0,5.00,5.0',
      '2020-Q4,1,1,1,1.0,7.00,12.0',
      '2021-Q1,0,2,2,1.0,16.00,8.0',
    ]);
  });

  it('counts "in period k or later" as customers whose last active period is k or later', async () => {
    await load(MONTHLY);
    const rows = await layer.query(triangleRequest(MONTHLY_AS_OF, month()));
    // a is active in 0 and 2 (last 2), b in 0 and 1 (last 1), f in 0 only: 3, 2, 1, 0; bounded 3, 1, 1, 0.
    expect(rows.filter((r) => r.cohort === '2024-01').map((r) => [r.customers, r.customers_or_later, r.retention_or_later]))
      .toEqual([[3, 3, 1], [1, 2, 2 / 3], [1, 1, 1 / 3], [0, 0, 0]]);
  });

  it('keeps revenue per customer unrounded (negative cumulative revenue included); a return makes nobody active', async () => {
    await load(ROUNDING);
    // Before the purchase definition, p's return made p active in March (1, 0.5); now March has no buyer.
    // Cumulative: 0.29, 0.30, 0.30 − 0.59 = −0.29; per customer ÷ 2.
    expect((await csv(month(), '2024-03-31')).slice(1)).toEqual([
      '2024-01,0,2,2,1.0,0.29,0.145',
      '2024-01,1,2,1,0.5,0.01,0.15',
      '2024-01,2,2,0,0.0,-0.59,-0.145',
    ]);
    // p's last purchase is in January, q's in February: 2, 1, 0 "in period k or later".
    const rows = await layer.query(triangleRequest('2024-03-31', month()));
    expect(rows.map((r) => r.customers_or_later)).toEqual([2, 1, 0]);
  });

  it('filters cohorts by the values of their first purchase order; later orders count whatever their values', async () => {
    await load(MONTHLY);
    expect((await csv(month({ channel: 'App' }), MONTHLY_AS_OF)).slice(1)).toEqual([
      '2024-01,0,1,1,1.0,7.50,7.5',
      '2024-01,1,1,1,1.0,2.50,10.0',
      '2024-01,2,1,0,0.0,0.00,10.0',
      '2024-01,3,1,0,0.0,0.00,10.0',
      '2024-03,0,1,1,1.0,30.00,30.0',
      '2024-03,1,1,1,1.0,12.00,42.0',
    ]);
    // Channel Web on the first purchase order and a line of category Home in it: a (a1 has a Home line) and e;
    // f's first order (Web) has only Books.
    expect((await csv(month({ channel: 'Web', region: null, category: 'Home' }), MONTHLY_AS_OF)).slice(1)).toEqual([
      '2024-01,0,1,1,1.0,15.00,15.0',
      '2024-01,1,1,0,0.0,0.00,15.0',
      '2024-01,2,1,1,1.0,20.00,35.0',
      '2024-01,3,1,0,0.0,0.00,35.0',
      '2024-03,0,1,1,1.0,8.00,8.0',
      '2024-03,1,1,0,0.0,0.00,8.0',
    ]);
  });

  it('returns no row when no purchase falls before the as-of date', async () => {
    await load(MONTHLY);
    expect(await layer.query(triangleRequest('2023-12-31', month()))).toEqual([]);
  });
});
