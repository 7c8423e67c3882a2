import type { QueryRequest } from '../../query/query-layer';
import { COHORT_TRIANGLE, cohortTriangle, type CohortOptions } from './cohort-sql';

/**
 * The average curves over cohorts, weighted by cohort size, from `cohort_triangle`: for each period k, the sums over
 * the cohorts whose period k has ended by the as-of date (the triangle's rule for a partial cell) of active
 * customers, customers active in k or later and cumulative revenue, each divided by the sum of those cohorts' sizes.
 * Zero cells count; a period still running counts for no cohort, so it cannot pull the curve's tail down. Columns: period, cohorts,
 * cohort_customers, customers, customers_or_later, retention, retention_or_later, cumulative_revenue_per_customer.
 */
export const AVERAGE_CURVE_SQL = `SELECT period, count(*) AS cohorts, sum(cohort_size) AS cohort_customers,
  sum(customers) AS customers, sum(customers_or_later) AS customers_or_later,
  sum(customers) / sum(cohort_size) AS retention, sum(customers_or_later) / sum(cohort_size) AS retention_or_later,
  sum(cumulative_revenue) / sum(cohort_size) AS cumulative_revenue_per_customer
FROM ${COHORT_TRIANGLE} WHERE NOT partial GROUP BY period ORDER BY period`;

export function averageCurveRequest(asOf: string, options: CohortOptions): QueryRequest {
  return { sql: AVERAGE_CURVE_SQL, tables: [cohortTriangle(asOf, options)] };
}

/**
 * `retention_curve.csv`: `period,cohorts,cohort_size,customers,retention`, the weighted average retention curve
 * (customers ÷ cohort_size over the cohorts whose period k has ended, zero cells included), ratio in full precision.
 */
export const RETENTION_CURVE_EXPORT_SQL = `SELECT period, count(*) AS cohorts, sum(cohort_size) AS cohort_size, sum(customers) AS customers,
  CAST(sum(customers) AS DOUBLE) / sum(cohort_size) AS retention
FROM ${COHORT_TRIANGLE} WHERE NOT partial GROUP BY period ORDER BY period`;

export function retentionCurveExportRequest(asOf: string, options: CohortOptions): QueryRequest {
  return { sql: RETENTION_CURVE_EXPORT_SQL, tables: [cohortTriangle(asOf, options)] };
}

/**
 * Period-N retention across cohorts (e.g. month-1 retention by cohort month): the triangle's cells of period N
 * (`$1`). Cohorts that have not reached period N yet have no row.
 */
export const PERIOD_TREND_SQL = `SELECT cohort, cohort_start, period, partial, cohort_size, customers, customers_or_later, retention, retention_or_later
FROM ${COHORT_TRIANGLE} WHERE period = CAST($1 AS INTEGER) ORDER BY cohort_start`;

export function periodTrendRequest(asOf: string, options: CohortOptions, n: number): QueryRequest {
  return { sql: PERIOD_TREND_SQL, params: [n], tables: [cohortTriangle(asOf, options)] };
}
