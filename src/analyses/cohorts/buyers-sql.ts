import type { QueryRequest } from '../../query/query-layer';
import { indexStart, periodIndex, periodLabel, type Granularity } from './period';
import type { CohortOptions } from './cohort-sql';
import { COHORT_CUSTOMERS, cohortCustomers } from './tables';

/** One row of `buyersSql`: a cohort, or the total (cohort NULL). */
export interface BuyersRow {
  cohort: string | null;
  customers: number;
  one_time: number;
  repeat: number;
  repeat_share: number;
  [column: string]: unknown;
}

/**
 * One-time versus repeat buyers per acquisition cohort, from `cohort_customers`: customers with exactly one purchase
 * and with 2+ up to the as-of date. Columns: cohort (label, NULL on the total row), cohort_start, customers,
 * one_time, repeat, repeat_share; the last row (cohort NULL) totals every cohort.
 */
export function buyersSql(g: Granularity): string {
  const start = indexStart(g, 'c');
  return `SELECT CASE WHEN c IS NOT NULL THEN ${periodLabel(g, start)} END AS cohort, ${start} AS cohort_start,
  count(*) AS customers, count(*) FILTER (WHERE purchases = 1) AS one_time, count(*) FILTER (WHERE purchases >= 2) AS repeat,
  count(*) FILTER (WHERE purchases >= 2) / count(*) AS repeat_share
FROM (SELECT ${periodIndex(g, 'first_day')} AS c, purchases FROM ${COHORT_CUSTOMERS}) GROUP BY ROLLUP (c) ORDER BY c NULLS LAST`;
}

export function buyersRequest(asOf: string, { granularity, filter }: CohortOptions): QueryRequest {
  return { sql: buyersSql(granularity), tables: [cohortCustomers(asOf, filter)] };
}
