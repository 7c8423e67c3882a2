import { periodLabel, periodStart } from './period';
import type { CohortOptions } from './cohort-sql';
import { scopeCtes } from './scope';

/**
 * One-time versus repeat buyers per acquisition cohort, as of `$1`: customers with exactly one order and with 2+
 * (distinct orders over all their history up to the as-of date). Columns: cohort (label, NULL on the total row),
 * cohort_start, customers, one_time, repeat, repeat_share; the last row (cohort NULL) totals every cohort.
 */
export function buyersSql({ granularity: g, filter }: CohortOptions): string {
  return `WITH ${scopeCtes(filter)},
per_customer AS (
  SELECT f.customer_id, ${periodStart(g, 'f.first_ts')} AS cohort_start, count(DISTINCT t.order_id) AS orders
  FROM firsts f JOIN t USING (customer_id) GROUP BY ALL)
SELECT CASE WHEN cohort_start IS NOT NULL THEN ${periodLabel(g, 'cohort_start')} END AS cohort, cohort_start,
  count(*) AS customers, count(*) FILTER (WHERE orders = 1) AS one_time, count(*) FILTER (WHERE orders >= 2) AS repeat,
  count(*) FILTER (WHERE orders >= 2) / count(*) AS repeat_share
FROM per_customer GROUP BY ROLLUP (cohort_start) ORDER BY cohort_start NULLS LAST`;
}
