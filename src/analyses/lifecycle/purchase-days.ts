import { upToAsOf } from '../../db/sql';

/**
 * CTEs `days` and `pdays` for a `WITH` clause. A customer's orders on one day make one purchase day (values summed,
 * as the CLV models count them); a day whose net value is negative holds only returns and is no purchase.
 * `pdays`: customer_id, day (DATE), gap (whole days since the customer's previous purchase day; NULL on the first).
 * Covers transactions up to the as-of date `$1`; `customerParam` (e.g. `$3`) keeps one customer only.
 */
export function purchaseDaysCte(customerParam?: string): string {
  const one = customerParam ? ` AND customer_id = ${customerParam}` : '';
  return `days AS (
  SELECT customer_id, CAST(order_ts AS DATE) AS day, sum(amount) AS value
  FROM transactions WHERE ${upToAsOf('$1')}${one} GROUP BY ALL
),
pdays AS (
  SELECT customer_id, day, date_diff('day', lag(day) OVER (PARTITION BY customer_id ORDER BY day), day) AS gap
  FROM days WHERE value >= 0
)`;
}
