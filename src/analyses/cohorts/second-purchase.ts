import { scopeCtes, type CohortFilter } from './scope';

/** Day ranges of the time-to-second-purchase histogram: [first day, last day]; null = no upper end. */
export const SECOND_PURCHASE_BUCKETS: readonly [number, number | null][] = [
  [0, 0], [1, 7], [8, 14], [15, 30], [31, 60], [61, 90], [91, 180], [181, 365], [366, 730], [731, null],
];

const gapsCte = (filter: CohortFilter) => `${scopeCtes(filter)},
orders AS (SELECT customer_id, order_id, min(order_ts) AS ts FROM t GROUP BY ALL),
ranked AS (SELECT customer_id, ts, row_number() OVER (PARTITION BY customer_id ORDER BY ts, order_id) AS n FROM orders),
gaps AS (
  SELECT customer_id, date_diff('day', CAST(min(ts) FILTER (WHERE n = 1) AS DATE), CAST(min(ts) FILTER (WHERE n = 2) AS DATE)) AS days
  FROM ranked WHERE n <= 2 GROUP BY ALL HAVING count(*) = 2)`;

/**
 * Time to second purchase: calendar days from a customer's first order to their second (distinct orders; two orders
 * on the same day give 0), as of `$1`. One row per bucket of `SECOND_PURCHASE_BUCKETS`, empty ones included:
 * bucket (index), label (`0`, `1–7`, …, `731+`), customers, share (of the customers with a second order) and
 * cumulative_share (second purchases made within the bucket's last day).
 */
export function secondPurchaseSql(filter: CohortFilter): string {
  const buckets = SECOND_PURCHASE_BUCKETS.map(
    ([lo, hi], i) => `(${i}, ${lo}, ${hi ?? 'NULL'}, '${hi === null ? `${lo}+` : lo === hi ? `${lo}` : `${lo}–${hi}`}')`,
  ).join(', ');
  return `WITH ${gapsCte(filter)},
buckets(bucket, lo, hi, label) AS (VALUES ${buckets}),
counts AS (SELECT b.bucket, b.label, count(g.customer_id) AS customers FROM buckets b
  LEFT JOIN gaps g ON g.days >= b.lo AND (b.hi IS NULL OR g.days <= b.hi) GROUP BY ALL)
SELECT bucket, label, customers, customers / nullif(sum(customers) OVER (), 0) AS share,
  sum(customers) OVER (ORDER BY bucket) / nullif(sum(customers) OVER (), 0) AS cumulative_share
FROM counts ORDER BY bucket`;
}

/**
 * Summary of the time to second purchase, as of `$1`: customers (in scope), repeat_customers (with a second order),
 * repeat_share, median_days (continuous median), mean_days, and p75_days / p90_days: the fewest whole days within
 * which at least 75 % / 90 % of the second orders were made.
 */
export function secondPurchaseSummarySql(filter: CohortFilter): string {
  return `WITH ${gapsCte(filter)},
spread AS (SELECT days, cume_dist() OVER (ORDER BY days) AS within FROM gaps)
SELECT (SELECT count(*) FROM firsts) AS customers, count(*) AS repeat_customers,
  count(*) / nullif((SELECT count(*) FROM firsts), 0) AS repeat_share,
  median(days) AS median_days, avg(days) AS mean_days,
  min(days) FILTER (WHERE within >= 0.75) AS p75_days, min(days) FILTER (WHERE within >= 0.9) AS p90_days
FROM spread`;
}
