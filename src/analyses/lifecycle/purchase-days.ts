import { purchaseDaysUpTo } from '../../model/purchase-days';

/**
 * CTE `pdays` for a `WITH` clause: one row per customer and purchase day up to the as-of date `$1` (the shared
 * `purchase_days` table, which the request must list) — customer_id, day (DATE), gap (whole days since the
 * customer's previous purchase day; NULL on the first).
 */
export function purchaseDaysCte(): string {
  return `pdays AS (
  SELECT customer_id, day, date_diff('day', prev_day, day) AS gap FROM ${purchaseDaysUpTo('$1')}
)`;
}
