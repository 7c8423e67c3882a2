import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../../test/helpers/node-db';
import { fileOf } from '../../../test/helpers/files';
import { Dataset } from '../../ingest/loader';
import { QueryLayer } from '../../query/query-layer';
import { runChurn, type ChurnRunOptions } from './run';
import { fromColumns, trainChurn } from './train';

// 80 customers, cutoff 2024-03-31, window 30 days, as of 2024-06-30: each buys in the autumn, every third again
// in March; the even ones buy on 2024-04-10 (in the window: not churned), the odd ones never again (churned).
const lines = ['order_id,customer_id,order_date,amount'];
for (let i = 0; i < 80; i++) {
  const c = `c${String(i).padStart(2, '0')}`;
  lines.push(`${c}-1,${c},2023-10-${String(1 + (i % 28)).padStart(2, '0')} 10:00,${20 + i}`);
  if (i % 3 === 0) lines.push(`${c}-2,${c},2024-03-${String(1 + (i % 28)).padStart(2, '0')} 10:00,15`);
  if (i % 2 === 0) lines.push(`${c}-3,${c},2024-04-10 10:00,30`);
}
const OPTS: ChurnRunOptions = { asOf: '2024-06-30', cutoff: '2024-03-31', window: 30, attributes: null, C: 1, maxDepth: 3, minLeaf: 2 };
const local = async (req: Parameters<typeof fromColumns>[0]) => trainChurn(fromColumns(req));

describe('runChurn', () => {
  let db: NodeDb;
  let layer: QueryLayer;
  beforeAll(async () => {
    db = await NodeDb.create();
    await new Dataset(db).add(fileOf('orders.csv', lines.join('\n')));
    layer = new QueryLayer(db);
  });
  afterAll(() => db.close());

  const labels = async () => new Map((await db.query<{ customer_id: string; churned: number }>('SELECT customer_id, churned FROM churn_labelled')).map((r) => [r.customer_id, Number(r.churned)]));

  it('learns from every labelled customer when there are few', async () => {
    const r = await runChurn(layer, OPTS, local);
    expect(r.problem).toBeNull();
    expect([r.labelled, r.churners, r.sample]).toEqual([80, 40, null]);
    expect(r.fit!.trainCustomers + r.fit!.holdoutCustomers).toBe(80);
  });

  it('learns from a sample above the cap, and keeps each holdout score with its own customer', async () => {
    const r = await runChurn(layer, { ...OPTS, sample: 40 }, local);
    expect(r.problem).toBeNull();
    expect([r.labelled, r.churners, r.sample]).toEqual([80, 40, 40]);
    expect(r.fit!.trainCustomers + r.fit!.holdoutCustomers).toBe(40);
    const label = await labels();
    const held = await db.query<{ customer_id: string; label: number }>(`SELECT customer_id, label FROM churn_holdout WHERE model = 'recency'`);
    expect(held).toHaveLength(r.fit!.holdoutCustomers);
    for (const h of held) expect(Number(h.label), h.customer_id).toBe(label.get(h.customer_id));
    // Every current customer is still scored.
    expect(await db.query('SELECT count(*) AS n FROM churn_scores')).toEqual([{ n: 80 }]);
  });
});
