import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../helpers/node-db';
import { purchasesFile, PURCHASES_AS_OF } from '../helpers/purchase-fixture';
import { Dataset } from '../../src/ingest/loader';
import { QueryLayer } from '../../src/query/query-layer';
import { localEngine } from '../../src/analyses/clv/compute';
import { clvExportRequest, prepareClv } from '../../src/analyses/clv/model';
import { frequencyGroupsSql, spendGroupsSql } from '../../src/analyses/clv/summary-sql';
import { clvSummary } from '../../src/analyses/clv/tables';
import { ClvState } from '../../src/state/clv.svelte';

// The CLV purchase history of test/fixtures/purchases/shop.csv, in days, worked by hand from the order list in
// test/helpers/purchase-fixture.ts. Purchase days are days with a purchase order; a day's value is the sum of its
// purchase orders (returns left out); m = mean value of the repeat purchase days; revenue is net of returns.
// As of 2024-03-31 (2024 is a leap year: January 31 days, February 29):
// - a: purchases 01-05 (25) and 02-10 (30); cancellations C536002 (01-06) and C536004 (03-02) are returns.
//   x 1, t_x = 26 + 10 = 36, T = 26 + 29 + 31 = 86, m 30; revenue 25 − 5 + 30 − 10 = 40 (March's return counts).
// - b: purchases 01-20 (40) and 03-15 (12.50); 536006 on 01-25 adds up to 0 (+16 −16, items +2 −2): no purchase
//   day. x 1, t_x = 11 + 29 + 15 = 55, T = 11 + 29 + 31 = 71, m 12.5; revenue 52.50.
// - c: a cancellation only (C536008): not a customer.
// - d: purchases 02-01 (15) and 02-20 (5), C536011 on 02-21 a return. x 1, t_x 19, T = 28 + 31 = 59, m 5;
//   revenue 15.
// - e: purchase 03-30 (10). x 0, t_x 0, T 1, m 0; revenue 10.
// Nothing after the as-of date: no holdout (the last order, 03-30, is before it), x* 0 for everyone.
// As of 2024-02-15 the later purchases are the holdout, to the last order date 03-30 (14 + 30 = 44 days):
// - a: x 1, t_x 36, T 26 + 15 = 41, m 30; revenue 25 − 5 + 30 = 50; later only C536004, a return: x* 0.
// - b: x 0, t_x 0, T 11 + 15 = 26, m 0; revenue 40 + 0 = 40; later 536007 (03-15): x* 1.
// - d: x 0, t_x 0, T 14, m 0; revenue 15; later 536010 (02-20), C536011 is a return: x* 1.
// - c (its cancellation is on 02-14) and e (first purchase 03-30) are not customers yet.
describe('CLV purchase history on purchases (cancellations are returns)', () => {
  let db: NodeDb;
  let layer: QueryLayer;
  const columns = 'customer_id, x, tx_days, T_days, t_x, T, m, revenue, first_day, last_day, x_star';
  const summary = (asOf: string) => layer.query({ sql: `SELECT ${columns} FROM clv_summary ORDER BY customer_id`, tables: [clvSummary(asOf, 'days')] });
  beforeAll(async () => {
    db = await NodeDb.create();
    await new Dataset(db).add(purchasesFile());
    layer = new QueryLayer(db);
  });
  afterAll(() => db.close());

  it('counts purchase days only, m over the repeat days without returns, revenue net of returns, as of 2024-03-31', async () => {
    expect(await summary(PURCHASES_AS_OF)).toEqual([
      { customer_id: 'a', x: 1, tx_days: 36, T_days: 86, t_x: 36, T: 86, m: 30, revenue: 40, first_day: '2024-01-05', last_day: '2024-02-10', x_star: 0 },
      { customer_id: 'b', x: 1, tx_days: 55, T_days: 71, t_x: 55, T: 71, m: 12.5, revenue: 52.5, first_day: '2024-01-20', last_day: '2024-03-15', x_star: 0 },
      { customer_id: 'd', x: 1, tx_days: 19, T_days: 59, t_x: 19, T: 59, m: 5, revenue: 15, first_day: '2024-02-01', last_day: '2024-02-20', x_star: 0 },
      { customer_id: 'e', x: 0, tx_days: 0, T_days: 1, t_x: 0, T: 1, m: 0, revenue: 10, first_day: '2024-03-30', last_day: '2024-03-30', x_star: 0 },
    ]);
  });

  it('counts the purchase days after the as-of date as the holdout, never a return or the net-zero order', async () => {
    expect(await summary('2024-02-15')).toEqual([
      { customer_id: 'a', x: 1, tx_days: 36, T_days: 41, t_x: 36, T: 41, m: 30, revenue: 50, first_day: '2024-01-05', last_day: '2024-02-10', x_star: 0 },
      { customer_id: 'b', x: 0, tx_days: 0, T_days: 26, t_x: 0, T: 26, m: 0, revenue: 40, first_day: '2024-01-20', last_day: '2024-01-20', x_star: 1 },
      { customer_id: 'd', x: 0, tx_days: 0, T_days: 14, t_x: 0, T: 14, m: 0, revenue: 15, first_day: '2024-02-01', last_day: '2024-02-01', x_star: 1 },
    ]);
    const data = await prepareClv(layer, '2024-02-15', 'days');
    expect([data.customers, data.repeatBuyers, data.holdoutDays, data.holdoutPurchases, data.lastDate]).toEqual([3, 1, 44, 2, '2024-03-30']);
  });

  it('gives the fits their grouped input: 4 customers, 3 repeat buyers, no holdout', async () => {
    const data = await prepareClv(layer, PURCHASES_AS_OF, 'days');
    expect([data.customers, data.repeatBuyers, data.spendCustomers, data.holdoutDays, data.holdoutPurchases, data.firstDay]).toEqual([4, 3, 3, 0, 0, '2024-01-05']);
    const tables = [clvSummary(PURCHASES_AS_OF, 'days')];
    expect(await layer.query({ sql: frequencyGroupsSql(), tables })).toEqual([
      { x: 0, tx_days: 0, T_days: 1, n: 1 },
      { x: 1, tx_days: 19, T_days: 59, n: 1 },
      { x: 1, tx_days: 36, T_days: 86, n: 1 },
      { x: 1, tx_days: 55, T_days: 71, n: 1 },
    ]);
    expect(await layer.query({ sql: spendGroupsSql(), tables })).toEqual([
      { x: 1, m: 5, n: 1 },
      { x: 1, m: 12.5, n: 1 },
      { x: 1, m: 30, n: 1 },
    ]);
  });

  it('scores the four customers and exports clv.csv with their history, c not among them', async () => {
    const clv = new ClvState(() => localEngine);
    clv.unit = 'days';
    clv.margin = 0.5;
    const run = await clv.fit(layer, PURCHASES_AS_OF, 'days');
    const score = await clv.score(layer, run, clv.settings);
    expect(clv.currentTable(layer, PURCHASES_AS_OF)).toBe(score.table);
    const text = new TextDecoder().decode(await layer.exportCsv(clvExportRequest(score.table, clv.marginRate)));
    const [header, ...lines] = text.trim().split('\n');
    expect(header).toBe('customer_id,frequency,recency,T,monetary_value,p_alive,expected_purchases,expected_avg_value,clv');
    expect(lines.map((l) => l.split(',').slice(0, 5))).toEqual([
      ['a', '1', '36.0', '86.0', '30.0'],
      ['b', '1', '55.0', '71.0', '12.5'],
      ['d', '1', '19.0', '59.0', '5.0'],
      ['e', '0', '0.0', '1.0', '0.0'],
    ]);
    // A customer with one purchase day has not been seen to drop out: P(alive) 1 (BG/NBD).
    expect(Number(lines[3].split(',')[5])).toBe(1);
    const [check] = await layer.query<{ ok: boolean }>({
      sql: `SELECT bool_and(${clv.clvSql('c')} = 0.5 * c.clv_full_margin OR c.clv_full_margin IS NULL) AS ok FROM clv_customers c`,
      tables: [score.table],
    });
    expect(check.ok).toBe(true);
  });
});
