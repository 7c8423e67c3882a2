import { triangleSql, type CohortOptions } from './cohort-sql';
import { scopeParamCount } from './scope';

/**
 * The average curves over cohorts, weighted by cohort size: for each period k, the sums over the cohorts that have
 * reached k (k is observable at the as-of date) of active customers, customers active in k or later and cumulative
 * revenue, each divided by the sum of those cohorts' sizes. Columns: period, cohorts, cohort_customers, customers,
 * customers_or_later, retention, retention_or_later, cumulative_revenue_per_customer.
 */
export function averageCurveSql(options: CohortOptions): string {
  return `SELECT period, count(*) AS cohorts, sum(cohort_size) AS cohort_customers,
  sum(customers) AS customers, sum(customers_or_later) AS customers_or_later,
  sum(customers) / sum(cohort_size) AS retention, sum(customers_or_later) / sum(cohort_size) AS retention_or_later,
  sum(cumulative_revenue) / sum(cohort_size) AS cumulative_revenue_per_customer
FROM (${triangleSql(options)}) GROUP BY period ORDER BY period`;
}

/**
 * Period-N retention across cohorts (e.g. month-1 retention by cohort month): the triangle cells of period N, bound
 * as the parameter after the scope's ones. Cohorts that have not reached period N yet have no row.
 */
export function periodTrendSql(options: CohortOptions): string {
  return `SELECT cohort, cohort_start, period, partial, cohort_size, customers, customers_or_later, retention, retention_or_later
FROM (${triangleSql(options)}) WHERE period = CAST($${scopeParamCount(options.filter) + 1} AS INTEGER) ORDER BY cohort_start`;
}
