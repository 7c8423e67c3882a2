import type { TableSpec } from '../query/query-layer';
import { isPurchase, ORDERS } from './orders';

/** The customers' purchase days with their neighbours, shared by the churn window, the cockpit and Lifecycle. */
export const PURCHASE_DAYS = 'purchase_days';

/**
 * `purchase_days`: one row per customer and purchase day (a day holding at least one purchase: an order netting
 * > 0; several purchases on one day are one purchase day) over all the data — customer_id, day (DATE), prev_day and
 * next_day (the customer's purchase days before and after it; NULL at either end). Built once per data version: the
 * window over every purchase day is the costly part, and an as-of date only cuts it (`purchaseDaysUpTo`).
 */
export function purchaseDays(): TableSpec {
  return { name: PURCHASE_DAYS, key: {}, build: [{ sql: purchaseDaysSql() }] };
}

export function purchaseDaysSql(): string {
  return `CREATE OR REPLACE TABLE ${PURCHASE_DAYS} AS
SELECT customer_id, day, lag(day) OVER w AS prev_day, lead(day) OVER w AS next_day
FROM (SELECT DISTINCT customer_id, order_date AS day FROM ${ORDERS} WHERE ${isPurchase()})
WINDOW w AS (PARTITION BY customer_id ORDER BY day)`;
}

/**
 * The purchase days up to the as-of date `param` (a subquery) as seen on that date: a customer's next purchase day
 * after it is not known yet (NULL). The previous day of a day up to the as-of date is before it, so it stays.
 */
export function purchaseDaysUpTo(param: string): string {
  const asOf = `CAST(${param} AS DATE)`;
  return `(SELECT customer_id, day, prev_day, CASE WHEN next_day <= ${asOf} THEN next_day END AS next_day
  FROM ${PURCHASE_DAYS} WHERE day <= ${asOf})`;
}
