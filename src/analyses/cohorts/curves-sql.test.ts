import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../../test/helpers/node-db';
import type { QueryLayer } from '../../query/query-layer';
import { averageCurveRequest, periodTrendRequest, retentionCurveExportRequest } from './curves-sql';
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

  it('weights by cohort size over the cohorts whose period has ended, leaving out periods still running', async () => {
    // Cohorts 2024-01 (a, b, f), 2024-02 (c), 2024-03 (d, e); as of 2024-04-15 April is still running, so it is
    // period 3 of 2024-01, 2 of 2024-02 and 1 of 2024-03 and counts in no average. Period 1: 2024-01 (b in Feb) and
    // 2024-02 (nobody in Mar) = 1 of 4; or later: a and b = 2 of 4; revenue to period 1: 25.50 + 2.50 + 100 = 128.
    // Period 2: 2024-01 only, a in Mar = 1 of 3; revenue 28 + 20 = 48. Period 3 has ended for no cohort.
    expect(await layer.query(averageCurveRequest(MONTHLY_AS_OF, options))).toEqual([
      { period: 0, cohorts: 3, cohort_customers: 6, customers: 6, customers_or_later: 6, retention: 1, retention_or_later: 1, cumulative_revenue_per_customer: 163.5 / 6 },
      { period: 1, cohorts: 2, cohort_customers: 4, customers: 1, customers_or_later: 2, retention: 0.25, retention_or_later: 0.5, cumulative_revenue_per_customer: 32 },
      { period: 2, cohorts: 1, cohort_customers: 3, customers: 1, customers_or_later: 1, retention: 1 / 3, retention_or_later: 1 / 3, cumulative_revenue_per_customer: 16 },
    ]);
  });

  it('exports retention_curve.csv in the contract\'s columns, with the same rule', async () => {
    const bytes = await layer.exportCsv(retentionCurveExportRequest(MONTHLY_AS_OF, options));
    expect(new TextDecoder().decode(bytes).trim().split('\n')).toEqual([
      'period,cohorts,cohort_size,customers,retention',
      '0,3,6,6,1.0',
      '1,2,4,1,0.25',
      '2,1,3,1,0.3333333333333333',
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
