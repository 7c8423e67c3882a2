import { ident, literal } from '../db/sql';
import { amountExpr, dateExpr, type DayOrder, type DecimalMark } from './parse-sql';
import type { Mapping } from './roles';
import { buildOrdersSql } from '../model/orders';
import { csvSource, dropRejectsSql, rejectsNames, type CsvSpec } from './source-sql';

/** One file and how to read it. */
export interface StagedSpec extends CsvSpec {
  /** The file's name as the user knows it (shown in reports). */
  name: string;
  mapping: Mapping;
  dayOrder: DayOrder;
  decimalMark: DecimalMark;
}

/** Reasons a row is rejected, in the order they are checked. */
export const REJECT_REASONS = ['malformed_line', 'repeated_header', 'missing_customer', 'bad_date', 'bad_amount'] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

const TEXT_ROLES = ['product', 'category', 'channel', 'region', 'payment'] as const;

function col(m: Mapping, role: keyof Mapping): string | null {
  return m[role] ? ident(m[role]!) : null;
}

function textOrNull(expr: string | null): string {
  return expr ? `NULLIF(trim(${expr}), '')` : 'NULL::VARCHAR';
}

/**
 * Every record of one file, typed, with `_reason` (why it is rejected, or NULL), the raw date and amount text of
 * rejected rows (NULL for kept ones, so they cost nothing) and `_dup_key`, a hash of the whole raw line.
 */
function parsedSelect(f: StagedSpec): string {
  const m = f.mapping;
  const amountCol = col(m, 'amount');
  const qty = col(m, 'quantity');
  const price = col(m, 'unit_price');
  const fast = (c: string, type = 'DECIMAL(18,2)') =>
    f.decimalMark === '.' ? `COALESCE(TRY_CAST(trim(${c}) AS ${type}), ${amountExpr(c, '.', type)})` : amountExpr(c, ',', type);
  const qtyExpr = qty ? `COALESCE(TRY_CAST(trim(${qty}) AS DOUBLE), ${amountExpr(qty, f.decimalMark, 'DOUBLE')})` : 'NULL::DOUBLE';
  // Unit prices keep sub-cent precision (0.125); only the line amount is rounded to cents.
  const priceExpr = price ? fast(price, 'DECIMAL(18,6)') : 'NULL::DECIMAL(18,6)';
  const amount = amountCol ? fast(amountCol) : `CAST(round(${qtyExpr} * ${priceExpr}, 2) AS DECIMAL(18,2))`;
  const isHeader = f.headers.map((h) => `${ident(h)} IS NOT DISTINCT FROM ${literal(h)}`).join(' AND ');
  const date = col(m, 'order_date')!;
  const amountText = amountCol ?? (qty && price ? `concat_ws(' × ', ${qty}, ${price})` : 'NULL');
  return `SELECT *, CASE WHEN _reason IS NOT NULL THEN _date_raw END AS _date_text, CASE WHEN _reason IS NOT NULL THEN _amount_raw END AS _amount_text
FROM (SELECT *, CASE
    WHEN _is_header THEN 'repeated_header'
    WHEN customer_id IS NULL THEN 'missing_customer'
    WHEN order_ts IS NULL THEN 'bad_date'
    WHEN amount IS NULL THEN 'bad_amount'
  END AS _reason
FROM (SELECT ${f.index} AS file_index, ${literal(f.name)} AS source_file, __row AS row_number,
  ${textOrNull(col(m, 'customer_id'))} AS customer_id,
  ${textOrNull(col(m, 'order_id'))} AS _order_ref,
  ${dateExpr(date, f.dayOrder)} AS order_ts,
  ${amount} AS amount,
  ${qtyExpr} AS quantity,
  ${priceExpr} AS unit_price,
  ${TEXT_ROLES.map((r) => `${textOrNull(col(m, r))} AS ${r}`).join(',\n  ')},
  ${date} AS _date_raw,
  ${amountText} AS _amount_raw,
  (${isHeader}) AS _is_header,
  hash(${f.headers.map(ident).join(', ')}) AS _dup_key
FROM ${csvSource(f, true)}))`;
}

/**
 * Line number of a record. DuckDB numbers the lines it could not read; the records it kept are numbered in order,
 * so each malformed line before a record pushes it one line further down (header = line 1).
 */
function lineExpr(f: StagedSpec): string {
  const rej = ident(rejectsNames(f.index).rejects);
  return `p.row_number + 1 + (SELECT count(*) FROM (SELECT line - row_number() OVER (ORDER BY line) AS gap FROM (SELECT DISTINCT line FROM ${rej})) g WHERE g.gap <= p.row_number)`;
}

/**
 * Rebuilds `transactions`, `rejects`, `duplicate_copies`, `load_stats` and the model's `orders` from the files, reading each once.
 * The statements open a transaction and leave it open: the caller checks the result and commits, or rolls back
 * so the previous tables stay as they were.
 */
export function buildSql(files: StagedSpec[], removeDuplicates: boolean): string[] {
  const parsed = files.map(parsedSelect).join('\nUNION ALL BY NAME\n');
  const valueRejects = files
    .map((f) => `SELECT p.file_index, p.source_file, ${lineExpr(f)} AS line, p._reason AS reason, p.customer_id,
  p._date_text AS date_text, p._amount_text AS amount_text, NULL::VARCHAR AS detail
FROM transactions p WHERE p.file_index = ${f.index} AND p._reason IS NOT NULL`)
    .join('\nUNION ALL\n');
  const malformed = files
    .map((f) => `SELECT ${f.index} AS file_index, ${literal(f.name)} AS source_file, line, 'malformed_line' AS reason,
  NULL::VARCHAR AS customer_id, NULL::VARCHAR AS date_text, NULL::VARCHAR AS amount_text,
  first(error_type) || ': ' || first(csv_line) AS detail
FROM ${ident(rejectsNames(f.index).rejects)} GROUP BY line`)
    .join('\nUNION ALL\n');
  return [
    'BEGIN TRANSACTION',
    ...files.flatMap((f) => dropRejectsSql(f.index)),
    `CREATE OR REPLACE TABLE transactions AS
SELECT customer_id, COALESCE(_order_ref, customer_id || ' @ ' || strftime(order_ts, '%Y-%m-%d %H:%M:%S')) AS order_id,
  order_ts, amount, quantity, unit_price, ${TEXT_ROLES.join(', ')}, source_file, file_index, row_number,
  _reason, _date_text, _amount_text, _dup_key
FROM (${parsed})`,
    `CREATE OR REPLACE TABLE rejects AS
${valueRejects}
UNION ALL
${malformed}`,
    `DELETE FROM transactions WHERE _reason IS NOT NULL`,
    `CREATE OR REPLACE TABLE duplicate_copies AS
SELECT file_index, row_number FROM transactions
QUALIFY row_number() OVER (PARTITION BY _dup_key ORDER BY file_index, row_number) > 1`,
    `ALTER TABLE transactions DROP COLUMN _reason`,
    `ALTER TABLE transactions DROP COLUMN _date_text`,
    `ALTER TABLE transactions DROP COLUMN _amount_text`,
    `ALTER TABLE transactions DROP COLUMN _dup_key`,
    `CREATE OR REPLACE TABLE load_stats AS
SELECT f.file_index, f.source_file,
  (SELECT count(*) FROM transactions t WHERE t.file_index = f.file_index)
    + (SELECT count(*) FROM rejects r WHERE r.file_index = f.file_index) AS rows_read,
  (SELECT count(*) FROM rejects r WHERE r.file_index = f.file_index) AS rows_rejected,
  (SELECT count(*) FROM duplicate_copies d WHERE d.file_index = f.file_index) AS duplicate_rows,
  false AS duplicates_removed,
  (SELECT min(line) FROM rejects r WHERE r.file_index = f.file_index AND r.reason = 'malformed_line') AS first_malformed_line,
  (SELECT first(detail ORDER BY line) FROM rejects r WHERE r.file_index = f.file_index AND r.reason = 'malformed_line') AS first_malformed
FROM (VALUES ${files.map((f) => `(${f.index}, ${literal(f.name)})`).join(', ')}) f(file_index, source_file)`,
    ...(removeDuplicates ? removeDuplicatesSql() : [buildOrdersSql()]),
  ];
}

/**
 * Drops the copies of exact duplicate lines from `transactions`, records it and rebuilds `orders` (inside the
 * caller's transaction).
 */
export function removeDuplicatesSql(): string[] {
  return [
    `DELETE FROM transactions WHERE (file_index, row_number) IN (SELECT (file_index, row_number) FROM duplicate_copies)`,
    `UPDATE load_stats SET duplicates_removed = true`,
    buildOrdersSql(),
  ];
}

/**
 * Fails the build (rolling it back) when a new file gave DuckDB no record at all: only a header, or only lines it
 * could not read. The error text carries the first unreadable line and DuckDB's reason.
 */
export function readCheckSql(index: number): string {
  const i = Math.floor(index);
  return `SELECT CASE
  WHEN s.rows_read = 0 THEN error('lens:header_only')
  WHEN s.rows_read = s.rows_rejected AND NOT EXISTS (SELECT 1 FROM rejects r WHERE r.file_index = ${i} AND r.reason <> 'malformed_line')
    THEN error('lens:unreadable:' || coalesce(s.first_malformed_line, 0) || ':' || coalesce(s.first_malformed, ''))
END AS refused
FROM load_stats s WHERE s.file_index = ${i}`;
}
