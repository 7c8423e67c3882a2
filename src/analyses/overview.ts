import { upToAsOf } from '../db/sql';

/** Headline figures over the transactions up to the as-of date (`$1`, a date). */
export function kpiSql(): string {
  return `WITH t AS (SELECT * FROM transactions WHERE ${upToAsOf('$1')}),
orders AS (SELECT customer_id, order_id FROM t GROUP BY ALL),
per_customer AS (SELECT customer_id, count(*) AS orders FROM orders GROUP BY ALL)
SELECT
  (SELECT count(*) FROM per_customer) AS customers,
  (SELECT count(*) FROM orders) AS orders,
  (SELECT coalesce(sum(amount), 0) FROM t) AS revenue,
  (SELECT sum(amount) / nullif(count(DISTINCT (customer_id, order_id)), 0) FROM t) AS average_order_value,
  (SELECT avg(orders) FROM per_customer) AS orders_per_customer,
  (SELECT avg(CASE WHEN orders >= 2 THEN 1 ELSE 0 END) FROM per_customer) AS repeat_customer_share,
  (SELECT min(order_ts)::DATE FROM t) AS first_date,
  (SELECT max(order_ts)::DATE FROM t) AS last_date`;
}

/** Revenue, orders and active customers per calendar month, up to the as-of date (`$1`). */
export function monthlySql(): string {
  return `SELECT date_trunc('month', order_ts)::DATE AS month,
  sum(amount) AS revenue,
  count(DISTINCT (customer_id, order_id)) AS orders,
  count(DISTINCT customer_id) AS active_customers
FROM transactions WHERE ${upToAsOf('$1')}
GROUP BY ALL ORDER BY month`;
}

/**
 * `overview.csv`: the export contract of the Overview view, `metric,value` rows in a fixed order. Ingest counts
 * cover the files as loaded; the other figures the transactions up to the as-of date (`$1`).
 */
export function overviewExportSql(): string {
  return `WITH s AS (SELECT sum(rows_read) AS rows_read, sum(rows_rejected) AS rows_rejected,
    sum(duplicate_rows) AS duplicate_rows, bool_or(duplicates_removed) AS removed FROM load_stats),
t AS (SELECT * FROM transactions WHERE ${upToAsOf('$1')}),
k AS (SELECT count(DISTINCT customer_id) AS customers, count(DISTINCT (customer_id, order_id)) AS orders,
    coalesce(sum(amount), 0) AS revenue, min(order_ts)::DATE AS first_date, max(order_ts)::DATE AS last_date FROM t)
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
) ORDER BY i`;
}

/** The last order date: the default as-of date. */
export function lastDateSql(): string {
  return `SELECT max(order_ts)::DATE AS last_date, min(order_ts)::DATE AS first_date FROM transactions`;
}
