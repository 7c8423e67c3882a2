import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../../test/helpers/node-db';
import { acquisitionChannelsSql, cacParams, clvCacExportSql, clvCacSql, type CacInput } from './cac-sql';

// Four customers, worked out by hand below. c1's first purchase is two orders at the same time (channels Web and
// App: the smallest, App, acquires), after a return through Store (no purchase); c3's first purchase has no channel.
const SETUP = [
  `CREATE TABLE orders AS SELECT * FROM (VALUES
    ('c1', TIMESTAMP '2024-01-03 09:00:00', 'return', 'Store'),
    ('c1', TIMESTAMP '2024-01-05 10:00:00', 'purchase', 'Web'),
    ('c1', TIMESTAMP '2024-01-05 10:00:00', 'purchase', 'App'),
    ('c2', TIMESTAMP '2024-01-20 12:00:00', 'purchase', 'Web'),
    ('c2', TIMESTAMP '2024-03-01 12:00:00', 'purchase', 'Store'),
    ('c3', TIMESTAMP '2024-02-03 08:00:00', 'purchase', NULL),
    ('c4', TIMESTAMP '2024-02-10 18:30:00', 'purchase', 'Store')
  ) t(customer_id, order_ts, kind, channel)`,
  `CREATE TABLE customer_facts AS SELECT customer_id, min(order_ts) FILTER (WHERE kind = 'purchase') AS first_purchase_ts FROM orders GROUP BY ALL`,
  `CREATE TABLE clv_customers AS SELECT * FROM (VALUES
    ('c1', CAST(100 AS DECIMAL(18,2)), DATE '2024-01-05', 40.0),
    ('c2', CAST(50 AS DECIMAL(18,2)), DATE '2024-01-20', 10.0),
    ('c3', CAST(80 AS DECIMAL(18,2)), DATE '2024-02-03', 20.0),
    ('c4', CAST(20 AS DECIMAL(18,2)), DATE '2024-02-10', 30.0)
  ) t(customer_id, revenue, first_day, clv_full_margin)`,
];

interface Row {
  group_key: string | null;
  is_total: boolean;
  customers: number;
  value_to_date: number;
  predicted_clv: number;
  clv: number;
  cac: number | null;
  customers_with_cac: number;
  clv_cac_ratio: number | null;
}

describe('CLV : CAC SQL', () => {
  let db: NodeDb;
  beforeAll(async () => {
    db = await NodeDb.create();
    for (const sql of SETUP) await db.exec(sql);
  });
  afterAll(() => db.close());
  const run = (by: 'channel' | 'cohort', margin: number, input: CacInput) => {
    const params = cacParams(margin, input);
    return db.query<Row & Record<string, unknown>>(clvCacSql(by, (params.length - 2) / 2), params);
  };
  const pick = (r: Row) => [r.group_key, r.is_total, r.customers, r.value_to_date, r.predicted_clv, r.clv, r.cac, r.customers_with_cac, r.clv_cac_ratio];

  it('lists the acquiring channels: the first purchase order decides, the smallest when several share its time', async () => {
    expect(await db.query(acquisitionChannelsSql())).toEqual([
      { channel: 'App', customers: 1 },
      { channel: 'Store', customers: 1 },
      { channel: 'Web', customers: 1 },
    ]);
  });

  it('sets margin × revenue to date plus the predicted CLV against the cost of each channel, and totals', async () => {
    // Margin 50 %; CAC 10 for all, 20 for Web. Per customer (value to date, predicted, CLV, CAC):
    // c1 App (50, 20, 70, 10), c2 Web (25, 5, 30, 20), c3 none (40, 10, 50, 10), c4 Store (10, 15, 25, 10).
    const rows = await run('channel', 0.5, { all: 10, byChannel: { Web: 20 } });
    expect(rows.map(pick)).toEqual([
      ['App', false, 1, 50, 20, 70, 10, 1, 7],
      ['Store', false, 1, 10, 15, 25, 10, 1, 2.5],
      ['Web', false, 1, 25, 5, 30, 20, 1, 1.5],
      [null, false, 1, 40, 10, 50, 10, 1, 5],
      // Σ CLV 175 ÷ Σ CAC 50.
      [null, true, 4, 31.25, 12.5, 43.75, 12.5, 4, 3.5],
    ]);
  });

  it('groups by the month of the first purchase', async () => {
    const rows = await run('cohort', 0.5, { all: 10, byChannel: { Web: 20 } });
    expect(rows.map((r) => [r.group_key, r.is_total, r.customers, r.clv, r.cac, r.clv_cac_ratio])).toEqual([
      ['2024-01', false, 2, 50, 15, 100 / 30],
      ['2024-02', false, 2, 37.5, 10, 75 / 20],
      [null, true, 4, 43.75, 12.5, 3.5],
    ]);
  });

  it('leaves the cost and ratio empty where no cost applies, and counts only customers with a cost', async () => {
    const none = await run('channel', 1, { all: null, byChannel: {} });
    expect(none.every((r) => r.cac === null && r.clv_cac_ratio === null && r.customers_with_cac === 0)).toBe(true);
    expect(none.at(-1)!.clv).toBeCloseTo((140 + 60 + 100 + 50) / 4, 12);
    // Only Web has a cost: the total ratio is c2's alone, 30 ÷ 20.
    const web = await run('channel', 0.5, { all: null, byChannel: { Web: 20 } });
    expect(web.at(-1)).toMatchObject({ is_total: true, customers: 4, customers_with_cac: 1, cac: 20, clv_cac_ratio: 1.5 });
    // A channel name that reads as SQL is a bound value, not code.
    const odd = await run('channel', 0.5, { all: 10, byChannel: { "x' OR 1=1 --": 99 } });
    // (Every customer then costs 10: Σ CLV 175 ÷ Σ CAC 40.)
    expect(odd.at(-1)).toMatchObject({ cac: 10, clv_cac_ratio: 175 / 40 });
  });

  it('exports both groupings in one file: the total, the channels, then the cohorts', async () => {
    const params = cacParams(0.5, { all: 10, byChannel: { Web: 20 } });
    const rows = await db.query<{ grouping: string; group_key: string | null; clv_cac_ratio: number }>(clvCacExportSql(1), params);
    expect(rows.map((r) => [r.grouping, r.group_key])).toEqual([
      ['all', null],
      ['channel', 'App'],
      ['channel', 'Store'],
      ['channel', 'Web'],
      ['channel', null],
      ['cohort', '2024-01'],
      ['cohort', '2024-02'],
    ]);
    expect(rows[0].clv_cac_ratio).toBe(3.5);
  });
});
