import { ident } from '../../db/sql';
import { ordersUpTo } from '../../model/customer-facts';
import { isPurchase, ORDERS } from '../../model/orders';

/** The order dimensions broken down in the "How" section. */
export type Dimension = 'channel' | 'region' | 'payment';
export const DIMENSIONS: readonly Dimension[] = ['channel', 'region', 'payment'];

/**
 * Purchases, revenue and customers per value of `dim` (the order's, from `orders`) up to the as-of date (`$1`),
 * split into purchases from new customers (the customer's first purchase) and from returning ones (every later
 * purchase). Revenue is net of returns: a return counts under its own value, as returning customers' revenue.
 * Net-zero orders are left out. Rows, most revenue first: `value, orders, revenue, revenue_share, customers,
 * new_customers, returning_customers, new_orders, returning_orders, new_revenue, returning_revenue, new_share`
 * (new purchases ÷ purchases; NULL for a value with returns only).
 */
export function breakdownSql(dim: Dimension): string {
  return `WITH o AS (
  SELECT customer_id, amount, ${isPurchase()} AS bought, ${ident(dim)} AS value,
    ${isPurchase()} AND row_number() OVER (PARTITION BY customer_id, ${isPurchase()} ORDER BY order_ts, order_id) = 1 AS is_new
  FROM ${ORDERS} WHERE ${ordersUpTo('$1')} AND kind <> 'zero'
)
SELECT value, count(*) FILTER (WHERE bought) AS orders, sum(amount) AS revenue,
  sum(amount) / nullif(sum(sum(amount)) OVER (), 0) AS revenue_share,
  count(DISTINCT customer_id) FILTER (WHERE bought) AS customers,
  count(*) FILTER (WHERE is_new) AS new_customers,
  count(DISTINCT customer_id) FILTER (WHERE bought AND NOT is_new) AS returning_customers,
  count(*) FILTER (WHERE is_new) AS new_orders,
  count(*) FILTER (WHERE bought AND NOT is_new) AS returning_orders,
  coalesce(sum(amount) FILTER (WHERE is_new), 0) AS new_revenue,
  coalesce(sum(amount) FILTER (WHERE NOT is_new), 0) AS returning_revenue,
  count(*) FILTER (WHERE is_new) / nullif(count(*) FILTER (WHERE bought), 0) AS new_share
FROM o GROUP BY value ORDER BY revenue DESC, value NULLS LAST`;
}
