import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../test/helpers/node-db';
import { pageSql, type PageRequest } from './paging';

const base: PageRequest = { sortBy: null, descending: false, page: 0, pageSize: 2, search: '', searchColumn: 'id', filters: {} };

describe('pageSql', () => {
  let db: NodeDb;
  beforeAll(async () => {
    db = await NodeDb.create();
    await db.exec(`CREATE TABLE t AS SELECT * FROM (VALUES ('a1', 3, 'x'), ('b2', 1, 'y'), ('a_3', 2, 'x'), ('c4', 5, 'y'), ('100%', 4, 'x')) v(id, n, seg)`);
  });
  afterAll(() => db.close());

  it('sorts and pages in SQL', async () => {
    const q = pageSql('t', { ...base, sortBy: 'n', descending: true, page: 1 });
    expect((await db.query(q.rows, q.params)).map((r) => r.id)).toEqual(['a1', 'a_3']);
    expect((await db.query(q.count, q.params))[0].n).toBe(5);
  });

  it('searches literally (LIKE wildcards in the text are plain characters) and filters by value', async () => {
    let q = pageSql('t', { ...base, search: '_', pageSize: 10 });
    expect((await db.query(q.rows, q.params)).map((r) => r.id)).toEqual(['a_3']);
    q = pageSql('t', { ...base, search: '%', pageSize: 10 });
    expect((await db.query(q.rows, q.params)).map((r) => r.id)).toEqual(['100%']);
    q = pageSql('t', { ...base, search: 'A', filters: { seg: 'x' }, sortBy: 'n', pageSize: 10 });
    expect((await db.query(q.rows, q.params)).map((r) => r.id)).toEqual(['a_3', 'a1']);
    expect((await db.query(q.count, q.params))[0].n).toBe(2);
  });

  it('breaks ties on the unique columns, so every row is on exactly one page', async () => {
    await db.exec(`CREATE TABLE ties AS SELECT * FROM (VALUES ('d', 1), ('b', 1), ('e', 1), ('a', 1), ('c', 1)) v(id, n)`);
    const seen: unknown[] = [];
    for (let page = 0; page < 3; page++) {
      const q = pageSql('ties', { ...base, sortBy: 'n', page, unique: ['id'] });
      seen.push(...(await db.query(q.rows, q.params)).map((r) => r.id));
    }
    expect(seen).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('keeps a statement’s own order while unsorted when asked, and breaks ties once sorted', async () => {
    const source = '(SELECT * FROM ties ORDER BY id DESC)';
    const unsorted = pageSql(source, { ...base, pageSize: 10, unique: ['id', 'n'], keepOrder: true });
    expect((await db.query(unsorted.rows)).map((r) => r.id)).toEqual(['e', 'd', 'c', 'b', 'a']);
    const sorted = pageSql(source, { ...base, sortBy: 'n', pageSize: 10, unique: ['id', 'n'], keepOrder: true });
    expect((await db.query(sorted.rows)).map((r) => r.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('numbers its parameters after the source query’s own', async () => {
    const q = pageSql('(SELECT * FROM t WHERE n <= $1)', { ...base, filters: { seg: 'y' }, pageSize: 10 }, 2);
    expect(q.rows).toContain('$2');
    expect((await db.query(q.rows, [4, ...q.params])).map((r) => r.id)).toEqual(['b2']);
  });

  it('quotes a hostile column name instead of running it', async () => {
    const q = pageSql('t', { ...base, sortBy: 'n; DROP TABLE t; --' });
    await expect(db.query(q.rows, q.params)).rejects.toThrow();
    expect((await db.query('SELECT count(*) AS n FROM t'))[0].n).toBe(5);
  });
});
