import { ident, upToAsOf } from '../../db/sql';

/** The order dimensions broken down in the "How" section. */
export type Dimension = 'channel' | 'region' | 'payment';
export const DIMENSIONS: readonly Dimension[] = ['channel', 'region', 'payment'];

/**
 * Orders, revenue and customers per value of `dim` up to the as-of date (`$1`), split into orders from new
 * customers (the customer's first order) and from returning ones (every later order). An order's value is the
 * smallest of its lines' (NULL when unknown). Rows, most revenue first: `value, orders, revenue, revenue_share,
 * customers, new_customers, returning_customers, new_orders, returning_orders, new_revenue, returning_revenue,
 * new_share` (new orders ÷ orders).
 */
export function breakdownSql(dim: Dimension): string {
  return `WITH o AS (
  SELECT customer_id, order_id, min(order_ts) AS ts, sum(amount) AS revenue, min(${ident(dim)}) AS value
  FROM transactions WHERE ${upToAsOf('$1')} GROUP BY customer_id, order_id
),
f AS (SELECT *, row_number() OVER (PARTITION BY customer_id ORDER BY ts, order_id) = 1 AS is_new FROM o)
SELECT value, count(*) AS orders, sum(revenue) AS revenue, sum(revenue) / nullif(sum(sum(revenue)) OVER (), 0) AS revenue_share,
  count(DISTINCT customer_id) AS customers,
  count(*) FILTER (WHERE is_new) AS new_customers,
  count(DISTINCT customer_id) FILTER (WHERE NOT is_new) AS returning_customers,
  count(*) FILTER (WHERE is_new) AS new_orders,
  count(*) FILTER (WHERE NOT is_new) AS returning_orders,
  coalesce(sum(revenue) FILTER (WHERE is_new), 0) AS new_revenue,
  coalesce(sum(revenue) FILTER (WHERE NOT is_new), 0) AS returning_revenue,
  count(*) FILTER (WHERE is_new) / count(*) AS new_share
FROM f GROUP BY value ORDER BY revenue DESC, value NULLS LAST`;
}
