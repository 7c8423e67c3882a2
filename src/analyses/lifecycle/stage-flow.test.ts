import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../../test/helpers/node-db';
import { createTransactions, ordersOn } from '../../../test/helpers/behaviour-fixture';
import { stageFlowSql } from './stage-flow';
import { customerFactsSql } from '../../model/customer-facts';
import { customerStagesSql } from './customers';

// As of 2024-03-15, window 30 days; stages taken on 01-31, 02-29 and 03-15.
//        01-31                         02-29                       03-15
// v  at risk (20 days > median 5)    churned (49 days)            churned
// w  new (first 29 days ago)         active (18 ≤ median 20)      active (13 ≤ 20)
// x  new                             churned (40 days)            churned
// y  new                             churned (35 days)            reactivated (back 03-10 after a 45-day gap)
// z  –                               new                          churned (34 days)
const FLOW = [
  ...ordersOn('v', ['2024-01-01', '2024-01-06', '2024-01-11']),
  ...ordersOn('w', ['2024-01-02', '2024-01-22', '2024-02-11', '2024-03-02']),
  ...ordersOn('x', ['2024-01-05', '2024-01-20']),
  ...ordersOn('y', ['2024-01-25', '2024-03-10']),
  ...ordersOn('z', ['2024-02-10']),
];

describe('stage flow per month', () => {
  let db: NodeDb;
  beforeAll(async () => {
    db = await NodeDb.create();
    await createTransactions(db, FLOW);
  });
  afterAll(() => db.close());

  it('counts stages at each month end and the month’s churn rate among customers not churned before', async () => {
    expect(await db.query(stageFlowSql(), ['2024-03-15', 30])).toEqual([
      { month: '2024-01-01', snapshot: '2024-01-31', new: 3, active: 0, reactivated: 0, at_risk: 1, churned: 0, base: 0, churned_in_month: 0, churn_rate: null, returned: 0 },
      { month: '2024-02-01', snapshot: '2024-02-29', new: 1, active: 1, reactivated: 0, at_risk: 0, churned: 3, base: 4, churned_in_month: 3, churn_rate: 0.75, returned: 0 },
      { month: '2024-03-01', snapshot: '2024-03-15', new: 0, active: 1, reactivated: 1, at_risk: 0, churned: 3, base: 2, churned_in_month: 1, churn_rate: 0.5, returned: 1 },
    ]);
  });

  it('ends on the same stages as the as-of table', async () => {
    await db.query(customerFactsSql(), ['2024-03-15']);
    const rows = await db.query<{ customer_id: string; stage: string }>(`SELECT customer_id, stage FROM (${customerStagesSql()}) ORDER BY 1`, ['2024-03-15', 30]);
    expect(rows.map((r) => `${r.customer_id}:${r.stage}`)).toEqual(['v:churned', 'w:active', 'x:churned', 'y:reactivated', 'z:churned']);
  });

  it('returns no month without purchases', async () => {
    expect(await db.query(stageFlowSql(), ['2023-12-31', 30])).toEqual([]);
  });
});
