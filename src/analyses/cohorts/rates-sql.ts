import type { QueryRequest } from '../../query/query-layer';
import { indexStart, periodIndex } from './period';
import type { CohortFilter } from './scope';
import { COHORT_ACTIVITY, cohortActivity } from './tables';

/** One row of `MONTHLY_RATES_SQL`. */
export interface MonthRow {
  month: string;
  label: string;
  partial: boolean;
  buyers: number;
  repeat_buyers: number;
  repeat_rate: number | null;
  returning_buyers: number | null;
  return_rate: number | null;
  new: number;
  active: number;
  reactivated: number;
  inactive: number;
  [column: string]: unknown;
}

const month = (date: string) => periodIndex('month', date);
const monthStart = (index: string) => indexStart('month', index);

/**
 * Monthly rates and customer states from `cohort_activity` (`$1` = the as-of date), on purchases: one row per
 * calendar month from the first purchase to the month of the as-of date, months without buyers included. Columns:
 * - month (first day), label (`YYYY-MM`), partial (the month runs past the as-of date);
 * - buyers: customers with a purchase in the month; repeat_buyers: those with 2+ purchases in it;
 *   repeat_rate (复购率) = repeat_buyers ÷ buyers;
 * - returning_buyers: the month's buyers with a purchase in the next month; return_rate (回购率) =
 *   returning_buyers ÷ buyers, NULL while the next month has not ended by the as-of date (not fully observed);
 * - states of every customer acquired by the end of the month: new (first purchase in the month), active (bought in
 *   the month and the month before), reactivated (bought in the month, not the month before, not new), inactive
 *   (acquired earlier, no purchase in the month). new + active + reactivated + inactive = customers acquired so far.
 * Returns and net-zero orders make nobody a buyer.
 */
export const MONTHLY_RATES_SQL = `WITH cm AS (
  SELECT customer_id, ${month('day')} AS m, ${month('first_day')} AS first_m, count(*) AS purchases
  FROM ${COHORT_ACTIVITY} WHERE purchase GROUP BY ALL),
seq AS (
  SELECT m, first_m, purchases, lag(m) OVER w AS prev_m, lead(m) OVER w AS next_m
  FROM cm WINDOW w AS (PARTITION BY customer_id ORDER BY m)),
per_month AS (
  SELECT m, count(*) AS buyers, count(*) FILTER (WHERE purchases >= 2) AS repeat_buyers,
    count(*) FILTER (WHERE next_m = m + 1) AS returning_buyers,
    count(*) FILTER (WHERE first_m = m) AS new,
    count(*) FILTER (WHERE first_m < m AND prev_m = m - 1) AS active,
    count(*) FILTER (WHERE first_m < m AND prev_m < m - 1) AS reactivated
  FROM seq GROUP BY m),
months AS (SELECT unnest(range(min(m), ${month('CAST($1 AS DATE)')} + 1)) AS m FROM cm HAVING count(*) > 0),
joined AS (
  SELECT m, coalesce(p.buyers, 0) AS buyers, coalesce(p.repeat_buyers, 0) AS repeat_buyers,
    coalesce(p.returning_buyers, 0) AS returning_buyers,
    coalesce(p.new, 0) AS new, coalesce(p.active, 0) AS active, coalesce(p.reactivated, 0) AS reactivated,
    CAST(sum(coalesce(p.new, 0)) OVER (ORDER BY m) AS BIGINT) AS acquired_so_far
  FROM months LEFT JOIN per_month p USING (m))
SELECT ${monthStart('m')} AS month, strftime(${monthStart('m')}, '%Y-%m') AS label,
  ${monthStart('m + 1')} > CAST($1 AS DATE) + 1 AS partial,
  buyers, repeat_buyers, repeat_buyers / nullif(buyers, 0) AS repeat_rate,
  CASE WHEN ${monthStart('m + 2')} <= CAST($1 AS DATE) + 1 THEN returning_buyers END AS returning_buyers,
  CASE WHEN ${monthStart('m + 2')} <= CAST($1 AS DATE) + 1 THEN returning_buyers / nullif(buyers, 0) END AS return_rate,
  new, active, reactivated, acquired_so_far - new - active - reactivated AS inactive
FROM joined ORDER BY m`;

/** The monthly rates for an as-of date and filter; they do not depend on the cohort period length. */
export function monthlyRatesRequest(asOf: string, filter: CohortFilter): QueryRequest {
  return { sql: MONTHLY_RATES_SQL, params: [asOf], tables: [cohortActivity(asOf, filter)] };
}
