import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../../test/helpers/node-db';
import { createTransactions, STAGE_FIXTURE } from '../../../test/helpers/behaviour-fixture';
import { customerFactsSql } from '../../model/customer-facts';
import { gapDistributionSql, gapStatsSql, lifetimeDistributionSql, loyaltySummarySql, ordersPerCustomerSql } from './loyalty';

// The stage fixture as of 2024-06-30, purchases per customer: a 1, b 1, b2 1, c 7, d 3, e 3, f 3, g 1 (its second
// order is a return, which used to count as an order), h 2 (same day). Revenue (net): 10 each but c 70, d/e/f 30,
// g 50 − 20 = 30, h 20.
describe('loyalty', () => {
  let db: NodeDb;
  beforeAll(async () => {
    db = await NodeDb.create();
    await createTransactions(db, STAGE_FIXTURE);
    await db.query(customerFactsSql(), ['2024-06-30']);
  });
  afterAll(() => db.close());

  it('counts one-time and repeat buyers with their revenue', async () => {
    // Repeat (2+ purchases): c, d, e, f, h = 5, revenue 70 + 30 + 30 + 30 + 20 = 180; one-time a, b, b2, g = 60.
    // Purchases 1 + 1 + 1 + 7 + 3 + 3 + 3 + 1 + 2 = 22 over 9 customers.
    expect(await db.query(loyaltySummarySql())).toEqual([{
      customers: 9, repeat_customers: 5, repeat_rate: 5 / 9, one_time_customers: 4, one_time_revenue: 60,
      repeat_revenue: 180, orders_per_customer: 22 / 9,
      median_lifetime_days: 98.5, // c 180, d 157, e 20, f 40: (40 + 157) / 2
    }]);
  });

  it('distributes customers by purchases, the tail grouped at the cap', async () => {
    expect(await db.query(ordersPerCustomerSql(3))).toEqual([
      { orders: 1, is_tail: false, customers: 4, revenue: 60 },
      { orders: 2, is_tail: false, customers: 1, revenue: 20 },
      { orders: 3, is_tail: true, customers: 4, revenue: 160 },
    ]);
  });

  it('counts gaps between purchase days and lifetimes of customers who bought on two days or more', async () => {
    expect(await db.query(gapDistributionSql(), ['2024-06-30'])).toEqual([
      { days: 10, gaps: 2 }, { days: 20, gaps: 2 }, { days: 30, gaps: 6 }, { days: 60, gaps: 1 }, { days: 97, gaps: 1 },
    ]);
    // 10 + 10 + 20 + 20 + 6 × 30 + 60 + 97 = 397 over 12 gaps; the 6th and 7th sorted gaps are both 30.
    expect(await db.query(gapStatsSql(), ['2024-06-30'])).toEqual([{ gaps: 12, median_days: 30, mean_days: 397 / 12 }]);
    expect(await db.query(lifetimeDistributionSql())).toEqual([
      { days: 20, customers: 1 }, { days: 40, customers: 1 }, { days: 157, customers: 1 }, { days: 180, customers: 1 },
    ]);
  });
});
