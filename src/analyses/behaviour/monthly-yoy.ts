import { ordersUpTo } from '../../model/customer-facts';
import { isPurchase, ORDERS } from '../../model/orders';

/**
 * Revenue (net of returns, a return counting in its month) and purchases per calendar month from the first month
 * with orders to the as-of month (`$1`), months without orders 0, each against the same month a year before:
 * `month, year, month_of_year, revenue, orders, previous_year_revenue` (NULL before the data starts), `yoy_change`
 * ((revenue − previous) ÷ previous, NULL when the previous is NULL or 0) and `partial` (the as-of month, when the
 * as-of date is not its last day).
 */
export function monthlyYoySql(): string {
  return `WITH m AS (
  SELECT CAST(date_trunc('month', order_ts) AS DATE) AS month, sum(amount) AS revenue, count(*) FILTER (WHERE ${isPurchase()}) AS orders
  FROM ${ORDERS} WHERE ${ordersUpTo('$1')} GROUP BY ALL
),
months AS (
  SELECT CAST(unnest(generate_series(min(month), date_trunc('month', CAST($1 AS DATE)), INTERVAL 1 MONTH)) AS DATE) AS month FROM m
),
full_m AS (SELECT month, coalesce(m.revenue, 0) AS revenue, coalesce(m.orders, 0) AS orders FROM months LEFT JOIN m USING (month))
SELECT f.month, CAST(year(f.month) AS INTEGER) AS year, CAST(month(f.month) AS INTEGER) AS month_of_year, f.revenue, f.orders,
  p.revenue AS previous_year_revenue,
  (f.revenue - p.revenue) / nullif(p.revenue, 0) AS yoy_change,
  f.month = CAST(date_trunc('month', CAST($1 AS DATE)) AS DATE) AND CAST($1 AS DATE) < last_day(CAST($1 AS DATE)) AS partial
FROM full_m f LEFT JOIN full_m p ON p.month = CAST(f.month - INTERVAL 1 YEAR AS DATE)
ORDER BY f.month`;
}
