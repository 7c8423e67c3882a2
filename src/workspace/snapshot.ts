import type { Db } from '../db/db';
import {
  copyKeptTableSql, createKeptTableSql, fillKeptTableSql, keptColumnsSql, keptTablesSql, keptViewsSql, qualified, recreateViewSql,
  type KeptCatalog, type TableRow,
} from './snapshot-sql';
import { useSql } from '../ingest/loader';
import type { Catalog } from '../ingest/build-sql';

export interface KeptTable extends TableRow {
  columns: { column: string; type: string }[];
  /** The key of its file (gzip CSV). */
  file: string;
}

/** What the database holds, as files: its tables (gzip CSV), its views (their SQL) and the files DuckDB reads (remaps). */
export interface DataSnapshot {
  tables: KeptTable[];
  views: { catalog: KeptCatalog; sql: string }[];
  /** Registered files (a file's bytes as DuckDB reads them): the name they are registered under and their key. */
  sources: { name: string; file: string }[];
  /** The database new tables go to (`useSql`). */
  catalog: Catalog;
}

/** Where a snapshot's files go and come from (the origin's private file system, or a workspace file). */
export interface SnapshotFiles {
  /** Stores a file under a name of its own; returns the key it is found under again. */
  put(file: string, data: Uint8Array | Blob): Promise<string>;
  get(key: string): Promise<Blob>;
}

/**
 * Copies the database out: each table (but `skip`, the query layer's tables, built again when needed) as gzip CSV,
 * the views as SQL, and the registered files whose names are in `sources`. Runs as background work.
 */
export async function takeSnapshot(
  db: Db,
  opts: { skip: ReadonlySet<string>; sources: ReadonlyMap<string, Blob>; catalog: Catalog },
  out: Pick<SnapshotFiles, 'put'> & { source(blob: Blob): Promise<string> },
): Promise<DataSnapshot> {
  const bg = { background: true };
  const tables = (await db.query<TableRow & Record<string, unknown>>(keptTablesSql(), [], bg)).filter((t) => t.temporary || !opts.skip.has(t.name));
  const columns = await db.query<{ catalog: string; name: string; column: string; type: string }>(keptColumnsSql(), [], bg);
  const views = await db.query<{ catalog: KeptCatalog; sql: string }>(keptViewsSql(), [], bg);
  const kept: KeptTable[] = [];
  for (const [i, t] of tables.entries()) {
    const file = await out.put(`t${i}.csv.gz`, await db.copyToBytes((path) => copyKeptTableSql(t, path)));
    kept.push({
      catalog: t.catalog, name: t.name, temporary: t.temporary, file,
      columns: columns.filter((c) => c.catalog === t.catalog && c.name === t.name).map((c) => ({ column: c.column, type: c.type })),
    });
  }
  const sources: DataSnapshot['sources'] = [];
  for (const [name, blob] of opts.sources) sources.push({ name, file: await out.source(blob) });
  return { tables: kept, views: views.map((v) => ({ catalog: v.catalog, sql: v.sql })), sources, catalog: opts.catalog };
}

/**
 * Builds the tables and views of `snap` in an empty database and registers its files again. Every table's types
 * are the saved ones; nothing is read from the user's files.
 */
export async function restoreSnapshot(db: Db, snap: DataSnapshot, files: Pick<SnapshotFiles, 'get'>): Promise<void> {
  for (const [i, t] of snap.tables.entries()) {
    const name = `${db.fileDir}restore_${i}.csv.gz`;
    await db.registerFile(name, await files.get(t.file));
    try {
      await db.execLong([createKeptTableSql(t, t.columns), fillKeptTableSql(t, t.columns, name)]);
    } finally {
      await db.dropFile(name);
    }
  }
  for (const v of snap.views) {
    await db.exec(useSql(v.catalog === 'lens' ? 'lens' : 'memory'));
    await db.exec(recreateViewSql(v.sql));
  }
  await db.exec(useSql(snap.catalog));
  for (const s of snap.sources) await db.registerFile(s.name, await files.get(s.file));
}
