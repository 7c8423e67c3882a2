import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../../test/helpers/node-db';
import { fileOf } from '../../../test/helpers/files';
import { Dataset } from '../../ingest/loader';
import { markovComparisonSql } from './markov-compare';

// As of 2024-03-31 with lost after 3 months: a bought in period 0 (state 0), d in period 1 (02-10: state 1), b in
// period 2 (01-15: state 2), c in 2023-10 (period 5: lost). After the as-of date a spends 100 and d 30.
const ORDERS = `order_id,customer_id,order_date,amount
1,a,2024-03-10,20
2,b,2024-01-15,20
3,c,2023-10-05,20
4,d,2024-02-10,20
5,a,2024-04-05,100
6,d,2024-04-20,30
`;

describe('Markov CLV against BG/NBD CLV', () => {
  let db: NodeDb;
  beforeAll(async () => {
    db = await NodeDb.create();
    await new Dataset(db).add(fileOf('orders.csv', ORDERS));
    await db.exec(`CREATE TABLE clv_customers AS SELECT * FROM (VALUES ('a', 40.0), ('b', 5.0), ('c', 6.0), ('d', 20.0)) t(customer_id, clv_full_margin)`);
  });
  afterAll(() => db.close());

  it('rank-correlates the two CLVs and each with the holdout revenue', async () => {
    // Markov CLV by state [50, 30, 10, 0]: a 50, d 30, b 10, c 0 → ranks c 1, b 2, d 3, a 4; BG/NBD: b 1, c 2, d 3, a 4.
    // ρ = 1 − 6 · Σd² / (n (n² − 1)) = 1 − 6 · 2 / 60 = 0.8.
    // Holdout revenue: b and c 0 (tied, rank 1.5 each), d 3, a 4. Against Markov's ranks: Σ dx·dy = 4.5, Σ dx² = 5,
    // Σ dy² = 4.5 → 4.5 / √22.5 = √0.9; BG/NBD's ranks give the same sums.
    const [r] = await db.query(markovComparisonSql([50, 30, 10, 0]), ['2024-03-31', 3]);
    expect(r!.customers).toBe(4);
    expect(r!.rho).toBeCloseTo(0.8, 12);
    expect(r!.markov_actual).toBeCloseTo(Math.sqrt(0.9), 12);
    expect(r!.bg_actual).toBeCloseTo(Math.sqrt(0.9), 12);
    expect(r!.holdout_orders).toBe(2);
  });

  it('has no holdout figures when nothing happened after the as-of date', async () => {
    const [r] = await db.query(markovComparisonSql([50, 30, 10, 0]), ['2024-04-30', 3]);
    expect(r!.holdout_orders).toBe(0);
    expect(r!.markov_actual).toBeNull();
  });
});
