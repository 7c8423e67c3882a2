import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../helpers/node-db';
import { purchasesFile, PURCHASES_AS_OF } from '../helpers/purchase-fixture';
import { Dataset } from '../../src/ingest/loader';
import { QueryLayer } from '../../src/query/query-layer';
import { cohortExportRequest, triangleRequest, type CohortOptions } from '../../src/analyses/cohorts/cohort-sql';
import { monthlyRatesRequest } from '../../src/analyses/cohorts/rates-sql';
import { buyersRequest } from '../../src/analyses/cohorts/buyers-sql';
import { secondPurchaseRequest, secondPurchaseSummaryRequest } from '../../src/analyses/cohorts/second-purchase';
import { cellCustomersSource, cellExportRequest } from '../../src/analyses/cohorts/cell-customers';
import { pageSql } from '../../src/analyses/paging';

// The cohorts of test/fixtures/purchases/shop.csv as of 2024-03-31, monthly, worked by hand from the order list in
// test/helpers/purchase-fixture.ts. Cohort = month of the first purchase: Jan a (536001) and b (536005), Feb d,
// Mar e; c has only a cancellation and is in no cohort. Active = a purchase in the period; revenue = net amount of
// all the cohort's orders in the period, each return in its own month.
// - Jan cohort, size 2. Jan: a, b active; 25 − 5 (C536002) + 40 + 0 (536006) = 60. Feb: a (536003); 30. Mar: b
//   (536007); a's C536004 −10 counts in March but makes nobody active: −10 + 12.50 = 2.50. Cumulative 60, 90, 92.50
//   (÷ 2: 30, 45, 46.25). Last purchases: a in Feb (period 1), b in Mar (2): "k or later" 2, 2, 1.
// - Feb cohort (d), size 1. Feb: 15 + 5 − 5 = 15. Mar: nothing, 0. Last purchase in Feb: 1, 0.
// - Mar cohort (e), size 1: 10.
// The as-of date is March's last day, so no period is still running.
describe('cohorts on purchases (cancellations are returns)', () => {
  let db: NodeDb;
  let layer: QueryLayer;
  const month: CohortOptions = { granularity: 'month', filter: {} };
  beforeAll(async () => {
    db = await NodeDb.create();
    await new Dataset(db).add(purchasesFile());
    layer = new QueryLayer(db);
  });
  afterAll(() => db.close());

  const csv = async (options: CohortOptions) => new TextDecoder().decode(await layer.exportCsv(cohortExportRequest(PURCHASES_AS_OF, options))).trim().split('\n');

  it('builds the triangle from first purchases, activity from purchases and revenue net of returns', async () => {
    const rows = await layer.query(triangleRequest(PURCHASES_AS_OF, month));
    expect(rows.map((r) => [r.cohort, r.period, r.cohort_size, r.customers, r.customers_or_later, r.revenue, r.cumulative_revenue, r.partial])).toEqual([
      ['2024-01', 0, 2, 2, 2, 60, 60, false],
      ['2024-01', 1, 2, 1, 2, 30, 90, false],
      ['2024-01', 2, 2, 1, 1, 2.5, 92.5, false],
      ['2024-02', 0, 1, 1, 1, 15, 15, false],
      ['2024-02', 1, 1, 0, 0, 0, 15, false],
      ['2024-03', 0, 1, 1, 1, 10, 10, false],
    ]);
    expect(await csv(month)).toEqual([
      'cohort,period,cohort_size,customers,retention,revenue,cumulative_revenue_per_customer',
      '2024-01,0,2,2,1.0,60.00,30.0',
      '2024-01,1,2,1,0.5,30.00,45.0',
      '2024-01,2,2,1,0.5,2.50,46.25',
      '2024-02,0,1,1,1.0,15.00,15.0',
      '2024-02,1,1,0,0.0,0.00,15.0',
      '2024-03,0,1,1,1.0,10.00,10.0',
    ]);
  });

  it('filters by the region of the first purchase; the return-only customer c is never in scope', async () => {
    // Germany: c (a cancellation only) and d: only d's cohort.
    expect((await csv({ granularity: 'month', filter: { region: 'Germany' } })).slice(1)).toEqual(['2024-02,0,1,1,1.0,15.00,15.0', '2024-02,1,1,0,0.0,0.00,15.0']);
  });

  it('computes 复购率 and 回购率 on purchases', async () => {
    // 复购率 = buyers with 2+ purchases in the month ÷ the month's buyers:
    //   Jan a (536001), b (536005; 536006 nets to 0, C536002 is a return) → 0 / 2; Feb a, d (536009, 536010) → 1 / 2;
    //   Mar b (536007), e (a's C536004 is a return) → 0 / 2.
    // 回购率 = the month's buyers with a purchase next month: Jan 1 / 2 (a in Feb); Feb 0 / 2 (a only returns in
    //   March); Mar none yet (April has not ended).
    // States: Jan new a, b. Feb new d, active a, inactive b. Mar new e, reactivated b, inactive a and d.
    const rows = await layer.query(monthlyRatesRequest(PURCHASES_AS_OF, {}));
    expect(rows.map((r) => [r.label, r.partial, r.buyers, r.repeat_buyers, r.repeat_rate, r.returning_buyers, r.return_rate, r.new, r.active, r.reactivated, r.inactive])).toEqual([
      ['2024-01', false, 2, 0, 0, 1, 0.5, 2, 0, 0, 0],
      ['2024-02', false, 2, 1, 0.5, 0, 0, 1, 1, 0, 1],
      ['2024-03', false, 2, 0, 0, null, null, 1, 0, 1, 2],
    ]);
  });

  it('counts one-time and repeat buyers on purchases', async () => {
    // a 2 purchases, b 2 (536006 is not one), d 2, e 1.
    const rows = await layer.query(buyersRequest(PURCHASES_AS_OF, month));
    expect(rows.map((r) => [r.cohort, r.customers, r.one_time, r.repeat])).toEqual([
      ['2024-01', 2, 0, 2],
      ['2024-02', 1, 0, 1],
      ['2024-03', 1, 1, 0],
      [null, 4, 1, 3],
    ]);
  });

  it('measures the time to the second purchase, not to a cancellation', async () => {
    // a: Jan 5 → Feb 10 = 36 days (not Jan 6, the cancellation); b: Jan 20 → Mar 15 = 11 + 29 + 15 = 55 (not the
    // net-zero order of Jan 25); d: Feb 1 → Feb 20 = 19. Sorted 19, 36, 55: median 36, mean 110 / 3; 75 % and 90 %
    // within 55 days (cume_dist 1/3, 2/3, 1).
    const buckets = await layer.query(secondPurchaseRequest(PURCHASES_AS_OF, {}));
    expect(buckets.filter((b) => (b.customers as number) > 0).map((b) => [b.label, b.customers])).toEqual([['15–30', 1], ['31–60', 2]]);
    expect(await layer.query(secondPurchaseSummaryRequest(PURCHASES_AS_OF, {}))).toEqual([
      { customers: 4, repeat_customers: 3, repeat_share: 0.75, median_days: 36, mean_days: 110 / 3, p75_days: 55, p90_days: 55 },
    ]);
  });

  it('lists a cell’s customers: purchases in the period, revenue net of returns', async () => {
    const page = async (orLater: boolean, period: number) => {
      const cell = cellCustomersSource(PURCHASES_AS_OF, month, orLater, '2024-01-01', period);
      const q = pageSql(cell.source, { sortBy: 'customer_id', descending: false, page: 0, pageSize: 10, search: '', searchColumn: null, filters: {} }, cell.params.length + 1);
      return layer.query({ sql: q.rows, params: [...cell.params, ...q.params], tables: cell.tables });
    };
    // March (period 2): b bought; a only returned, so a is not in the cell. Totals: a 25 − 5 + 30 − 10 = 40,
    // b 40 + 0 + 12.50 = 52.50; first and last order are purchase dates.
    expect(await page(false, 2)).toEqual([
      { customer_id: 'b', first_order: '2024-01-20', last_order: '2024-03-15', orders_in_period: 1, revenue_in_period: 12.5, orders: 2, revenue: 52.5 },
    ]);
    // Period 1 or later: a (last purchase in Feb) and b (in Mar).
    expect((await page(true, 1)).map((r) => [r.customer_id, r.orders_in_period, r.revenue_in_period, r.last_order])).toEqual([
      ['a', 1, 30, '2024-02-10'],
      ['b', 0, 0, '2024-03-15'],
    ]);
    // January: one purchase each (C536002 and 536006 are not purchases), revenue 25 − 5 = 20 and 40 + 0 = 40.
    const text = new TextDecoder().decode(await layer.exportCsv(cellExportRequest(cellCustomersSource(PURCHASES_AS_OF, month, false, '2024-01-01', 0))));
    expect(text.trim().split('\n')).toEqual([
      'customer_id,first_order,last_order,orders_in_period,revenue_in_period,orders,revenue',
      'b,2024-01-20,2024-03-15,1,40.00,2,52.50',
      'a,2024-01-05,2024-02-10,1,20.00,2,40.00',
    ]);
  });
});
