/**
 * Surveys linked to behaviour: a respondent whose id is a customer's. Each respondent counts once, with their
 * latest NPS answer on or before the as-of date ($1); what they did after it comes from `orders` (purchases only for
 * "bought again", net revenue for the 90 days after).
 */

/** Days after a response over which its revenue is summed. */
export const AFTER_DAYS = 90;

/** The NPS group of a 0–10 score `expr`. */
export function npsGroupSql(expr: string): string {
  return `CASE WHEN ${expr} >= 9 THEN 'promoter' WHEN ${expr} >= 7 THEN 'passive' ELSE 'detractor' END`;
}

/**
 * One row per linked respondent: customer_id, score, nps_group, response_date, bought_again (a purchase after the
 * response, up to the as-of date), revenue_90d (net revenue in the 90 days after it; NULL when those 90 days
 * have not all passed by the as-of date).
 */
export function linkedRespondentsSql(): string {
  return `WITH latest AS (
  SELECT respondent_id AS customer_id, arg_max(nps_score, (response_date, response_id)) AS score, max(response_date) AS response_date
  FROM responses WHERE respondent_id IS NOT NULL AND nps_score IS NOT NULL AND response_date <= CAST($1 AS DATE) GROUP BY 1
),
linked AS (SELECT l.* FROM latest l WHERE EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = l.customer_id AND o.kind = 'purchase' AND o.order_date <= CAST($1 AS DATE)))
SELECT l.customer_id, l.score, ${npsGroupSql('l.score')} AS nps_group, l.response_date,
  COALESCE(bool_or(o.kind = 'purchase' AND o.order_date > l.response_date), false) AS bought_again,
  CASE WHEN l.response_date + ${AFTER_DAYS} <= CAST($1 AS DATE)
    THEN COALESCE(sum(o.amount) FILTER (WHERE o.order_date > l.response_date AND o.order_date <= l.response_date + ${AFTER_DAYS}), 0) END AS revenue_90d
FROM linked l LEFT JOIN orders o ON o.customer_id = l.customer_id AND o.order_date <= CAST($1 AS DATE)
GROUP BY l.customer_id, l.score, l.response_date`;
}

/** How many responses have a respondent id, and how many of those respondents are customers (up to the as-of date). */
export function linkCoverageSql(): string {
  return `SELECT count(DISTINCT respondent_id) AS respondents,
  (SELECT count(*) FROM (${linkedRespondentsSql()})) AS linked
FROM responses WHERE respondent_id IS NOT NULL AND nps_score IS NOT NULL AND response_date <= CAST($1 AS DATE)`;
}

/** Per NPS group (promoter, passive, detractor, in that order): respondents, repurchase rate, revenue per respondent in the 90 days after. */
export function behaviourByNpsGroupSql(): string {
  return `WITH g AS (SELECT unnest(['promoter', 'passive', 'detractor']) AS nps_group, unnest([1, 2, 3]) AS i),
r AS (${linkedRespondentsSql()})
SELECT g.nps_group, count(r.customer_id) AS respondents,
  round(avg(CASE WHEN r.customer_id IS NULL THEN NULL WHEN r.bought_again THEN 1.0 ELSE 0.0 END), 4) AS repurchase_rate,
  count(r.revenue_90d) AS respondents_90d,
  round(avg(r.revenue_90d), 2) AS revenue_per_respondent_90d
FROM g LEFT JOIN r USING (nps_group) GROUP BY g.nps_group, g.i ORDER BY g.i`;
}

/** NPS, 1 decimal, of the rows of `from` by their `nps_group` column. */
const npsOf = `round(100.0 * (count(*) FILTER (WHERE nps_group = 'promoter') - count(*) FILTER (WHERE nps_group = 'detractor')) / count(*), 1)`;

/**
 * Per value of a customer table's column (`rfm_customers.segment_key` or `.tier`, `lifecycle_customers.stage`):
 * respondents, nps, repurchase_rate, revenue_per_respondent_90d. `table` must be built (the query layer's job).
 */
export function npsByCustomerColumnSql(table: string, column: string): string {
  return `WITH r AS (${linkedRespondentsSql()})
SELECT c.${column} AS value, count(*) AS respondents, ${npsOf} AS nps,
  round(avg(CASE WHEN r.bought_again THEN 1.0 ELSE 0.0 END), 4) AS repurchase_rate,
  round(avg(r.revenue_90d), 2) AS revenue_per_respondent_90d
FROM r JOIN ${table} c USING (customer_id)
GROUP BY c.${column} ORDER BY respondents DESC, value`;
}

/**
 * Detractors among the most valuable customers (RFM tier A): customer_id, score, response_date, segment_key,
 * monetary, frequency, days since the last purchase, the comment of that response. A source for a paged table.
 */
export function valuableDetractorsSql(rfmTable: string): string {
  return `(SELECT r.customer_id, r.score, r.response_date, c.segment_key, c.monetary, c.frequency, c.recency_days,
  (SELECT comment FROM responses x WHERE x.respondent_id = r.customer_id AND x.response_date = r.response_date AND x.nps_score = r.score
   ORDER BY x.response_id DESC LIMIT 1) AS comment
FROM (${linkedRespondentsSql()}) r JOIN ${rfmTable} c USING (customer_id)
WHERE r.nps_group = 'detractor' AND c.tier = 'A')`;
}

/** Linked respondents per NPS group and churn-window stage (`lifecycle_customers`, built by the query layer). */
export function stageMixSql(stageTable: string): string {
  return `WITH r AS (${linkedRespondentsSql()})
SELECT nps_group, stage, respondents, round(respondents / sum(respondents) OVER (PARTITION BY nps_group), 4) AS share
FROM (SELECT r.nps_group, c.stage, count(*) AS respondents FROM r JOIN ${stageTable} c USING (customer_id) GROUP BY 1, 2)
ORDER BY nps_group, stage`;
}
