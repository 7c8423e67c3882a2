import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../../test/helpers/node-db';
import type { QueryLayer } from '../../query/query-layer';
import { averageCurveRequest, periodTrendRequest } from './curves-sql';
import { createTransactions, MONTHLY, MONTHLY_AS_OF } from './test-fixtures';

describe('average curve and period-N trend SQL', () => {
  let db: NodeDb;
  let layer: QueryLayer;
  beforeAll(async () => {
    db = await NodeDb.create();
    layer = await createTransactions(db, MONTHLY);
  });
  afterAll(() => db.close());
  const options = { granularity: 'month' as const, filter: {} };

  it('weights by cohort size over the cohorts that have reached each period', async () => {
    // Cohorts 2024-01 (3 customers), 2024-02 (1), 2024-03 (2); period 2 is reached by the first two, 3 by the first.
    expect(await layer.query(averageCurveRequest(MONTHLY_AS_OF, options))).toEqual([
      { period: 0, cohorts: 3, cohort_customers: 6, customers: 6, customers_or_later: 6, retention: 1, retention_or_later: 1, cumulative_revenue_per_customer: 163.5 / 6 },
      { period: 1, cohorts: 3, cohort_customers: 6, customers: 2, customers_or_later: 3, retention: 2 / 6, retention_or_later: 0.5, cumulative_revenue_per_customer: 178 / 6 },
      { period: 2, cohorts: 2, cohort_customers: 4, customers: 1, customers_or_later: 1, retention: 0.25, retention_or_later: 0.25, cumulative_revenue_per_customer: 37 },
      { period: 3, cohorts: 1, cohort_customers: 3, customers: 0, customers_or_later: 0, retention: 0, retention_or_later: 0, cumulative_revenue_per_customer: 16 },
    ]);
  });

  it('lists period-N retention by cohort, for the cohorts that reached N', async () => {
    const rows = await layer.query(periodTrendRequest(MONTHLY_AS_OF, options, 1));
    expect(rows.map((r) => [r.cohort, r.customers, r.retention, r.partial])).toEqual([
      ['2024-01', 1, 1 / 3, false],
      ['2024-02', 0, 0, false],
      ['2024-03', 1, 0.5, true],
    ]);
    const filtered = { granularity: 'month' as const, filter: { channel: 'App' } };
    const two = await layer.query(periodTrendRequest(MONTHLY_AS_OF, filtered, 2));
    expect(two.map((r) => [r.cohort, r.cohort_size, r.customers])).toEqual([['2024-01', 1, 0]]);
  });
});
