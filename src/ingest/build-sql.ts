import { ident, literal } from '../db/sql';
import { amountExpr, dateExpr, type DayOrder, type DecimalMark } from './parse-sql';
import type { Mapping } from './roles';
import { stageNames } from './stage-sql';

/** One staged file and how to read it. */
export interface StagedSpec {
  index: number;
  /** The file's name as the user knows it (shown in reports). */
  name: string;
  headers: string[];
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

/** Parses one staged file's rows (`src`, the stage table or a subset of it) into typed columns and a reject reason. */
function parsedSelect(f: StagedSpec, src: string): string {
  const m = f.mapping;
  const amountCol = col(m, 'amount');
  const qty = col(m, 'quantity');
  const price = col(m, 'unit_price');
  const fast = (c: string) => (f.decimalMark === '.' ? `COALESCE(TRY_CAST(trim(${c}) AS DECIMAL(18,2)), ${amountExpr(c, '.')})` : amountExpr(c, ','));
  const qtyExpr = qty ? `COALESCE(TRY_CAST(trim(${qty}) AS DOUBLE), ${amountExpr(qty, f.decimalMark, 'DOUBLE')})` : 'NULL::DOUBLE';
  const priceExpr = price ? fast(price) : 'NULL::DECIMAL(18,2)';
  const amount = amountCol ? fast(amountCol) : `CAST(round(${qtyExpr} * ${priceExpr}, 2) AS DECIMAL(18,2))`;
  const isHeader = f.headers.map((h) => `${ident(h)} IS NOT DISTINCT FROM ${literal(h)}`).join(' AND ');
  const date = col(m, 'order_date')!;
  return `SELECT *, CASE
    WHEN is_header THEN 'repeated_header'
    WHEN customer_id IS NULL THEN 'missing_customer'
    WHEN order_ts IS NULL THEN 'bad_date'
    WHEN amount IS NULL THEN 'bad_amount'
  END AS reason
FROM (SELECT ${f.index} AS file_index, ${literal(f.name)} AS source_file, __row,
  ${textOrNull(col(m, 'customer_id'))} AS customer_id,
  ${textOrNull(col(m, 'order_id'))} AS order_ref,
  ${dateExpr(date, f.dayOrder)} AS order_ts,
  ${amount} AS amount,
  ${qtyExpr} AS quantity,
  ${priceExpr} AS unit_price,
  ${TEXT_ROLES.map((r) => `${textOrNull(col(m, r))} AS ${r}`).join(',\n  ')},
  ${date} AS date_text,
  ${amountCol ?? (qty && price ? `concat_ws(' × ', ${qty}, ${price})` : 'NULL')} AS amount_text,
  (${isHeader}) AS is_header
FROM ${src})`;
}

/**
 * The copies of exact duplicate lines (all but the first of each group), as (file_index, __row). Files with the
 * same columns are compared with each other, so overlapping monthly exports are caught too.
 */
function duplicateCopiesSql(files: StagedSpec[]): string {
  const groups = new Map<string, StagedSpec[]>();
  for (const f of files) groups.set(JSON.stringify(f.headers), [...(groups.get(JSON.stringify(f.headers)) ?? []), f]);
  return [...groups.values()]
    .map((group) => {
      const cols = group[0].headers.map(ident).join(', ');
      const union = group.map((f) => `SELECT ${f.index} AS file_index, __row, ${cols} FROM ${ident(stageNames(f.index).table)}`).join(' UNION ALL ');
      return `SELECT file_index, __row FROM (${union})
QUALIFY row_number() OVER (PARTITION BY ${cols} ORDER BY file_index, __row) > 1`;
    })
    .join('\nUNION ALL\n');
}

/**
 * Line number of a staged row. DuckDB numbers the lines it could not read; the records it kept are numbered
 * in order, so each malformed line before a record pushes it one line further down (header = line 1).
 */
function lineExpr(f: StagedSpec): string {
  const rej = ident(stageNames(f.index).rejects);
  return `p.__row + 1 + (SELECT count(*) FROM (SELECT line - row_number() OVER (ORDER BY line) AS gap FROM (SELECT DISTINCT line FROM ${rej})) g WHERE g.gap <= p.__row)`;
}

/** Staged rows of one file that did not become transactions (an anti-join: only those few are parsed again). */
function rejectedRowsSql(f: StagedSpec): string {
  const stage = ident(stageNames(f.index).table);
  const left = `(SELECT * FROM ${stage} s WHERE NOT EXISTS (SELECT 1 FROM transactions t WHERE t.file_index = ${f.index} AND t.row_number = s.__row))`;
  return `SELECT p.file_index, p.source_file, ${lineExpr(f)} AS line, p.reason, p.customer_id, p.date_text, p.amount_text, NULL::VARCHAR AS detail
FROM (${parsedSelect(f, left)}) p WHERE p.reason IS NOT NULL`;
}

/**
 * Rebuilds `transactions`, `rejects` and `load_stats` from the staged files in one transaction: a failure
 * leaves the previous tables as they were.
 */
export function buildSql(files: StagedSpec[], removeDuplicates: boolean): string[] {
  const parsed = files.map((f) => parsedSelect(f, ident(stageNames(f.index).table))).join('\nUNION ALL BY NAME\n');
  const malformed = files
    .map((f) => {
      const { rejects } = stageNames(f.index);
      return `SELECT ${f.index} AS file_index, ${literal(f.name)} AS source_file, line, 'malformed_line' AS reason,
  NULL::VARCHAR AS customer_id, NULL::VARCHAR AS date_text, NULL::VARCHAR AS amount_text,
  first(error_type) || ': ' || first(csv_line) AS detail
FROM ${ident(rejects)} GROUP BY line`;
    })
    .join('\nUNION ALL\n');
  return [
    'BEGIN TRANSACTION',
    `CREATE OR REPLACE TEMP TABLE duplicate_copies AS ${duplicateCopiesSql(files)}`,
    `CREATE OR REPLACE TABLE transactions AS
SELECT customer_id,
  COALESCE(order_ref, customer_id || ' @ ' || strftime(order_ts, '%Y-%m-%d %H:%M:%S')) AS order_id,
  order_ts, amount, quantity, unit_price, ${TEXT_ROLES.join(', ')}, source_file, file_index, __row AS row_number,
  d.__row IS NOT NULL AS is_duplicate
FROM (${parsed}) p LEFT JOIN duplicate_copies d USING (file_index, __row)
WHERE reason IS NULL`,
    `CREATE OR REPLACE TABLE rejects AS
${files.map(rejectedRowsSql).join('\nUNION ALL\n')}
UNION ALL
${malformed}`,
    `CREATE OR REPLACE TABLE load_stats AS
SELECT f.file_index, f.source_file,
  (SELECT count(*) FROM transactions t WHERE t.file_index = f.file_index)
    + (SELECT count(*) FROM rejects r WHERE r.file_index = f.file_index) AS rows_read,
  (SELECT count(*) FROM rejects r WHERE r.file_index = f.file_index) AS rows_rejected,
  (SELECT count(*) FROM transactions t WHERE t.file_index = f.file_index AND t.is_duplicate) AS duplicate_rows,
  ${removeDuplicates} AS duplicates_removed
FROM (VALUES ${files.map((f) => `(${f.index}, ${literal(f.name)})`).join(', ')}) f(file_index, source_file)`,
    ...(removeDuplicates ? ['DELETE FROM transactions WHERE is_duplicate'] : []),
    'DROP TABLE duplicate_copies',
    'COMMIT',
  ];
}
