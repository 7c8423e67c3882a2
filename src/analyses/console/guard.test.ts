import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../../test/helpers/node-db';
import { consoleText, refusal, SCHEMA_SQL } from './guard';

describe('the SQL console guard', () => {
  let db: NodeDb;
  beforeAll(async () => {
    db = await NodeDb.create();
    await db.exec(`CREATE TABLE orders (customer_id VARCHAR, amount DECIMAL(18,2)); INSERT INTO orders VALUES ('a', 10), ('b', -2);
CREATE TABLE customer_facts (customer_id VARCHAR, purchases INTEGER); INSERT INTO customer_facts VALUES ('a', 1);
CREATE TABLE file_0_rejects (line BIGINT)`);
  });
  afterAll(() => db.close());
  const tables = new Set(['orders', 'customer_facts']);

  it('lets one query over the model run: CTEs, joins, subqueries, set operations, range(); DuckDB runs each', async () => {
    for (const sql of [
      'SELECT * FROM orders',
      'select count(*) from ORDERS where amount > 0;',
      'WITH big AS (SELECT * FROM orders WHERE amount > 5) SELECT b.customer_id FROM big b JOIN customer_facts f USING (customer_id)',
      'WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 3) SELECT * FROM t',
      'SELECT customer_id FROM orders WHERE customer_id IN (SELECT customer_id FROM memory.main.orders) UNION ALL SELECT \'x\'',
      "SELECT o.*, r.range FROM orders o, range(3) r WHERE o.customer_id <> 'DROP TABLE orders' -- a comment: DELETE",
      'FROM orders SELECT customer_id',
      'SELECT "amount" AS "insert" FROM "orders"',
      'VALUES (1, 2)',
      "SELECT strftime(DATE '2024-01-01', '%Y') AS y",
    ]) {
      expect(refusal(sql, tables), sql).toBeNull();
      await expect(db.query(sql.replace(/;$/, '')), sql).resolves.toBeDefined();
    }
  });

  it('refuses writes, DDL, attaching, installing, loading, copying and settings', () => {
    const cases: [string, string][] = [
      ['DROP TABLE orders', 'not_select'],
      ['DELETE FROM orders', 'not_select'],
      ['INSERT INTO orders VALUES (1, 2)', 'not_select'],
      ['UPDATE orders SET amount = 0', 'not_select'],
      ['CREATE TABLE x AS SELECT 1', 'not_select'],
      ["ATTACH 'x.db' AS x", 'not_select'],
      ['INSTALL httpfs', 'not_select'],
      ['LOAD httpfs', 'not_select'],
      ["COPY orders TO 'out.csv'", 'not_select'],
      ["SET memory_limit = '1GB'", 'not_select'],
      ['PRAGMA version', 'not_select'],
      ['  (  ( DROP TABLE orders))', 'not_select'],
      ["WITH x AS (SELECT 1) INSERT INTO orders SELECT 'a', 1", 'keyword'],
      ['SELECT 1 FROM orders; COPY orders TO \'x.csv\'', 'several'],
    ];
    for (const [sql, code] of cases) expect(refusal(sql, tables)?.code, sql).toBe(code);
  });

  it('refuses a file read, by function or by file name, and tables not in the model', () => {
    expect(refusal("SELECT * FROM read_csv('/work/x.csv')", tables)).toEqual({ code: 'function', name: 'read_csv' });
    expect(refusal("SELECT * FROM orders WHERE customer_id IN (SELECT * FROM read_text('secret.txt'))", tables)).toEqual({ code: 'function', name: 'read_text' });
    expect(refusal("SELECT count(*) FROM main.read_parquet('x')", tables)).toEqual({ code: 'function', name: 'main.read_parquet' });
    expect(refusal("SELECT * FROM glob('*')", tables)).toEqual({ code: 'function', name: 'glob' });
    expect(refusal("SELECT * FROM query('DROP TABLE orders')", tables)).toEqual({ code: 'function', name: 'query' });
    expect(refusal("SELECT * FROM duckdb_settings()", tables)).toEqual({ code: 'function', name: 'duckdb_settings' });
    expect(refusal("SELECT * FROM 'data.csv'", tables)).toEqual({ code: 'table', name: 'data.csv' });
    expect(refusal("SELECT * FROM orders, 'data.csv'", tables)).toEqual({ code: 'table', name: 'data.csv' });
    expect(refusal("SELECT * FROM orders JOIN $$data.csv$$ USING (customer_id)", tables)).toEqual({ code: 'table', name: 'data.csv' });
    expect(refusal('SELECT * FROM other.main.orders', tables)).toEqual({ code: 'table', name: 'other.main.orders' });
    expect(refusal('SELECT * FROM data.csv', tables)).toEqual({ code: 'table', name: 'data.csv' });
    expect(refusal('SELECT * FROM file_0_rejects', tables)).toEqual({ code: 'table', name: 'file_0_rejects' });
    expect(refusal('', tables)).toEqual({ code: 'empty' });
  });

  it('opens a view’s statement as the SELECT it runs, with the bound values', () => {
    expect(consoleText("CREATE OR REPLACE TABLE t AS SELECT * FROM orders WHERE d <= CAST($1 AS DATE) AND n = $2 AND s = $3", ['2024-04-15', 30, "O'Brien"]))
      .toBe("SELECT * FROM orders WHERE d <= CAST('2024-04-15' AS DATE) AND n = 30 AND s = 'O''Brien'");
    expect(consoleText('SELECT $1, $2', [1])).toBe('SELECT 1, $2');
  });

  it('lists the model’s tables and columns, not the load’s helper tables', async () => {
    const rows = await db.query(SCHEMA_SQL);
    expect(rows).toEqual([
      { table_name: 'customer_facts', column_name: 'customer_id', data_type: 'VARCHAR' },
      { table_name: 'customer_facts', column_name: 'purchases', data_type: 'INTEGER' },
      { table_name: 'orders', column_name: 'customer_id', data_type: 'VARCHAR' },
      { table_name: 'orders', column_name: 'amount', data_type: 'DECIMAL(18,2)' },
    ]);
  });
});
