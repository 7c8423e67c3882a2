import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../../test/helpers/node-db';
import type { QueryLayer } from '../../query/query-layer';
import { secondPurchaseRequest, secondPurchaseSummaryRequest } from './second-purchase';
import { createTransactions, MONTHLY, MONTHLY_AS_OF } from './test-fixtures';

describe('time to second purchase', () => {
  let db: NodeDb;
  let layer: QueryLayer;
  beforeAll(async () => {
    db = await NodeDb.create();
    layer = await createTransactions(db, MONTHLY);
  });
  afterAll(() => db.close());

  it('buckets the days from first to second purchase, empty buckets included', async () => {
    // f: 0 days (two orders on Jan 25), b: 1 (Jan 31 → Feb 1), a: 15 (Jan 5 → Jan 20), d: 31 (Mar 15 → Apr 15).
    const rows = await layer.query(secondPurchaseRequest(MONTHLY_AS_OF, {}));
    expect(rows.map((r) => [r.label, r.customers, r.share, r.cumulative_share])).toEqual([
      ['0', 1, 0.25, 0.25],
      ['1–7', 1, 0.25, 0.5],
      ['8–14', 0, 0, 0.5],
      ['15–30', 1, 0.25, 0.75],
      ['31–60', 1, 0.25, 1],
      ['61–90', 0, 0, 1],
      ['91–180', 0, 0, 1],
      ['181–365', 0, 0, 1],
      ['366–730', 0, 0, 1],
      ['731+', 0, 0, 1],
    ]);
  });

  it('summarises the days [0, 1, 15, 31]: median, mean, and the days within which 75 % and 90 % came back', async () => {
    expect(await layer.query(secondPurchaseSummaryRequest(MONTHLY_AS_OF, {}))).toEqual([
      { customers: 6, repeat_customers: 4, repeat_share: 4 / 6, median_days: 8, mean_days: 11.75, p75_days: 15, p90_days: 31 },
    ]);
  });

  it('has no second purchase before the as-of date of a customer’s second purchase', async () => {
    const [s] = await layer.query(secondPurchaseSummaryRequest('2024-01-30', { region: 'South' }));
    // South customers by then: f (two orders on Jan 25) only; b's first order is on Jan 31.
    expect(s).toEqual({ customers: 1, repeat_customers: 1, repeat_share: 1, median_days: 0, mean_days: 0, p75_days: 0, p90_days: 0 });
  });
});
