import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../../test/helpers/node-db';
import { addPeriods, periodLabel, periodsBetween, periodStart } from './period';

describe('period arithmetic', () => {
  let db: NodeDb;
  beforeAll(async () => {
    db = await NodeDb.create();
  });
  afterAll(() => db.close());
  const one = async (sql: string) => Object.values((await db.query(`SELECT ${sql} AS v`))[0])[0];

  it('labels ISO weeks with the ISO year', async () => {
    expect(await one(periodLabel('week', periodStart('week', "DATE '2018-12-31'")))).toBe('2019-W01');
    expect(await one(periodLabel('week', periodStart('week', "TIMESTAMP '2021-01-03 23:59:59'")))).toBe('2020-W53');
    expect(await one(periodLabel('quarter', "DATE '2024-10-01'"))).toBe('2024-Q4');
    expect(await one(periodLabel('month', "DATE '2024-10-01'"))).toBe('2024-10');
  });

  it('counts periods between period starts across years', async () => {
    expect(await one(periodsBetween('month', "DATE '2023-11-01'", "DATE '2024-02-01'"))).toBe(3);
    expect(await one(periodsBetween('quarter', "DATE '2023-10-01'", "DATE '2024-04-01'"))).toBe(2);
    expect(await one(periodsBetween('week', "DATE '2020-12-28'", "DATE '2021-01-11'"))).toBe(2);
    expect(await one(addPeriods('quarter', "DATE '2023-10-01'", '2'))).toBe('2024-04-01');
    expect(await one(addPeriods('week', "DATE '2020-12-28'", '1'))).toBe('2021-01-04');
  });
});
