import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../../test/helpers/node-db';
import { fileOf } from '../../../test/helpers/files';
import { Dataset } from '../../ingest/loader';
import { CustomerSet } from '../../ingest/customer-loader';
import { kindOfFile } from '../../ingest/file-kind';
import { sniff } from '../../ingest/sniff';
import { customerFactsSql } from '../../model/customer-facts';
import { SEGMENT_CUSTOMERS as CUSTOMERS, SEGMENT_ORDERS as ORDERS } from '../../../test/helpers/segments-fixture';
import { ageBandLabels, attributeRetentionSql, attributeSegmentsSql, crosstabSql, matchReportSql, segmentMixSql, type AttributeSources } from './attributes';

const AS_OF = '2024-06-30';
describe('segments by attribute', () => {
  let db: NodeDb;
  const src: AttributeSources = {
    customers: true, age: { header: 'birth_date', from: 'birth_date' }, cuts: [25, 35, 45, 55], signup: null,
    orderDims: [{ dim: 'channel', header: 'channel' }],
  };
  beforeAll(async () => {
    db = await NodeDb.create();
    await new Dataset(db).add(fileOf('orders.csv', ORDERS));
    expect(kindOfFile(sniff(CUSTOMERS)!)).toBe('customers');
    await new CustomerSet(db).add(fileOf('customers.csv', CUSTOMERS));
    await db.query(customerFactsSql(), [AS_OF]);
  });
  afterAll(() => db.close());

  it('labels the default age bands', () => {
    expect(ageBandLabels([25, 35, 45, 55])).toEqual(['<25', '25-34', '35-44', '45-54', '55+']);
  });

  it('computes attribute_segments.csv by hand', async () => {
    const rows = await db.query(attributeSegmentsSql(src), [AS_OF]);
    const row = (attribute: string, value: string) => rows.find((r) => r.attribute === attribute && r.value === value);
    // Ages on 2024-06-30: a 33 (birthday tomorrow), b 24 (born that day in 2000), c 53.
    expect(rows.filter((r) => r.attribute === 'birth_date').map((r) => r.value).sort()).toEqual(['25-34', '45-54', '<25']);
    // F: a (3 purchases, 180) and c (2, 80) of the 3 customers with a gender (revenue 300).
    expect(row('gender', 'F')).toEqual({
      attribute: 'gender', value: 'F', customers: 2, customer_share: 0.6667, revenue: 260, revenue_share: 0.8667,
      orders_per_customer: 2.5, average_order_value: 52, repeat_rate: 1,
    });
    // From the transactions: App a (180) and d (25), Web b (40) and c (80) of 325.
    expect([row('channel', 'App'), row('channel', 'Web')].map((r) => [r!.customers, r!.revenue, r!.revenue_share])).toEqual([[2, 205, 0.6308], [2, 120, 0.3692]]);
    expect(row('membership', 'Gold')!.customers).toBe(2);
    expect(row('city', 'Beijing')!.customers).toBe(1);
  });

  it('gives no rows, not an error, when the customers have no attribute', async () => {
    const none: AttributeSources = { customers: false, age: null, cuts: [25], signup: null, orderDims: [] };
    await db.query('CREATE OR REPLACE TABLE no_attr_rfm AS SELECT customer_id, \'x\' AS segment_key FROM customer_facts');
    for (const sql of [attributeSegmentsSql(none), attributeRetentionSql(none), segmentMixSql(none, 'no_attr_rfm')]) {
      expect(await db.query(sql, [AS_OF])).toEqual([]);
    }
  });

  it('binds the as-of date when no attribute depends on it (a customer file without ages, transactions without dimensions)', async () => {
    const plain: AttributeSources = { customers: true, age: null, cuts: [25], signup: null, orderDims: [] };
    const rows = await db.query(attributeSegmentsSql(plain), [AS_OF]);
    expect(rows.find((r) => r.attribute === 'gender' && r.value === 'F')).toMatchObject({ customers: 2, revenue: 260 });
    await db.query('CREATE OR REPLACE TABLE plain_rfm AS SELECT customer_id, \'x\' AS segment_key FROM customer_facts');
    for (const sql of [attributeRetentionSql(plain), segmentMixSql(plain, 'plain_rfm')]) expect((await db.query(sql, [AS_OF])).length).toBeGreaterThan(0);
    expect((await db.query(crosstabSql(plain), [AS_OF, 'gender', 'membership'])).length).toBe(2);
  });

  it('reports the match, the duplicate and the cross-tab', async () => {
    expect(await db.query(matchReportSql())).toEqual([{
      customers_without_attributes: 1, attribute_rows_without_transactions: 1, revenue_covered: 0.9231, customer_rows: 4, duplicate_rows: 1,
    }]);
    expect(await db.query('SELECT line, customer_id, kept_line FROM customer_duplicates')).toEqual([{ line: 6, customer_id: 'a', kept_line: 2 }]);
    expect(await db.query(crosstabSql(src), [AS_OF, 'gender', 'membership'])).toEqual([
      { value_a: 'F', value_b: 'Gold', customers: 2 }, { value_a: 'M', value_b: 'Silver', customers: 1 },
    ]);
  });
});

describe('personas', () => {
  it('describes each group from the data', async () => {
    const { personasSql } = await import('./personas');
    const db = await NodeDb.create();
    await new Dataset(db).add(fileOf('orders.csv', `order_id,customer_id,order_date,amount,channel,category,product
1,a,2024-01-10 10:00,100,Web,Books,Novel
2,a,2024-02-15 10:00,50,App,Books,Comic
3,a,2024-03-01 20:00,30,App,Home,Mug
4,b,2024-01-05 20:00,40,Web,Home,Mug
`));
    await new CustomerSet(db).add(fileOf('c.csv', 'customer_id,gender,city,province\na,F,Hangzhou,Zhejiang\nb,M,Beijing,Beijing\n'));
    await db.query(customerFactsSql(), [AS_OF]);
    // One group of both: 4 purchases, 220 of revenue; App 2, Web 2 → the smaller, App; Books 2 lines, Home 2 → Books;
    // hours 10 (2) and 20 (2) → 10; months Jan 2, Feb 1, Mar 1 → 1; weekdays: 01-10 Wed, 02-15 Thu, 03-01 Fri, 01-05 Fri → 5;
    // days since the last purchase: a 121 (03-01), b 177 (01-05) → median 149; products Mug 2 → Mug.
    const [p] = await db.query(personasSql(`SELECT customer_id, 'all' AS grp FROM customer_facts`, true), [AS_OF]);
    expect(p).toEqual({
      group: 'all', customers: 2, customer_share: 1, revenue_share: 1, median_recency_days: 149, median_frequency: 2,
      median_monetary: 110, average_order_value: 55, top_category: 'Books', top_product: 'Mug', channel: 'App', payment: null,
      weekday: 5, hour: 10, month: 1, gender: 'F', region: 'Beijing',
    });
    db.close();
  });
});
