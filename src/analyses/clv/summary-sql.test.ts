import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../../test/helpers/node-db';
import { fileOf } from '../../../test/helpers/files';
import { CDNOW_AS_OF, cdnowDb, readCdnowFixture } from '../../../test/helpers/cdnow';
import { Dataset } from '../../ingest/loader';
import { customerFacts } from '../../model/customer-facts';
import { QueryLayer } from '../../query/query-layer';
import { frequencyGroupsSql, holdoutSpanSql, spendGroupsSql, summaryFactsSql, summarySql, UNIT_DAYS } from './summary-sql';
import { clvSummary } from './tables';

// Worked by hand, as of 2024-01-31 (no order ids: an order is a customer's lines with the same timestamp):
// a: 01-10 (10 + 5 on two lines: one order of 15), 01-20 (20), 01-31 (30, on the as-of date: counts)
//    → x 2, t_x 21 days, T 21 days, m (20 + 30) / 2 = 25; after the as-of date 02-10 and 02-15 (8 + 9) → x* 2.
// b: 01-03 only → x 0, t_x 0, T 28 days, m 0 (no repeat purchase).
// c: 01-05 (40), 01-12 (−10: a return, no purchase day), 01-19 (12 − 2 = 10: one order, a purchase)
//    → x 1, t_x 14, T 26, m 10; revenue to date 40 − 10 + 10 = 40 (returns included).
// d: first purchase after the as-of date → not a calibration customer.
// e: 01-31, an order adding up to 0 → no purchase, not a customer (the old rule, days of value ≥ 0, counted it).
// f: a return alone up to the as-of date → no purchase, not a calibration customer.
// g: 01-10 10:00 (30), 01-15 09:00 (20) and 10:00 (5): two purchase orders on one day, one purchase day of 25;
//    01-15 11:00 (−15) a return on the same day, which has no part in the day's value → x 1, t_x 5, T 21, m 25
//    (the old rule netted the day to 10); revenue 30 + 20 + 5 − 15 = 40.
const CSV = `customer_id,order_date,amount
a,2024-01-10,10
a,2024-01-10,5
a,2024-01-20,20
a,2024-01-31,30
a,2024-02-10,7
a,2024-02-15,8
a,2024-02-15,9
b,2024-01-03,50
c,2024-01-05,40
c,2024-01-12,-10
c,2024-01-19,12
c,2024-01-19,-2
d,2024-02-05,60
e,2024-01-31,0
f,2024-01-15,-5
f,2024-02-01,9
g,2024-01-10 10:00,30
g,2024-01-15 09:00,20
g,2024-01-15 10:00,5
g,2024-01-15 11:00,-15
`;

describe('CLV summary conventions (hand-worked)', () => {
  let db: NodeDb;
  let layer: QueryLayer;
  const summary = (unit: 'weeks' | 'days') => layer.query({ sql: summarySql(), params: ['2024-01-31', UNIT_DAYS[unit]], tables: [customerFacts('2024-01-31')] });
  beforeAll(async () => {
    db = await NodeDb.create();
    await new Dataset(db).add(fileOf('shop.csv', CSV));
    layer = new QueryLayer(db);
  });
  afterAll(() => db.close());

  it('counts purchase days, the as-of date included, sums a day\'s purchases without its returns, gives x = 0 customers m = 0', async () => {
    expect(await summary('weeks')).toEqual([
      { customer_id: 'a', x: 2, tx_days: 21, T_days: 21, t_x: 3, T: 3, m: 25, revenue: 65, first_day: '2024-01-10', last_day: '2024-01-31', x_star: 2 },
      { customer_id: 'b', x: 0, tx_days: 0, T_days: 28, t_x: 0, T: 4, m: 0, revenue: 50, first_day: '2024-01-03', last_day: '2024-01-03', x_star: 0 },
      { customer_id: 'c', x: 1, tx_days: 14, T_days: 26, t_x: 2, T: 26 / 7, m: 10, revenue: 40, first_day: '2024-01-05', last_day: '2024-01-19', x_star: 0 },
      { customer_id: 'g', x: 1, tx_days: 5, T_days: 21, t_x: 5 / 7, T: 3, m: 25, revenue: 40, first_day: '2024-01-10', last_day: '2024-01-15', x_star: 0 },
    ]);
  });

  it('measures in days when asked', async () => {
    const rows = (await summary('days')) as { t_x: number; T: number }[];
    expect(rows.map((r) => [r.t_x, r.T])).toEqual([
      [21, 21],
      [0, 28],
      [14, 26],
      [5, 21],
    ]);
  });

  it('groups identical triples and spend pairs, and states the facts', async () => {
    const read = (sql: string) => layer.query({ sql, tables: [clvSummary('2024-01-31', 'weeks')] });
    expect(await read(frequencyGroupsSql())).toEqual([
      { x: 0, tx_days: 0, T_days: 28, n: 1 },
      { x: 1, tx_days: 5, T_days: 21, n: 1 },
      { x: 1, tx_days: 14, T_days: 26, n: 1 },
      { x: 2, tx_days: 21, T_days: 21, n: 1 },
    ]);
    expect(await read(spendGroupsSql())).toEqual([
      { x: 1, m: 10, n: 1 },
      { x: 1, m: 25, n: 1 },
      { x: 2, m: 25, n: 1 },
    ]);
    const [facts] = await read(summaryFactsSql());
    expect(facts).toMatchObject({ customers: 4, repeat_buyers: 3, spend_customers: 3, holdout_purchases: 2, first_day: '2024-01-03' });
    // m (10, 25, 25) against x (1, 1, 2): means 20 and 4/3; Σ dm·dx = (−10)(−1/3) + 5(−1/3) + 5(2/3) = 5;
    // Σ dm² = 100 + 25 + 25 = 150, Σ dx² = 1/9 + 1/9 + 4/9 = 2/3 → r = 5 / √(150 · 2/3) = 0.5.
    expect(facts.spend_frequency_correlation).toBeCloseTo(0.5, 12);
  });

  it('measures the holdout from the as-of date to the last order date', async () => {
    expect(await db.query(holdoutSpanSql(), ['2024-01-31'])).toEqual([{ last_date: '2024-02-15', holdout_days: 15 }]);
    expect(await db.query(holdoutSpanSql(), ['2024-02-15'])).toEqual([{ last_date: '2024-02-15', holdout_days: 0 }]);
  });
});

/**
 * BTYD numbers the customers in the order of the sample file (its dropped sample_id), not in id order. Eight
 * customers' only order is one CD at $0.00: a purchase of free goods (see `orders`), so all 2,357 are customers.
 */
const BTYD_ORDER = 'SELECT customer_id FROM transactions GROUP BY customer_id ORDER BY min(row_number)';

describe('CLV summary of CDNOW as of 1997-09-30 in weeks', () => {
  let db: NodeDb;
  let rows: { customer_id: string; x: number; t_x: number; T: number; m: number; x_star: number }[];
  const cbs = readCdnowFixture('cdnowSummary_cbs.csv');
  beforeAll(async () => {
    db = await cdnowDb();
    const layer = new QueryLayer(db);
    const summary = await layer.query<(typeof rows)[number]>({ sql: summarySql(), params: [CDNOW_AS_OF, 7], tables: [customerFacts(CDNOW_AS_OF)] });
    const byId = new Map(summary.map((r) => [r.customer_id, r]));
    rows = (await db.query<{ customer_id: string }>(BTYD_ORDER)).map((r) => byId.get(r.customer_id)!);
  });
  afterAll(() => db.close());

  it('equals the BTYD summary exactly', () => {
    expect(rows).toHaveLength(2357);
    expect(rows[0].customer_id).toBe('00004');
    rows.forEach((r, i) => {
      const c = cbs[i];
      expect(c.id).toBe(i + 1);
      expect([r.x, r.t_x, r.T], `customer ${r.customer_id}`).toEqual([c.x, c.t_x, c.T_cal]);
    });
  });

  it('has the mean repeat transaction value m_x of BTYD', () => {
    let worst = 0;
    rows.forEach((r, i) => {
      const expected = cbs[i].m_x;
      worst = Math.max(worst, expected === 0 ? Math.abs(r.m) : Math.abs(r.m / expected - 1));
    });
    // The last binary digit may differ: R sums the doubles, we divide the exact decimal sum.
    expect(worst).toBeLessThan(1e-14);
  });

  it('counts the 1,882 repeat transactions of the holdout (weeks 40–78) per customer', () => {
    expect(rows.reduce((s, r) => s + r.x_star, 0)).toBe(1882);
    rows.forEach((r, i) => expect(r.x_star).toBe(cbs[i].x_star));
  });
});
