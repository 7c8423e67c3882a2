import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../../test/helpers/node-db';
import { indexStart, periodIndex, periodLabel } from './period';

describe('period arithmetic', () => {
  let db: NodeDb;
  beforeAll(async () => {
    db = await NodeDb.create();
  });
  afterAll(() => db.close());
  const one = async (sql: string) => Object.values((await db.query(`SELECT ${sql} AS v`))[0])[0];
  const startOf = (g: 'week' | 'month' | 'quarter', date: string) => one(indexStart(g, periodIndex(g, `DATE '${date}'`)));

  it('labels ISO weeks with the ISO year', async () => {
    expect(await one(periodLabel('week', `DATE '${await startOf('week', '2018-12-31')}'`))).toBe('2019-W01');
    expect(await one(periodLabel('week', `DATE '${await startOf('week', '2021-01-03')}'`))).toBe('2020-W53');
    expect(await one(periodLabel('quarter', "DATE '2024-10-01'"))).toBe('2024-Q4');
    expect(await one(periodLabel('month', "DATE '2024-10-01'"))).toBe('2024-10');
  });

  it('finds the start of the period holding a date: weeks from Monday', async () => {
    // Sun 2021-01-03 is in the week of Mon 2020-12-28; Mon 2021-01-04 starts the next.
    expect(await startOf('week', '2021-01-03')).toBe('2020-12-28');
    expect(await startOf('week', '2021-01-04')).toBe('2021-01-04');
    expect(await startOf('week', '1997-01-01')).toBe('1996-12-30');
    expect(await startOf('month', '2024-02-29')).toBe('2024-02-01');
    expect(await startOf('quarter', '2024-12-31')).toBe('2024-10-01');
    expect(await startOf('quarter', '2024-03-31')).toBe('2024-01-01');
  });

  it('counts periods between dates across years by subtracting their numbers', async () => {
    const between = (g: 'week' | 'month' | 'quarter', a: string, b: string) => one(`${periodIndex(g, `DATE '${b}'`)} - ${periodIndex(g, `DATE '${a}'`)}`);
    expect(await between('month', '2023-11-30', '2024-02-01')).toBe(3);
    expect(await between('quarter', '2023-12-31', '2024-04-01')).toBe(2);
    // Thu 2020-12-31 (week of Dec 28) to Mon 2021-01-11: two weeks on.
    expect(await between('week', '2020-12-31', '2021-01-11')).toBe(2);
    expect(await between('week', '2021-01-03', '2021-01-04')).toBe(1);
    expect(await one(indexStart('quarter', `${periodIndex('quarter', "DATE '2023-10-01'")} + 2`))).toBe('2024-04-01');
    expect(await one(indexStart('week', `${periodIndex('week', "DATE '2020-12-28'")} + 1`))).toBe('2021-01-04');
  });
});
