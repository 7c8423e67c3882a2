import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../../test/helpers/node-db';
import { BEHAVIOUR_FIXTURE, createTransactions } from '../../../test/helpers/behaviour-fixture';
import { QueryLayer, type TableSpec } from '../../query/query-layer';
import { lifecycleCustomers } from '../lifecycle/customers';
import type { ValueSources } from '../lifecycle/requests';
import { customerOrdersRequest, customerProfileRequest, customerSearchRequest } from './customer-360';

const RFM: TableSpec = {
  name: 'rfm_customers',
  key: 'fixture',
  build: [{ sql: `CREATE OR REPLACE TABLE rfm_customers AS SELECT 'c1' AS customer_id, 5 AS r_score, 2 AS f_score, 3 AS m_score, 523 AS rfm_score, 'potential' AS segment_key` }],
};
const CLV: TableSpec = {
  name: 'clv_customers',
  key: 'fixture',
  build: [{ sql: `CREATE OR REPLACE TABLE clv_customers AS SELECT 'c1' AS customer_id, 0.9::DOUBLE AS p_alive, 81.0::DOUBLE AS clv_full_margin` }],
};
const VALUES: ValueSources = {
  rfm: { table: RFM, segment: { sql: `CASE r.segment_key WHEN 'potential' THEN $1 END`, params: ['Potential'] } },
  clv: { table: CLV, clv: '(0.5 * c.clv_full_margin)' },
};

describe('customer 360', () => {
  let db: NodeDb;
  let layer: QueryLayer;
  beforeAll(async () => {
    db = await NodeDb.create();
    await createTransactions(db, BEHAVIOUR_FIXTURE);
    layer = new QueryLayer(db);
  });
  afterAll(() => db.close());

  it('finds ids containing the text, the exact one first, customers after the as-of date left out', async () => {
    const find = async (text: string) => (await layer.query<{ customer_id: string; orders: number }>(customerSearchRequest('2024-03-31', text))).map((r) => `${r.customer_id}:${r.orders}`);
    // Purchases: c1 o1 o2, c2 o3 o4, c3 o5 (o6 is a return); c4 buys after the as-of date.
    expect(await find('c')).toEqual(['c1:2', 'c2:2', 'c3:1']);
    expect(await find(' C3 ')).toEqual(['c3:1']);
    expect(await find('%')).toEqual([]);
    expect(await find('_1')).toEqual([]);
  });

  it('lists a customer’s orders, returns too, latest first', async () => {
    expect(await layer.query(customerOrdersRequest('2024-03-31', 'c1'))).toEqual([
      { order_id: 'o2', order_ts: '2024-03-10 18:05:00', kind: 'purchase', lines: 1, quantity: 1, amount: 25, products: 'Lamp', channel: 'Store', payment: 'Cash' },
      { order_id: 'o1', order_ts: '2023-03-05 09:30:00', kind: 'purchase', lines: 2, quantity: 3, amount: 3.99, products: 'Bread, Milk', channel: 'Web', payment: 'Card' },
    ]);
    const c3 = await layer.query<{ order_id: string; kind: string; amount: number }>(customerOrdersRequest('2024-03-31', 'c3'));
    expect(c3.map((r) => [r.order_id, r.kind, r.amount])).toEqual([['o6', 'return', -0.99], ['o5', 'purchase', 2.97]]);
  });

  it('profiles a customer with their stage, and with RFM and CLV when they are available', async () => {
    const table = lifecycleCustomers('2024-03-31', 30);
    // c1 came back on 2024-03-10 after 371 days: reactivated with a 30-day window.
    const [p] = await layer.query(customerProfileRequest(table, { rfm: null, clv: null }, 'c1'));
    expect(p).toMatchObject({ customer_id: 'c1', orders: 2, revenue: 28.99, stage: 'reactivated', days_since_last_order: 21, first_order: '2023-03-05' });
    expect(p).not.toHaveProperty('segment');
    const [q] = await layer.query(customerProfileRequest(table, VALUES, 'c1'));
    expect(q).toMatchObject({ customer_id: 'c1', stage: 'reactivated', rfm_score: 523, segment: 'Potential', p_alive: 0.9, clv: 40.5 });
    // c3: one purchase (2.97) and a return (−0.99): revenue net 1.98, one order.
    const [c3] = await layer.query(customerProfileRequest(table, VALUES, 'c3'));
    expect(c3).toMatchObject({ orders: 1, revenue: 1.98, segment: null, clv: null });
    expect(await layer.query(customerProfileRequest(table, VALUES, 'c4'))).toEqual([]);
  });
});
