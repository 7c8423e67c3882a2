import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../../test/helpers/node-db';
import { createFixture, FIXTURE_AS_OF } from '../../../test/fixtures/rfm/transactions';
import { QueryLayer } from '../../query/query-layer';
import { rfmCustomers } from './rfm-sql';
import { paretoSql, tierBasisPoints, tierSummarySql } from './tiers';
import { DEFAULT_SCORING, type Tiers } from './settings';

describe('customer tiers and the Pareto curve', () => {
  let db: NodeDb;
  let layer: QueryLayer;
  const table = (tiers: Tiers) => rfmCustomers(FIXTURE_AS_OF, { scoring: DEFAULT_SCORING, rules: [], tiers }).spec;
  const build = async (tiers: Tiers) => {
    const rows = await layer.query<{ customer_id: string; tier: string }>({ sql: 'SELECT customer_id, tier FROM rfm_customers ORDER BY customer_id', tables: [table(tiers)] });
    return rows.map((r) => r.tier).join('');
  };
  beforeAll(async () => {
    db = await NodeDb.create();
    await createFixture(db);
    layer = new QueryLayer(db);
  });
  afterAll(() => db.close());

  // 9 customers (D, a return only, is not one), by customer id A B C E F G H I J.
  it('cuts by monetary rank (G 275, A 150, I 120, C 50, E = F 40, B 20, H 10, J 5)', async () => {
    // Default 20 % / 30 %: A = ranks ≤ ⌈9 × 0.2⌉ = 2 (G, A), B = ranks ≤ ⌈9 × 0.5⌉ = 5 (I, C and the tied E, F), C = the rest.
    expect(await build({ a: 20, b: 30 })).toBe('ACBBBACBC');
    // 25 %: A = ranks ≤ ⌈2.25⌉ = 3 (G, A, I).
    expect(await build({ a: 25, b: 25 })).toBe('ACBBBACAC');
    // 45 %: rank ≤ ⌈4.05⌉ = 5 takes both customers tied at 40, so tier A holds 6 of 9.
    expect(await build({ a: 45, b: 10 })).toBe('ACAAAACAC');
    expect(tierBasisPoints({ a: 80, b: 50 })).toEqual({ a: 8000, ab: 10000 });
  });

  it('sums customers and revenue per tier', async () => {
    expect(await layer.query({ sql: tierSummarySql(), tables: [table({ a: 20, b: 30 })] })).toEqual([
      { tier: 'A', customers: 2, customer_share: 2 / 9, revenue: 425, revenue_share: 425 / 710, min_monetary: 150 },
      { tier: 'B', customers: 4, customer_share: 4 / 9, revenue: 250, revenue_share: 250 / 710, min_monetary: 40 },
      { tier: 'C', customers: 3, customer_share: 3 / 9, revenue: 35, revenue_share: 35 / 710, min_monetary: 5 },
    ]);
    expect((await layer.query({ sql: tierSummarySql(), tables: [table({ a: 100, b: 0 })] })).map((r) => r.customers)).toEqual([9, 0, 0]);
  });

  it('draws the cumulative revenue share by share of customers, most valuable first', async () => {
    const pts = await layer.query<{ customer_share: number; revenue_share: number }>({ sql: paretoSql(10), tables: [table({ a: 20, b: 30 })] });
    // With 9 customers and 10 points every customer is a point: 275, +150, +120, +50, +40, +40, +20, +10, +5.
    const cum = [0, 275, 425, 545, 595, 635, 675, 695, 705, 710];
    expect(pts.map((p) => p.customer_share)).toEqual(cum.map((_, i) => i / 9));
    pts.forEach((p, i) => expect(p.revenue_share).toBeCloseTo(cum[i] / 710, 12));
  });
});
