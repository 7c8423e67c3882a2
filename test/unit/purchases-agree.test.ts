import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../helpers/node-db';
import { purchasesFile, PURCHASES_AS_OF, PURCHASE_FACTS } from '../helpers/purchase-fixture';
import { Dataset } from '../../src/ingest/loader';
import { QueryLayer } from '../../src/query/query-layer';
import { kpiRequest } from '../../src/analyses/overview';
import { rfmCustomers } from '../../src/analyses/rfm/rfm-sql';
import { presetRules } from '../../src/analyses/rfm/presets';
import { DEFAULT_SCORING, DEFAULT_TIERS, scoreLevels } from '../../src/analyses/rfm/settings';
import { cohortCustomers } from '../../src/analyses/cohorts/tables';
import { lifecycleRequests } from '../../src/analyses/lifecycle/requests';
import { clvSummary } from '../../src/analyses/clv/tables';
import { modelSummarySql, qualityByFileSql } from '../../src/analyses/quality';

type Facts = Record<string, { frequency: number; first: string; last: string }>;

/** Every view's idea of each customer's purchases, side by side: they must be one and the same. */
describe('one definition of a purchase in every view (cancellation invoices, a return-only customer, a net-zero order)', () => {
  let db: NodeDb;
  let layer: QueryLayer;
  beforeAll(async () => {
    db = await NodeDb.create();
    await new Dataset(db).add(purchasesFile());
    layer = new QueryLayer(db);
  });
  afterAll(() => db.close());

  const facts = (rows: Record<string, unknown>[]): Facts =>
    Object.fromEntries(rows.map((r) => [r.id as string, { frequency: r.frequency as number, first: r.first as string, last: r.last as string }]));
  const expected: Facts = Object.fromEntries(Object.entries(PURCHASE_FACTS).map(([id, f]) => [id, { frequency: f.frequency, first: f.first, last: f.last }]));

  it('RFM, Cohorts, Lifecycle and the CLV history see the same customers, purchases, first and last purchase', async () => {
    const rfm = rfmCustomers(PURCHASES_AS_OF, { scoring: DEFAULT_SCORING, rules: presetRules('rf_grid', scoreLevels(DEFAULT_SCORING)), tiers: DEFAULT_TIERS }).spec;
    const cohorts = cohortCustomers(PURCHASES_AS_OF, {});
    const lifecycle = lifecycleRequests(PURCHASES_AS_OF, 30).table;
    const clv = clvSummary(PURCHASES_AS_OF, 'days');
    const views = {
      rfm: await layer.query({ sql: `SELECT customer_id AS id, frequency, first_order_date AS first, last_order_date AS last FROM rfm_customers ORDER BY id`, tables: [rfm] }),
      cohorts: await layer.query({ sql: `SELECT customer_id AS id, purchases AS frequency, first_day AS first, last_day AS last FROM cohort_customers ORDER BY id`, tables: [cohorts] }),
      lifecycle: await layer.query({ sql: `SELECT customer_id AS id, orders AS frequency, first_order AS first, last_order AS last FROM lifecycle_customers ORDER BY id`, tables: [lifecycle] }),
      // The CLV history counts purchase days; no customer here bought twice on one day, so they equal purchases.
      clv: await layer.query({ sql: `SELECT customer_id AS id, x + 1 AS frequency, first_day AS first, last_day AS last FROM clv_summary ORDER BY id`, tables: [clv] }),
    };
    for (const [view, rows] of Object.entries(views)) expect(facts(rows), view).toEqual(expected);
    const [k] = await layer.query(kpiRequest(PURCHASES_AS_OF));
    expect({ customers: k.customers, orders: k.orders }).toEqual({ customers: 4, orders: 7 });
  });

  it('the Data view counts the same purchases, returns and customers as the model', async () => {
    // Purchases 536001, 536003, 536005, 536007, 536009, 536010, 536012 (of a, b, d, e); returns C536002, C536004,
    // C536008 (c's only order) and C536011, 5 + 10 + 20 + 5 returned; 536006 nets 0 with no items: neither.
    const [file] = await db.query(qualityByFileSql());
    expect({ orders: file!.orders, returns: file!.returns, customers: file!.customers }).toEqual({ orders: 7, returns: 4, customers: 4 });
    const [model] = await db.query(modelSummarySql());
    expect(model).toEqual({ purchases: 7, returns: 4, zero_orders: 1, returned_amount: 40, return_only_customers: 1 });
  });
});
