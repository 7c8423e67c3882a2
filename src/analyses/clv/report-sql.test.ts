import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../../test/helpers/node-db';
import { clvBySegmentSql, clvDistributionSql, clvTotalsSql, rfmStalenessSql, rfmTableExistsSql, topCustomersSource } from './report-sql';

// 100 customers with CLV 1 … 99 and one of 1,000 (far above the 99th percentile), one without a CLV (q ≤ 1 case).
const CUSTOMERS = `CREATE OR REPLACE TABLE clv_customers AS
SELECT printf('c%03d', i) AS customer_id, 1 AS frequency, 1.0 AS recency, 2.0 AS T, 10.0 AS monetary_value,
  CASE WHEN i = 100 THEN 1000.0 WHEN i = 101 THEN NULL ELSE i END AS clv,
  i / 200 AS p_alive, 0.5 AS expected_purchases, 12.0 AS expected_avg_value, 20.0 AS revenue
FROM range(1, 102) r(i)`;

describe('CLV report SQL', () => {
  let db: NodeDb;
  beforeAll(async () => {
    db = await NodeDb.create();
    await db.exec(CUSTOMERS);
  });
  afterAll(() => db.close());

  it('totals CLV and counts customers without one', async () => {
    const [t] = await db.query(clvTotalsSql());
    expect(t).toMatchObject({ customers: 101, total_clv: 4950 + 1000, median_clv: 50.5, without_clv: 1, expected_purchases: 50.5 });
  });

  it('bins CLV up to the 99th percentile and clips the rest into the last bin', async () => {
    const rows = await db.query<{ bin_start: number; bin_end: number; customers: number; clipped: number }>(clvDistributionSql(), [10]);
    expect(rows).toHaveLength(10);
    expect(rows[0].bin_start).toBe(0);
    const p99 = 99 + 0.01 * (1000 - 99);
    expect(rows[9].bin_end).toBeCloseTo(p99, 9);
    expect(rows.reduce((s, r) => s + r.customers, 0)).toBe(100);
    expect(rows[9].clipped).toBe(1);
    // 1 … 10 are below 10.9 (the first bin's end), 11 … 21 in the second.
    expect(rows[0].customers).toBe(10);
  });

  it('reads RFM segments when rfm_customers exists, and tells a table built for another as-of date', async () => {
    expect(await db.query(rfmTableExistsSql())).toEqual([{ n: 0 }]);
    await db.exec(`CREATE TABLE rfm_customers AS
      SELECT customer_id, CASE WHEN clv > 50 THEN 'High' ELSE 'Low' END AS segment,
        CASE WHEN clv > 50 THEN 0 ELSE 1 END AS segment_order, 3 AS recency_days, DATE '2024-06-27' AS last_order_date
      FROM clv_customers`);
    expect(await db.query(rfmTableExistsSql())).toEqual([{ n: 1 }]);
    expect(await db.query(rfmStalenessSql(), ['2024-06-30'])).toEqual([{ n: 101, stale: 0 }]);
    expect(await db.query(rfmStalenessSql(), ['2024-07-01'])).toEqual([{ n: 101, stale: 101 }]);
    const rows = await db.query(clvBySegmentSql());
    expect(rows.map((r) => [r.segment, r.customers, r.total_clv])).toEqual([
      ['High', 50, 51 + 52 + 53 + 54 + 55 + 56 + 57 + 58 + 59 + 60 + 61 + 62 + 63 + 64 + 65 + 66 + 67 + 68 + 69 + 70 + 71 + 72 + 73 + 74 + 75 + 76 + 77 + 78 + 79 + 80 + 81 + 82 + 83 + 84 + 85 + 86 + 87 + 88 + 89 + 90 + 91 + 92 + 93 + 94 + 95 + 96 + 97 + 98 + 99 + 1000],
      ['Low', 51, (50 * 51) / 2],
    ]);
    const [top] = await db.query(`SELECT * FROM ${topCustomersSource(true)} ORDER BY clv DESC NULLS LAST LIMIT 1`);
    expect(top).toMatchObject({ customer_id: 'c100', segment: 'High', clv: 1000 });
  });
});
