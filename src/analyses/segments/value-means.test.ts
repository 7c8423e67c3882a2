import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../../test/helpers/node-db';
import { groupValueMeansSql } from './value-means';

describe('mean CLV and churn probability per group', () => {
  let db: NodeDb;
  const groups = `SELECT * FROM (VALUES ('a', 'F'), ('b', 'F'), ('c', 'M'), ('d', 'M'), ('e', 'X')) t(customer_id, gender)`;
  beforeAll(async () => {
    db = await NodeDb.create();
    // CLV at full margin; the expression halves it (a 50 % margin). e has neither score, d no CLV.
    await db.exec(`CREATE TABLE clv_t AS SELECT * FROM (VALUES ('a', 100.0), ('b', 300.0), ('c', 40.0)) t(customer_id, clv_full_margin)`);
    await db.exec(`CREATE TABLE churn_t AS SELECT * FROM (VALUES ('a', 0.2), ('b', 0.4), ('c', 0.9), ('d', 0.5)) t(customer_id, logistic)`);
  });
  afterAll(() => db.close());

  it('averages over the customers that have a value, by group', async () => {
    const sql = groupValueMeansSql(groups, ['gender'], { clv: { table: 'clv_t', clv: 'c.clv_full_margin * 0.5' }, churn: { table: 'churn_t', column: 'logistic' } })!;
    const rows = await db.query(`${sql} ORDER BY gender`);
    // F: CLV (50 + 150) / 2 = 100, churn (0.2 + 0.4) / 2 = 0.3; M: CLV 20 (d has none), churn (0.9 + 0.5) / 2 = 0.7; X: none.
    expect(rows.map((r) => [r.gender, r.mean_clv, r.mean_churn_probability === null ? null : Number((r.mean_churn_probability as number).toFixed(12))])).toEqual([
      ['F', 100, 0.3], ['M', 20, 0.7], ['X', null, null],
    ]);
  });

  it('gives only the columns of the scores computed, nothing without any', async () => {
    const sql = groupValueMeansSql(groups, ['gender'], { clv: null, churn: { table: 'churn_t', column: 'logistic' } })!;
    expect(Object.keys((await db.query(sql))[0]!).sort()).toEqual(['gender', 'mean_churn_probability']);
    expect(groupValueMeansSql(groups, ['gender'], { clv: null, churn: null })).toBeNull();
  });
});
