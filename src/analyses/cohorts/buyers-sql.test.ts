import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../../test/helpers/node-db';
import type { QueryLayer } from '../../query/query-layer';
import { buyersRequest } from './buyers-sql';
import { createTransactions, MONTHLY, MONTHLY_AS_OF } from './test-fixtures';

describe('one-time versus repeat buyers', () => {
  let db: NodeDb;
  let layer: QueryLayer;
  beforeAll(async () => {
    db = await NodeDb.create();
    layer = await createTransactions(db, MONTHLY);
  });
  afterAll(() => db.close());

  it('counts customers with one purchase and with 2+ per cohort and in total', async () => {
    // 2024-01: a (3 purchases), b (2), f (2); 2024-02: c (1); 2024-03: d (2 up to the as-of date), e (1).
    const rows = await layer.query(buyersRequest(MONTHLY_AS_OF, { granularity: 'month', filter: {} }));
    expect(rows.map((r) => [r.cohort, r.customers, r.one_time, r.repeat, r.repeat_share])).toEqual([
      ['2024-01', 3, 0, 3, 1],
      ['2024-02', 1, 1, 0, 0],
      ['2024-03', 2, 1, 1, 0.5],
      [null, 6, 2, 4, 4 / 6],
    ]);
  });

  it('groups by quarter', async () => {
    const rows = await layer.query(buyersRequest(MONTHLY_AS_OF, { granularity: 'quarter', filter: {} }));
    expect(rows.map((r) => [r.cohort, r.cohort_start, r.customers, r.one_time, r.repeat])).toEqual([['2024-Q1', '2024-01-01', 6, 2, 4], [null, null, 6, 2, 4]]);
  });
});
