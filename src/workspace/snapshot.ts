import type { Db } from '../db/db';
import {
  copyKeptTableSql, createKeptTableSql, fillKeptTableSql, keptColumnsSql, keptTablesSql, keptViewsSql, recreateViewSql, rowidEndSql,
  type KeptCatalog, type TableRow,
} from './snapshot-sql';
import { useSql } from '../ingest/loader';
import type { Catalog } from '../ingest/build-sql';
import { ALL_ORDERS, buildOrdersSql } from '../model/orders';

export interface KeptTable extends TableRow {
  columns: { column: string; type: string }[];
  /** The keys of its files (gzip CSV), in row order. */
  files?: string[];
  /** The key of its one file, as saved before tables were copied in parts. */
  file?: string;
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

/** Rowids per copied part: the views' queries wait at most for one part's copy. */
export const PART_ROWS = 100_000;

/** The keys of a kept table's files, in row order. */
export function tableFiles(t: Pick<KeptTable, 'files' | 'file'>): string[] {
  return t.files ?? (t.file ? [t.file] : []);
}

// (De)compression runs outside the engine, where it is native code: several times faster than DuckDB-WASM's own.
async function gzip(bytes: Uint8Array): Promise<Blob> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Response(stream).blob();
}

async function gunzip(blob: Blob): Promise<Blob> {
  return new Response(blob.stream().pipeThrough(new DecompressionStream('gzip'))).blob();
}

/**
 * Copies the database out: each table as gzip CSV in parts of `partRows` rowids (`PART_ROWS`), the views as SQL,
 * and the registered files whose names are in `sources`. Left out: `skip` (the query layer's tables, built again
 * when needed) and `all_orders`, which the restore builds from `transactions` in about a second (copying it out took
 * 7.3 s at 1M rows). Every statement is background work, so the views' queries go between the parts; `signal`
 * stops it between two.
 */
export async function takeSnapshot(
  db: Db,
  opts: { skip: ReadonlySet<string>; sources: ReadonlyMap<string, Blob>; catalog: Catalog; signal?: AbortSignal; partRows?: number },
  out: Pick<SnapshotFiles, 'put'> & { source(blob: Blob): Promise<string> },
): Promise<DataSnapshot> {
  const bg = { background: true };
  const partRows = opts.partRows ?? PART_ROWS;
  const step = () => opts.signal?.throwIfAborted();
  const tables = (await db.query<TableRow & Record<string, unknown>>(keptTablesSql(), [], bg)).filter((t) => t.temporary || !(opts.skip.has(t.name) || t.name === ALL_ORDERS));
  const columns = await db.query<{ catalog: string; name: string; column: string; type: string }>(keptColumnsSql(), [], bg);
  const views = await db.query<{ catalog: KeptCatalog; sql: string }>(keptViewsSql(), [], bg);
  const kept: KeptTable[] = [];
  for (const [i, t] of tables.entries()) {
    step();
    const [end] = await db.query<{ n: number }>(rowidEndSql(t), [], bg);
    const files: string[] = [];
    for (let from = 0, part = 0; from < Math.max(end?.n ?? 0, 1); from += partRows, part++) {
      step();
      const bytes = await db.copyToBytes((path) => copyKeptTableSql(t, path, { from, to: from + partRows }));
      if (bytes.length === 0 && part > 0) continue;
      files.push(await out.put(`t${i}-${part}.csv.gz`, await gzip(bytes)));
    }
    kept.push({
      catalog: t.catalog, name: t.name, temporary: t.temporary, files,
      columns: columns.filter((c) => c.catalog === t.catalog && c.name === t.name).map((c) => ({ column: c.column, type: c.type })),
    });
  }
  const sources: DataSnapshot['sources'] = [];
  for (const [name, blob] of opts.sources) {
    step();
    sources.push({ name, file: await out.source(blob) });
  }
  return { tables: kept, views: views.map((v) => ({ catalog: v.catalog, sql: v.sql })), sources, catalog: opts.catalog };
}

/**
 * Builds the tables and views of `snap` in an empty database and registers its files again. Every table's types
 * are the saved ones; nothing is read from the user's files.
 */
export async function restoreSnapshot(db: Db, snap: DataSnapshot, files: Pick<SnapshotFiles, 'get'>): Promise<void> {
  for (const [i, t] of snap.tables.entries()) {
    await db.exec(createKeptTableSql(t, t.columns));
    for (const [j, key] of tableFiles(t).entries()) {
      const name = `${db.fileDir}restore_${i}_${j}.csv`;
      await db.registerFile(name, await gunzip(await files.get(key)));
      try {
        await db.execLong([fillKeptTableSql(t, t.columns, name)]);
      } finally {
        await db.dropFile(name);
      }
    }
  }
  const transactions = snap.tables.find((t) => !t.temporary && t.name === 'transactions');
  if (transactions) await db.execLong(buildOrdersSql(transactions.catalog));
  for (const v of snap.views) {
    await db.exec(useSql(v.catalog === 'lens' ? 'lens' : 'memory'));
    await db.exec(recreateViewSql(v.sql));
  }
  await db.exec(useSql(snap.catalog));
  for (const s of snap.sources) await db.registerFile(s.name, await files.get(s.file));
}
