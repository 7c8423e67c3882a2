import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NodeDb } from '../../test/helpers/node-db';
import { isSuperseded, QueryLayer, type TableSpec } from './query-layer';

let db: NodeDb;
let layer: QueryLayer;

beforeEach(async () => {
  db = await NodeDb.create();
  await db.exec(`CREATE TABLE facts AS SELECT range AS i, range % 3 AS g FROM range(10)`);
  layer = new QueryLayer(db);
});
afterEach(() => db.close());

/** Holds the layer's queue until `release()`: what is requested meanwhile waits behind it. */
function gate(): { release: () => void; done: Promise<void> } {
  let release!: () => void;
  const opened = new Promise<void>((r) => (release = r));
  return { release, done: layer.mutate(() => opened) };
}

const sum = { sql: 'SELECT sum(i) AS s FROM facts WHERE g = $1', params: [1] };

describe('query layer', () => {
  it('answers a revisit from its cache without running the query again', async () => {
    const first = await layer.query(sum);
    const executed = layer.stats.executed;
    const again = await layer.query({ ...sum, params: [1] });
    expect(again).toEqual(first);
    expect(first).toEqual([{ s: 1 + 4 + 7 }]);
    expect(layer.stats.executed).toBe(executed);
    expect(layer.stats.hits).toBe(1);
    expect(layer.peek(sum)).toEqual(first);
  });

  it('runs two identical requests once', async () => {
    const [a, b] = await Promise.all([layer.query(sum), layer.query(sum)]);
    expect(a).toEqual(b);
    expect(layer.stats.executed).toBe(1);
  });

  it('shares a result it does not keep between the callers in flight, and runs it again later', async () => {
    const [a, b] = await Promise.all([layer.queryColumns(sum, { keep: false }), layer.queryColumns(sum, { keep: false })]);
    expect(a).toBe(b);
    expect(Array.from(a.columns[0]!)).toEqual([12]);
    expect(layer.stats.executed).toBe(1);
    await layer.queryColumns(sum, { keep: false });
    expect(layer.stats.executed).toBe(2);
  });

  it('drops a superseded request before it runs', async () => {
    const g = gate();
    const abort = new AbortController();
    const dropped = layer.query({ sql: 'SELECT 42 AS x' }, { signal: abort.signal });
    const kept = layer.query(sum);
    abort.abort();
    g.release();
    await g.done;
    await expect(dropped).rejects.toSatisfy(isSuperseded);
    expect(await kept).toEqual([{ s: 12 }]);
    expect(layer.stats.executed).toBe(1);
    expect(layer.peek({ sql: 'SELECT 42 AS x' })).toBeUndefined();
  });

  it('keeps a shared request running while another caller still waits for it', async () => {
    const g = gate();
    const abort = new AbortController();
    const leaving = layer.query(sum, { signal: abort.signal });
    const staying = layer.query(sum);
    abort.abort();
    g.release();
    await expect(leaving).rejects.toSatisfy(isSuperseded);
    expect(await staying).toEqual([{ s: 12 }]);
  });

  it('cancels a running query nobody waits for', async () => {
    const abort = new AbortController();
    const before = layer.stats.executed;
    const long = layer.query({ sql: 'SELECT count(*) AS n FROM range(20000000000) a WHERE a.range % 7 = 3' }, { signal: abort.signal });
    // Once the layer has handed it to the engine (not merely queued it), leave it: the layer interrupts the engine.
    await vi.waitFor(() => expect(layer.stats.executed).toBe(before + 1), { interval: 5 });
    abort.abort();
    await expect(long).rejects.toSatisfy(isSuperseded);
    // The next request runs: the engine was interrupted, not left busy for minutes.
    expect(await layer.query({ sql: 'SELECT 1 AS one' })).toEqual([{ one: 1 }]);
  });

  it('forgets every result when the data changes', async () => {
    await layer.query(sum);
    await layer.mutate(() => db.exec('INSERT INTO facts VALUES (100, 1)'));
    expect(layer.peek(sum)).toBeUndefined();
    expect(await layer.query(sum)).toEqual([{ s: 112 }]);
    expect(layer.stats.executed).toBe(2);
  });

  it('computes again for another as-of date, and keeps the first one cached', async () => {
    await layer.query({ ...sum, params: [1] });
    await layer.query({ ...sum, params: [2] });
    await layer.query({ ...sum, params: [1] });
    expect(layer.stats.executed).toBe(2);
  });

  it('builds shared tables once, in dependency order, and only what a change touches', async () => {
    const base = (g: number): TableSpec => ({
      name: 'base_t',
      key: { g },
      build: [{ sql: 'CREATE OR REPLACE TABLE base_t AS SELECT i FROM facts WHERE g = $1', params: [g] }],
    });
    const derived = (g: number, factor: number): TableSpec => ({
      name: 'derived_t',
      key: { factor },
      deps: [base(g)],
      build: [{ sql: `CREATE OR REPLACE TABLE derived_t AS SELECT i * ${factor} AS v FROM base_t` }],
    });
    const read = (g: number, factor: number) => layer.query<{ s: number }>({ sql: 'SELECT sum(v) AS s FROM derived_t', tables: [derived(g, factor)] });

    expect(await read(1, 10)).toEqual([{ s: 120 }]);
    expect(layer.stats.builds).toEqual(['base_t', 'derived_t']);
    expect(await read(1, 2)).toEqual([{ s: 24 }]);
    expect(layer.stats.builds).toEqual(['base_t', 'derived_t', 'derived_t']);
    expect(await read(0, 2)).toEqual([{ s: 2 * (0 + 3 + 6 + 9) }]);
    expect(layer.stats.builds).toEqual(['base_t', 'derived_t', 'derived_t', 'base_t', 'derived_t']);
    // Back to the first settings: the result is cached, nothing is rebuilt.
    expect(await read(1, 10)).toEqual([{ s: 120 }]);
    expect(layer.stats.builds).toHaveLength(5);
    expect(layer.isBuilt(derived(0, 2))).toBe(true);
    expect(layer.isBuilt(derived(1, 10))).toBe(false);
  });

  it('drops the shared tables built from data that changed', async () => {
    const spec: TableSpec = { name: 'copy_t', key: 1, build: [{ sql: 'CREATE OR REPLACE TABLE copy_t AS SELECT * FROM facts' }] };
    await layer.ensure([spec]);
    await layer.mutate(() => db.exec('DELETE FROM facts WHERE i > 5'));
    expect(await db.query(`SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = 'copy_t'`)).toEqual([{ n: 0 }]);
    expect(layer.isBuilt(spec)).toBe(false);
    expect(await layer.query({ sql: 'SELECT count(*) AS n FROM copy_t', tables: [spec] })).toEqual([{ n: 6 }]);
  });

  it('runs low-priority work (a prefetch) after everything else queued', async () => {
    const g = gate();
    const order: string[] = [];
    const spec: TableSpec = { name: 'pre_t', key: 1, build: async (d) => { order.push('prefetch'); await d.exec('CREATE OR REPLACE TABLE pre_t AS SELECT 1 AS x'); } };
    const prefetch = layer.ensure([spec], { priority: 'low' });
    const now = layer.query(sum).then((r) => (order.push('view'), r));
    g.release();
    await Promise.all([prefetch, now]);
    expect(order).toEqual(['view', 'prefetch']);
  });

  it('lets a view’s query pass low-priority work between the tables it builds', async () => {
    const order: string[] = [];
    let view: Promise<unknown> | null = null;
    const base: TableSpec = {
      name: 'pre_base', key: 1,
      build: async (d) => {
        order.push('base');
        await d.exec('CREATE OR REPLACE TABLE pre_base AS SELECT 1 AS x');
        // Asked for while the prefetch's first table builds: it runs before the table that depends on it.
        view = layer.query(sum).then((r) => (order.push('view'), r));
      },
    };
    const top: TableSpec = { name: 'pre_top', key: 1, deps: [base], build: async (d) => { order.push('top'); await d.exec('CREATE OR REPLACE TABLE pre_top AS FROM pre_base'); } };
    await layer.ensure([top], { priority: 'low' });
    await view;
    expect(order).toEqual(['base', 'view', 'top']);
    expect(layer.isBuilt(top) && layer.isBuilt(base)).toBe(true);
  });

  it('ensures a table again after another key rebuilt it', async () => {
    const spec = (n: number): TableSpec => ({ name: 'n_t', key: n, build: [{ sql: `CREATE OR REPLACE TABLE n_t AS SELECT ${n} AS n` }] });
    await layer.ensure([spec(1)]);
    await layer.ensure([spec(2)]);
    await layer.ensure([spec(1)]);
    expect(await db.query('SELECT n FROM n_t')).toEqual([{ n: 1 }]);
    expect(layer.stats.builds).toEqual(['n_t', 'n_t', 'n_t']);
  });

  it('shares one computation between callers and caches it for the data version', async () => {
    let runs = 0;
    const job = async () => {
      runs++;
      const [r] = await layer.query<{ s: number }>(sum);
      return r.s * 2;
    };
    expect(await Promise.all([layer.compute('double', job), layer.compute('double', job)])).toEqual([24, 24]);
    expect(await layer.compute('double', job)).toBe(24);
    expect(runs).toBe(1);
    await layer.mutate(async () => undefined);
    expect(await layer.compute('double', job)).toBe(24);
    expect(runs).toBe(2);
  });

  it('tells a computation when every caller has gone', async () => {
    const abort = new AbortController();
    let seen: AbortSignal | null = null;
    const p = layer.compute('slow', (signal) => {
      seen = signal;
      return new Promise<number>((resolve) => signal.addEventListener('abort', () => resolve(0)));
    }, { signal: abort.signal });
    abort.abort();
    await expect(p).rejects.toSatisfy(isSuperseded);
    expect(seen!.aborted).toBe(true);
  });

  it('lets a failed query be asked again', async () => {
    await expect(layer.query({ sql: 'SELECT * FROM missing_table' })).rejects.toThrow(/missing_table/);
    await db.exec('CREATE TABLE missing_table AS SELECT 1 AS x');
    expect(await layer.query({ sql: 'SELECT * FROM missing_table' })).toEqual([{ x: 1 }]);
  });
});
