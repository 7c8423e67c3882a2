import type { Mapping } from './roles';

/** The roles the CSV reader can type itself when their values are already clean. */
export const TYPED = ['order_date', 'amount', 'unit_price', 'quantity'] as const;
export type CleanRole = (typeof TYPED)[number];

const ISO = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])([ T]([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?)?$/;
const PLAIN_NUMBER = /^-?\d{1,15}(\.\d+)?$/;

/**
 * The roles whose every non-blank value in the sample rows is in a form DuckDB's reader types exactly as the text
 * parsers would (an ISO date or timestamp; a plain number with a decimal point). Such columns are read typed; a
 * value further down that does not convert sends the file back through the text parsers, so a wrong guess costs
 * time, never a wrong value.
 */
export function cleanRoles(headers: readonly string[], rows: readonly string[][], m: Mapping): CleanRole[] {
  return TYPED.filter((role) => {
    if (role === 'order_date') return isoFormat(headers, rows, m) !== null;
    const column = m[role];
    const i = column ? headers.indexOf(column) : -1;
    if (i < 0) return false;
    let seen = 0;
    for (const row of rows) {
      const v = row[i];
      if (v === undefined || v === '') continue;
      if (!PLAIN_NUMBER.test(v)) return false;
      seen++;
    }
    return seen > 0;
  });
}

/** The strptime format of one ISO shape: `2024-01-05`, `2024-01-05 13:45`, `2024-01-05T13:45:10`, `…:10.5`. */
function shapeOf(v: string): string | null {
  const m = ISO.exec(v);
  if (!m) return null;
  if (!m[3]) return '%Y-%m-%d';
  const sep = v[10];
  return `%Y-%m-%d${sep}%H:%M${m[5] === undefined ? '' : m[6] === undefined ? ':%S' : ':%S.%f'}`;
}

/**
 * The one strptime format every non-blank sample value of the date column is written in, or null when the values
 * are not all ISO or mix shapes (then the text parsers read them). The reader is given this exact format, so a
 * value further down in another form (an offset, a time without seconds) fails to convert instead of being read
 * differently, and the file goes through the text parsers.
 */
export function isoFormat(headers: readonly string[], rows: readonly string[][], m: Mapping): string | null {
  const i = m.order_date ? headers.indexOf(m.order_date) : -1;
  if (i < 0) return null;
  let format: string | null = null;
  for (const row of rows) {
    const v = row[i];
    if (v === undefined || v === '') continue;
    const f = shapeOf(v);
    if (f === null || (format !== null && f !== format)) return null;
    format = f;
  }
  return format;
}

const FLOAT_ID = /^\s*-?\d+\.0+\s*$/;

/**
 * True when every non-blank customer id in the sample is a whole number written as a float (`12347.0`, as pandas
 * writes an id column that has blanks): such ids are read as `12347`. The build checks every value of the file
 * again and keeps the ids as written when one is not of that form.
 */
export function floatIds(headers: readonly string[], rows: readonly string[][], m: Mapping): boolean {
  const i = m.customer_id ? headers.indexOf(m.customer_id) : -1;
  if (i < 0) return false;
  let seen = 0;
  for (const row of rows) {
    const v = row[i];
    if (v === undefined || v.trim() === '') continue;
    if (!FLOAT_ID.test(v)) return false;
    seen++;
  }
  return seen > 0;
}
