import { addPeriods, periodLabel, periodsBetween, periodStart, type Granularity } from './period';
import { scopeCtes, type CohortFilter } from './scope';

/** What a cohort query is computed for: the period length and the customers in scope. */
export interface CohortOptions {
  granularity: Granularity;
  filter: CohortFilter;
}

/** One row of `triangleSql`, as `Db.query` returns it. */
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

/**
 * Every cell of the retention triangle: one row per acquisition cohort and period k = 0 … the period holding the
 * as-of date (`$1`), zero cells included. Columns: cohort (label), cohort_start, period, period_start, period_label
 * (calendar period of the cell), partial (the period runs past the as-of date), cohort_size, customers (active in
 * period k), customers_or_later (last active period ≥ k), retention, retention_or_later, revenue (of the cohort in
 * period k), revenue_per_customer, cumulative_revenue (periods 0…k), cumulative_revenue_per_customer. Ratios are
 * unrounded; revenue is DECIMAL(18,2). Only these cells, never order lines, leave the database.
 */
export function triangleSql({ granularity: g, filter }: CohortOptions): string {
  const asOfStart = periodStart(g, 'CAST($1 AS DATE)');
  return `WITH ${scopeCtes(filter)},
cust AS (SELECT customer_id, ${periodStart(g, 'first_ts')} AS cohort_start FROM firsts),
sizes AS (SELECT cohort_start, count(*) AS cohort_size FROM cust GROUP BY ALL),
active AS (
  SELECT c.cohort_start, c.customer_id, ${periodsBetween(g, 'c.cohort_start', periodStart(g, 't.order_ts'))} AS period,
    sum(t.amount) AS revenue
  FROM t JOIN cust c USING (customer_id) GROUP BY ALL),
cells AS (SELECT cohort_start, period, count(*) AS customers, sum(revenue) AS revenue FROM active GROUP BY ALL),
lasts AS (
  SELECT cohort_start, last_period AS period, count(*) AS n
  FROM (SELECT cohort_start, customer_id, max(period) AS last_period FROM active GROUP BY ALL) GROUP BY ALL),
grid AS (
  SELECT cohort_start, cohort_size, unnest(range(0, ${periodsBetween(g, 'cohort_start', asOfStart)} + 1)) AS period FROM sizes),
joined AS (
  SELECT g.cohort_start, g.period, g.cohort_size, coalesce(c.customers, 0) AS customers,
    CAST(sum(coalesce(l.n, 0)) OVER (PARTITION BY g.cohort_start ORDER BY g.period DESC) AS BIGINT) AS customers_or_later,
    CAST(coalesce(c.revenue, 0) AS DECIMAL(18,2)) AS revenue,
    CAST(sum(coalesce(c.revenue, 0)) OVER (PARTITION BY g.cohort_start ORDER BY g.period) AS DECIMAL(18,2)) AS cumulative_revenue
  FROM grid g LEFT JOIN cells c USING (cohort_start, period) LEFT JOIN lasts l USING (cohort_start, period))
SELECT ${periodLabel(g, 'cohort_start')} AS cohort, cohort_start, period,
  ${addPeriods(g, 'cohort_start', 'period')} AS period_start,
  ${periodLabel(g, addPeriods(g, 'cohort_start', 'period'))} AS period_label,
  ${addPeriods(g, 'cohort_start', 'period + 1')} > CAST($1 AS DATE) + 1 AS partial,
  cohort_size, customers, customers_or_later,
  customers / cohort_size AS retention, customers_or_later / cohort_size AS retention_or_later,
  revenue, revenue / cohort_size AS revenue_per_customer,
  cumulative_revenue, cumulative_revenue / cohort_size AS cumulative_revenue_per_customer
FROM joined ORDER BY cohort_start, period`;
}

/**
 * `cohorts.csv`, the export contract: one row per cohort and period 0 … last observable, zero cells included,
 * `cohort,period,cohort_size,customers,retention,revenue,cumulative_revenue_per_customer`; customers active in the
 * period, revenue to 2 decimals, the ratios in full precision.
 */
export function cohortExportSql(options: CohortOptions): string {
  return `SELECT cohort, period, cohort_size, customers, CAST(customers AS DOUBLE) / cohort_size AS retention, revenue,
  CAST(cumulative_revenue AS DOUBLE) / cohort_size AS cumulative_revenue_per_customer
FROM (${triangleSql(options)}) ORDER BY cohort_start, period`;
}
