import { CUSTOMER_FACTS } from '../../model/customer-facts';
import { purchaseDaysCte } from './purchase-days';

/** Days from a customer's first to their last purchase day, over `customer_facts`. */
const LIFETIME = `date_diff('day', first_purchase, last_purchase)`;

/**
 * Loyalty headline figures from `customer_facts` (independent of the churn window): `customers`,
 * `repeat_customers` (2 or more purchases), `repeat_rate`, `one_time_customers`, `one_time_revenue`,
 * `repeat_revenue` (net of returns), `orders_per_customer` (mean purchases) and `median_lifetime_days` of the
 * customers who bought on two days or more.
 */
export function loyaltySummarySql(): string {
  return `SELECT count(*) AS customers,
  count(*) FILTER (WHERE purchases >= 2) AS repeat_customers,
  count(*) FILTER (WHERE purchases >= 2) / nullif(count(*), 0) AS repeat_rate,
  count(*) FILTER (WHERE purchases < 2) AS one_time_customers,
  coalesce(sum(revenue) FILTER (WHERE purchases < 2), 0) AS one_time_revenue,
  coalesce(sum(revenue) FILTER (WHERE purchases >= 2), 0) AS repeat_revenue,
  avg(purchases) AS orders_per_customer,
  median(${LIFETIME}) FILTER (WHERE last_purchase > first_purchase) AS median_lifetime_days
FROM ${CUSTOMER_FACTS}`;
}

/** Customers and revenue by number of purchases, from `customer_facts`; `orders` = `cap` holds `cap` or more. */
export function ordersPerCustomerSql(cap = 20): string {
  const c = Math.max(2, Math.floor(cap));
  return `SELECT CAST(least(purchases, ${c}) AS INTEGER) AS orders, purchases >= ${c} AS is_tail, count(*) AS customers, sum(revenue) AS revenue
FROM ${CUSTOMER_FACTS} GROUP BY ALL ORDER BY 1`;
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
  return `SELECT CAST(${LIFETIME} AS INTEGER) AS days, count(*) AS customers FROM ${CUSTOMER_FACTS}
WHERE last_purchase > first_purchase GROUP BY ALL ORDER BY days`;
}

/** Gaps between purchase days up to the as-of date (`$1`): `gaps` (count), `median_days`, `mean_days`. */
export function gapStatsSql(): string {
  return `WITH ${purchaseDaysCte()}
SELECT count(gap) AS gaps, median(gap) AS median_days, avg(gap) AS mean_days FROM pdays`;
}
