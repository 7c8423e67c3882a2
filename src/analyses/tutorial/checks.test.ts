import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../../test/helpers/node-db';
import { createTransactions, type Line } from '../../../test/helpers/behaviour-fixture';
import { customerFactsSql } from '../../model/customer-facts';
import { checkRequest, isRight, type CheckId } from './checks';

// a: 2024-01-01 (Mon) 100, 2024-01-08 (Mon) 50; b: 2024-02-06 (Tue) 20; c: 2024-02-07 (Wed) 10, 2024-02-13 (Tue) 5;
// d: 2024-02-20 (Tue) 300 and a return on 2024-02-21. First purchases: January 1 (a), February 3 (b, c, d).
// Revenue a 150, b 20, c 15, d 250: the top 20 % (1 of 4 customers: d) bring 250 of 435, more than half.
const LINES: Line[] = [
  { c: 'a', o: 'a1', ts: '2024-01-01', amount: 100 },
  { c: 'a', o: 'a2', ts: '2024-01-08', amount: 50 },
  { c: 'b', o: 'b1', ts: '2024-02-06', amount: 20 },
  { c: 'c', o: 'c1', ts: '2024-02-07', amount: 10 },
  { c: 'c', o: 'c2', ts: '2024-02-13', amount: 5 },
  { c: 'd', o: 'd1', ts: '2024-02-20', amount: 300 },
  { c: 'd', o: 'd2', ts: '2024-02-21', amount: -50 },
];
const dummy = (name: string) => ({ name, key: null, build: [] });

describe('tutorial checks', () => {
  let db: NodeDb;
  beforeAll(async () => {
    db = await NodeDb.create();
    await createTransactions(db, LINES);
    await db.query(customerFactsSql(), ['2024-02-29']);
    await db.exec(`CREATE TABLE load_stats AS SELECT * FROM (VALUES (0, 3), (1, 4)) v(file_index, rows_rejected)`);
    await db.exec(`CREATE TABLE rfm_customers AS SELECT * FROM (VALUES ('a', 'champions', 1, 150), ('b', 'loyal', 2, 20), ('c', 'loyal', 2, 15), ('d', 'at_risk', 3, 250)) v(customer_id, segment_key, segment_order, monetary)`);
    await db.exec(`CREATE TABLE lifecycle_customers AS SELECT * FROM (VALUES ('a', 'churned'), ('b', 'new'), ('c', 'new'), ('d', 'new')) v(customer_id, stage)`);
    await db.exec(`CREATE TABLE customer_attrs AS SELECT * FROM (VALUES ('a', 'Gender', 'F'), ('b', 'Gender', 'M'), ('c', 'Gender', 'F'), ('d', 'Gender', 'M')) v(customer_id, attribute, value)`);
  });
  afterAll(() => db.close());

  const run = async (id: CheckId, gender: string | null = 'Gender') => {
    const req = checkRequest(id, { asOf: '2024-02-29', rfm: dummy('rfm_customers'), lifecycle: dummy('lifecycle_customers'), gender });
    return (await db.query(req.sql, req.params ?? []))[0];
  };

  it('answers each question from the data', async () => {
    expect(await run('rejected_rows')).toEqual({ answer: '7', options: null });
    expect(await run('customers')).toEqual({ answer: '4', options: null });
    // at_risk: d's 250 beats champions 150 and loyal 35.
    expect(await run('top_segment_revenue')).toEqual({ answer: 'at_risk', options: ['champions', 'loyal', 'at_risk'] });
    expect(await run('top_cohort_month')).toEqual({ answer: '2024-02', options: ['2024-01', '2024-02'] });
    expect(await run('top20_majority')).toEqual({ answer: 'yes', options: ['yes', 'no'] });
    expect((await run('top_stage'))!.answer).toBe('new');
    // Purchases on Monday 2, Tuesday 3, Wednesday 1 (the return on Wednesday 21st is no purchase).
    expect((await run('top_weekday'))!.answer).toBe('2');
    // M: b 20 + d 250 = 270 against F: a 150 + c 15.
    expect(await run('top_gender_revenue')).toEqual({ answer: 'M', options: ['F', 'M'] });
    expect(await run('top_gender_revenue', null)).toEqual({ answer: null, options: null });
    // 3 promoters, 1 passive, 3 detractors of 7, and one response without a score: NPS 0; then 4 − 2 of 7: 28.57 → 29.
    await db.exec(`CREATE TABLE responses AS SELECT * FROM (VALUES (10), (9), (9), (7), (6), (0), (3), (NULL)) v(nps_score)`);
    expect(await run('nps')).toEqual({ answer: '0', options: null });
    await db.exec(`CREATE OR REPLACE TABLE responses AS SELECT * FROM (VALUES (10), (9), (9), (10), (7), (6), (0)) v(nps_score)`);
    expect((await run('nps'))!.answer).toBe('29');
  });

  it('compares numbers as numbers and the rest as text', () => {
    expect(isRight(' 1,234 ', '1234')).toBe(true);
    expect(isRight('1233', '1234')).toBe(false);
    expect(isRight('at_risk', 'at_risk')).toBe(true);
    expect(isRight('loyal', 'at_risk')).toBe(false);
    expect(isRight('x', null)).toBe(false);
    expect(isRight('28.6', '29', 0.5)).toBe(true);
    expect(isRight('28', '29', 0.5)).toBe(false);
  });
});
