import { purchaseDaysCte } from './purchase-days';
import { LIFECYCLE_CUSTOMERS } from './tables';

/**
 * Loyalty headline figures from `lifecycle_customers`: `customers`, `repeat_customers` (2 or more orders),
 * `repeat_rate`, `one_time_customers`, `one_time_revenue`, `repeat_revenue`, `orders_per_customer` (mean) and
 * `median_lifetime_days` of the customers who bought on two days or more.
 */
export function loyaltySummarySql(): string {
  return `SELECT count(*) AS customers,
  count(*) FILTER (WHERE orders >= 2) AS repeat_customers,
  count(*) FILTER (WHERE orders >= 2) / nullif(count(*), 0) AS repeat_rate,
  count(*) FILTER (WHERE orders < 2) AS one_time_customers,
  coalesce(sum(revenue) FILTER (WHERE orders < 2), 0) AS one_time_revenue,
  coalesce(sum(revenue) FILTER (WHERE orders >= 2), 0) AS repeat_revenue,
  avg(orders) AS orders_per_customer,
  median(lifetime_days) FILTER (WHERE purchase_days >= 2) AS median_lifetime_days
FROM ${LIFECYCLE_CUSTOMERS}`;
}

/** Customers and revenue by number of orders, from `lifecycle_customers`; `orders` = `cap` holds `cap` or more. */
export function ordersPerCustomerSql(cap = 20): string {
  const c = Math.max(2, Math.floor(cap));
  return `SELECT CAST(least(orders, ${c}) AS INTEGER) AS orders, orders >= ${c} AS is_tail, count(*) AS customers, sum(revenue) AS revenue
FROM ${LIFECYCLE_CUSTOMERS} GROUP BY ALL ORDER BY 1`;
}

/**
 * Inter-purchase intervals up to the as-of date (`$1`): how many gaps between consecutive purchase days of a
 * customer last `days` days. Also the "days between orders" of the Behaviour view.
 */
export function gapDistributionSql(): string {
  return `WITH ${purchaseDaysCte()}
SELECT CAST(gap AS INTEGER) AS days, count(*) AS gaps FROM pdays WHERE gap IS NOT NULL GROUP BY ALL ORDER BY days`;
}

/** Customer lifetimes (last − first purchase day, days) of the customers who bought on two days or more. */
export function lifetimeDistributionSql(): string {
  return `SELECT lifetime_days AS days, count(*) AS customers FROM ${LIFECYCLE_CUSTOMERS}
WHERE purchase_days >= 2 GROUP BY ALL ORDER BY days`;
}

/** Gaps between purchase days up to the as-of date (`$1`): `gaps` (count), `median_days`, `mean_days`. */
export function gapStatsSql(): string {
  return `WITH ${purchaseDaysCte()}
SELECT count(gap) AS gaps, median(gap) AS median_days, avg(gap) AS mean_days FROM pdays`;
}
