import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../test/helpers/node-db';
import { fileOf } from '../../test/helpers/files';
import { Dataset } from '../ingest/loader';
import { kpiSql, monthlySql, overviewExportSql } from './overview';

// Worked by hand: 5 data lines, one rejected (blank customer), one exact duplicate (b's second line).
// Up to 2024-02-29: a has orders o1 (10 + 5 on two lines) and o2 (-3, a return); b has o3 twice (duplicate line, 20 each).
// Customers 2, orders 3, revenue 10 + 5 − 3 + 20 + 20 = 52. c's order on 2024-03-01 falls after the as-of date.
const CSV = `order_id,customer_id,order_date,amount
o1,a,2024-01-10,10
o1,a,2024-01-10,5
o2,a,2024-02-29,-3
o3,b,2024-02-01,20
o3,b,2024-02-01,20
o4,,2024-02-02,1
o5,c,2024-03-01,100
`;

describe('overview SQL', () => {
  let db: NodeDb;
  let ds: Dataset;
  beforeAll(async () => {
    db = await NodeDb.create();
    ds = new Dataset(db);
    await ds.add(fileOf('shop.csv', CSV));
  });
  afterAll(() => db.close());

  it('computes the KPI cards up to the as-of date', async () => {
    const [k] = await db.query(kpiSql(), ['2024-02-29']);
    expect(k).toEqual({
      customers: 2, orders: 3, revenue: 52, average_order_value: 52 / 3, orders_per_customer: 1.5,
      repeat_customer_share: 0.5, first_date: '2024-01-10', last_date: '2024-02-29',
    });
  });

  it('computes revenue and active customers per month', async () => {
    expect(await db.query(monthlySql(), ['2024-03-31'])).toEqual([
      { month: '2024-01-01', revenue: 15, orders: 1, active_customers: 1 },
      { month: '2024-02-01', revenue: 37, orders: 2, active_customers: 2 },
      { month: '2024-03-01', revenue: 100, orders: 1, active_customers: 1 },
    ]);
  });

  it('writes overview.csv in the contract’s order, before and after removing duplicates', async () => {
    const text = () => db.exportCsv(overviewExportSql(), ['2024-02-29']).then((b) => new TextDecoder().decode(b).trim().split('\n'));
    expect(await text()).toEqual([
      'metric,value', 'rows_read,7', 'rows_rejected,1', 'duplicate_rows,1', 'rows_loaded,6', 'customers,2', 'orders,3',
      'revenue,52.00', 'first_date,2024-01-10', 'last_date,2024-02-29',
    ]);
    await ds.dropDuplicates();
    expect(await text()).toEqual([
      'metric,value', 'rows_read,7', 'rows_rejected,1', 'duplicate_rows,1', 'rows_loaded,5', 'customers,2', 'orders,3',
      'revenue,32.00', 'first_date,2024-01-10', 'last_date,2024-02-29',
    ]);
  });
});
