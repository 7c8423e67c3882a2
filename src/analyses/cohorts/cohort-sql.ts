import type { QueryRequest, TableSpec } from '../../query/query-layer';
import { indexStart, periodIndex, periodLabel, type Granularity } from './period';
import { normalFilter, type CohortFilter } from './scope';
import { COHORT_ACTIVITY, cohortActivity } from './tables';

/** What a cohort query is computed for: the period length and the customers in scope. */
export interface CohortOptions {
  granularity: Granularity;
  filter: CohortFilter;
}

/** One row of the triangle (`cohort_triangle`), as `Db.query` returns it. */
export interface TriangleCell {
  cohort: string;
  cohort_start: string;
  period: number;
  period_start: string;
  period_label: string;
  partial: boolean;
  cohort_size: number;
  customers: number;
  customers_or_later: number;
  retention: number;
  retention_or_later: number;
  revenue: number;
  revenue_per_customer: number;
  cumulative_revenue: number;
  cumulative_revenue_per_customer: number;
  [column: string]: unknown;
}

/** The shared table of the triangle's cells for the settings. */
export const COHORT_TRIANGLE = 'cohort_triangle';

/**
 * `cohort_triangle` SQL (`$1` = the as-of date), from `cohort_activity`: one row per acquisition cohort (period of
 * the first purchase) and period k = 0 … the period holding the as-of date, zero cells included. Columns: cohort
 * (label), cohort_start, period, period_start, period_label (calendar period of the cell), partial (the period
 * runs past the as-of date), cohort_size (customers with a purchase acquired in the period), customers (active in
 * period k: a purchase in it), customers_or_later (last purchase in period k or later), retention,
 * retention_or_later, revenue (net amount of the cohort's orders in period k, returns in the period they happened),
 * revenue_per_customer, cumulative_revenue (periods 0…k), cumulative_revenue_per_customer. Ratios are unrounded;
 * revenue is DECIMAL(18,2). Orders before a customer's first purchase (returns, net-zero orders) are in no cell.
 */
export function triangleSql(g: Granularity): string {
  const idx = (date: string) => periodIndex(g, date);
  const start = (index: string) => indexStart(g, index);
  const firstInPeriod = `purchase AND (prev_day IS NULL OR ${idx('prev_day')} <> ${idx('day')})`;
  return `CREATE OR REPLACE TABLE ${COHORT_TRIANGLE} AS
WITH cells AS (
  SELECT ${idx('first_day')} AS c, ${idx('day')} - ${idx('first_day')} AS period,
    count(*) FILTER (WHERE ${firstInPeriod}) AS customers,
    count(*) FILTER (WHERE n = 1) AS acquired,
    count(*) FILTER (WHERE last) AS last_active,
    sum(amount) AS revenue
  FROM ${COHORT_ACTIVITY} GROUP BY ALL),
sizes AS (SELECT c, sum(acquired) AS cohort_size FROM cells GROUP BY c),
grid AS (SELECT c, cohort_size, unnest(range(0, ${idx('CAST($1 AS DATE)')} - c + 1)) AS period FROM sizes),
joined AS (
  SELECT g.c, g.period, g.cohort_size, coalesce(x.customers, 0) AS customers,
    CAST(sum(coalesce(x.last_active, 0)) OVER (PARTITION BY g.c ORDER BY g.period DESC) AS BIGINT) AS customers_or_later,
    CAST(coalesce(x.revenue, 0) AS DECIMAL(18,2)) AS revenue,
    CAST(sum(coalesce(x.revenue, 0)) OVER (PARTITION BY g.c ORDER BY g.period) AS DECIMAL(18,2)) AS cumulative_revenue
  FROM grid g LEFT JOIN cells x USING (c, period))
SELECT ${periodLabel(g, start('c'))} AS cohort, ${start('c')} AS cohort_start, CAST(period AS INTEGER) AS period,
  ${start('c + period')} AS period_start, ${periodLabel(g, start('c + period'))} AS period_label,
  ${start('c + period + 1')} > CAST($1 AS DATE) + 1 AS partial,
  CAST(cohort_size AS BIGINT) AS cohort_size, customers, customers_or_later,
  customers / cohort_size AS retention, customers_or_later / cohort_size AS retention_or_later,
  revenue, revenue / cohort_size AS revenue_per_customer,
  cumulative_revenue, cumulative_revenue / cohort_size AS cumulative_revenue_per_customer
FROM joined ORDER BY cohort_start, period`;
}

/** The triangle for an as-of date and settings: computed once, read by the cells, curves, trend and export. */
export function cohortTriangle(asOf: string, { granularity, filter }: CohortOptions): TableSpec {
  return {
    name: COHORT_TRIANGLE,
    key: { asOf, granularity, filter: normalFilter(filter) },
    deps: [cohortActivity(asOf, filter)],
    build: [{ sql: triangleSql(granularity), params: [asOf] }],
  };
}

/** Every cell of the triangle, oldest cohort first. */
export function triangleRequest(asOf: string, options: CohortOptions): QueryRequest {
  return { sql: `SELECT * FROM ${COHORT_TRIANGLE} ORDER BY cohort_start, period`, tables: [cohortTriangle(asOf, options)] };
}

/**
 * `cohorts.csv`, the export contract: one row per cohort and period 0 … last observable, zero cells included,
 * `cohort,period,cohort_size,customers,retention,revenue,cumulative_revenue_per_customer`; customers active in the
 * period, revenue to 2 decimals, the ratios in full precision.
 */
export const COHORT_EXPORT_SQL = `SELECT cohort, period, cohort_size, customers, CAST(customers AS DOUBLE) / cohort_size AS retention, revenue,
  CAST(cumulative_revenue AS DOUBLE) / cohort_size AS cumulative_revenue_per_customer
FROM ${COHORT_TRIANGLE} ORDER BY cohort_start, period`;

export function cohortExportRequest(asOf: string, options: CohortOptions): QueryRequest {
  return { sql: COHORT_EXPORT_SQL, tables: [cohortTriangle(asOf, options)] };
}
