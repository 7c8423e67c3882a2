import { CUSTOMER_FACTS, customerFacts, ordersUpTo } from '../model/customer-facts';
import { ALL_ORDERS, ORDERS, isPurchase, isReturn } from '../model/orders';
import type { QueryRequest } from '../query/query-layer';

/** Purchase and return counts and amounts of the orders up to the as-of date `$1`, in one pass. */
const ORDER_TOTALS = `SELECT count(*) FILTER (WHERE ${isPurchase()}) AS orders,
    count(*) FILTER (WHERE ${isReturn()}) AS returns,
    coalesce(sum(amount), 0) AS revenue,
    coalesce(-sum(amount) FILTER (WHERE ${isReturn()}), 0) AS returned_amount,
    min(order_ts)::DATE AS first_date, max(order_ts)::DATE AS last_date
  FROM ${ORDERS} WHERE ${ordersUpTo('$1')}`;

/**
 * Headline figures up to the as-of date (`$1`): customers (with a purchase), orders (purchases), returns (return
 * orders), revenue (net of returns), returned amount (positive), average order value (revenue ÷ purchases),
 * purchases per customer, share of customers with 2+ purchases, first and last order date.
 */
export function kpiSql(): string {
  return `WITH o AS (${ORDER_TOTALS}),
c AS (SELECT count(*) AS customers, count(*) FILTER (WHERE purchases >= 2) AS repeaters, sum(purchases) AS purchases FROM ${CUSTOMER_FACTS})
SELECT c.customers, o.orders, o.returns, o.revenue, o.returned_amount,
  o.revenue / nullif(o.orders, 0) AS average_order_value,
  c.purchases / nullif(c.customers, 0) AS orders_per_customer,
  c.repeaters / nullif(c.customers, 0) AS repeat_customer_share,
  o.first_date, o.last_date
FROM o CROSS JOIN c`;
}

/** The KPI request for an as-of date (it reads `customer_facts`). */
export function kpiRequest(asOf: string): QueryRequest {
  return { sql: kpiSql(), params: [asOf], tables: [customerFacts(asOf)] };
}

/** Revenue (net of returns), purchases and customers with a purchase per calendar month, up to the as-of date (`$1`). */
export function monthlySql(): string {
  return `SELECT date_trunc('month', order_ts)::DATE AS month,
  sum(amount) AS revenue,
  count(*) FILTER (WHERE ${isPurchase()}) AS orders,
  count(DISTINCT customer_id) FILTER (WHERE ${isPurchase()}) AS active_customers
FROM ${ORDERS} WHERE ${ordersUpTo('$1')}
GROUP BY ALL ORDER BY month`;
}

/**
 * `overview.csv`: the export contract of the Overview view, `metric,value` rows in a fixed order. Ingest counts
 * cover the files as loaded; the other figures the orders up to the as-of date (`$1`).
 */
export function overviewExportSql(): string {
  return `WITH s AS (SELECT sum(rows_read) AS rows_read, sum(rows_rejected) AS rows_rejected,
    sum(duplicate_rows) AS duplicate_rows, bool_or(duplicates_removed) AS removed FROM load_stats),
k AS (${kpiSql()})
SELECT metric, value FROM (
  SELECT 1 AS i, 'rows_read' AS metric, CAST(rows_read AS VARCHAR) AS value FROM s
  UNION ALL SELECT 2, 'rows_rejected', CAST(rows_rejected AS VARCHAR) FROM s
  UNION ALL SELECT 3, 'duplicate_rows', CAST(duplicate_rows AS VARCHAR) FROM s
  UNION ALL SELECT 4, 'rows_loaded', CAST(rows_read - rows_rejected - CASE WHEN removed THEN duplicate_rows ELSE 0 END AS VARCHAR) FROM s
  UNION ALL SELECT 5, 'customers', CAST(customers AS VARCHAR) FROM k
  UNION ALL SELECT 6, 'orders', CAST(orders AS VARCHAR) FROM k
  UNION ALL SELECT 7, 'revenue', CAST(CAST(revenue AS DECIMAL(18,2)) AS VARCHAR) FROM k
  UNION ALL SELECT 8, 'first_date', strftime(first_date, '%Y-%m-%d') FROM k
  UNION ALL SELECT 9, 'last_date', strftime(last_date, '%Y-%m-%d') FROM k
  UNION ALL SELECT 10, 'returns', CAST(returns AS VARCHAR) FROM k
  UNION ALL SELECT 11, 'returned_amount', CAST(CAST(returned_amount AS DECIMAL(18,2)) AS VARCHAR) FROM k
) ORDER BY i`;
}

/** The export request for an as-of date. */
export function overviewExportRequest(asOf: string): QueryRequest {
  return { sql: overviewExportSql(), params: [asOf], tables: [customerFacts(asOf)] };
}

/** The last and first order date of all the data (filters do not move the as-of date): its default and range. */
export function lastDateSql(): string {
  return `SELECT max(order_ts)::DATE AS last_date, min(order_ts)::DATE AS first_date FROM ${ALL_ORDERS}`;
}
