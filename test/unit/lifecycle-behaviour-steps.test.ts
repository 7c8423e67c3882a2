import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../helpers/node-db';
import { BEHAVIOUR_FIXTURE, createTransactions } from '../helpers/behaviour-fixture';
import { QueryLayer, type TableSpec } from '../../src/query/query-layer';
import { behaviourWork, benchSteps, lifecycleWork } from '../../bench/lifecycle-behaviour-steps';

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
      'purchase_days', 'churn_window', 'customer_facts', 'lifecycle_customers', 'stage_flow', 'survival_all', 'survival_quarter_medians', 'basket_pairs', 'basket_stats', 'basket_matrix',
    ]);
    for (const step of steps) await db.query(step.sql, step.params);
    // Five purchases hold a product, o1 … o5 (o6 is a return); o1 (Bread, Milk) is the only pair: support 1/5, just kept.
    expect(await db.query('SELECT product_a, product_b, support FROM basket_pairs')).toEqual([{ product_a: 'Bread', product_b: 'Milk', support: 0.2 }]);
    expect(await db.query('SELECT count(*) AS n FROM lifecycle_customers')).toEqual([{ n: 3 }]);
  });

  it('do the views’ work through the layer, and a second visit runs no statement', async () => {
    const layer = new QueryLayer(db);
    const rfm: TableSpec = { name: 'rfm_customers', key: 'stub', build: [{ sql: `CREATE OR REPLACE TABLE rfm_customers AS SELECT 'c1' AS customer_id, 1 AS r_score, 1 AS f_score, 1 AS m_score, 111 AS rfm_score, 'x' AS segment_key` }] };
    const values = { rfm: { table: rfm, segment: { sql: `'X'`, params: [] } }, clv: null };
    const visit = async () => {
      await lifecycleWork(layer, values, '2024-03-31');
      for (const section of ['what', 'when', 'how'] as const) await behaviourWork[section](layer, '2024-03-31');
      await behaviourWork.basket(layer, '2024-03-31');
    };
    await visit();
    const executed = layer.stats.executed;
    expect(layer.stats.builds).toEqual(['purchase_days', 'rfm_customers', 'customer_facts', 'lifecycle_customers', 'basket_pairs']);
    await visit();
    expect(layer.stats.executed).toBe(executed);
  });
});
