import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../../test/helpers/node-db';
import { createTransactions, STAGE_FIXTURE } from '../../../test/helpers/behaviour-fixture';
import { customerFactsSql } from '../../model/customer-facts';
import { createLifecycleCustomersSql, customerStagesSql, stageSummarySql } from './customers';
import { churnWindowSql } from './churn-window';

/** The stages at `asOf` with window `w`: `customer_facts` built for that date first, as the layer does. */
async function stagesAt(db: NodeDb, asOf: string, w: number): Promise<Record<string, unknown>[]> {
  await db.query(customerFactsSql(), [asOf]);
  return db.query(`${customerStagesSql()} ORDER BY customer_id`, [asOf, w]);
}

describe('lifecycle stages at the as-of date', () => {
  let db: NodeDb;
  beforeAll(async () => {
    db = await NodeDb.create();
    await createTransactions(db, STAGE_FIXTURE);
  });
  afterAll(() => db.close());

  it('assigns every customer their stage with the figures behind it', async () => {
    const rows = await stagesAt(db, '2024-06-30', 30);
    const pick = (r: Record<string, unknown>) => [r.customer_id, r.first_order, r.last_order, r.orders, r.revenue, r.purchase_days, r.days_since_last_order, r.median_gap_days, r.lifetime_days, r.stage, r.churned];
    expect(rows.map(pick)).toEqual([
      ['a', '2024-06-20', '2024-06-20', 1, 10, 1, 10, null, 0, 'new', false],
      ['b', '2024-05-31', '2024-05-31', 1, 10, 1, 30, null, 0, 'churned', true],
      ['b2', '2024-06-01', '2024-06-01', 1, 10, 1, 29, null, 0, 'new', false],
      ['c', '2024-01-01', '2024-06-29', 7, 70, 7, 1, 30, 180, 'active', false],
      ['d', '2024-01-10', '2024-06-15', 3, 30, 3, 15, 78.5, 157, 'reactivated', false],
      ['e', '2024-05-20', '2024-06-09', 3, 30, 3, 21, 10, 20, 'at_risk', false],
      ['f', '2024-05-01', '2024-06-10', 3, 30, 3, 20, 20, 40, 'active', false],
      // g's return on 06-25 is no purchase: one order, 90 days since it; revenue net of the return 50 − 20.
      ['g', '2024-04-01', '2024-04-01', 1, 30, 1, 90, null, 0, 'churned', true],
      ['h', '2024-06-29', '2024-06-29', 2, 20, 1, 1, null, 0, 'new', false],
    ]);
  });

  it('turns a gap of exactly N days into no lapse, N + 1 days into a lapse, N days since the last order into churn', async () => {
    const stageOf = async (c: string, asOf: string, w: number) => (await stagesAt(db, asOf, w)).find((r) => r.customer_id === c)?.stage;
    expect(await stageOf('c', '2024-06-30', 30)).toBe('active'); // gaps of 30 days with a 30-day window
    expect(await stageOf('c', '2024-06-30', 29)).toBe('reactivated'); // the same gaps are lapses with a 29-day window
    expect(await stageOf('c', '2024-07-04', 30)).toBe('active'); // 5 days since 06-29
    expect(await stageOf('f', '2024-07-09', 30)).toBe('at_risk'); // 29 days since 06-10, more than its median gap 20
    expect(await stageOf('f', '2024-07-10', 30)).toBe('churned'); // 30 days since
    expect(await stageOf('a', '2024-07-19', 30)).toBe('new'); // one order 29 days ago
    expect(await stageOf('a', '2024-07-20', 30)).toBe('churned'); // one order 30 days ago
  });

  it('summarises customers and revenue per stage, every stage listed', async () => {
    await db.query(customerFactsSql(), ['2024-06-30']);
    await db.query(createLifecycleCustomersSql(), ['2024-06-30', 30]);
    expect(await db.query(stageSummarySql())).toEqual([
      { stage: 'new', customers: 3, customer_share: 3 / 9, revenue: 40, revenue_share: 40 / 240, avg_days_since: 40 / 3 },
      { stage: 'active', customers: 2, customer_share: 2 / 9, revenue: 100, revenue_share: 100 / 240, avg_days_since: 10.5 },
      { stage: 'reactivated', customers: 1, customer_share: 1 / 9, revenue: 30, revenue_share: 30 / 240, avg_days_since: 15 },
      { stage: 'at_risk', customers: 1, customer_share: 1 / 9, revenue: 30, revenue_share: 30 / 240, avg_days_since: 21 },
      { stage: 'churned', customers: 2, customer_share: 2 / 9, revenue: 40, revenue_share: 40 / 240, avg_days_since: 60 },
    ]);
  });

  it('takes the default window from this data: gaps 10,10,20,20,30×6,60,97 → 30 + 0.9 × 30 = 57', async () => {
    expect(await db.query(churnWindowSql(), ['2024-06-30'])).toEqual([{ p90_days: 57, gaps: 12, median_gap_days: 30 }]);
  });
});
