import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../../test/helpers/node-db';
import { createNumericTable } from './numeric-table';

describe('createNumericTable', () => {
  let db: NodeDb;
  beforeAll(async () => {
    db = await NodeDb.create();
  });
  afterAll(() => db.close());

  it('stores every double exactly and non-finite values as NULL', async () => {
    const awkward = [0.1 + 0.2, 1 / 3, 213 / 7, 5e-324, 1.7976931348623157e308, -2.5e-12, 0, 7];
    await createNumericTable(db, 'nt', {
      a: new Float64Array(awkward),
      'odd "name"': [NaN, Infinity, -Infinity, 1, 2, 3, 4, 5],
    });
    const rows = await db.query<{ a: number; 'odd "name"': number | null }>('SELECT * FROM nt');
    expect(rows.map((r) => r.a)).toEqual(awkward);
    expect(rows.map((r) => r['odd "name"'])).toEqual([null, null, null, 1, 2, 3, 4, 5]);
    expect(await db.query(`SELECT column_type FROM (DESCRIBE nt)`)).toEqual([{ column_type: 'DOUBLE' }, { column_type: 'DOUBLE' }]);
  });

  it('writes many rows in chunks, in order', async () => {
    const n = 12_345;
    await createNumericTable(db, 'nt', { i: Float64Array.from({ length: n }, (_, k) => k), half: Float64Array.from({ length: n }, (_, k) => k / 2) });
    expect(await db.query('SELECT count(*) AS n, sum(i) AS s, bool_and(half = i / 2) AS ok FROM nt')).toEqual([{ n, s: (n * (n - 1)) / 2, ok: true }]);
    const rows = await db.query<{ i: number }>('SELECT i FROM nt');
    expect(rows.every((r, k) => r.i === k)).toBe(true);
  });

  it('replaces the table, also with no rows, and leaves no file behind', async () => {
    await createNumericTable(db, 'nt', { b: [] });
    expect(await db.query('SELECT count(*) AS n FROM nt')).toEqual([{ n: 0 }]);
    expect(await db.query(`SELECT count(*) AS n FROM glob('${db.fileDir}*.csv')`)).toEqual([{ n: 0 }]);
  });
});
