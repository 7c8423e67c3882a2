import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../../test/helpers/node-db';
import { createTransactions, STAGE_FIXTURE } from '../../../test/helpers/behaviour-fixture';
import { createLifecycleCustomersSql } from './customers';
import { atRiskSql, lifecycleExportSql } from './exports';
import { clvCurrentSql, valueTablesSql, type ValueTables } from './value-tables';

const csv = async (db: NodeDb, sql: string) => new TextDecoder().decode(await db.exportCsv(sql)).trim().split('\n');

describe('lifecycle exports', () => {
  let db: NodeDb;
  beforeAll(async () => {
    db = await NodeDb.create();
    await createTransactions(db, STAGE_FIXTURE);
    await db.query(createLifecycleCustomersSql(), ['2024-06-30', 30]);
  });
  afterAll(() => db.close());

  it('writes lifecycle.csv and at_risk.csv without RFM or CLV tables', async () => {
    const [v] = await db.query<ValueTables & Record<string, unknown>>(valueTablesSql());
    expect(v).toEqual({ rfm: false, clv: false });
    const life = await csv(db, lifecycleExportSql(v));
    expect(life[0]).toBe('customer_id,first_order,last_order,orders,revenue,days_since_last_order,median_gap_days,stage,churned');
    expect(life.length).toBe(10);
    expect(life[5]).toBe('d,2024-01-10,2024-06-15,3,30.00,15,78.5,reactivated,false');
    expect(life[2]).toBe('b,2024-05-31,2024-05-31,1,10.00,30,,churned,true');
    expect(await csv(db, atRiskSql(v))).toEqual([
      'customer_id,first_order,last_order,orders,revenue,days_since_last_order,median_gap_days,overdue_ratio',
      'e,2024-05-20,2024-06-09,3,30.00,21,10.0,2.1',
    ]);
  });

  it('joins the RFM scores and CLV once those tables exist, customers missing from them left blank', async () => {
    await db.exec(`CREATE TABLE rfm_customers AS SELECT * FROM (VALUES ('e', 2, 4, 3, 243, 'Need attention'), ('a', 5, 1, 1, 511, 'New'))
      v(customer_id, r_score, f_score, m_score, rfm_score, segment)`);
    await db.exec(`CREATE TABLE clv_customers AS SELECT * FROM (VALUES ('e', 0.25, 12.5)) v(customer_id, p_alive, clv)`);
    const [v] = await db.query<ValueTables & Record<string, unknown>>(valueTablesSql());
    expect(v).toEqual({ rfm: true, clv: true });
    expect(await csv(db, atRiskSql(v))).toEqual([
      'customer_id,first_order,last_order,orders,revenue,days_since_last_order,median_gap_days,overdue_ratio,r_score,f_score,m_score,rfm_score,segment,p_alive,clv',
      'e,2024-05-20,2024-06-09,3,30.00,21,10.0,2.1,2,4,3,243,Need attention,0.25,12.5',
    ]);
    const life = await csv(db, lifecycleExportSql(v));
    expect(life[0]).toBe('customer_id,first_order,last_order,orders,revenue,days_since_last_order,median_gap_days,stage,churned,r_score,f_score,m_score,rfm_score,segment,p_alive,clv');
    expect(life[1]).toBe('a,2024-06-20,2024-06-20,1,10.00,10,,new,false,5,1,1,511,New,,');
    await db.exec('DROP TABLE rfm_customers; DROP TABLE clv_customers');
  });

  it('tells whether clv_customers was scored for this as-of date and these customers (T in days or weeks)', async () => {
    // First purchases: a 06-20, b 05-31, b2 06-01, c 01-01, d 01-10, e 05-20, f 05-01, g 04-01, h 06-29; as of 06-30.
    const days: Record<string, number> = { a: 10, b: 30, b2: 29, c: 181, d: 172, e: 41, f: 60, g: 90, h: 1 };
    const table = (T: (d: number) => number, skip = '') =>
      `CREATE OR REPLACE TABLE clv_customers AS SELECT * FROM (VALUES ${Object.entries(days).filter(([k]) => k !== skip).map(([k, d]) => `('${k}', ${T(d)}::DOUBLE)`).join(', ')}) v(customer_id, T)`;
    const current = async () => (await db.query<{ current: boolean }>(clvCurrentSql(), ['2024-06-30']))[0].current;
    await db.exec(table((d) => d));
    expect(await current()).toBe(true);
    await db.exec(table((d) => d / 7));
    expect(await current()).toBe(true);
    await db.exec(table((d) => (d - 1) / 7)); // scored a day earlier
    expect(await current()).toBe(false);
    await db.exec(table((d) => d, 'h')); // another set of customers
    expect(await current()).toBe(false);
    await db.exec('DROP TABLE clv_customers');
  });
});
