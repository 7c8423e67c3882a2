import { ordersUpTo } from '../../model/customer-facts';
import { isPurchase, ORDERS } from '../../model/orders';

/**
 * CTE `pdays` for a `WITH` clause: one row per customer and purchase day — a calendar day holding at least one
 * purchase (an order netting > 0; returns and net-zero orders make no purchase day), several purchases on one day
 * being one purchase day. Columns customer_id, day (DATE), gap (whole days since the customer's previous purchase
 * day; NULL on the first). Covers the orders up to the as-of date `$1`.
 */
export function purchaseDaysCte(): string {
  return `pdays AS (
  SELECT customer_id, day, date_diff('day', lag(day) OVER (PARTITION BY customer_id ORDER BY day), day) AS gap
  FROM (SELECT DISTINCT customer_id, order_date AS day FROM ${ORDERS} WHERE ${isPurchase()} AND ${ordersUpTo('$1')})
)`;
}
