import { scopeCtes, type CohortFilter } from './scope';

/**
 * Monthly rates and customer states, one row per calendar month from the first order to the month of the as-of
 * date (`$1`), months without buyers included. An order is a distinct (customer_id, order_id). Columns:
 * - month (first day), label (`YYYY-MM`), partial (the month runs past the as-of date);
 * - buyers: customers with an order in the month; repeat_buyers: those with 2+ orders in it;
 *   repeat_rate (复购率) = repeat_buyers ÷ buyers;
 * - returning_buyers: the month's buyers who order again in the next month; return_rate (回购率) =
 *   returning_buyers ÷ buyers, NULL while the next month has not ended by the as-of date (not fully observed);
 * - states of every customer acquired by the end of the month: new (first order in the month), active (ordered in
 *   the month and the month before), reactivated (ordered in the month, not the month before, not new), inactive
 *   (acquired earlier, no order in the month). new + active + reactivated + inactive = customers acquired so far.
 */
export function monthlyRatesSql(filter: CohortFilter): string {
  // The next month has ended by the as-of date: only then is the count of customers returning in it final.
  const nextMonthObserved = `CAST(month + INTERVAL 2 MONTH AS DATE) <= CAST($1 AS DATE) + 1`;
  return `WITH ${scopeCtes(filter)},
orders AS (SELECT customer_id, order_id, min(order_ts) AS ts FROM t GROUP BY ALL),
cm AS (SELECT customer_id, CAST(date_trunc('month', ts) AS DATE) AS month, count(*) AS orders FROM orders GROUP BY ALL),
acquired AS (SELECT CAST(date_trunc('month', first_ts) AS DATE) AS month, count(*) AS n FROM firsts GROUP BY ALL),
months AS (
  SELECT CAST(unnest(generate_series(min(month), CAST(date_trunc('month', CAST($1 AS DATE)) AS DATE), INTERVAL 1 MONTH)) AS DATE) AS month
  FROM cm),
per_month AS (
  SELECT cm.month, count(*) AS buyers, count(*) FILTER (WHERE cm.orders >= 2) AS repeat_buyers,
    count(nx.customer_id) AS returning_buyers,
    count(*) FILTER (WHERE f.month = cm.month) AS new,
    count(*) FILTER (WHERE f.month < cm.month AND pv.customer_id IS NOT NULL) AS active,
    count(*) FILTER (WHERE f.month < cm.month AND pv.customer_id IS NULL) AS reactivated
  FROM cm
  JOIN (SELECT customer_id, CAST(date_trunc('month', first_ts) AS DATE) AS month FROM firsts) f USING (customer_id)
  LEFT JOIN cm nx ON nx.customer_id = cm.customer_id AND nx.month = CAST(cm.month + INTERVAL 1 MONTH AS DATE)
  LEFT JOIN cm pv ON pv.customer_id = cm.customer_id AND pv.month = CAST(cm.month - INTERVAL 1 MONTH AS DATE)
  GROUP BY ALL),
joined AS (
  SELECT m.month, coalesce(p.buyers, 0) AS buyers, coalesce(p.repeat_buyers, 0) AS repeat_buyers,
    coalesce(p.returning_buyers, 0) AS returning_buyers,
    coalesce(p.new, 0) AS new, coalesce(p.active, 0) AS active, coalesce(p.reactivated, 0) AS reactivated,
    CAST(sum(coalesce(a.n, 0)) OVER (ORDER BY m.month) AS BIGINT) AS acquired_so_far
  FROM months m LEFT JOIN per_month p USING (month) LEFT JOIN acquired a USING (month))
SELECT month, strftime(month, '%Y-%m') AS label, CAST(month + INTERVAL 1 MONTH AS DATE) > CAST($1 AS DATE) + 1 AS partial,
  buyers, repeat_buyers, repeat_buyers / nullif(buyers, 0) AS repeat_rate,
  CASE WHEN ${nextMonthObserved} THEN returning_buyers END AS returning_buyers,
  CASE WHEN ${nextMonthObserved} THEN returning_buyers / nullif(buyers, 0) END AS return_rate,
  new, active, reactivated, acquired_so_far - new - active - reactivated AS inactive
FROM joined ORDER BY month`;
}
