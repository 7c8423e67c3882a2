import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../../test/helpers/node-db';
import { createFixture, FIXTURE_AS_OF } from '../../../test/fixtures/rfm/transactions';
import { createRfmCustomersSql } from './rfm-sql';
import { paretoSql, tierBasisPoints, tierSummarySql } from './tiers';
import { DEFAULT_SCORING, type Tiers } from './settings';

describe('customer tiers and the Pareto curve', () => {
  let db: NodeDb;
  const build = async (tiers: Tiers) => {
    const q = createRfmCustomersSql({ scoring: DEFAULT_SCORING, rules: [], nameOf: () => '', othersName: 'Others', tiers, asOf: FIXTURE_AS_OF });
    await db.query(q.sql, q.params);
    const rows = await db.query<{ customer_id: string; tier: string }>('SELECT customer_id, tier FROM rfm_customers ORDER BY customer_id');
    return rows.map((r) => r.tier).join('');
  };
  beforeAll(async () => {
    db = await NodeDb.create();
    await createFixture(db);
  });
  afterAll(() => db.close());

  it('cuts by monetary rank (G 275, A 150, I 120, C 50, E = F 40, B 20, H 10, J 5, D −5)', async () => {
    // Default 20 % / 30 %: A = ranks ≤ 2 (G, A), B = ranks ≤ 5 (I, C and the tied E, F), C = the rest.
    expect(await build({ a: 20, b: 30 })).toBe('ACBCBBACBC');
    expect(await build({ a: 25, b: 25 })).toBe('ACBCBBACAC');
    // 45 %: rank ≤ 5 takes both customers tied at 40, so tier A holds 6 of 10.
    expect(await build({ a: 45, b: 10 })).toBe('ACACAAACAC');
    expect(tierBasisPoints({ a: 80, b: 50 })).toEqual({ a: 8000, ab: 10000 });
  });

  it('sums customers and revenue per tier', async () => {
    await build({ a: 20, b: 30 });
    expect(await db.query(tierSummarySql())).toEqual([
      { tier: 'A', customers: 2, customer_share: 0.2, revenue: 425, revenue_share: 425 / 705, min_monetary: 150 },
      { tier: 'B', customers: 4, customer_share: 0.4, revenue: 250, revenue_share: 250 / 705, min_monetary: 40 },
      { tier: 'C', customers: 4, customer_share: 0.4, revenue: 30, revenue_share: 30 / 705, min_monetary: -5 },
    ]);
    await build({ a: 100, b: 0 });
    expect((await db.query(tierSummarySql())).map((r) => r.customers)).toEqual([10, 0, 0]);
  });

  it('draws the cumulative revenue share by share of customers, most valuable first', async () => {
    await build({ a: 20, b: 30 });
    const pts = await db.query<{ customer_share: number; revenue_share: number }>(paretoSql(10));
    const cum = [0, 275, 425, 545, 595, 635, 675, 695, 705, 710, 705];
    expect(pts.map((p) => p.customer_share)).toEqual(cum.map((_, i) => i / 10));
    pts.forEach((p, i) => expect(p.revenue_share).toBeCloseTo(cum[i] / 705, 12));
  });
});
