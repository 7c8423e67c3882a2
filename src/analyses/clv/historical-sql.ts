/**
 * Historical and simple CLV (the first models of the tutorials), from `clv_summary`, for all customers and per RFM
 * segment (when `rfm_customers` is joined):
 * - revenue to date per customer (returns included);
 * - yearly revenue per customer Y = revenue ÷ customer-years observed (first purchase to the as-of date, inclusive);
 * - average lifetime L = mean of (last − first purchase) in years;
 * - simple CLV = margin × Y × L; discounted CLV = margin × Y × (Σ_{y=1..⌊L⌋} 1/(1+D)^y + (L − ⌊L⌋)/(1+D)^(⌊L⌋+1)),
 *   D the yearly discount rate.
 * Parameters: `$1` the as-of date, `$2` margin (0–1), `$3` yearly discount rate.
 * Rows: `segment_key` (the RFM segment's, named at render; NULL for the row covering all customers), customers,
 * revenue, revenue_per_customer, yearly_revenue, lifetime_years, simple_clv, discounted_clv.
 */
export function historicalClvSql(withSegments: boolean): string {
  const segment = withSegments ? 'r.segment_key, r.segment_order' : 'NULL::VARCHAR AS segment_key, NULL::INTEGER AS segment_order';
  const join = withSegments ? 'LEFT JOIN rfm_customers r USING (customer_id)' : '';
  const groups = withSegments ? 'GROUP BY GROUPING SETS ((segment_key, segment_order), ())' : '';
  const keys = withSegments ? 'segment_key, segment_order, grouping(segment_key) AS is_total' : 'NULL::VARCHAR AS segment_key, NULL::INTEGER AS segment_order, 1 AS is_total';
  return `WITH c AS (
  SELECT s.revenue,
    date_diff('day', s.first_day, s.last_day) / 365.25 AS lifetime_years,
    (date_diff('day', s.first_day, CAST($1 AS DATE)) + 1) / 365.25 AS observed_years,
    ${segment}
  FROM clv_summary s ${join}
),
g AS (
  SELECT ${keys}, count(*) AS customers, sum(revenue) AS revenue,
    CAST(sum(revenue) AS DOUBLE) / count(*) AS revenue_per_customer,
    CAST(sum(revenue) AS DOUBLE) / sum(observed_years) AS yearly_revenue,
    avg(lifetime_years) AS lifetime_years
  FROM c ${groups}
),
f AS (SELECT *, floor(lifetime_years) AS whole_years, 1 / (1 + CAST($3 AS DOUBLE)) AS v FROM g)
SELECT segment_key, customers, revenue, revenue_per_customer, yearly_revenue, lifetime_years,
  CAST($2 AS DOUBLE) * yearly_revenue * lifetime_years AS simple_clv,
  CAST($2 AS DOUBLE) * yearly_revenue * CASE WHEN CAST($3 AS DOUBLE) = 0 THEN lifetime_years
    ELSE (1 - pow(v, whole_years)) / CAST($3 AS DOUBLE) + (lifetime_years - whole_years) * pow(v, whole_years + 1) END AS discounted_clv
FROM f
ORDER BY is_total DESC, segment_order`;
}
