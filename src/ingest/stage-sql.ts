import { ident, literal } from '../db/sql';

/** Names of the tables that hold one file's raw text and its unreadable lines. */
export function stageNames(index: number): { table: string; rejects: string; scans: string } {
  return { table: `stage_${index}`, rejects: `stage_${index}_rejects`, scans: `stage_${index}_scans` };
}

/**
 * Reads a registered CSV file into a table of text columns, in file order, with `__row` numbering the records.
 * Malformed lines (too many fields, broken quotes, invalid text) are kept aside in the rejects table with their
 * line numbers; missing trailing fields become NULL. `strict = false` is the fallback for files whose quoting the
 * strict parser cannot follow at all.
 */
export function stageSql(fileName: string, index: number, delimiter: string, headers: string[], strict = true): string {
  const { table, rejects, scans } = stageNames(index);
  const columns = `{${headers.map((h) => `${literal(h)}: 'VARCHAR'`).join(', ')}}`;
  return `CREATE OR REPLACE TABLE ${ident(table)} AS
SELECT row_number() OVER () AS __row, *
FROM read_csv(${literal(fileName)}, auto_detect = false, header = true, delim = ${literal(delimiter)},
  quote = '"', escape = '"', columns = ${columns}, null_padding = true, ignore_errors = true,
  store_rejects = true, rejects_table = ${literal(rejects)}, rejects_scan = ${literal(scans)},
  max_line_size = 10000000, parallel = false, strict_mode = ${strict})`;
}

/** Row count of the staged file and how many lines DuckDB could not read. */
export function stageCountsSql(index: number): string {
  const { table, rejects } = stageNames(index);
  return `SELECT (SELECT count(*) FROM ${ident(table)}) AS rows,
  (SELECT count(DISTINCT line) FROM ${ident(rejects)}) AS malformed,
  (SELECT min(line) FROM ${ident(rejects)}) AS first_malformed_line,
  (SELECT first(error_type ORDER BY line) FROM ${ident(rejects)}) AS first_error`;
}

export function dropStageSql(index: number): string {
  const { table, rejects, scans } = stageNames(index);
  return [table, rejects, scans].map((t) => `DROP TABLE IF EXISTS ${ident(t)}`).join(';\n');
}
