import { ident, literal } from '../db/sql';
import { amountExpr, dateExpr, offsetSecondsExpr, offsetSplitExpr, type DayOrder, type DecimalMark } from './parse-sql';
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
  /**
   * Customer ids written as floats (`12347.0`): `convert` reads them as `12347`, `keep` keeps the text; absent when
   * the ids are not all of that form.
   */
  floatIds?: 'convert' | 'keep';
  /**
   * The file's last record when a quote in it never closes (RFC 4180: it runs to the end of the file). DuckDB would
   * drop it silently; the loader reads the file without it and rejects it as a malformed line: its row (1 = the
   * header) and the start of its text.
   */
  openQuote?: { line: number; text: string };
}

/** The reason given for a record whose quote never closes (`StagedSpec.openQuote`), in the style of DuckDB's error types. */
export const UNTERMINATED = 'UNTERMINATED QUOTE';

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

/** DuckDB types of the columns the CSV reader can type itself, by role (the fast path: no text parsing). */
export const TYPED_ROLES = { order_date: 'TIMESTAMP', amount: 'DECIMAL(18,2)', unit_price: 'DECIMAL(18,6)', quantity: 'DOUBLE' } as const;
export type TypedRole = keyof typeof TYPED_ROLES;

/** True when the reader types the file's date column itself (then no value of it carries an offset). */
export function dateTyped(f: StagedSpec): boolean {
  return !!f.mapping.order_date && f.types?.[f.mapping.order_date] === TYPED_ROLES.order_date;
}

/** Whole numbers written as floats: `12347.0`, `-5.00`. */
const FLOAT_ID = `'-?[0-9]+\\.0+'`;

/** The reader's column types for the roles found clean (header → type); a column mapped twice stays text. */
export function columnTypes(m: Mapping, clean: readonly TypedRole[]): Record<string, string> {
  const types: Record<string, string> = {};
  for (const role of clean) {
    const column = m[role];
    if (!column) continue;
    const uses = (Object.keys(m) as (keyof Mapping)[]).filter((r) => m[r] === column).length;
    if (uses === 1) types[column] = TYPED_ROLES[role];
  }
  return types;
}

/**
 * Every record of one file, typed, with `_reason` (why it is rejected, or NULL), the raw date and amount text of
 * rejected rows (NULL for kept ones, so they cost nothing) and `_dup_key`, a hash of the whole line's values.
 * Columns the reader typed (`f.types`) are used as they are; the others go through the text parsers.
 *
 * `order_ts` is the date's wall-clock time as written; `_tz_offset` the seconds east of UTC of its offset (NULL
 * without one), so the instant is `order_ts - _tz_offset`. With `floatIds = 'convert'`, an id that is not a whole
 * number written as a float stops the statement (`lens:float_ids`): the caller reads the file again keeping ids.
 */
function parsedSelect(f: StagedSpec, rowOffset: number): string {
  const m = f.mapping;
  const typed = (role: TypedRole) => !!m[role] && f.types?.[m[role]!] === TYPED_ROLES[role];
  const amountCol = col(m, 'amount');
  const qty = col(m, 'quantity');
  const price = col(m, 'unit_price');
  const money = (c: string, type: string) =>
    f.decimalMark === '.' ? `COALESCE(TRY_CAST(trim(${c}) AS ${type}), ${amountExpr(c, '.', type)})` : amountExpr(c, ',', type);
  // With decimal commas, `1.000` is a thousand: a plain cast would read it as one.
  const qtyExpr = !qty
    ? 'NULL::DOUBLE'
    : typed('quantity') ? qty : f.decimalMark === ',' ? amountExpr(qty, ',', 'DOUBLE') : `COALESCE(TRY_CAST(trim(${qty}) AS DOUBLE), ${amountExpr(qty, '.', 'DOUBLE')})`;
  // Unit prices keep sub-cent precision (0.125); only the line amount is rounded to cents.
  const priceExpr = !price ? 'NULL::DECIMAL(18,6)' : typed('unit_price') ? price : money(price, 'DECIMAL(18,6)');
  const amount = amountCol ? (typed('amount') ? amountCol : money(amountCol, 'DECIMAL(18,2)')) : `CAST(round(${qtyExpr} * ${priceExpr}, 2) AS DECIMAL(18,2))`;
  const text = (name: string) => (f.types?.[name] ? `CAST(${ident(name)} AS VARCHAR)` : ident(name));
  // A header line repeated in the data cannot pass a typed column: the reader's cast error sends the file down the
  // text path, where it is found.
  const isHeader = Object.keys(f.types ?? {}).length ? 'false' : f.headers.map((h) => `${text(h)} IS NOT DISTINCT FROM ${literal(h)}`).join(' AND ');
  const date = col(m, 'order_date')!;
  // Text dates are split into wall-clock text and offset once (`__lens_tz`); typed ones never carry an offset.
  const tz = (field: 'wall' | 'zone') => `struct_extract(__lens_tz, '${field}')`;
  const dateValue = typed('order_date') ? date : dateExpr(`CASE WHEN ${tz('zone')} <> '' THEN ${tz('wall')} ELSE ${date} END`, f.dayOrder);
  const offsetValue = typed('order_date') ? 'NULL::INTEGER' : offsetSecondsExpr(tz('zone'));
  const source = typed('order_date') ? csvSource(f, true) : `(SELECT *, ${offsetSplitExpr(date)} AS __lens_tz FROM ${csvSource(f, true)})`;
  const customer = textOrNull(col(m, 'customer_id'));
  const customerValue = f.floatIds === 'convert'
    ? `CASE WHEN ${customer} IS NULL THEN NULL WHEN regexp_full_match(${customer}, ${FLOAT_ID}) THEN regexp_replace(${customer}, '\\.0+$', '')
    WHEN ${isHeader} THEN ${customer} ELSE error('lens:float_ids') END`
    : customer;
  const rawColumns = [...new Set([m.order_date!, m.amount, m.quantity, m.unit_price].filter((c): c is string => !!c))];
  const raw = (name: string) => {
    const alias = `_raw_${rawColumns.indexOf(name)}`;
    return f.types?.[name] ? `CAST(${alias} AS VARCHAR)` : alias;
  };
  const amountText = m.amount
    ? raw(m.amount)
    : m.quantity && m.unit_price ? `concat_ws(' × ', ${raw(m.quantity)}, ${raw(m.unit_price)})` : 'NULL';
  // The raw texts are computed for rejected rows only (inside the CASE): casting every kept row's values back to
  // text would cost as much as reading them.
  return `SELECT *, CASE WHEN _reason IS NOT NULL THEN ${raw(m.order_date!)} END AS _date_text,
  CASE WHEN _reason IS NOT NULL THEN ${amountText} END AS _amount_text
FROM (SELECT *, CASE
    WHEN _is_header THEN 'repeated_header'
    WHEN customer_id IS NULL THEN 'missing_customer'
    WHEN order_ts IS NULL THEN 'bad_date'
    WHEN amount IS NULL THEN 'bad_amount'
  END AS _reason
FROM (SELECT ${f.index} AS file_index, ${literal(f.name)} AS source_file, __row + ${rowOffset} AS row_number,
  ${customerValue} AS customer_id,
  ${textOrNull(col(m, 'order_id'))} AS _order_ref,
  ${dateValue} AS order_ts,
  ${offsetValue} AS _tz_offset,
  ${amount} AS amount,
  ${qtyExpr} AS quantity,
  ${priceExpr} AS unit_price,
  ${TEXT_ROLES.map((r) => `${textOrNull(col(m, r))} AS ${r}`).join(',\n  ')},
  ${rawColumns.map((c, i) => `${ident(c)} AS _raw_${i}`).join(', ')},
  (${isHeader}) AS _is_header,
  hash(${f.headers.map(ident).join(', ')}) AS _dup_key
FROM ${source}))`;
}

/**
 * Line number of a record. DuckDB numbers the lines it could not read; the records it kept are numbered in order,
 * so each malformed line before a record pushes it one line further down (header = line 1). A part of a file
 * (`rowOffset` rows after the file's first record) numbers its own lines.
 */
function lineExpr(f: StagedSpec, rowOffset: number): string {
  const rej = ident(rejectsNames(f.index).rejects);
  return `p.row_number + 1 + (SELECT count(*) FROM (SELECT line - row_number() OVER (ORDER BY line) AS gap FROM (SELECT DISTINCT line FROM ${rej})) g WHERE g.gap <= p.row_number - ${rowOffset})`;
}

/** An order id for lines without one: the customer and the timestamp (its instant in UTC when written with an offset). */
function orderIdExpr(f: StagedSpec): string {
  const at = (ts: string) => `strftime(${ts}, '%Y-%m-%d %H:%M:%S')`;
  const when = dateTyped(f) ? at('order_ts') : `CASE WHEN _tz_offset IS NULL THEN ${at('order_ts')} ELSE ${at('order_ts - to_seconds(_tz_offset)')} || ' UTC' END`;
  return `COALESCE(_order_ref, customer_id || ' @ ' || ${when})`;
}

/** Where the model's tables live: the plain in-memory database, or the compressed one for big data sets. */
export type Catalog = 'memory' | 'lens';

/** The helper columns a file's rows carry while it is appended (dropped right after). */
const LOAD_COLUMNS = ['_reason', '_date_text', '_amount_text'] as const;

/**
 * Creates the empty `transactions` and `rejects` tables in `catalog` when they do not exist yet. `transactions`
 * keeps `_dup_key` (a hash of the raw line) so duplicates can be found across files without reading them again.
 */
export function createTablesSql(catalog: Catalog): string[] {
  return [
    `CREATE TABLE IF NOT EXISTS ${catalog}.main.transactions (customer_id VARCHAR, order_id VARCHAR, order_ts TIMESTAMP,
  order_utc TIMESTAMP, amount DECIMAL(18,2), quantity DOUBLE, unit_price DECIMAL(18,6), ${TEXT_ROLES.map((r) => `${r} VARCHAR`).join(', ')},
  source_file VARCHAR, file_index INTEGER, row_number BIGINT, _dup_key UBIGINT)`,
    `CREATE TABLE IF NOT EXISTS ${catalog}.main.rejects (file_index INTEGER, source_file VARCHAR, line BIGINT, reason VARCHAR,
  customer_id VARCHAR, date_text VARCHAR, amount_text VARCHAR, detail VARCHAR)`,
  ];
}

/**
 * Reads one file into `transactions` (kept rows) and `rejects` (rejected rows and malformed lines, with their
 * line numbers). Only this file is read. With `replace`, the file's earlier rows go first (a new mapping).
 * `rowOffset`: `f.fileName` is a part of the file (its header, then the records from row `rowOffset + 2`).
 * A timestamp written with an offset keeps its instant in `order_utc`; its `order_ts` is the time as written until
 * `localizeSql` (time-zone.ts) sets it to the analysis zone's wall-clock time. Without an order id, a customer's
 * lines at the same instant form one order (`a @ 2024-01-01 12:00:00 UTC` when the time had an offset).
 */
export function appendFileSql(f: StagedSpec, catalog: Catalog, replace = false, partOffset = 0): string[] {
  const i = Math.floor(f.index);
  const rowOffset = Math.floor(partOffset);
  // DuckDB cannot commit a transaction that deletes committed rows of a table it also alters: a replaced file's
  // rows are left out of a new copy of the table instead.
  const without = replace
    ? [`CREATE OR REPLACE TABLE ${catalog}.main.transactions AS FROM transactions WHERE file_index <> ${i}`, `DELETE FROM rejects WHERE file_index = ${i}`]
    : [];
  return [
    ...dropRejectsSql(f.index),
    ...without,
    ...LOAD_COLUMNS.map((c) => `ALTER TABLE transactions ADD COLUMN ${c} VARCHAR`),
    `INSERT INTO transactions BY NAME
SELECT customer_id, ${orderIdExpr(f)} AS order_id,
  order_ts, ${dateTyped(f) ? 'NULL::TIMESTAMP' : 'order_ts - to_seconds(_tz_offset)'} AS order_utc, amount, quantity, unit_price, ${TEXT_ROLES.join(', ')}, source_file, file_index, row_number,
  _reason, _date_text, _amount_text, _dup_key
FROM (${parsedSelect(f, rowOffset)})`,
    `INSERT INTO rejects BY NAME
SELECT p.file_index, p.source_file, ${lineExpr(f, rowOffset)} AS line, p._reason AS reason, p.customer_id,
  p._date_text AS date_text, p._amount_text AS amount_text, NULL::VARCHAR AS detail
FROM transactions p WHERE p.file_index = ${f.index} AND p.row_number > ${rowOffset} AND p._reason IS NOT NULL
UNION ALL
SELECT ${f.index} AS file_index, ${literal(f.name)} AS source_file, line + ${rowOffset} AS line, 'malformed_line' AS reason,
  NULL::VARCHAR AS customer_id, NULL::VARCHAR AS date_text, NULL::VARCHAR AS amount_text,
  first(error_type) || ': ' || first(csv_line) AS detail
FROM ${ident(rejectsNames(f.index).rejects)} GROUP BY line${
      f.openQuote
        ? `
UNION ALL
SELECT ${f.index}, ${literal(f.name)}, ${Math.floor(f.openQuote.line)}, 'malformed_line', NULL, NULL, NULL, ${literal(`${UNTERMINATED}: ${f.openQuote.text}`)}`
        : ''
    }`,
    `DELETE FROM transactions WHERE file_index = ${f.index} AND row_number > ${rowOffset} AND _reason IS NOT NULL`,
    ...LOAD_COLUMNS.map((c) => `ALTER TABLE transactions DROP COLUMN ${c}`),
  ];
}

/**
 * One query: how many values of this file the reader could not convert to the types the fast path chose. Any
 * such value means the fast path guessed wrong from the sample, and the file is read again as text.
 */
export function castFailuresSql(index: number): string {
  return `SELECT count(*) AS n FROM ${ident(rejectsNames(index).rejects)} WHERE error_type = 'CAST'`;
}

/** Takes one file's rows out of `transactions` and `rejects`. */
export function dropFileSql(index: number): string[] {
  const i = Math.floor(index);
  return [`DELETE FROM transactions WHERE file_index = ${i}`, `DELETE FROM rejects WHERE file_index = ${i}`, ...dropRejectsSql(i)];
}

/**
 * After files were added or removed: recounts duplicates and the per-file statistics, removes duplicate copies
 * when asked, and rebuilds the model's `orders` (in `catalog`).
 */
export function finishSql(files: readonly StagedSpec[], removeDuplicates: boolean, catalog: Catalog): string[] {
  return [
    // Keys seen twice first (a hash aggregate, usually empty), so the window sorts only the duplicated lines.
    `CREATE OR REPLACE TABLE ${catalog}.main.duplicate_copies AS
SELECT file_index, row_number FROM transactions
WHERE _dup_key IN (SELECT _dup_key FROM transactions GROUP BY _dup_key HAVING count(*) > 1)
QUALIFY row_number() OVER (PARTITION BY _dup_key ORDER BY file_index, row_number) > 1`,
    `CREATE OR REPLACE TABLE ${catalog}.main.load_stats AS
SELECT f.file_index, f.source_file,
  coalesce(t.n, 0) + coalesce(r.n, 0) AS rows_read,
  coalesce(r.n, 0) AS rows_rejected,
  coalesce(d.n, 0) AS duplicate_rows,
  false AS duplicates_removed,
  r.first_malformed_line, r.first_malformed
FROM (VALUES ${files.map((f) => `(${f.index}, ${literal(f.name)})`).join(', ')}) f(file_index, source_file)
LEFT JOIN (SELECT file_index, count(*) AS n FROM transactions GROUP BY ALL) t USING (file_index)
LEFT JOIN (SELECT file_index, count(*) AS n, min(line) FILTER (WHERE reason = 'malformed_line') AS first_malformed_line,
    first(detail ORDER BY line) FILTER (WHERE reason = 'malformed_line') AS first_malformed FROM rejects GROUP BY ALL) r USING (file_index)
LEFT JOIN (SELECT file_index, count(*) AS n FROM duplicate_copies GROUP BY ALL) d USING (file_index)
ORDER BY f.file_index`,
    ...(removeDuplicates ? removeDuplicatesSql(catalog) : buildOrdersSql(catalog)),
  ];
}

/**
 * Drops the copies of exact duplicate lines from `transactions`, records it and rebuilds `orders` (inside the
 * caller's transaction).
 */
export function removeDuplicatesSql(catalog: Catalog): string[] {
  return [
    `DELETE FROM transactions WHERE (file_index, row_number) IN (SELECT (file_index, row_number) FROM duplicate_copies)`,
    `UPDATE load_stats SET duplicates_removed = true`,
    ...buildOrdersSql(catalog),
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
