import { RFM_CUSTOMERS } from './tables';
import type { Segment } from './segments';

/**
 * Per segment, in segment order (every segment listed, an empty one with 0 customers): customers and their share,
 * revenue (sum of monetary) and its share, average order value (revenue ÷ orders), medians of R, F, M days/orders/money.
 * Parameters: each segment's name, in order (`$1`, `$2`, …).
 */
export function segmentSummarySql(segments: readonly Segment[]): { sql: string; params: unknown[] } {
  const values = segments.map((s, i) => `(${s.order}, '${s.key}', CAST($${i + 1} AS VARCHAR))`).join(', ');
  const sql = `WITH s AS (
  SELECT segment_order, count(*) AS customers, sum(monetary) AS revenue, sum(frequency) AS orders,
    median(recency_days) AS median_recency_days, median(frequency) AS median_frequency, median(monetary) AS median_monetary
  FROM ${RFM_CUSTOMERS} GROUP BY segment_order
),
total AS (SELECT count(*) AS customers, sum(monetary) AS revenue FROM ${RFM_CUSTOMERS})
SELECT seg.segment_key, seg.segment, coalesce(s.customers, 0) AS customers,
  coalesce(s.customers, 0) / nullif(total.customers, 0) AS customer_share,
  coalesce(s.revenue, 0) AS revenue,
  CAST(coalesce(s.revenue, 0) AS DOUBLE) / nullif(CAST(total.revenue AS DOUBLE), 0) AS revenue_share,
  CAST(s.revenue AS DOUBLE) / nullif(s.orders, 0) AS average_order_value,
  s.median_recency_days, s.median_frequency, CAST(s.median_monetary AS DOUBLE) AS median_monetary
FROM (VALUES ${values}) seg(segment_order, segment_key, segment)
LEFT JOIN s USING (segment_order) CROSS JOIN total
ORDER BY seg.segment_order`;
  return { sql, params: segments.map((s) => s.name) };
}

/** Customers, revenue and mean monetary per R × F cell (only cells with customers). */
export function heatmapSql(): string {
  return `SELECT r_score, f_score, count(*) AS customers, sum(monetary) AS revenue, CAST(avg(monetary) AS DOUBLE) AS mean_monetary
FROM ${RFM_CUSTOMERS} GROUP BY r_score, f_score ORDER BY r_score, f_score`;
}
