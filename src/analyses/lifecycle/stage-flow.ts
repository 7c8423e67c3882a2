import { purchaseDaysCte } from './purchase-days';
import { stageCase } from './stages';

/**
 * Stages month by month, up to the as-of date (`$1`) with a churn window of `$2` days. Each customer's stage is
 * taken at every month end (the as-of date for its own month) by the same rules as `stageCase`, from their history
 * up to that day. One row per month from the first purchase: `month` (its first day), `snapshot` (the day the stages
 * are taken), the customers per stage (`new`, `active`, `reactivated`, `at_risk`, `churned`, churned ones
 * accumulating), `base` (customers not churned at the previous month end), `churned_in_month` (those of the base
 * churned at this month end), `churn_rate` (= churned_in_month / base, NULL in the first month) and `returned`
 * (churned at the previous month end, back at this one).
 *
 * A purchase day holds a customer's stages at the month ends from its own to the one before their next purchase day
 * (`first_snap` … `last_snap`). The stage at the previous month end comes from the same purchase day, or, at its
 * first month end, from the last one of the purchase day before that held any: no per-customer sequence of months
 * is sorted (at 10M rows that is 24M customer-months).
 */
export function stageFlowSql(): string {
  const asOf = 'CAST($1 AS DATE)';
  return `WITH ${purchaseDaysCte()},
hist AS (
  SELECT customer_id, day AS last_day,
    min(day) OVER (PARTITION BY customer_id) AS first_day,
    median(gap) OVER upto AS median_gap,
    max(CASE WHEN gap > $2 THEN day END) OVER upto AS return_day,
    lead(day) OVER (PARTITION BY customer_id ORDER BY day) AS next_day
  FROM pdays
  WINDOW upto AS (PARTITION BY customer_id ORDER BY day ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
),
spans AS (
  SELECT *, least(CAST(date_trunc('month', last_day) + INTERVAL 1 MONTH AS DATE) - 1, ${asOf}) AS first_snap,
    coalesce(CAST(date_trunc('month', next_day) AS DATE) - 1, ${asOf}) AS last_snap
  FROM hist
),
held AS (
  SELECT *, lag(${stageCase('last_snap', '$2')}) OVER (PARTITION BY customer_id ORDER BY last_day) AS stage_before
  FROM spans WHERE first_snap <= last_snap
),
months AS (
  SELECT CAST(unnest(generate_series(date_trunc('month', min(day)), date_trunc('month', ${asOf}), INTERVAL 1 MONTH)) AS DATE) AS month
  FROM pdays
),
snaps AS (
  SELECT month, snapshot, lag(snapshot) OVER (ORDER BY month) AS prev_snapshot
  FROM (SELECT month, least(CAST(month + INTERVAL 1 MONTH AS DATE) - 1, ${asOf}) AS snapshot FROM months)
),
moves AS (
  SELECT s.month, ${stageCase('s.snapshot', '$2')} AS stage,
    CASE WHEN s.prev_snapshot >= h.last_day THEN ${stageCase('s.prev_snapshot', '$2')} ELSE h.stage_before END AS prev
  FROM held h JOIN snaps s ON s.snapshot BETWEEN h.first_snap AND h.last_snap
),
agg AS (
  SELECT month,
    count(*) FILTER (WHERE stage = 'new') AS new,
    count(*) FILTER (WHERE stage = 'active') AS active,
    count(*) FILTER (WHERE stage = 'reactivated') AS reactivated,
    count(*) FILTER (WHERE stage = 'at_risk') AS at_risk,
    count(*) FILTER (WHERE stage = 'churned') AS churned,
    count(*) FILTER (WHERE prev <> 'churned') AS base,
    count(*) FILTER (WHERE prev <> 'churned' AND stage = 'churned') AS churned_in_month,
    count(*) FILTER (WHERE prev = 'churned' AND stage <> 'churned') AS returned
  FROM moves GROUP BY month
)
SELECT s.month, s.snapshot, a.new, a.active, a.reactivated, a.at_risk, a.churned, a.base, a.churned_in_month,
  a.churned_in_month / nullif(a.base, 0) AS churn_rate, a.returned
FROM snaps s JOIN agg a USING (month) ORDER BY s.month`;
}
