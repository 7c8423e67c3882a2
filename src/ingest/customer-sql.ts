import { ident, literal } from '../db/sql';
import { dateExpr, type DayOrder } from './parse-sql';
import { csvSource, type CsvSpec } from './source-sql';
import type { CustomerMapping } from './customer-roles';

export function customerRawName(index: number): string {
  return `customer_raw_${index}`;
}

/** Reads one customer file (every column as text) into its raw table, with its line numbers (the header is line 1). */
export function customerRawSql(f: CsvSpec): string {
  return `CREATE OR REPLACE TABLE ${customerRawName(f.index)} AS
SELECT ${f.index} AS _file, __row + 1 AS _line, * EXCLUDE (__row) FROM ${csvSource({ ...f, types: {} }, false)}`;
}

const text = (col: string | null) => (col ? `NULLIF(trim(${ident(col)}), '')` : 'NULL::VARCHAR');
const idText = (col: string) => `regexp_replace(${text(col)}, '^(-?[0-9]+)\\.0+$', '\\1')`;

/** The categorical columns of a mapping (not the id, the dates or the age): each an attribute as written. */
export function categoricalColumns(m: CustomerMapping): string[] {
  const roles = ['gender', 'city', 'province', 'country', 'membership_level', 'acquisition_channel', 'occupation', 'income_band'] as const;
  return [...roles.map((r) => m[r]).filter((c): c is string => !!c), ...m.free];
}

/**
 * Rebuilds the customer model from the raw tables of `files` (in load order): the first row of each id is kept,
 * the others listed with their lines; ids written as floats (`12347.0`) read as whole numbers.
 */
export function buildCustomersSql(files: readonly { index: number; name: string }[], m: CustomerMapping, dayOrder: DayOrder): string[] {
  if (!m.customer_id) throw new Error('A customer file needs its customer id column');
  const union = files.map((f) => `SELECT * FROM ${customerRawName(f.index)}`).join(' UNION ALL BY NAME ');
  const date = (col: string | null) => (col ? `CAST(${dateExpr(`CAST(${ident(col)} AS VARCHAR)`, dayOrder)} AS DATE)` : 'NULL::DATE');
  const cats = categoricalColumns(m);
  return [
    `CREATE OR REPLACE TEMP TABLE customer_rows AS
SELECT _file, _line, ${idText(m.customer_id)} AS customer_id, row_number() OVER (PARTITION BY ${idText(m.customer_id)} ORDER BY _file, _line) AS copy,
  ${text(m.gender)} AS gender, ${date(m.birth_date)} AS birth_date, TRY_CAST(${text(m.age)} AS INTEGER) AS age,
  ${text(m.city)} AS city, ${text(m.province)} AS province, ${text(m.country)} AS country, ${date(m.signup_date)} AS signup_date,
  ${text(m.membership_level)} AS membership_level, ${text(m.acquisition_channel)} AS acquisition_channel,
  ${text(m.occupation)} AS occupation, ${text(m.income_band)} AS income_band
  ${cats.map((c, i) => `, ${text(c)} AS a_${i}`).join('')}
FROM (${union}) WHERE ${text(m.customer_id)} IS NOT NULL`,
    `CREATE OR REPLACE TABLE customer_profile AS SELECT * EXCLUDE (copy${cats.map((_, i) => `, a_${i}`).join('')}) FROM customer_rows WHERE copy = 1`,
    `CREATE OR REPLACE TABLE customer_duplicates AS SELECT _file AS file_index, _line AS line, customer_id,
      (SELECT min(k._line) FROM customer_rows k WHERE k.customer_id = d.customer_id AND k.copy = 1) AS kept_line
     FROM customer_rows d WHERE copy > 1`,
    `CREATE OR REPLACE TABLE customer_attrs (customer_id VARCHAR, attribute VARCHAR, value VARCHAR)`,
    ...cats.map((c, i) => `INSERT INTO customer_attrs SELECT customer_id, ${literal(c)}, a_${i} FROM customer_rows WHERE copy = 1 AND a_${i} IS NOT NULL`),
    'DROP TABLE customer_rows',
    'CREATE OR REPLACE TABLE customer_files (file_index INTEGER, source_file VARCHAR)',
    `INSERT INTO customer_files VALUES ${files.map((f) => `(${f.index}, ${literal(f.name)})`).join(', ')}`,
  ];
}
