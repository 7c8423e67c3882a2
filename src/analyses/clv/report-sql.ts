/** Figures of the CLV view over `clv_customers` (built by `model.ts`). */

/** Headline figures: customers, CLV total, mean and median, expected purchases, mean P(alive), customers without a CLV. */
export function clvTotalsSql(): string {
  return `SELECT count(*) AS customers, sum(clv) AS total_clv, avg(clv) AS mean_clv, median(clv) AS median_clv,
  sum(expected_purchases) AS expected_purchases, avg(p_alive) AS mean_p_alive,
  count(*) FILTER (WHERE clv IS NULL) AS without_clv
FROM clv_customers`;
}

/**
 * Histogram of CLV in `$1` equal bins from min(0, lowest CLV) to the 99th percentile; CLVs above it fall in the
 * last bin (`clipped` customers). Rows: `bin_start`, `bin_end`, `customers`, `clipped`.
 */
export function clvDistributionSql(): string {
  return `WITH c AS (SELECT clv FROM clv_customers WHERE clv IS NOT NULL AND isfinite(clv)),
b AS (SELECT least(0, min(clv)) AS lo, quantile_cont(clv, 0.99) AS hi FROM c),
w AS (SELECT lo, hi, CASE WHEN hi > lo THEN (hi - lo) / CAST($1 AS INTEGER) ELSE 1 END AS width FROM b),
binned AS (
  SELECT CAST(least(floor((c.clv - w.lo) / w.width), CAST($1 AS INTEGER) - 1) AS INTEGER) AS bin, c.clv > w.hi AS above
  FROM c, w
)
SELECT w.lo + bin * w.width AS bin_start, w.lo + (bin + 1) * w.width AS bin_end,
  count(*) AS customers, count(*) FILTER (WHERE above) AS clipped
FROM binned, w GROUP BY ALL ORDER BY bin_start`;
}

/**
 * CLV and P(alive) per RFM segment (join on `customer_id`), in the segments' order: customers, total and mean CLV,
 * mean P(alive), mean expected purchases, revenue to date per customer.
 */
export function clvBySegmentSql(): string {
  return `SELECT r.segment, any_value(r.segment_order) AS segment_order, count(*) AS customers,
  sum(c.clv) AS total_clv, avg(c.clv) AS mean_clv, avg(c.p_alive) AS mean_p_alive,
  avg(c.expected_purchases) AS mean_expected_purchases, avg(c.revenue) AS revenue_per_customer
FROM clv_customers c JOIN rfm_customers r USING (customer_id)
GROUP BY r.segment ORDER BY segment_order`;
}

/** The top customers table's source: `clv_customers` with the RFM segment when `rfm_customers` is there. */
export function topCustomersSource(withSegments: boolean): string {
  return withSegments
    ? `(SELECT c.customer_id, r.segment, c.frequency, c.recency, c.T, c.monetary_value, c.revenue, c.p_alive,
    c.expected_purchases, c.expected_avg_value, c.clv
  FROM clv_customers c LEFT JOIN rfm_customers r USING (customer_id))`
    : `(SELECT customer_id, frequency, recency, T, monetary_value, revenue, p_alive, expected_purchases, expected_avg_value, clv
  FROM clv_customers)`;
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
