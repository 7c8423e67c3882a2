import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../../test/helpers/node-db';
import type { QueryLayer } from '../../query/query-layer';
import { monthlyRatesRequest } from './rates-sql';
import { createTransactions, MONTHLY, MONTHLY_AS_OF } from './test-fixtures';

const pick = (r: Record<string, unknown>) => [
  r.label, r.buyers, r.repeat_buyers, r.repeat_rate, r.returning_buyers, r.return_rate, r.new, r.active, r.reactivated, r.inactive,
];

describe('monthly 复购率, 回购率 and customer states', () => {
  let db: NodeDb;
  let layer: QueryLayer;
  beforeAll(async () => {
    db = await NodeDb.create();
    layer = await createTransactions(db, MONTHLY);
  });
  afterAll(() => db.close());

  it('computes the rates and states by hand-worked months', async () => {
    // Jan: a (a1, a2), b (b1), f (f1, f2 on the same day) → 2 of 3 with 2+ orders; of them only b buys in Feb.
    // Feb: b (active: bought in Jan), c (new); a and f inactive. Mar: a reactivated, d and e new; b, c, f inactive.
    // Apr (as-of month, next month unobservable): d active; a, b, c, e, f inactive. Mar's 回购率 waits for April
    // to end (the as-of date is mid-April), so it is NULL too.
    const rows = await layer.query(monthlyRatesRequest(MONTHLY_AS_OF, {}));
    expect(rows.map(pick)).toEqual([
      ['2024-01', 3, 2, 2 / 3, 1, 1 / 3, 3, 0, 0, 0],
      ['2024-02', 2, 0, 0, 0, 0, 1, 1, 0, 2],
      ['2024-03', 3, 0, 0, null, null, 2, 0, 1, 3],
      ['2024-04', 1, 0, 0, null, null, 0, 1, 0, 5],
    ]);
    expect(rows.map((r) => [r.month, r.partial])).toEqual([
      ['2024-01-01', false], ['2024-02-01', false], ['2024-03-01', false], ['2024-04-01', true],
    ]);
  });

  it('keeps months without buyers, with no rate', async () => {
    // As of 2024-06-30, d's order of Apr 16 counts: d has 2 orders in April; nobody buys in May or June.
    const rows = await layer.query(monthlyRatesRequest('2024-06-30', {}));
    expect(rows.slice(3).map(pick)).toEqual([
      ['2024-04', 1, 1, 1, 0, 0, 0, 1, 0, 5],
      ['2024-05', 0, 0, null, 0, null, 0, 0, 0, 6],
      ['2024-06', 0, 0, null, null, null, 0, 0, 0, 6],
    ]);
    expect(rows.at(-1)?.partial).toBe(false);
  });

  it('scopes the rates to customers acquired through a channel', async () => {
    // App: b (Jan, Feb) and d (Mar, Apr).
    const rows = await layer.query(monthlyRatesRequest(MONTHLY_AS_OF, { channel: 'App' }));
    expect(rows.map(pick)).toEqual([
      ['2024-01', 1, 0, 0, 1, 1, 1, 0, 0, 0],
      ['2024-02', 1, 0, 0, 0, 0, 0, 1, 0, 0],
      ['2024-03', 1, 0, 0, null, null, 1, 0, 0, 1],
      ['2024-04', 1, 0, 0, null, null, 0, 1, 0, 1],
    ]);
  });

  it('has no month when nobody has bought by the as-of date', async () => {
    expect(await layer.query(monthlyRatesRequest('2023-12-31', {}))).toEqual([]);
  });
});
