import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../../test/helpers/node-db';
import { BEHAVIOUR_FIXTURE, createTransactions } from '../../../test/helpers/behaviour-fixture';
import { breakdownSql } from './breakdowns';

// Orders up to 2024-03-31: o1 c1 Web (c1's first: new) 3.99, o2 c1 Store 25, o3 c2 Web (new) 499.99, o4 c2 Web 1.50,
// o5 c3 App (new) 2.97, o6 c3 App −0.99 (a return: no purchase, its amount in the returning customers' revenue).
describe('channel, region and payment breakdowns', () => {
  let db: NodeDb;
  beforeAll(async () => {
    db = await NodeDb.create();
    await createTransactions(db, BEHAVIOUR_FIXTURE);
  });
  afterAll(() => db.close());

  it('splits orders and revenue per channel between new and returning customers', async () => {
    const total = 532.46;
    expect(await db.query(breakdownSql('channel'), ['2024-03-31'])).toEqual([
      { value: 'Web', orders: 3, revenue: 505.48, revenue_share: 505.48 / total, customers: 2, new_customers: 2, returning_customers: 1, new_orders: 2, returning_orders: 1, new_revenue: 503.98, returning_revenue: 1.5, new_share: 2 / 3 },
      { value: 'Store', orders: 1, revenue: 25, revenue_share: 25 / total, customers: 1, new_customers: 0, returning_customers: 1, new_orders: 0, returning_orders: 1, new_revenue: 0, returning_revenue: 25, new_share: 0 },
      // The return used to count as c3's returning order: orders 2, returning 1, new share 0.5.
      { value: 'App', orders: 1, revenue: 1.98, revenue_share: 1.98 / total, customers: 1, new_customers: 1, returning_customers: 0, new_orders: 1, returning_orders: 0, new_revenue: 2.97, returning_revenue: -0.99, new_share: 1 },
    ]);
  });

  it('breaks down payment the same way', async () => {
    const rows = await db.query<{ value: string; orders: number; new_orders: number }>(breakdownSql('payment'), ['2024-03-31']);
    // Card: purchases o1, o3, o4, o5 (o6, a return, used to make 5).
    expect(rows.map((r) => [r.value, r.orders, r.new_orders])).toEqual([['Card', 4, 3], ['Cash', 1, 0]]);
  });
});
