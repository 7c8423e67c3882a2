import { periodsBetween, periodStart, periodLabel } from './period';
import type { CohortOptions } from './cohort-sql';
import { scopeCtes, scopeParamCount } from './scope';

/**
 * The customers behind one triangle cell, as a parenthesised query for `PagedTable`: the cohort label and the period
 * are bound after the scope's parameters; with `orLater` the cell holds customers whose last active period is the
 * period or later. Columns: customer_id, first_order, last_order, orders_in_period, revenue_in_period, orders,
 * revenue (all up to the as-of date).
 */
export function cellCustomersSql({ granularity: g, filter }: CohortOptions, orLater: boolean): string {
  const n = scopeParamCount(filter);
  const period = `CAST($${n + 2} AS INTEGER)`;
  return `(WITH ${scopeCtes(filter)},
cust AS (SELECT customer_id, first_ts, ${periodStart(g, 'first_ts')} AS cohort_start FROM firsts),
members AS (SELECT * FROM cust WHERE ${periodLabel(g, 'cohort_start')} = $${n + 1}),
lines AS (
  SELECT m.customer_id, m.first_ts, t.order_id, t.order_ts, t.amount,
    ${periodsBetween(g, 'm.cohort_start', periodStart(g, 't.order_ts'))} AS period
  FROM t JOIN members m USING (customer_id))
SELECT customer_id, CAST(min(first_ts) AS DATE) AS first_order, CAST(max(order_ts) AS DATE) AS last_order,
  count(DISTINCT order_id) FILTER (WHERE period = ${period}) AS orders_in_period,
  CAST(coalesce(sum(amount) FILTER (WHERE period = ${period}), 0) AS DECIMAL(18,2)) AS revenue_in_period,
  count(DISTINCT order_id) AS orders, CAST(sum(amount) AS DECIMAL(18,2)) AS revenue
FROM lines GROUP BY customer_id
HAVING ${orLater ? `max(period) >= ${period}` : `count(*) FILTER (WHERE period = ${period}) > 0`})`;
}
