import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../test/helpers/node-db';
import { fileOf } from '../../test/helpers/files';
import { Dataset } from '../ingest/loader';
import { purchasesFile, PURCHASES_AS_OF } from '../../test/helpers/purchase-fixture';
import { customerFactsSql } from '../model/customer-facts';
import { kpiSql, monthlySql, overviewExportSql } from './overview';

// Worked by hand: 7 data lines, one rejected (blank customer), one exact duplicate (b's second line).
// Up to 2024-02-29: a has the purchase o1 (10 + 5 on two lines) and the return o2 (−3); b has the purchase o3
// (its line twice, 20 each). Customers 2, purchases 2, returns 1, revenue 10 + 5 − 3 + 20 + 20 = 52.
// c's order on 2024-03-01 falls after the as-of date.
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

  const kpis = async (asOf: string) => {
    await db.query(customerFactsSql(), [asOf]);
    return (await db.query(kpiSql(), [asOf]))[0];
  };

  it('computes the KPI cards up to the as-of date', async () => {
    expect(await kpis('2024-02-29')).toEqual({
      customers: 2, orders: 2, returns: 1, revenue: 52, returned_amount: 3, average_order_value: 26, orders_per_customer: 1,
      repeat_customer_share: 0, first_date: '2024-01-10', last_date: '2024-02-29',
    });
  });

  it('computes revenue and active customers per month', async () => {
    // February: b's purchase (40) and a's return (−3); only b bought.
    expect(await db.query(monthlySql(), ['2024-03-31'])).toEqual([
      { month: '2024-01-01', revenue: 15, orders: 1, active_customers: 1 },
      { month: '2024-02-01', revenue: 37, orders: 1, active_customers: 1 },
      { month: '2024-03-01', revenue: 100, orders: 1, active_customers: 1 },
    ]);
  });

  it('writes overview.csv in the contract’s order, before and after removing duplicates', async () => {
    await db.query(customerFactsSql(), ['2024-02-29']);
    const text = () => db.exportCsv(overviewExportSql(), ['2024-02-29']).then((b) => new TextDecoder().decode(b).trim().split('\n'));
    expect(await text()).toEqual([
      'metric,value', 'rows_read,7', 'rows_rejected,1', 'duplicate_rows,1', 'rows_loaded,6', 'customers,2', 'orders,2',
      'revenue,52.00', 'first_date,2024-01-10', 'last_date,2024-02-29', 'returns,1', 'returned_amount,3.00',
    ]);
    await ds.dropDuplicates();
    await db.query(customerFactsSql(), ['2024-02-29']);
    expect(await text()).toEqual([
      'metric,value', 'rows_read,7', 'rows_rejected,1', 'duplicate_rows,1', 'rows_loaded,5', 'customers,2', 'orders,2',
      'revenue,32.00', 'first_date,2024-01-10', 'last_date,2024-02-29', 'returns,1', 'returned_amount,3.00',
    ]);
  });
});

describe('overview on cancellation invoices (purchase definition)', () => {
  let db: NodeDb;
  beforeAll(async () => {
    db = await NodeDb.create();
    await new Dataset(db).add(purchasesFile());
    await db.query(customerFactsSql(), [PURCHASES_AS_OF]);
  });
  afterAll(() => db.close());

  it('counts purchases as orders, cancellations as returns, and nobody with returns only', async () => {
    // Purchases: a 2, b 2 (536006 nets to 0), d 2, e 1 = 7; returns C536002, C536004, C536008, C536011 = 4.
    // Revenue 25 − 5 + 30 − 10 + 40 + 0 + 12.5 − 20 + 15 + 5 − 5 + 10 = 97.5; returned 5 + 10 + 20 + 5 = 40.
    expect((await db.query(kpiSql(), [PURCHASES_AS_OF]))[0]).toEqual({
      customers: 4, orders: 7, returns: 4, revenue: 97.5, returned_amount: 40, average_order_value: 97.5 / 7,
      orders_per_customer: 7 / 4, repeat_customer_share: 3 / 4, first_date: '2024-01-05', last_date: '2024-03-30',
    });
  });

  it('puts a return in the month it happened', async () => {
    expect(await db.query(monthlySql(), [PURCHASES_AS_OF])).toEqual([
      { month: '2024-01-01', revenue: 25 - 5 + 40, orders: 2, active_customers: 2 },
      { month: '2024-02-01', revenue: 30 - 20 + 15 + 5 - 5, orders: 3, active_customers: 2 },
      { month: '2024-03-01', revenue: -10 + 12.5 + 10, orders: 2, active_customers: 2 },
    ]);
  });
});
