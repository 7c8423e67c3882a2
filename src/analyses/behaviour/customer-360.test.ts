import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../../test/helpers/node-db';
import { BEHAVIOUR_FIXTURE, createTransactions } from '../../../test/helpers/behaviour-fixture';
import { containsPattern, customerOrdersSql, customerProfileSql, customerSearchSql } from './customer-360';

describe('customer 360', () => {
  let db: NodeDb;
  beforeAll(async () => {
    db = await NodeDb.create();
    await createTransactions(db, BEHAVIOUR_FIXTURE);
  });
  afterAll(() => db.close());

  it('finds ids containing the text, the exact one first, customers after the as-of date left out', async () => {
    const find = async (text: string) => (await db.query<{ customer_id: string }>(customerSearchSql(), ['2024-03-31', containsPattern(text), text.trim()])).map((r) => r.customer_id);
    expect(await find('c')).toEqual(['c1', 'c2', 'c3']);
    expect(await find(' C3 ')).toEqual(['c3']);
    expect(await find('%')).toEqual([]);
    expect(await find('_1')).toEqual([]);
  });

  it('lists a customer’s orders, latest first', async () => {
    expect(await db.query(customerOrdersSql(), ['2024-03-31', 'c1'])).toEqual([
      { order_id: 'o2', order_ts: '2024-03-10 18:05:00', lines: 1, quantity: 1, amount: 25, products: 'Lamp', channel: 'Store', payment: 'Cash' },
      { order_id: 'o1', order_ts: '2023-03-05 09:30:00', lines: 2, quantity: 3, amount: 3.99, products: 'Bread, Milk', channel: 'Web', payment: 'Card' },
    ]);
  });

  it('profiles a customer with their stage, and with RFM and CLV once those tables exist', async () => {
    // c1 came back on 2024-03-10 after 371 days: reactivated with a 30-day window.
    const [p] = await db.query(customerProfileSql({ rfm: false, clv: false }), ['2024-03-31', 30, 'c1']);
    expect(p).toMatchObject({ customer_id: 'c1', orders: 2, revenue: 28.99, stage: 'reactivated', days_since_last_order: 21, first_order: '2023-03-05' });
    expect(p).not.toHaveProperty('segment');
    await db.exec(`CREATE TABLE rfm_customers AS SELECT 'c1' AS customer_id, 5 AS r_score, 2 AS f_score, 3 AS m_score, 523 AS rfm_score, 'Potential' AS segment`);
    // c1's first purchase 2023-03-05 is 392 days (56 weeks) before 2024-03-31.
    await db.exec(`CREATE TABLE clv_customers AS SELECT 'c1' AS customer_id, 56.0 AS T, 0.9 AS p_alive, 40.5 AS clv`);
    const [q] = await db.query(customerProfileSql({ rfm: true, clv: true }), ['2024-03-31', 30, 'c1']);
    expect(q).toMatchObject({ customer_id: 'c1', stage: 'reactivated', rfm_score: 523, segment: 'Potential', p_alive: 0.9, clv: 40.5, clv_current: true });
    const [stale] = await db.query(customerProfileSql({ rfm: true, clv: true }), ['2024-03-30', 30, 'c1']);
    expect(stale).toMatchObject({ clv_current: false });
    expect(await db.query(customerProfileSql({ rfm: true, clv: true }), ['2024-03-31', 30, 'c4'])).toEqual([]);
  });
});
