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
    const column = m[role];
    const i = column ? headers.indexOf(column) : -1;
    if (i < 0) return false;
    const pattern = role === 'order_date' ? ISO : PLAIN_NUMBER;
    let seen = 0;
    for (const row of rows) {
      const v = row[i];
      if (v === undefined || v === '') continue;
      if (!pattern.test(v)) return false;
      seen++;
    }
    return seen > 0;
  });
}
