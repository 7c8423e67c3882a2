import { RFM_CUSTOMERS } from './tables';
import type { NameSql } from './rfm-sql';
import type { Segment } from './segments';

/** One row of the segment summary (see `segmentSummarySql`). */
export interface SummaryRow extends Record<string, unknown> {
  segment_key: string;
  segment_order: number;
  customers: number;
  customer_share: number | null;
  revenue: number;
  revenue_share: number | null;
  average_order_value: number | null;
  median_recency_days: number | null;
  median_frequency: number | null;
  median_monetary: number | null;
}

const SUMMARY_COLUMNS = `customers, customer_share, revenue, revenue_share, average_order_value,
  median_recency_days, median_frequency, median_monetary`;

/**
 * Per segment, in segment order (every segment listed, an empty one with 0 customers): `segment_key`,
 * `segment_order`, customers and their share, revenue (sum of monetary, net) and its share, average order value
 * (revenue ÷ purchase orders), medians of R, F, M days/orders/money. No names: they are the UI's (see `segmentSummaryExportSql`).
 */
export function segmentSummarySql(segments: readonly Segment[]): string {
  const values = segments.map((s) => `(${s.order}, '${s.key}')`).join(', ');
  return `WITH s AS (
  SELECT segment_order, count(*) AS customers, sum(monetary) AS revenue, sum(frequency) AS orders,
    median(recency_days) AS median_recency_days, median(frequency) AS median_frequency, median(monetary) AS median_monetary
  FROM ${RFM_CUSTOMERS} GROUP BY segment_order
),
total AS (SELECT count(*) AS customers, sum(monetary) AS revenue FROM ${RFM_CUSTOMERS})
SELECT seg.segment_key, seg.segment_order, coalesce(s.customers, 0) AS customers,
  coalesce(s.customers, 0) / nullif(total.customers, 0) AS customer_share,
  coalesce(s.revenue, 0) AS revenue,
  CAST(coalesce(s.revenue, 0) AS DOUBLE) / nullif(CAST(total.revenue AS DOUBLE), 0) AS revenue_share,
  CAST(s.revenue AS DOUBLE) / nullif(s.orders, 0) AS average_order_value,
  s.median_recency_days, s.median_frequency, CAST(s.median_monetary AS DOUBLE) AS median_monetary
FROM (VALUES ${values}) seg(segment_order, segment_key)
LEFT JOIN s USING (segment_order) CROSS JOIN total
ORDER BY seg.segment_order`;
}

/** `rfm_segments.csv`: the summary with `segment` (its name, `name` binding the names from `$1`) after the key. */
export function segmentSummaryExportSql(segments: readonly Segment[], name: NameSql): { sql: string; params: string[] } {
  return {
    sql: `SELECT segment_key, ${name.sql} AS segment, ${SUMMARY_COLUMNS}
FROM (${segmentSummarySql(segments)}) ORDER BY segment_order`,
    params: name.params,
  };
}

/** Customers, revenue and mean monetary per R × F cell (only cells with customers). */
export function heatmapSql(source: string = RFM_CUSTOMERS): string {
  return `SELECT r_score, f_score, count(*) AS customers, sum(monetary) AS revenue, CAST(avg(monetary) AS DOUBLE) AS mean_monetary
FROM ${source} GROUP BY r_score, f_score ORDER BY r_score, f_score`;
}
