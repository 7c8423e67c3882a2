import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../../test/helpers/node-db';
import { fileOf } from '../../../test/helpers/files';
import { Dataset } from '../../ingest/loader';
import { historicalClvSql } from './historical-sql';
import { customerFactsSql } from '../../model/customer-facts';
import { buildSummarySql } from './summary-sql';

// As of 2024-12-31:
// a: 2024-01-01 (100), 2024-07-01 (100)        revenue 200, lifetime 182 days, observed 366 days
// b: 2024-07-02 (50)                            revenue  50, lifetime   0 days, observed 183 days
// c: 2022-01-01 (300), 2024-01-01 (300 − 50)    revenue 550, lifetime 730 days, observed 1096 days
//    (no order ids: the two lines of 2024-01-01 are one order of 250, a purchase)
const CSV = `customer_id,order_date,amount
a,2024-01-01,100
a,2024-07-01,100
b,2024-07-02,50
c,2022-01-01,300
c,2024-01-01,300
c,2024-01-01,-50
`;
const Y = 365.25;

/** Σ_{y=1..⌊L⌋} v^y + (L − ⌊L⌋)·v^(⌊L⌋+1), v = 1/(1+D), summed term by term. */
function discountedYears(L: number, D: number): number {
  let sum = 0;
  for (let y = 1; y <= Math.floor(L); y++) sum += 1 / (1 + D) ** y;
  return sum + (L - Math.floor(L)) / (1 + D) ** (Math.floor(L) + 1);
}

describe('historical CLV', () => {
  let db: NodeDb;
  beforeAll(async () => {
    db = await NodeDb.create();
    await new Dataset(db).add(fileOf('shop.csv', CSV));
    await db.query(customerFactsSql(), ['2024-12-31']);
    await db.query(buildSummarySql(), ['2024-12-31', 7]);
  });
  afterAll(() => db.close());

  it('multiplies yearly revenue per customer by the average lifetime, with margin and yearly discount', async () => {
    const [all] = await db.query(historicalClvSql(false), ['2024-12-31', 0.4, 0.1]);
    const yearly = 800 / ((366 + 183 + 1096) / Y);
    const lifetime = (182 + 0 + 730) / Y / 3;
    expect(all.segment_key).toBeNull();
    expect(all.customers).toBe(3);
    expect(all.revenue).toBe(800);
    expect(all.revenue_per_customer).toBeCloseTo(800 / 3, 12);
    expect(all.yearly_revenue).toBeCloseTo(yearly, 10);
    expect(all.lifetime_years).toBeCloseTo(lifetime, 12);
    expect(all.simple_clv).toBeCloseTo(0.4 * yearly * lifetime, 10);
    expect(all.discounted_clv).toBeCloseTo(0.4 * yearly * discountedYears(lifetime, 0.1), 10);
  });

  it('sums whole discounted years and the remaining fraction when the lifetime exceeds a year', async () => {
    await db.exec(`CREATE OR REPLACE TABLE rfm_customers AS
      SELECT * FROM (VALUES ('a', 'loyal', 0), ('b', 'new', 1), ('c', 'loyal', 0)) v(customer_id, segment_key, segment_order)`);
    const rows = await db.query(historicalClvSql(true), ['2024-12-31', 1, 0.1]);
    expect(rows.map((r) => [r.segment_key, r.customers])).toEqual([
      [null, 3],
      ['loyal', 2],
      ['new', 1],
    ]);
    const loyal = rows[1];
    const yearly = 750 / ((366 + 1096) / Y);
    const lifetime = (182 + 730) / Y / 2;
    expect(lifetime).toBeGreaterThan(1);
    expect(loyal.discounted_clv).toBeCloseTo(yearly * discountedYears(lifetime, 0.1), 10);
    // Without discounting the two models agree; a one-time buyer has no lifetime yet.
    const [, , fresh] = await db.query(historicalClvSql(true), ['2024-12-31', 1, 0]);
    expect(fresh.simple_clv).toBe(0);
    const [total] = await db.query(historicalClvSql(true), ['2024-12-31', 1, 0]);
    expect(total.discounted_clv).toBeCloseTo(total.simple_clv as number, 10);
    await db.exec('DROP TABLE rfm_customers');
  });
});
