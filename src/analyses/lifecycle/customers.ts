import { CUSTOMER_FACTS, customerFacts, ordersUpTo } from '../../model/customer-facts';
import { isPurchase, ORDERS } from '../../model/orders';
import { purchaseDays } from '../../model/purchase-days';
import type { TableSpec } from '../../query/query-layer';
import { purchaseDaysCte } from './purchase-days';
import { stageCase } from './stages';
import { LIFECYCLE_CUSTOMERS } from './tables';

/**
 * One row per customer (a purchase up to the as-of date `$1`; read from `customer_facts`, which must be built for
 * `$1`), churn window `$2` days: `customer_id`, `first_order`, `last_order` (first and last purchase day), `orders`
 * (purchases), `revenue` (net of returns), `purchase_days`, `days_since_last_order` (since the last purchase),
 * `median_gap_days`, `lifetime_days` (last − first purchase day), `first_channel` (channel of the first purchase,
 * NULL without channels), `stage` (see `stageCase`) and `churned`.
 */
export function customerStagesSql(): string {
  return `WITH ${purchaseDaysCte()},
per AS (
  SELECT customer_id, count(*) AS purchase_days, median(gap) AS median_gap, max(day) FILTER (WHERE gap > $2) AS return_day
  FROM pdays GROUP BY ALL
),
ch AS (
  SELECT customer_id, first(channel ORDER BY order_ts, channel NULLS LAST) AS first_channel
  FROM ${ORDERS} WHERE ${isPurchase()} AND ${ordersUpTo('$1')} GROUP BY ALL
),
staged AS (
  SELECT f.customer_id, f.first_purchase AS first_day, f.last_purchase AS last_day, f.purchases, f.revenue,
    p.purchase_days, p.median_gap, p.return_day, ch.first_channel
  FROM ${CUSTOMER_FACTS} f JOIN per p USING (customer_id) LEFT JOIN ch USING (customer_id)
),
typed AS (SELECT *, ${stageCase('CAST($1 AS DATE)', '$2')} AS stage FROM staged)
SELECT customer_id, first_day AS first_order, last_day AS last_order, purchases AS orders, revenue,
  CAST(purchase_days AS INTEGER) AS purchase_days,
  CAST(date_diff('day', last_day, CAST($1 AS DATE)) AS INTEGER) AS days_since_last_order,
  median_gap AS median_gap_days,
  CAST(date_diff('day', first_day, last_day) AS INTEGER) AS lifetime_days,
  first_channel, stage, stage = 'churned' AS churned
FROM typed`;
}

/** Materialises `customerStagesSql()` as `lifecycle_customers` (same parameters: as-of date, window days). */
export function createLifecycleCustomersSql(): string {
  return `CREATE OR REPLACE TABLE ${LIFECYCLE_CUSTOMERS} AS ${customerStagesSql()} ORDER BY customer_id`;
}

/** `lifecycle_customers` for an as-of date and churn window, after `customer_facts` and `purchase_days`. */
export function lifecycleCustomers(asOf: string, window: number): TableSpec {
  return {
    name: LIFECYCLE_CUSTOMERS,
    key: { asOf, window },
    deps: [customerFacts(asOf), purchaseDays()],
    build: [{ sql: createLifecycleCustomersSql(), params: [asOf, window] }],
  };
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
