import { ident } from '../../db/sql';
import { CUSTOMER_FACTS, customerFacts, ordersUpTo } from '../../model/customer-facts';
import { isPurchase, LINES, ORDERS } from '../../model/orders';
import type { TableSpec } from '../../query/query-layer';
import { activeFilter, normalFilter, type CohortFilter } from './scope';

/** The customers in scope of the Cohorts view (see `cohortCustomers`). */
export const COHORT_CUSTOMERS = 'cohort_customers';
/** Their orders up to the as-of date, with their purchase sequence (see `cohortActivity`). */
export const COHORT_ACTIVITY = 'cohort_activity';

/**
 * `cohort_customers` SQL: the customers of `customer_facts` (a purchase up to the as-of date) acquired as the filter
 * says — their first purchase order has the chosen channel and region (`orders`) and a line of the chosen category
 * (`transactions`); the filter values are bound as `$1`, `$2`, … in `DIMENSIONS` order. Columns: customer_id,
 * first_day, last_day (first and last purchase dates), purchases, revenue (net of returns).
 */
export function cohortCustomersSql(filter: CohortFilter): string {
  const dims = activeFilter(filter);
  const select = `CREATE OR REPLACE TABLE ${COHORT_CUSTOMERS} AS
SELECT customer_id, first_purchase AS first_day, last_purchase AS last_day, purchases, revenue FROM ${CUSTOMER_FACTS} f`;
  if (dims.length === 0) return select;
  const param = (i: number) => `$${i + 1}`;
  const onOrder = dims.flatMap(([d], i) => (d === 'category' ? [] : [`o.${ident(d)} = ${param(i)}`]));
  const category = dims.findIndex(([d]) => d === 'category');
  const onLines = category < 0 ? [] : [`EXISTS (SELECT 1 FROM ${LINES} t
      WHERE t.customer_id = o.customer_id AND t.order_id = o.order_id AND t.category = ${param(category)})`];
  return `${select}
WHERE EXISTS (SELECT 1 FROM ${ORDERS} o
  WHERE o.customer_id = f.customer_id AND o.order_ts = f.first_purchase_ts AND ${isPurchase('o')}
    AND ${[...onOrder, ...onLines].join(' AND ')})`;
}

/** The customers in scope for an as-of date and filter, built once for both by the query layer. */
export function cohortCustomers(asOf: string, filter: CohortFilter): TableSpec {
  return {
    name: COHORT_CUSTOMERS,
    key: { asOf, filter: normalFilter(filter) },
    deps: [customerFacts(asOf)],
    build: [{ sql: cohortCustomersSql(filter), params: activeFilter(filter).map(([, v]) => v) }],
  };
}

/**
 * `cohort_activity` SQL (`$1` = the as-of date): every order up to the as-of date of the customers in scope, one
 * row each — customer_id, day (order date), amount (net), purchase, first_day (the customer's first purchase), and
 * for purchases: n (1 for the first purchase, 2 for the second, … by time then order id), prev_day (the date of the
 * previous purchase, NULL for the first) and last (the customer's last purchase). Every cohort figure at every
 * period length reads it: a customer is active in a period when a purchase in it has no earlier purchase in the
 * same period, so counting active customers needs no per-customer grouping.
 */
export function cohortActivitySql(): string {
  const purchase = isPurchase('o');
  return `CREATE OR REPLACE TABLE ${COHORT_ACTIVITY} AS
SELECT o.customer_id, o.order_date AS day, o.amount, ${purchase} AS purchase, c.first_day,
  CASE WHEN ${purchase} THEN CAST(count(*) FILTER (WHERE ${purchase}) OVER w AS INTEGER) END AS n,
  CASE WHEN ${purchase} THEN max(o.order_date) FILTER (WHERE ${purchase}) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) END AS prev_day,
  ${purchase} AND count(*) FILTER (WHERE ${purchase}) OVER w = c.purchases AS last
FROM ${ORDERS} o JOIN ${COHORT_CUSTOMERS} c USING (customer_id)
WHERE ${ordersUpTo('$1')}
WINDOW w AS (PARTITION BY o.customer_id ORDER BY o.order_ts, o.order_id)`;
}

/** The in-scope orders for an as-of date and filter (after `cohortCustomers`). */
export function cohortActivity(asOf: string, filter: CohortFilter): TableSpec {
  return {
    name: COHORT_ACTIVITY,
    key: { asOf },
    deps: [cohortCustomers(asOf, filter)],
    build: [{ sql: cohortActivitySql(), params: [asOf] }],
  };
}
