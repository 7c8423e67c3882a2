import { ident, literal } from '../db/sql';

/** The databases a workspace keeps: the default one, the compressed one and the temporary one (DuckDB's rejects). */
export const KEPT_CATALOGS = ['memory', 'lens', 'temp'] as const;
export type KeptCatalog = (typeof KEPT_CATALOGS)[number];

export interface TableRow {
  catalog: KeptCatalog;
  name: string;
  temporary: boolean;
}

/** The tables to keep: every table of the kept databases except the exports' scratch tables (`__…`). */
export function keptTablesSql(): string {
  return `SELECT database_name AS catalog, table_name AS name, temporary FROM duckdb_tables()
WHERE database_name IN (${KEPT_CATALOGS.map(literal).join(', ')}) AND NOT starts_with(table_name, '__')
ORDER BY database_name, table_name`;
}

/** Every kept table's columns and types, in order. */
export function keptColumnsSql(): string {
  return `SELECT database_name AS catalog, table_name AS name, column_name AS column, data_type AS type FROM duckdb_columns()
WHERE database_name IN (${KEPT_CATALOGS.map(literal).join(', ')}) AND NOT starts_with(table_name, '__')
ORDER BY database_name, table_name, column_index`;
}

/** The views of the two databases, in the order they were made (a view after the views it reads). */
export function keptViewsSql(): string {
  return `SELECT database_name AS catalog, view_name AS name, sql FROM duckdb_views()
WHERE NOT internal AND NOT temporary AND database_name IN ('memory', 'lens') ORDER BY view_oid`;
}

export function qualified(catalog: KeptCatalog, name: string): string {
  return `${ident(catalog)}.main.${ident(name)}`;
}

/** How a statement names a kept table (a temporary one by its name alone). */
function tableRef(t: TableRow): string {
  return t.temporary ? ident(t.name) : qualified(t.catalog, t.name);
}

/** Creates a kept table empty, with its columns' types exactly (the file carries text only). */
export function createKeptTableSql(t: TableRow, columns: readonly { column: string; type: string }[]): string {
  const body = columns.map((c) => `${ident(c.column)} ${c.type}`).join(', ');
  return t.temporary ? `CREATE TEMP TABLE ${ident(t.name)} (${body})` : `CREATE TABLE ${qualified(t.catalog, t.name)} (${body})`;
}

/**
 * Writes rows `from` ≤ rowid < `to` of a kept table as CSV (gzip is applied outside the engine, where it is native
 * code: DuckDB-WASM's own takes five times as long as the copy). CSV is the one format DuckDB-WASM writes without an
 * extension (Parquet would be fetched from DuckDB's servers). Every value is quoted, so an empty text and a NULL
 * (unquoted, empty) stay apart.
 */
export function copyKeptTableSql(t: TableRow, path: string, rows: { from: number; to: number }): string {
  return `COPY (FROM ${tableRef(t)} WHERE rowid >= ${Math.floor(rows.from)} AND rowid < ${Math.floor(rows.to)})
TO ${literal(path)} (FORMAT csv, HEADER false, DELIMITER ',', QUOTE '"', ESCAPE '"', FORCE_QUOTE *)`;
}

/** One past a kept table's highest rowid (rowids keep the gaps deleted rows leave): the end of its last chunk. */
export function rowidEndSql(t: TableRow): string {
  return `SELECT coalesce(max(rowid) + 1, 0) AS n FROM ${tableRef(t)}`;
}

/** Fills a table made by `createKeptTableSql` from one `copyKeptTableSql` file: read as text, cast to the table's types. */
export function fillKeptTableSql(t: TableRow, columns: readonly { column: string }[], file: string): string {
  const spec = columns.map((_, i) => `${literal(`c${i}`)}: 'VARCHAR'`).join(', ');
  return `INSERT INTO ${tableRef(t)} SELECT * FROM read_csv(${literal(file)}, columns = {${spec}}, header = false, auto_detect = false, delim = ',', quote = '"', escape = '"', allow_quoted_nulls = false, compression = 'none', strict_mode = false)`;
}

/** A view's statement as DuckDB gives it back (`CREATE VIEW name AS …`), made to replace what is there. */
export function recreateViewSql(sql: string): string {
  return sql.replace(/^\s*CREATE\s+VIEW\b/i, 'CREATE OR REPLACE VIEW');
}
