import type { QueryRequest, TableSpec } from '../../query/query-layer';
import { periodIndex, type Granularity } from './period';
import type { CohortOptions } from './cohort-sql';
import { COHORT_ACTIVITY, COHORT_CUSTOMERS, cohortActivity } from './tables';

/**
 * The customers behind one triangle cell, as a parenthesised query for `PagedTable`: `$1` = the cohort's start date,
 * `$2` = the period. A cell holds the customers with a purchase in the period; with `orLater`, those whose last
 * purchase is in the period or later. Columns (up to the as-of date): customer_id, first_order and last_order (first
 * and last purchase dates), orders_in_period (purchases in the period), revenue_in_period (net), orders
 * (purchases), revenue (net of returns).
 */
export function cellCustomersSql(g: Granularity, orLater: boolean): string {
  const idx = (date: string) => periodIndex(g, date);
  const cohort = idx('CAST($1 AS DATE)');
  const period = 'CAST($2 AS INTEGER)';
  return `(WITH members AS (
  SELECT customer_id, first_day, last_day, purchases, revenue, ${idx('last_day')} - ${idx('first_day')} AS last_period
  FROM ${COHORT_CUSTOMERS} WHERE ${idx('first_day')} = ${cohort}),
in_period AS (
  SELECT customer_id, count(*) FILTER (WHERE purchase) AS purchases, sum(amount) AS revenue
  FROM ${COHORT_ACTIVITY} WHERE ${idx('first_day')} = ${cohort} AND ${idx('day')} - ${idx('first_day')} = ${period}
  GROUP BY customer_id)
SELECT m.customer_id, m.first_day AS first_order, m.last_day AS last_order,
  coalesce(p.purchases, 0) AS orders_in_period, CAST(coalesce(p.revenue, 0) AS DECIMAL(18,2)) AS revenue_in_period,
  m.purchases AS orders, m.revenue
FROM members m LEFT JOIN in_period p USING (customer_id)
WHERE ${orLater ? `m.last_period >= ${period}` : 'p.purchases > 0'})`;
}

/** What `PagedTable` needs for one cell: the source, its parameters and the shared tables it reads. */
export interface CellSource {
  source: string;
  params: unknown[];
  tables: TableSpec[];
}

export function cellCustomersSource(asOf: string, { granularity, filter }: CohortOptions, orLater: boolean, cohortStart: string, period: number): CellSource {
  return { source: cellCustomersSql(granularity, orLater), params: [cohortStart, period], tables: [cohortActivity(asOf, filter)] };
}

/** `cohort_customers.csv`: one cell's customers, the highest revenue in the period first. */
export function cellExportRequest(cell: CellSource): QueryRequest {
  return { sql: `SELECT * FROM ${cell.source} AS src ORDER BY revenue_in_period DESC, customer_id`, params: cell.params, tables: cell.tables };
}
