import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../../test/helpers/node-db';
import { clvBySegmentSql, clvDistributionSql, clvTotalsSql, gridBoundsSql, topCustomersSource } from './report-sql';

// 100 customers with CLV 1 … 99 and one of 1,000 (far above the 99th percentile) at a 100 % margin, one without a
// CLV (q ≤ 1 case). The queries take the margin as `$1`: at 50 % every CLV halves.
const CUSTOMERS = `CREATE OR REPLACE TABLE clv_customers AS
SELECT printf('c%03d', i) AS customer_id, 1 AS frequency, 1.0 AS recency, 2.0 AS T, 10.0 AS monetary_value,
  CAST(CASE WHEN i = 100 THEN 1000 WHEN i = 101 THEN NULL ELSE i END AS DOUBLE) AS clv_full_margin,
  i / 200 AS p_alive, 0.5 AS expected_purchases, 12.0 AS expected_avg_value, 20.0 AS revenue
FROM range(1, 102) r(i)`;

describe('CLV report SQL', () => {
  let db: NodeDb;
  beforeAll(async () => {
    db = await NodeDb.create();
    await db.exec(CUSTOMERS);
  });
  afterAll(() => db.close());

  it('totals CLV at the margin and counts customers without one', async () => {
    const [t] = await db.query(clvTotalsSql(), [1]);
    expect(t).toMatchObject({ customers: 101, total_clv: 4950 + 1000, median_clv: 50.5, without_clv: 1, expected_purchases: 50.5 });
    const [half] = await db.query(clvTotalsSql(), [0.5]);
    expect(half).toMatchObject({ total_clv: (4950 + 1000) / 2, median_clv: 50.5 / 2, expected_purchases: 50.5 });
  });

  it('bins CLV up to the 99th percentile and clips the rest into the last bin', async () => {
    const rows = await db.query<{ bin_start: number; bin_end: number; customers: number; clipped: number }>(clvDistributionSql(), [1, 10]);
    expect(rows).toHaveLength(10);
    expect(rows[0].bin_start).toBe(0);
    const p99 = 99 + 0.01 * (1000 - 99);
    expect(rows[9].bin_end).toBeCloseTo(p99, 9);
    expect(rows.reduce((s, r) => s + r.customers, 0)).toBe(100);
    expect(rows[9].clipped).toBe(1);
    // 1 … 10 are below 10.9 (the first bin's end), 11 … 21 in the second.
    expect(rows[0].customers).toBe(10);
    // At a 10 % margin the bins shrink tenfold and hold the same customers.
    const tenth = await db.query<{ bin_end: number; customers: number }>(clvDistributionSql(), [0.1, 10]);
    expect(tenth[9].bin_end).toBeCloseTo(p99 / 10, 9);
    expect(tenth.map((r) => r.customers)).toEqual(rows.map((r) => r.customers));
  });

  it('joins the RFM segments of rfm_customers by key', async () => {
    await db.exec(`CREATE TABLE rfm_customers AS
      SELECT customer_id, CASE WHEN clv_full_margin > 50 THEN 'high' ELSE 'low' END AS segment_key,
        CASE WHEN clv_full_margin > 50 THEN 0 ELSE 1 END AS segment_order
      FROM clv_customers`);
    const rows = await db.query(clvBySegmentSql(), [1]);
    expect(rows.map((r) => [r.segment_key, r.customers, r.total_clv])).toEqual([
      ['high', 50, 4950 - 1275 + 1000], // 51 … 99 and 1,000
      ['low', 51, 1275], // 1 … 50 and the customer without a CLV
    ]);
    const [top] = await db.query(`SELECT * FROM ${topCustomersSource(true)} ORDER BY clv DESC NULLS LAST LIMIT 1`, [0.5]);
    expect(top).toMatchObject({ customer_id: 'c100', segment_key: 'high', clv: 500 });
    const [plain] = await db.query(`SELECT * FROM ${topCustomersSource(false)} ORDER BY clv DESC NULLS LAST LIMIT 1`, [1]);
    expect(plain).toMatchObject({ customer_id: 'c100', clv: 1000 });
    expect(plain).not.toHaveProperty('segment_key');
  });
});

describe('grid bounds', () => {
  it('span frequencies 0 … p99 within 5 … 30 and the longest observation', async () => {
    const db = await NodeDb.create();
    await db.exec(`CREATE TABLE clv_summary AS SELECT i % 3 AS x, i AS T_days FROM range(0, 50) r(i)`);
    expect(await db.query(gridBoundsSql())).toEqual([{ max_x: 5, max_T_days: 49 }]);
    await db.exec(`CREATE OR REPLACE TABLE clv_summary AS SELECT i AS x, 100 AS T_days FROM range(0, 1000) r(i)`);
    expect(await db.query(gridBoundsSql())).toEqual([{ max_x: 30, max_T_days: 100 }]);
    await db.exec(`CREATE OR REPLACE TABLE clv_summary AS SELECT i % 13 AS x, 100 AS T_days FROM range(0, 1000) r(i)`);
    expect(await db.query(gridBoundsSql())).toEqual([{ max_x: 12, max_T_days: 100 }]);
    db.close();
  });
});
