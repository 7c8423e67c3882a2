import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../../test/helpers/node-db';
import type { QueryLayer } from '../../query/query-layer';
import { pageSql } from '../paging';
import { cellCustomersSource, cellExportRequest } from './cell-customers';
import { createTransactions, MONTHLY, MONTHLY_AS_OF } from './test-fixtures';

describe('customers of a triangle cell', () => {
  let db: NodeDb;
  let layer: QueryLayer;
  beforeAll(async () => {
    db = await NodeDb.create();
    layer = await createTransactions(db, MONTHLY);
  });
  afterAll(() => db.close());
  const options = { granularity: 'month' as const, filter: {} };
  const page = async (orLater: boolean, cohortStart: string, period: number) => {
    const cell = cellCustomersSource(MONTHLY_AS_OF, options, orLater, cohortStart, period);
    const q = pageSql(cell.source, { sortBy: 'customer_id', descending: false, page: 0, pageSize: 10, search: '', searchColumn: null, filters: {} }, cell.params.length + 1);
    return layer.query({ sql: q.rows, params: [...cell.params, ...q.params], tables: cell.tables });
  };

  it('lists the customers active in the period', async () => {
    expect(await page(false, '2024-01-01', 1)).toEqual([
      { customer_id: 'b', first_order: '2024-01-31', last_order: '2024-02-01', orders_in_period: 1, revenue_in_period: 2.5, orders: 2, revenue: 10 },
    ]);
  });

  it('lists the customers active in the period or later', async () => {
    const rows = await page(true, '2024-01-01', 1);
    expect(rows.map((r) => [r.customer_id, r.orders_in_period, r.revenue_in_period, r.orders, r.revenue, r.last_order])).toEqual([
      ['a', 0, 0, 3, 35, '2024-03-02'],
      ['b', 1, 2.5, 2, 10, '2024-02-01'],
    ]);
    expect(await page(false, '2024-02-01', 1)).toEqual([]);
  });

  it('exports cohort_customers.csv in the contract’s columns, the highest revenue in the period first', async () => {
    // Cohort 2024-01, period 0: a (a1 10 + a2 5 = 15, two purchases), b (7.50), f (1 + 2 = 3, two on one day).
    const text = new TextDecoder().decode(await layer.exportCsv(cellExportRequest(cellCustomersSource(MONTHLY_AS_OF, options, false, '2024-01-01', 0))));
    expect(text.trim().split('\n')).toEqual([
      'customer_id,first_order,last_order,orders_in_period,revenue_in_period,orders,revenue',
      'a,2024-01-05,2024-03-02,2,15.00,3,35.00',
      'b,2024-01-31,2024-02-01,1,7.50,2,10.00',
      'f,2024-01-25,2024-01-25,2,3.00,2,3.00',
    ]);
  });
});
