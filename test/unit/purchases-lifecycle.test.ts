import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../helpers/node-db';
import { purchasesFile, PURCHASES_AS_OF } from '../helpers/purchase-fixture';
import { Dataset } from '../../src/ingest/loader';
import { QueryLayer } from '../../src/query/query-layer';
import { churnWindowRequest, gapStatsRequest, lifecycleRequests, loyaltyRequests } from '../../src/analyses/lifecycle/requests';
import { customerStagesSql } from '../../src/analyses/lifecycle/customers';
import { basketPairs, basketPairsSql, basketStatsSql } from '../../src/analyses/behaviour/basket';
import { breakdownSql } from '../../src/analyses/behaviour/breakdowns';
import { monthlyYoySql } from '../../src/analyses/behaviour/monthly-yoy';
import { topItemsSql } from '../../src/analyses/behaviour/top-items';
import { customerSearchRequest } from '../../src/analyses/behaviour/customer-360';

// The cancellation-invoice shop (see purchase-fixture.ts) as of 2024-03-31, worked by hand.
// Purchase days (days with an order netting > 0): a 01-05, 02-10 · b 01-20, 03-15 (536006 on 01-25 nets to 0: no
// purchase day) · d 02-01, 02-20 · e 03-30. c has only the cancellation C536008: no purchase, not a customer.
// Gaps: a 36 (26 days left in January + 10), b 55 (11 + 29 + 15), d 19. Days since the last purchase: a 50
// (19 left in February + 31), b 16, d 40 (9 + 31), e 1. Revenue net of returns: a 25 − 5 + 30 − 10 = 40,
// b 40 + 0 + 12.50 = 52.50, d 15 + 5 − 5 = 15, e 10.
const ROWS = {
  a: { first_order: '2024-01-05', last_order: '2024-02-10', orders: 2, revenue: 40, purchase_days: 2, days_since_last_order: 50, median_gap_days: 36, lifetime_days: 36 },
  b: { first_order: '2024-01-20', last_order: '2024-03-15', orders: 2, revenue: 52.5, purchase_days: 2, days_since_last_order: 16, median_gap_days: 55, lifetime_days: 55 },
  d: { first_order: '2024-02-01', last_order: '2024-02-20', orders: 2, revenue: 15, purchase_days: 2, days_since_last_order: 40, median_gap_days: 19, lifetime_days: 19 },
  e: { first_order: '2024-03-30', last_order: '2024-03-30', orders: 1, revenue: 10, purchase_days: 1, days_since_last_order: 1, median_gap_days: null, lifetime_days: 0 },
};

describe('lifecycle and behaviour on purchases (cancellation invoices)', () => {
  let db: NodeDb;
  let layer: QueryLayer;
  beforeAll(async () => {
    db = await NodeDb.create();
    await new Dataset(db).add(purchasesFile());
    layer = new QueryLayer(db);
  });
  afterAll(() => db.close());

  const stages = async (window: number) => {
    const r = lifecycleRequests(PURCHASES_AS_OF, window);
    return layer.query({ sql: `SELECT * EXCLUDE (first_channel) FROM ${r.table.name} ORDER BY customer_id`, tables: [r.table] });
  };

  it('takes the default window from the gaps between purchase days: 19, 36, 55 → 36 + 0.8 × 19 = 51.2 → 51', async () => {
    expect(await layer.query(churnWindowRequest(PURCHASES_AS_OF))).toEqual([{ p90_days: 51, gaps: 3, median_gap_days: 36 }]);
    expect(await layer.query(gapStatsRequest(PURCHASES_AS_OF))).toEqual([{ gaps: 3, median_days: 36, mean_days: 110 / 3 }]);
  });

  it('stages with a 30-day window: a’s March return does not keep a from churning', async () => {
    // a: 50 days since its last purchase ≥ 30 → churned (its return on 03-02, 29 days ago, is no activity).
    // b: 16 days since; first purchase 71 days ago; came back on 03-15 after 55 > 30 days → reactivated.
    // d: 40 days since → churned. e: first purchase 1 day ago → new.
    expect(await stages(30)).toEqual([
      { customer_id: 'a', ...ROWS.a, stage: 'churned', churned: true },
      { customer_id: 'b', ...ROWS.b, stage: 'reactivated', churned: false },
      { customer_id: 'd', ...ROWS.d, stage: 'churned', churned: true },
      { customer_id: 'e', ...ROWS.e, stage: 'new', churned: false },
    ]);
  });

  it('stages with a 60-day window: a is at risk, not active', async () => {
    // a: 50 < 60, first purchase 86 days ago, no gap over 60, 50 days since > its median gap 36 → at risk (counting
    // the return on 03-02 as activity would give 29 ≤ 36: active). b: 16 ≤ 55 → active. d: first purchase 59 days
    // ago < 60 → new. e: new.
    expect((await stages(60)).map((r) => `${r.customer_id}:${r.stage}`)).toEqual(['a:at_risk', 'b:active', 'd:new', 'e:new']);
  });

  it('summarises stages, loyalty and survival over the four customers', async () => {
    const r = lifecycleRequests(PURCHASES_AS_OF, 30);
    const summary = await layer.query<{ stage: string; customers: number; revenue: number }>(r.stages);
    expect(summary.map((s) => [s.stage, s.customers, s.revenue])).toEqual([
      ['new', 1, 10], ['active', 0, 0], ['reactivated', 1, 52.5], ['at_risk', 0, 0], ['churned', 2, 55],
    ]);
    // Repeat buyers a, b, d (2 purchases each; b's net-zero order is none): revenue 40 + 52.5 + 15; e one-time.
    // Lifetimes 36, 55, 19: median 36.
    const l = loyaltyRequests(PURCHASES_AS_OF);
    expect(await layer.query(l.loyalty)).toEqual([{
      customers: 4, repeat_customers: 3, repeat_rate: 0.75, one_time_customers: 1, one_time_revenue: 10,
      repeat_revenue: 107.5, orders_per_customer: 7 / 4, median_lifetime_days: 36,
    }]);
    expect(await layer.query(l.ordersDist)).toEqual([
      { orders: 1, is_tail: false, customers: 1, revenue: 10 },
      { orders: 2, is_tail: false, customers: 3, revenue: 107.5 },
    ]);
    // Lifetimes: e 0 (censored), d 19 (churned), a 36 (churned), b 55 (censored).
    // S(0) = 1, S(19) = 1 − 1/3 = 2/3, S(36) = 2/3 × (1 − 1/2) = 1/3 ≤ 1/2 → median 36, S(55) = 1/3.
    const curve = await layer.query<{ days: number; at_risk: number; events: number; censored: number; survival: number }>(r.survival('all'));
    expect(curve.map((c) => [c.days, c.at_risk, c.events, c.censored])).toEqual([[0, 4, 0, 1], [19, 3, 1, 0], [36, 2, 1, 0], [55, 1, 0, 1]]);
    [1, 2 / 3, 1 / 3, 1 / 3].forEach((v, i) => expect(curve[i].survival).toBeCloseTo(v, 14));
    expect(await layer.query(r.medians('all'))).toEqual([{ grp: 'all', customers: 4, churned: 2, censored: 2, median_days: 36 }]);
  });

  it('moves the stages month by month on purchases only', async () => {
    // 01-31: a new (26 days since its first), b new. 02-29: a reactivated (back 02-10 after 36 > 30), b churned
    // (40 days since 01-20), d new. 03-31: a churned (50 days; the 03-02 return is no purchase), b reactivated
    // (back 03-15 after 55 days), d churned (40 days), e new. Base = not churned at the previous month end.
    expect(await layer.query(lifecycleRequests(PURCHASES_AS_OF, 30).flow)).toEqual([
      { month: '2024-01-01', snapshot: '2024-01-31', new: 2, active: 0, reactivated: 0, at_risk: 0, churned: 0, base: 0, churned_in_month: 0, churn_rate: null, returned: 0 },
      { month: '2024-02-01', snapshot: '2024-02-29', new: 1, active: 0, reactivated: 1, at_risk: 0, churned: 1, base: 2, churned_in_month: 1, churn_rate: 0.5, returned: 0 },
      { month: '2024-03-01', snapshot: '2024-03-31', new: 1, active: 0, reactivated: 1, at_risk: 0, churned: 2, base: 2, churned_in_month: 2, churn_rate: 1, returned: 1 },
    ]);
    const standalone = await db.query<{ customer_id: string; stage: string }>(`SELECT customer_id, stage FROM (${customerStagesSql()}) ORDER BY 1`, [PURCHASES_AS_OF, 30]);
    expect(standalone.map((s) => `${s.customer_id}:${s.stage}`)).toEqual(['a:churned', 'b:reactivated', 'd:churned', 'e:new']);
  });

  it('pairs products of purchases only: cancellations and the net-zero order hold no items', async () => {
    // Purchases with a product: 536001 (A1, A2), 536003 (A1), 536005 (B1), 536007 (B3), 536009 (D1), 536010 (D2),
    // 536012 (E1): N = 7. Not counted: the cancellations' lines and 536006's B2 (+2 then −2: nets to 0).
    // A1 + A2: support 1/7, A1 in 2 purchases, A2 in 1: confidence A1→A2 1/2, A2→A1 1, lift 1 × 7 / (2 × 1).
    expect(await db.query(basketStatsSql(), [PURCHASES_AS_OF])).toEqual([{ orders: 7, products: 7, multi_product_orders: 1 }]);
    expect(await db.query(basketPairsSql(), [PURCHASES_AS_OF, 0.1])).toEqual([
      { product_a: 'A1', product_b: 'A2', orders_with_a: 2, orders_with_b: 1, orders_with_both: 1, support: 1 / 7, confidence_a_to_b: 0.5, confidence_b_to_a: 1, lift: 3.5 },
    ]);
    const pairs = basketPairs(PURCHASES_AS_OF, 0.1);
    expect(await layer.query({ sql: `SELECT count(*) AS n FROM ${pairs.name}`, tables: [pairs] })).toEqual([{ n: 1 }]);
  });

  it('counts purchases per region with revenue net of returns (c’s cancellation in Germany’s revenue)', async () => {
    // United Kingdom (a): purchases 536001 (new, 25) and 536003 (30), returns −5 and −10 → returning revenue 15.
    // France (b): 536005 (new, 40), 536007 (12.50); 536006 left out. Germany: d's 536009 (new, 15) and 536010 (5),
    // its return −5 and c's −20 → revenue −5, returning revenue −20. Spain (e): 536012 (new, 10). Total 97.5.
    const rows = await db.query<Record<string, unknown>>(breakdownSql('region'), [PURCHASES_AS_OF]);
    const pick = (r: Record<string, unknown>) => [r.value, r.orders, r.revenue, r.customers, r.new_orders, r.returning_orders, r.new_revenue, r.returning_revenue, r.new_share];
    expect(rows.map(pick)).toEqual([
      ['France', 2, 52.5, 1, 1, 1, 40, 12.5, 0.5],
      ['United Kingdom', 2, 40, 1, 1, 1, 25, 15, 0.5],
      ['Spain', 1, 10, 1, 1, 0, 10, 0, 1],
      ['Germany', 2, -5, 1, 1, 1, 15, -20, 0.5],
    ]);
    expect(rows[0].revenue_share).toBeCloseTo(52.5 / 97.5, 14);
  });

  it('puts a’s March return in March’s revenue, counting purchases as orders', async () => {
    // January 25 − 5 + 40 + 0 (2 purchases); February 30 − 20 + 15 + 5 − 5 (3); March −10 + 12.50 + 10 (2).
    const rows = await db.query<{ month: string; revenue: number; orders: number }>(monthlyYoySql(), [PURCHASES_AS_OF]);
    expect(rows.map((r) => [r.month, r.revenue, r.orders])).toEqual([['2024-01-01', 60, 2], ['2024-02-01', 25, 3], ['2024-03-01', 12.5, 2]]);
  });

  it('ranks products by revenue net of returns, counting the purchases and customers that bought them', async () => {
    // A1 20 + 30 − 10 = 40 (purchases 536001, 536003; quantity 2 + 3 − 1), B1 40; the rest: A2 0, B2 0, B3 12.50,
    // C1 −20 (c's cancellation), D1 15, D2 0, E1 10 = 17.50, bought in 536001, 536007, 536009, 536010, 536012 by
    // a, b, d, e (c bought nothing), quantity 0 + 0 + 1 − 1 + 1 + 0 + 4 = 5.
    expect(await db.query(topItemsSql('product'), [PURCHASES_AS_OF, 2])).toEqual([
      { item: 'A1', is_rest: false, items: 1, revenue: 40, revenue_share: 40 / 97.5, orders: 2, customers: 1, customer_share: 0.25, quantity: 4 },
      { item: 'B1', is_rest: false, items: 1, revenue: 40, revenue_share: 40 / 97.5, orders: 1, customers: 1, customer_share: 0.25, quantity: 1 },
      { item: null, is_rest: true, items: 7, revenue: 17.5, revenue_share: 17.5 / 97.5, orders: 5, customers: 4, customer_share: 1, quantity: 5 },
    ]);
  });

  it('finds c in Customer 360 with no purchase', async () => {
    expect(await layer.query(customerSearchRequest(PURCHASES_AS_OF, 'c'))).toEqual([{ customer_id: 'c', orders: 0 }]);
  });
});
