import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../../test/helpers/node-db';
import { fileOf } from '../../../test/helpers/files';
import { CHURN_ORDERS } from '../../../test/helpers/churn-fixture';
import { Dataset } from '../../ingest/loader';
import { QueryLayer } from '../../query/query-layer';
import { bgHistorySql, churnFeatureTable, featureMatrixSql, holdoutExportSql, holdoutTable, labelledCountSql, scoresExportSql, scoresListSource, scoresTable } from './tables';
import type { TrainResult } from './train';

// The fixture is worked by hand in test/helpers/churn-fixture.ts (cutoff 2024-03-31, W = 30, as-of 2024-06-30).
const CUTOFF = '2024-03-31';
const AS_OF = '2024-06-30';
const levels = { channels: ['Web'], categorical: [] };

describe('the churn tables', () => {
  let db: NodeDb;
  let layer: QueryLayer;
  beforeAll(async () => {
    db = await NodeDb.create();
    await new Dataset(db).add(fileOf('orders.csv', CHURN_ORDERS));
    layer = new QueryLayer(db);
  });
  afterAll(() => db.close());

  const labelled = () => churnFeatureTable({ date: CUTOFF, levels, attributes: null, label: { windowDays: 30, asOf: AS_OF, seed: 7 } });
  const current = () => churnFeatureTable({ date: AS_OF, levels, attributes: null });

  it('numbers the customers in id order and gives the matrix row by row', async () => {
    const rows = await layer.query(featureMatrixSql(labelled()));
    // a, b, c, e bought by the cutoff; a bought on the window's last day, c on 04-10: b and e churned.
    expect(rows.map((r) => [r.recency_days, r.frequency, r.churned])).toEqual([[11, 3, 0], [137, 1, 1], [0, 4, 0], [182, 1, 1]]);
    expect(Object.keys(rows[0]!)).toEqual([...labelled().columns.map((c) => c.name), 'churned', 'holdout', 'row']);
    expect(rows.map((r) => Number(r.row))).toEqual([0, 1, 2, 3]);
    expect(await layer.query(labelledCountSql(labelled().spec))).toEqual([{ n: 4, churners: 2 }]);
    expect((await layer.query({ sql: `SELECT customer_id, row FROM churn_labelled ORDER BY row` })).map((r) => `${r.customer_id}${r.row}`)).toEqual(['a0', 'b1', 'c2', 'e3']);
  });

  it('gives each labelled customer’s BG/NBD history at the cutoff, in weeks', async () => {
    const rows = await layer.query(bgHistorySql(labelled().spec, CUTOFF));
    // a: purchase days 2023-12-20, 2024-02-10, 03-20 → x 2, t_x = 91 days, T = 102 days; b: 1 day (2023-11-15), T 137;
    // c: 2023-12-01 (twice), 01-10, 03-31 → x 2, t_x = 121, T = 121; e: x 0, T = 182 (2023-10-01 → 2024-03-31).
    expect(rows).toEqual([
      { x: 2, t_x: 91 / 7, T: 102 / 7 },
      { x: 0, t_x: 0, T: 137 / 7 },
      { x: 2, t_x: 121 / 7, T: 121 / 7 },
      { x: 0, t_x: 0, T: 182 / 7 },
    ]);
  });

  it('draws a sample of the labelled rows, the same each time, with the histories of the same customers in the same order', async () => {
    const matrix = await layer.query(featureMatrixSql(labelled(), 2));
    const again = await layer.query(featureMatrixSql(labelled(), 2));
    expect(matrix).toHaveLength(2);
    expect(again).toEqual(matrix);
    const rowsOf = (rs: Record<string, unknown>[]) => rs.map((r) => Number(r.row));
    expect(rowsOf(matrix)).toEqual([...rowsOf(matrix)].sort((a, b) => a - b));
    // The histories (in row order, as above: a, b, c, e) of the rows drawn.
    const all = [{ x: 2, t_x: 91 / 7, T: 102 / 7 }, { x: 0, t_x: 0, T: 137 / 7 }, { x: 2, t_x: 121 / 7, T: 121 / 7 }, { x: 0, t_x: 0, T: 182 / 7 }];
    expect(await layer.query(bgHistorySql(labelled().spec, CUTOFF, 2))).toEqual(rowsOf(matrix).map((r) => all[r]));
  });

  it('writes churn_scores.csv and churn_holdout.csv from the worker’s arrays', async () => {
    const cur = current();
    // Customers at the as-of date: a, b, c, d, e (d's first purchase is 04-05).
    const scores = scoresTable(cur.spec, { logistic: Float64Array.from([0.1, 0.9, 0.2, 0.5, 0.95]), tree: Float64Array.from([0.3, 0.6, 0.3, 0.6, 0.6]) });
    const csv = new TextDecoder().decode(await layer.exportCsv(scoresExportSql(cur.spec, scores, 'logistic'))).trim().split(/\r?\n/);
    // b: last purchase 2024-05-01 → 60 days, 2 purchases, 105; tenure from 2023-11-15: 228 days.
    expect(csv).toEqual([
      'customer_id,churn_probability,model,recency_days,frequency,monetary,tenure_days',
      'e,0.95,logistic,273,1,40.0,273',
      'b,0.9,logistic,60,2,105.0,228',
      'd,0.5,logistic,86,1,50.0,86',
      'c,0.2,logistic,81,5,145.0,212',
      'a,0.1,logistic,61,4,220.0,193',
    ]);
    const list = await layer.query({ sql: `SELECT customer_id, churn_probability FROM ${scoresListSource('tree')} ORDER BY customer_id`, tables: [cur.spec, scores] });
    expect(list.map((r) => r.churn_probability)).toEqual([0.3, 0.6, 0.3, 0.6, 0.6]);

    const lab = labelled();
    const fit = {
      holdoutRows: Uint32Array.from([1, 3]), holdoutLabels: Uint8Array.from([1, 1]),
      holdoutScores: { logistic: Float64Array.from([0.8, 0.7]), recency: Float64Array.from([0.6, 0.9]) },
    } as unknown as TrainResult;
    const holdout = new TextDecoder().decode(await layer.exportCsv(holdoutExportSql(holdoutTable(lab.spec, fit)))).trim().split(/\r?\n/);
    expect(holdout).toEqual(['customer_id,model,score,label', 'b,logistic,0.8,1', 'e,logistic,0.7,1', 'b,recency,0.6,1', 'e,recency,0.9,1']);
  });
});
