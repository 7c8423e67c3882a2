/**
 * Figures of the CLV view over `clv_customers` (built by `model.ts`). The margin is applied here (`clvExpr`), so a
 * new margin re-runs these queries and nothing else.
 */
import { clvExpr } from './tables';

/** The CLV of a row of `clv_customers` (alias `c`) at the margin `$1`. */
const CLV = clvExpr('c', '$1');

/**
 * Headline figures at the margin `$1`: customers, CLV total, mean and median, expected purchases, mean P(alive),
 * customers without a CLV.
 */
export function clvTotalsSql(): string {
  return `WITH k AS (SELECT c.*, ${CLV} AS clv FROM clv_customers c)
SELECT count(*) AS customers, sum(clv) AS total_clv, avg(clv) AS mean_clv, median(clv) AS median_clv,
  sum(expected_purchases) AS expected_purchases, avg(p_alive) AS mean_p_alive,
  count(*) FILTER (WHERE clv IS NULL) AS without_clv
FROM k`;
}

/**
 * Histogram of CLV at the margin `$1` in `$2` equal bins from min(0, lowest CLV) to the 99th percentile; CLVs
 * above it fall in the last bin (`clipped` customers). Rows: `bin_start`, `bin_end`, `customers`, `clipped`.
 */
export function clvDistributionSql(): string {
  return `WITH k AS (SELECT ${CLV} AS clv FROM clv_customers c),
c AS (SELECT clv FROM k WHERE clv IS NOT NULL AND isfinite(clv)),
b AS (SELECT least(0, min(clv)) AS lo, quantile_cont(clv, 0.99) AS hi FROM c),
w AS (SELECT lo, hi, CASE WHEN hi > lo THEN (hi - lo) / CAST($2 AS INTEGER) ELSE 1 END AS width FROM b),
binned AS (
  SELECT CAST(least(floor((c.clv - w.lo) / w.width), CAST($2 AS INTEGER) - 1) AS INTEGER) AS bin, c.clv > w.hi AS above
  FROM c, w
)
SELECT w.lo + bin * w.width AS bin_start, w.lo + (bin + 1) * w.width AS bin_end,
  count(*) AS customers, count(*) FILTER (WHERE above) AS clipped
FROM binned, w GROUP BY ALL ORDER BY bin_start`;
}

/**
 * CLV at the margin `$1` and P(alive) per RFM segment (join on `customer_id`), in the segments' order: the segment's
 * key (named at render), customers, total and mean CLV, mean P(alive), mean expected purchases, revenue to date
 * per customer.
 */
export function clvBySegmentSql(): string {
  return `SELECT r.segment_key, any_value(r.segment_order) AS segment_order, count(*) AS customers,
  sum(${CLV}) AS total_clv, avg(${CLV}) AS mean_clv, avg(c.p_alive) AS mean_p_alive,
  avg(c.expected_purchases) AS mean_expected_purchases, avg(c.revenue) AS revenue_per_customer
FROM clv_customers c JOIN rfm_customers r USING (customer_id)
GROUP BY r.segment_key ORDER BY segment_order`;
}

/**
 * The top customers table's source, CLV at the margin `$1`: `clv_customers` with the RFM segment's key
 * (`segment_key`, named at render) when `rfm_customers` is joined.
 */
export function topCustomersSource(withSegments: boolean): string {
  const columns = `c.customer_id, c.frequency, c.recency, c.T, c.monetary_value, c.revenue, c.p_alive,
    c.expected_purchases, c.expected_avg_value, ${CLV} AS clv`;
  return withSegments
    ? `(SELECT ${columns}, r.segment_key FROM clv_customers c LEFT JOIN rfm_customers r USING (customer_id))`
    : `(SELECT ${columns} FROM clv_customers c)`;
}

/**
 * The frequency × recency grid's extent from `clv_summary`: frequencies 0 … the 99th percentile of x (kept within
 * 5 … 30), and T = the longest observation (days): the hypothetical customers have been customers that long.
 */
export function gridBoundsSql(): string {
  return `SELECT CAST(least(30, greatest(5, coalesce(quantile_disc(x, 0.99), 0))) AS INTEGER) AS max_x,
  coalesce(max(T_days), 0) AS max_T_days
FROM clv_summary`;
}
