import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../helpers/node-db';
import { BEHAVIOUR_FIXTURE, createTransactions } from '../helpers/behaviour-fixture';
import { benchSteps } from '../../bench/lifecycle-behaviour-steps';

describe('benchmark steps', () => {
  let db: NodeDb;
  beforeAll(async () => {
    db = await NodeDb.create();
    await createTransactions(db, BEHAVIOUR_FIXTURE);
  });
  afterAll(() => db.close());

  it('run in order on their own and build the tables the views read', async () => {
    const steps = benchSteps('2024-03-31', 30, 0.2);
    expect(steps.map((s) => s.name)).toEqual([
      'churn_window', 'lifecycle_customers', 'stage_flow', 'survival_all', 'survival_quarter_medians', 'basket_pairs', 'basket_stats', 'basket_matrix',
    ]);
    for (const step of steps) await db.query(step.sql, step.params);
    // Five orders hold a product bought (o6 is a return); o1 (Bread, Milk) is the only pair: support 1/5, just kept.
    expect(await db.query('SELECT product_a, product_b, support FROM basket_pairs')).toEqual([{ product_a: 'Bread', product_b: 'Milk', support: 0.2 }]);
    expect(await db.query('SELECT count(*) AS n FROM lifecycle_customers')).toEqual([{ n: 3 }]);
  });
});
