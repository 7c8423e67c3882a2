import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../../test/helpers/node-db';
import { buyersSql } from './buyers-sql';
import { scopeParams } from './scope';
import { createTransactions, MONTHLY, MONTHLY_AS_OF } from './test-fixtures';

describe('one-time versus repeat buyers', () => {
  let db: NodeDb;
  beforeAll(async () => {
    db = await NodeDb.create();
    await createTransactions(db, MONTHLY);
  });
  afterAll(() => db.close());

  it('counts customers with one order and with 2+ per cohort and in total', async () => {
    // 2024-01: a (3 orders), b (2), f (2); 2024-02: c (1); 2024-03: d (2 up to the as-of date), e (1).
    const rows = await db.query(buyersSql({ granularity: 'month', filter: {} }), scopeParams(MONTHLY_AS_OF, {}));
    expect(rows.map((r) => [r.cohort, r.customers, r.one_time, r.repeat, r.repeat_share])).toEqual([
      ['2024-01', 3, 0, 3, 1],
      ['2024-02', 1, 1, 0, 0],
      ['2024-03', 2, 1, 1, 0.5],
      [null, 6, 2, 4, 4 / 6],
    ]);
  });

  it('groups by quarter', async () => {
    const rows = await db.query(buyersSql({ granularity: 'quarter', filter: {} }), scopeParams(MONTHLY_AS_OF, {}));
    expect(rows.map((r) => [r.cohort, r.customers, r.one_time, r.repeat])).toEqual([['2024-Q1', 6, 2, 4], [null, 6, 2, 4]]);
  });
});
