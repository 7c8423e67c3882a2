import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../../test/helpers/node-db';
import { createTransactions, ordersOn } from '../../../test/helpers/behaviour-fixture';
import { customerFactsSql } from '../../model/customer-facts';
import { clusterFeatureColumnsSql, clusterFeaturesSql, createClustersSql } from './clusters-sql';
import { labelsCsv } from './clusters';

describe('customer_clusters from the worker’s labels', () => {
  let db: NodeDb;
  beforeAll(async () => {
    db = await NodeDb.create();
    // Ids whose text order differs from the order they are written in; c10 and c2 sort as text (c10 < c2).
    await createTransactions(db, [
      ...ordersOn('c2', ['2024-01-01']),
      ...ordersOn('c10', ['2024-01-05', '2024-02-05']),
      ...ordersOn('b', ['2024-03-01']),
      { c: 'returns-only', o: 'r1', ts: '2024-03-02', amount: -10 },
    ]);
    await db.query(customerFactsSql(), ['2024-03-31']);
  });
  afterAll(() => db.close());

  it('reads the features as numbers in the order of the customers the labels follow', async () => {
    const withIds = await db.query(clusterFeaturesSql(), ['2024-03-31']);
    const columns = await db.queryColumns(clusterFeatureColumnsSql(), ['2024-03-31']);
    expect(withIds.map((r) => r.customer_id)).toEqual(['b', 'c10', 'c2']);
    expect(columns.names).toEqual(['recency_days', 'frequency', 'monetary']);
    expect([...columns.columns[0]!]).toEqual(withIds.map((r) => r.recency_days));
    expect([...columns.columns[1]!]).toEqual([1, 2, 1]);
  });

  it('writes one label per line and gives the n-th customer the n-th label', async () => {
    const csv = labelsCsv(Uint8Array.from([3, 1, 12]));
    expect(new TextDecoder().decode(csv)).toBe('cluster\n3\n1\n12\n');
    const file = `${db.fileDir}labels.csv`;
    await db.registerFile(file, csv);
    await db.exec(createClustersSql(file));
    expect(await db.query('SELECT customer_id, cluster FROM customer_clusters')).toEqual([
      { customer_id: 'b', cluster: 3 },
      { customer_id: 'c10', cluster: 1 },
      { customer_id: 'c2', cluster: 12 },
    ]);
  });

  it('refuses a label it cannot write', () => {
    expect(() => labelsCsv([0])).toThrow(/out of range/);
    expect(() => labelsCsv([100])).toThrow(/out of range/);
  });
});
