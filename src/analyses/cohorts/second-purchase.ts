import type { QueryRequest } from '../../query/query-layer';
import type { CohortFilter } from './scope';
import { COHORT_ACTIVITY, COHORT_CUSTOMERS, cohortActivity } from './tables';

/** The row of `secondPurchaseSummarySql`. */
export interface SecondPurchaseSummary {
  customers: number;
  repeat_customers: number;
  repeat_share: number | null;
  median_days: number | null;
  mean_days: number | null;
  p75_days: number | null;
  p90_days: number | null;
  [column: string]: unknown;
}

/** Day ranges of the time-to-second-purchase histogram: [first day, last day]; null = no upper end. */
export const SECOND_PURCHASE_BUCKETS: readonly [number, number | null][] = [
  [0, 0], [1, 7], [8, 14], [15, 30], [31, 60], [61, 90], [91, 180], [181, 365], [366, 730], [731, null],
];

/** Calendar days from each customer's first purchase to their second (`n = 2`; its prev_day is the first's date). */
const GAPS = `gaps AS (SELECT customer_id, date_diff('day', prev_day, day) AS days FROM ${COHORT_ACTIVITY} WHERE n = 2)`;

/**
 * Time to second purchase, from `cohort_activity`: calendar days from a customer's first purchase to their second
 * (two purchases on the same day give 0; returns and net-zero orders are not purchases). One row per bucket of
 * `SECOND_PURCHASE_BUCKETS`, empty ones included: bucket (index), label (`0`, `1–7`, …, `731+`), customers, share
 * (of the customers with a second purchase) and cumulative_share (second purchases made within the bucket's last day).
 */
export function secondPurchaseSql(): string {
  const buckets = SECOND_PURCHASE_BUCKETS.map(
    ([lo, hi], i) => `(${i}, ${lo}, ${hi ?? 'NULL'}, '${hi === null ? `${lo}+` : lo === hi ? `${lo}` : `${lo}–${hi}`}')`,
  ).join(', ');
  return `WITH ${GAPS},
buckets(bucket, lo, hi, label) AS (VALUES ${buckets}),
counts AS (SELECT b.bucket, b.label, count(g.customer_id) AS customers FROM buckets b
  LEFT JOIN gaps g ON g.days >= b.lo AND (b.hi IS NULL OR g.days <= b.hi) GROUP BY ALL)
SELECT bucket, label, customers, customers / nullif(sum(customers) OVER (), 0) AS share,
  sum(customers) OVER (ORDER BY bucket) / nullif(sum(customers) OVER (), 0) AS cumulative_share
FROM counts ORDER BY bucket`;
}

/**
 * Summary of the time to second purchase: customers (in scope), repeat_customers (with a second purchase),
 * repeat_share, median_days (continuous median), mean_days, and p75_days / p90_days: the fewest whole days within
 * which at least 75 % / 90 % of the second purchases were made.
 */
export function secondPurchaseSummarySql(): string {
  return `WITH ${GAPS},
spread AS (SELECT days, cume_dist() OVER (ORDER BY days) AS within FROM gaps)
SELECT (SELECT count(*) FROM ${COHORT_CUSTOMERS}) AS customers, count(*) AS repeat_customers,
  count(*) / nullif((SELECT count(*) FROM ${COHORT_CUSTOMERS}), 0) AS repeat_share,
  median(days) AS median_days, avg(days) AS mean_days,
  min(days) FILTER (WHERE within >= 0.75) AS p75_days, min(days) FILTER (WHERE within >= 0.9) AS p90_days
FROM spread`;
}

export function secondPurchaseRequest(asOf: string, filter: CohortFilter): QueryRequest {
  return { sql: secondPurchaseSql(), tables: [cohortActivity(asOf, filter)] };
}

export function secondPurchaseSummaryRequest(asOf: string, filter: CohortFilter): QueryRequest {
  return { sql: secondPurchaseSummarySql(), tables: [cohortActivity(asOf, filter)] };
}
