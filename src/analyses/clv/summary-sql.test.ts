import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../../test/helpers/node-db';
import { fileOf } from '../../../test/helpers/files';
import { CDNOW_AS_OF, cdnowDb, readCdnowFixture } from '../../../test/helpers/cdnow';
import { Dataset } from '../../ingest/loader';
import { buildSummarySql, frequencyGroupsSql, holdoutSpanSql, spendGroupsSql, summaryFactsSql, summarySql } from './summary-sql';

// Worked by hand, as of 2024-01-31:
// a: 01-10 (10 + 5 on two lines: one transaction of 15), 01-20 (20), 01-31 (30, on the as-of date: counts)
//    → x 2, t_x 21 days, T 21 days, m (20 + 30) / 2 = 25; after the as-of date 02-10 and twice 02-15 → x* 2.
// b: 01-03 only → x 0, t_x 0, T 28 days, m 0 (no repeat transaction).
// c: 01-05 (40), 01-12 (−10: a return alone, no purchase), 01-19 (12 − 2 = 10) → x 1, t_x 14, T 26, m 10;
//    revenue to date 40 − 10 + 10 = 40 (returns included).
// d: first purchase after the as-of date → not a calibration customer.
// f: a return alone up to the as-of date → no purchase, not a calibration customer.
// e: 01-31, value 0 → x 0, t_x 0, T 0.
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
`;

describe('CLV summary conventions (hand-worked)', () => {
  let db: NodeDb;
  beforeAll(async () => {
    db = await NodeDb.create();
    await new Dataset(db).add(fileOf('shop.csv', CSV));
  });
  afterAll(() => db.close());

  it('merges same-day purchases, counts the as-of date, leaves out returns-only days and gives x = 0 customers m = 0', async () => {
    const rows = await db.query(summarySql(), ['2024-01-31', 7]);
    expect(rows).toEqual([
      { customer_id: 'a', x: 2, tx_days: 21, T_days: 21, t_x: 3, T: 3, m: 25, revenue: 65, first_day: '2024-01-10', last_day: '2024-01-31', x_star: 2 },
      { customer_id: 'b', x: 0, tx_days: 0, T_days: 28, t_x: 0, T: 4, m: 0, revenue: 50, first_day: '2024-01-03', last_day: '2024-01-03', x_star: 0 },
      { customer_id: 'c', x: 1, tx_days: 14, T_days: 26, t_x: 2, T: 26 / 7, m: 10, revenue: 40, first_day: '2024-01-05', last_day: '2024-01-19', x_star: 0 },
      { customer_id: 'e', x: 0, tx_days: 0, T_days: 0, t_x: 0, T: 0, m: 0, revenue: 0, first_day: '2024-01-31', last_day: '2024-01-31', x_star: 0 },
    ]);
  });

  it('measures in days when asked', async () => {
    const rows = await db.query<{ t_x: number; T: number }>(summarySql(), ['2024-01-31', 1]);
    expect(rows.map((r) => [r.t_x, r.T])).toEqual([
      [21, 21],
      [0, 28],
      [14, 26],
      [0, 0],
    ]);
  });

  it('groups identical triples and spend pairs, and states the facts', async () => {
    await db.query(buildSummarySql(), ['2024-01-31', 7]);
    expect(await db.query(frequencyGroupsSql())).toEqual([
      { x: 0, tx_days: 0, T_days: 0, n: 1 },
      { x: 0, tx_days: 0, T_days: 28, n: 1 },
      { x: 1, tx_days: 14, T_days: 26, n: 1 },
      { x: 2, tx_days: 21, T_days: 21, n: 1 },
    ]);
    expect(await db.query(spendGroupsSql())).toEqual([
      { x: 1, m: 10, n: 1 },
      { x: 2, m: 25, n: 1 },
    ]);
    const [facts] = await db.query(summaryFactsSql());
    expect(facts).toMatchObject({ customers: 4, repeat_buyers: 2, spend_customers: 2, holdout_purchases: 2, first_day: '2024-01-03' });
    expect(facts.spend_frequency_correlation).toBeCloseTo(1, 12);
  });

  it('measures the holdout from the as-of date to the last order date', async () => {
    expect(await db.query(holdoutSpanSql(), ['2024-01-31'])).toEqual([{ last_date: '2024-02-15', holdout_days: 15 }]);
    expect(await db.query(holdoutSpanSql(), ['2024-02-15'])).toEqual([{ last_date: '2024-02-15', holdout_days: 0 }]);
  });
});

/** BTYD numbers the customers in the order of the sample file (its dropped sample_id), not in id order. */
const BTYD_ORDER = 'SELECT customer_id FROM transactions GROUP BY customer_id ORDER BY min(row_number)';

describe('CLV summary of CDNOW as of 1997-09-30 in weeks', () => {
  let db: NodeDb;
  let rows: { customer_id: string; x: number; t_x: number; T: number; m: number; x_star: number }[];
  const cbs = readCdnowFixture('cdnowSummary_cbs.csv');
  beforeAll(async () => {
    db = await cdnowDb();
    const byId = new Map((await db.query<(typeof rows)[number]>(summarySql(), [CDNOW_AS_OF, 7])).map((r) => [r.customer_id, r]));
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
