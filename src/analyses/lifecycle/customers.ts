import { upToAsOf } from '../../db/sql';
import { purchaseDaysCte } from './purchase-days';
import { stageCase } from './stages';
import { LIFECYCLE_CUSTOMERS } from './tables';

/**
 * One row per customer with a purchase day up to the as-of date (`$1`), churn window `$2` days:
 * `customer_id`, `first_order`, `last_order` (first and last purchase day), `orders` (distinct orders, returns
 * included), `revenue` (net of returns), `purchase_days`, `days_since_last_order`, `median_gap_days`,
 * `lifetime_days` (last − first purchase day), `first_channel` (channel of the first order, NULL without channels),
 * `stage` (see `stageCase`) and `churned`. `customerParam` (e.g. `$3`) computes one customer only.
 */
export function customerStagesSql(customerParam?: string): string {
  const one = customerParam ? ` AND customer_id = ${customerParam}` : '';
  return `WITH ${purchaseDaysCte(customerParam)},
per AS (
  SELECT customer_id, min(day) AS first_day, max(day) AS last_day, count(*) AS purchase_days,
    median(gap) AS median_gap, max(day) FILTER (WHERE gap > $2) AS return_day
  FROM pdays GROUP BY ALL
),
tot AS (
  SELECT customer_id, count(DISTINCT order_id) AS orders, sum(amount) AS revenue,
    first(channel ORDER BY order_ts, channel NULLS LAST) AS first_channel
  FROM transactions WHERE ${upToAsOf('$1')}${one} GROUP BY ALL
),
staged AS (SELECT *, ${stageCase('CAST($1 AS DATE)', '$2')} AS stage FROM per)
SELECT s.customer_id, s.first_day AS first_order, s.last_day AS last_order,
  CAST(t.orders AS INTEGER) AS orders, t.revenue,
  CAST(s.purchase_days AS INTEGER) AS purchase_days,
  CAST(date_diff('day', s.last_day, CAST($1 AS DATE)) AS INTEGER) AS days_since_last_order,
  s.median_gap AS median_gap_days,
  CAST(date_diff('day', s.first_day, s.last_day) AS INTEGER) AS lifetime_days,
  t.first_channel, s.stage, s.stage = 'churned' AS churned
FROM staged s JOIN tot t USING (customer_id)`;
}

/** Materialises `customerStagesSql()` as `lifecycle_customers` (same parameters: as-of date, window days). */
export function createLifecycleCustomersSql(): string {
  return `CREATE OR REPLACE TABLE ${LIFECYCLE_CUSTOMERS} AS ${customerStagesSql()} ORDER BY customer_id`;
}

/** Customers, share, revenue and revenue share per stage, from `lifecycle_customers`; every stage, in order. */
export function stageSummarySql(): string {
  return `WITH s AS (SELECT unnest(['new', 'active', 'reactivated', 'at_risk', 'churned']) AS stage, unnest([1, 2, 3, 4, 5]) AS i),
c AS (SELECT stage, count(*) AS customers, sum(revenue) AS revenue, avg(days_since_last_order) AS avg_days_since
  FROM ${LIFECYCLE_CUSTOMERS} GROUP BY ALL)
SELECT s.stage, coalesce(c.customers, 0) AS customers,
  coalesce(c.customers, 0) / nullif(sum(c.customers) OVER (), 0) AS customer_share,
  coalesce(c.revenue, 0) AS revenue,
  coalesce(c.revenue, 0) / nullif(sum(c.revenue) OVER (), 0) AS revenue_share,
  c.avg_days_since
FROM s LEFT JOIN c USING (stage) ORDER BY s.i`;
}
