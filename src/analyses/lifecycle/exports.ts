import { LIFECYCLE_CUSTOMERS } from './tables';
import { valueColumns, type ValueJoin } from './value-tables';

/**
 * The at-risk customers of `lifecycle_customers` with their value: `customer_id, first_order, last_order, orders,
 * revenue, days_since_last_order, median_gap_days, overdue_ratio` (days since the last purchase ÷ their median
 * gap), then `r_score, f_score, m_score, rfm_score, segment` and `p_alive, clv` when available. Most valuable first
 * (CLV when known, else revenue).
 */
export function atRiskSql(v: ValueJoin): string {
  const { select, joins } = valueColumns(v);
  return `SELECT l.customer_id, l.first_order, l.last_order, l.orders, l.revenue, l.days_since_last_order, l.median_gap_days,
  l.days_since_last_order / l.median_gap_days AS overdue_ratio${select}
FROM ${LIFECYCLE_CUSTOMERS} l ${joins}
WHERE l.stage = 'at_risk'
ORDER BY ${v.clv ? `${v.clv.clv} DESC NULLS LAST, ` : ''}l.revenue DESC, l.customer_id`;
}

/**
 * `lifecycle.csv`, one row per customer: `customer_id, first_order, last_order, orders, revenue,
 * days_since_last_order, median_gap_days, stage, churned`, then the RFM columns (`r_score, f_score, m_score,
 * rfm_score, segment`), the CLV columns (`p_alive, clv`) and the churn model's `churn_probability` when available.
 */
export function lifecycleExportSql(v: ValueJoin): string {
  const { select, joins } = valueColumns(v);
  return `SELECT l.customer_id, l.first_order, l.last_order, l.orders, l.revenue, l.days_since_last_order, l.median_gap_days,
  l.stage, l.churned${select}
FROM ${LIFECYCLE_CUSTOMERS} l ${joins}
ORDER BY l.customer_id`;
}
