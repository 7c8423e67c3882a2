import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../../test/helpers/node-db';
import { pageSql } from '../paging';
import { cellCustomersSql } from './cell-customers';
import { scopeParams } from './scope';
import { createTransactions, MONTHLY, MONTHLY_AS_OF } from './test-fixtures';

describe('customers of a triangle cell', () => {
  let db: NodeDb;
  beforeAll(async () => {
    db = await NodeDb.create();
    await createTransactions(db, MONTHLY);
  });
  afterAll(() => db.close());
  const options = { granularity: 'month' as const, filter: {} };
  const page = async (orLater: boolean, cohort: string, period: number) => {
    const params = [...scopeParams(MONTHLY_AS_OF, {}), cohort, period];
    const q = pageSql(cellCustomersSql(options, orLater), { sortBy: 'customer_id', descending: false, page: 0, pageSize: 10, search: '', searchColumn: null, filters: {} }, params.length + 1);
    return db.query(q.rows, [...params, ...q.params]);
  };

  it('lists the customers active in the period', async () => {
    expect(await page(false, '2024-01', 1)).toEqual([
      { customer_id: 'b', first_order: '2024-01-31', last_order: '2024-02-01', orders_in_period: 1, revenue_in_period: 2.5, orders: 2, revenue: 10 },
    ]);
  });

  it('lists the customers active in the period or later', async () => {
    const rows = await page(true, '2024-01', 1);
    expect(rows.map((r) => [r.customer_id, r.orders_in_period, r.revenue_in_period, r.orders, r.revenue, r.last_order])).toEqual([
      ['a', 0, 0, 3, 35, '2024-03-02'],
      ['b', 1, 2.5, 2, 10, '2024-02-01'],
    ]);
    expect(await page(false, '2024-02', 1)).toEqual([]);
  });
});
