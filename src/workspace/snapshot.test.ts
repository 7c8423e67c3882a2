import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { NodeDb } from '../../test/helpers/node-db';
import { fileOf } from '../../test/helpers/files';
import { RecordingDb } from './recording-db';
import { restoreSnapshot, takeSnapshot, type DataSnapshot } from './snapshot';
import { keptColumnsSql, keptTablesSql } from './snapshot-sql';
import { Dataset } from '../ingest/loader';
import { SurveySet } from '../ingest/survey-loader';
import { EventSet } from '../ingest/event-loader';
import { CustomerSet } from '../ingest/customer-loader';

const sample = (name: string) => fileOf(name, new Uint8Array(readFileSync(new URL(`../../public/samples/${name}`, import.meta.url))));

/** Every kept table's rows, in a fixed order: what a restore must give back exactly. */
async function contents(db: NodeDb): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of await db.query<{ catalog: string; name: string }>(keptTablesSql())) {
    const from = t.catalog === 'temp' ? `"${t.name}"` : `"${t.catalog}".main."${t.name}"`;
    out[`${t.catalog}.${t.name}`] = await db.query(`SELECT * FROM ${from} ORDER BY ALL`);
  }
  return out;
}

function memoryFiles() {
  const files = new Map<string, Blob>();
  const put = async (name: string, data: Uint8Array | Blob) => {
    const key = `${files.size}-${name}`;
    files.set(key, data instanceof Blob ? data : new Blob([data as Uint8Array<ArrayBuffer>]));
    return key;
  };
  return { files, put, source: (blob: Blob) => put('source', blob), get: async (key: string) => files.get(key)! };
}

describe('workspace snapshot: the database out to files and back', () => {
  const dbs: NodeDb[] = [];
  afterEach(async () => {
    for (const db of dbs.splice(0)) await db.close();
  });
  const open = async (dir?: string) => {
    const db = await NodeDb.create(dir);
    dbs.push(db);
    return db;
  };

  it('keeps every value and type, telling empty text from NULL', async () => {
    const db = await open();
    await db.exec(`CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE tricky (s VARCHAR, d DOUBLE, m DECIMAL(18,2), e mood, ts TIMESTAMP, day DATE, b BOOLEAN, u UBIGINT, i INTEGER);
INSERT INTO tricky VALUES
  ('', 0.1 + 0.2, 12.30, 'ok', '2024-02-29 23:59:59.123456', '2024-02-29', true, 18446744073709551615, -7),
  (NULL, 1 / 3, -0.05, NULL, NULL, NULL, NULL, NULL, NULL),
  ('say "hi",
then \\N', 1e-300, 0, 'happy', '1999-12-31 00:00:00', '1970-01-01', false, 0, 2147483647),
  ('客户, 重要价值', -2.5e20, 99999.99, 'sad', '2010-12-01 08:26:00', '2010-12-01', NULL, 1, 0)`);
    const before = await db.query('SELECT * FROM tricky ORDER BY i NULLS LAST');
    const mem = memoryFiles();
    const snap = await takeSnapshot(db, { skip: new Set(), sources: new Map(), catalog: 'memory' }, mem);
    const fresh = await open();
    await fresh.exec(`CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')`);
    await restoreSnapshot(fresh, snap, mem);
    expect(await fresh.query('SELECT * FROM tricky ORDER BY i NULLS LAST')).toEqual(before);
    expect(await fresh.query(`SELECT s IS NULL AS n, s = '' AS empty FROM tricky ORDER BY i NULLS LAST`)).toEqual([
      { n: false, empty: true }, { n: false, empty: false }, { n: false, empty: false }, { n: true, empty: null },
    ]);
    const types = (d: NodeDb) => d.query(`${keptColumnsSql()}`);
    expect(await types(fresh)).toEqual(await types(db));
  });

  it('copies a table in parts of rowids, across the gaps deleted rows leave, in row order; restores an older one-file copy; a stop ends it between parts', async () => {
    const db = await open();
    await db.exec(`CREATE TABLE t AS SELECT range AS i, 'row ' || range AS s FROM range(9);
DELETE FROM t WHERE i IN (2, 3, 6);
CREATE TABLE empty (x INTEGER)`);
    const before = await db.query('SELECT * FROM t');
    const mem = memoryFiles();
    const snap = await takeSnapshot(db, { skip: new Set(), sources: new Map(), catalog: 'memory', partRows: 2 }, mem);
    // rowids 0–8 in parts of two: {0,1} {2,3} (both deleted: no part) {4,5} {6,7} {8}.
    expect(snap.tables.find((t) => t.name === 't')?.files).toHaveLength(4);
    expect(snap.tables.find((t) => t.name === 'empty')?.files).toHaveLength(1);
    const fresh = await open();
    await restoreSnapshot(fresh, snap, mem);
    expect(await fresh.query('SELECT * FROM t')).toEqual(before);
    expect(await fresh.query('SELECT count(*)::INTEGER AS n FROM empty')).toEqual([{ n: 0 }]);

    // A snapshot saved before the parts: one file per table, gzipped by DuckDB itself.
    const legacy = memoryFiles();
    const whole = await db.copyToBytes((path) => `COPY (FROM t) TO '${path}' (FORMAT csv, HEADER false, DELIMITER ',', QUOTE '"', ESCAPE '"', FORCE_QUOTE *, COMPRESSION gzip)`);
    const t = snap.tables.find((x) => x.name === 't')!;
    const old: DataSnapshot = { ...snap, tables: [{ catalog: t.catalog, name: t.name, temporary: t.temporary, columns: t.columns, file: await legacy.put('t0.csv.gz', whole) }] };
    const older = await open();
    await restoreSnapshot(older, old, legacy);
    expect(await older.query('SELECT * FROM t')).toEqual(before);

    const stop = new AbortController();
    let puts = 0;
    const stopping = { ...memoryFiles(), put: async () => {
      if (++puts === 2) stop.abort();
      return `k${puts}`;
    } };
    await expect(takeSnapshot(db, { skip: new Set(), sources: new Map(), catalog: 'memory', partRows: 2, signal: stop.signal }, stopping))
      .rejects.toMatchObject({ name: 'AbortError' });
    expect(puts).toBe(2);
  });

  it('restores every kind of file loaded from the snapshot alone, and the loaders carry on from it', async () => {
    const db = await open();
    const rec = new RecordingDb(db);
    const ds = new Dataset(rec);
    const surveys = new SurveySet(rec);
    const events = new EventSet(rec);
    const customers = new CustomerSet(rec);
    await ds.add(sample('retail_sample.csv'));
    await surveys.add(sample('survey_sample.csv'));
    await events.add(sample('events_sample.csv'));
    await customers.add(sample('customers_sample.csv'));
    const before = await contents(db);
    const mem = memoryFiles();
    const saved = structuredClone({ ds: ds.saved(), surveys: surveys.saved(), events: events.saved(), customers: customers.saved() });
    const snap: DataSnapshot = await takeSnapshot(db, { skip: new Set(), sources: rec.sources, catalog: ds.catalog }, mem);
    expect(snap.sources.map((s) => s.name).length).toBeGreaterThanOrEqual(4);

    const fresh = await open(db.dir);
    await restoreSnapshot(fresh, snap, mem);
    expect(await contents(fresh)).toEqual(before);

    // The restored loaders remap from the re-registered file and add further files next to what is there.
    const ds2 = new Dataset(fresh);
    ds2.restore(saved.ds);
    const [file] = ds2.files;
    await ds2.remap(file!.index, { ...file!.mapping, channel: null });
    const channels = await fresh.query<{ n: number }>('SELECT count(DISTINCT channel) AS n FROM transactions');
    expect(channels[0]!.n).toBe(0);
    const rows = await fresh.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM transactions');
    expect(rows[0]!.n).toBe((before['memory.transactions'] ?? []).length);
    await ds2.add(fileOf('more.csv', 'customer_id,order_date,amount\nzz-new,2024-01-05,10\n'));
    const added = await fresh.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM transactions WHERE customer_id = 'zz-new'`);
    expect(added[0]!.n).toBe(1);
    expect(ds2.files.map((f) => f.index)).toEqual([...saved.ds.files.map((f) => f.index), saved.ds.nextIndex]);
  });
});
