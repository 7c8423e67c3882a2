import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../test/helpers/node-db';
import { createTransactions, type Line } from '../../test/helpers/behaviour-fixture';
import { applyFilters, filterContext } from './apply-filters';
import { cleanFilters, dimKind, filtersFromSearch, filtersToSearch, NO_FILTERS, type Filters } from './filters';

// Five orders of three customers (a: F, b: M, c: F in the customer file):
//   a1 2024-01-05 web N: P1/X 100 + P2/Y 50 = 150   a2 2024-02-10 store N: P2/Y 30
//   b1 2024-01-20 store S: P1/X 80                  b2 2024-03-01 store S: P1/X −80 (a return)
//   c1 2024-02-15 web S: P3/Z 40
const LINES: Line[] = [
  { c: 'a', o: 'a1', ts: '2024-01-05 10:00:00', amount: 100, qty: 1, product: 'P1', category: 'X', channel: 'web', region: 'N' },
  { c: 'a', o: 'a1', ts: '2024-01-05 10:00:00', amount: 50, qty: 1, product: 'P2', category: 'Y', channel: 'web', region: 'N' },
  { c: 'a', o: 'a2', ts: '2024-02-10 09:00:00', amount: 30, qty: 1, product: 'P2', category: 'Y', channel: 'store', region: 'N' },
  { c: 'b', o: 'b1', ts: '2024-01-20 12:00:00', amount: 80, qty: 1, product: 'P1', category: 'X', channel: 'store', region: 'S' },
  { c: 'b', o: 'b2', ts: '2024-03-01 12:00:00', amount: -80, qty: -1, product: 'P1', category: 'X', channel: 'store', region: 'S' },
  { c: 'c', o: 'c1', ts: '2024-02-15 18:00:00', amount: 40, qty: 1, product: 'P3', category: 'Z', channel: 'web', region: 'S' },
];

const SEGMENTS = `SELECT * FROM (VALUES ('a', 'loyal'), ('b', 'champions'), ('c', 'loyal')) s(customer_id, segment_key)`;

describe('global filters', () => {
  let db: NodeDb;
  beforeAll(async () => {
    db = await NodeDb.create();
    await createTransactions(db, LINES);
    await db.exec(`CREATE TABLE customer_attrs AS SELECT * FROM (VALUES ('a', 'Gender', 'F'), ('b', 'Gender', 'M'), ('c', 'Gender', 'F')) v(customer_id, attribute, value)`);
  });
  afterAll(() => db.close());

  const apply = (f: Partial<Filters>) => applyFilters(db, { ...NO_FILTERS, ...f }, 'memory', async () => SEGMENTS);
  const orders = () => db.query<{ order_id: string; amount: number; lines: number; kind: string }>('SELECT order_id, amount, lines, kind FROM orders ORDER BY order_id');
  const ids = async () => (await orders()).map((o) => o.order_id);

  it('keeps everything with no filter', async () => {
    await apply({});
    expect(await ids()).toEqual(['a1', 'a2', 'b1', 'b2', 'c1']);
    expect((await db.query('SELECT count(*) AS n FROM order_lines'))[0]).toEqual({ n: 6 });
  });

  it('keeps the orders of a date range, both ends included', async () => {
    await apply({ from: '2024-02-10' });
    expect(await ids()).toEqual(['a2', 'b2', 'c1']);
    await apply({ to: '2024-01-20' });
    expect(await ids()).toEqual(['a1', 'b1']);
    await apply({ from: '2024-01-06', to: '2024-02-14' });
    expect(await ids()).toEqual(['a2', 'b1']);
  });

  it('keeps the orders with an order dimension value (several values are alternatives)', async () => {
    await apply({ dims: { region: ['S'] } });
    expect(await ids()).toEqual(['b1', 'b2', 'c1']);
    await apply({ dims: { channel: ['web'] } });
    expect(await orders()).toEqual([
      { order_id: 'a1', amount: 150, lines: 2, kind: 'purchase' },
      { order_id: 'c1', amount: 40, lines: 1, kind: 'purchase' },
    ]);
    await apply({ dims: { channel: ['web', 'store'] } });
    expect(await ids()).toEqual(['a1', 'a2', 'b1', 'b2', 'c1']);
  });

  it('keeps the lines of a category or product, their orders re-aggregated', async () => {
    await apply({ dims: { product: ['P2'] } });
    expect(await orders()).toEqual([
      { order_id: 'a1', amount: 50, lines: 1, kind: 'purchase' },
      { order_id: 'a2', amount: 30, lines: 1, kind: 'purchase' },
    ]);
    await apply({ dims: { category: ['X'] } });
    expect(await orders()).toEqual([
      { order_id: 'a1', amount: 100, lines: 1, kind: 'purchase' },
      { order_id: 'b1', amount: 80, lines: 1, kind: 'purchase' },
      { order_id: 'b2', amount: -80, lines: 1, kind: 'return' },
    ]);
  });

  it('keeps the customers with a customer attribute value, or in an RFM segment', async () => {
    await apply({ dims: { Gender: ['F'] } });
    expect(await ids()).toEqual(['a1', 'a2', 'c1']);
    await apply({ dims: { segment: ['champions'] } });
    expect(await ids()).toEqual(['b1', 'b2']);
  });

  it('combines dimensions and dates (AND)', async () => {
    await apply({ dims: { Gender: ['F'], region: ['S'] } });
    expect(await ids()).toEqual(['c1']);
    await apply({ from: '2024-02-01', dims: { category: ['Y'] } });
    expect(await orders()).toEqual([{ order_id: 'a2', amount: 30, lines: 1, kind: 'purchase' }]);
    await apply({ dims: { segment: ['loyal'], channel: ['store'] } });
    expect(await ids()).toEqual(['a2']);
  });

  it('ignores a dimension nothing loaded carries, and goes back to everything when cleared', async () => {
    const ctx = await filterContext(db);
    expect(ctx).toEqual({ orderDims: ['channel', 'region'], lineDims: ['category', 'product'], attributes: ['Gender'] });
    expect(dimKind('payment', ctx)).toBe('unknown');
    await apply({ dims: { payment: ['Card'] } });
    expect(await ids()).toEqual(['a1', 'a2', 'b1', 'b2', 'c1']);
    await apply({ dims: { region: ['N'] } });
    await apply({});
    expect(await ids()).toEqual(['a1', 'a2', 'b1', 'b2', 'c1']);
    expect(await db.query(`SELECT table_name FROM duckdb_tables() WHERE table_name IN ('filtered_orders', 'filter_customers')`)).toEqual([]);
  });

  it('reads a value as data, quotes and all', async () => {
    await apply({ dims: { region: ["S' OR 1=1 --"] } });
    expect(await ids()).toEqual([]);
  });
});

describe('filters in the URL', () => {
  it('writes f.<dim> (repeated), from and to, keeping the other parameters', () => {
    const f: Filters = { from: '2024-01-01', to: '2024-03-31', dims: { region: ['华东', 'N & S'], Gender: ['F'] } };
    const search = filtersToSearch(f, '?lang=zh&f.old=x');
    expect(search).toBe('?lang=zh&from=2024-01-01&to=2024-03-31&f.region=%E5%8D%8E%E4%B8%9C&f.region=N+%26+S&f.Gender=F');
    expect(filtersFromSearch(search)).toEqual(f);
  });

  it('drops malformed dates and empty dimensions', () => {
    expect(filtersFromSearch('?from=2024-02-30&to=yesterday&f.=x')).toEqual(NO_FILTERS);
    expect(cleanFilters({ from: '', to: '', dims: { region: [], channel: ['web', 'web'] } })).toEqual({ from: '', to: '', dims: { channel: ['web'] } });
  });
});
