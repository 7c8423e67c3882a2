import { RFM_CUSTOMERS } from './tables';
import type { Tiers } from './settings';

/** Tier cut-offs as whole basis points (1 % = 100), within 0–100 %, A first. */
export function tierBasisPoints(tiers: Tiers): { a: number; ab: number } {
  const bp = (v: number) => Math.round(Math.min(100, Math.max(0, Number.isFinite(v) ? v : 0)) * 100);
  const a = bp(tiers.a);
  return { a, ab: Math.min(10000, a + bp(tiers.b)) };
}

/**
 * The tier of a customer: A when its monetary rank (RANK() by monetary, most money first, ties sharing the best
 * rank) is within the top `a` % of the N customers (rank ≤ ⌈N·a/100⌉), B within the top `a + b` %, else C. Tied
 * customers share a tier, so a tier may hold slightly more than its share. Integer arithmetic only.
 */
export function tierSql(tiers: Tiers, rank: string, count: string): string {
  const { a, ab } = tierBasisPoints(tiers);
  return `CASE WHEN ${rank} <= (${count} * ${a} + 9999) // 10000 THEN 'A' WHEN ${rank} <= (${count} * ${ab} + 9999) // 10000 THEN 'B' ELSE 'C' END`;
}

/** Customers, revenue and their shares per tier (every tier listed, even an empty one). */
export function tierSummarySql(): string {
  return `WITH t AS (SELECT tier, count(*) AS customers, sum(monetary) AS revenue, min(monetary) AS min_monetary FROM ${RFM_CUSTOMERS} GROUP BY tier),
total AS (SELECT count(*) AS customers, sum(monetary) AS revenue FROM ${RFM_CUSTOMERS})
SELECT tiers.tier, coalesce(t.customers, 0) AS customers,
  coalesce(t.customers, 0) / nullif(total.customers, 0) AS customer_share,
  coalesce(t.revenue, 0) AS revenue,
  CAST(coalesce(t.revenue, 0) AS DOUBLE) / nullif(CAST(total.revenue AS DOUBLE), 0) AS revenue_share,
  t.min_monetary
FROM (VALUES ('A'), ('B'), ('C')) tiers(tier) LEFT JOIN t USING (tier) CROSS JOIN total
ORDER BY tiers.tier`;
}

/**
 * The Pareto curve: customers sorted by monetary (most first), cumulative share of customers against cumulative
 * share of revenue, at about `points` evenly spaced places plus (0, 0) and the last customer.
 */
export function paretoSql(points = 200, source: string = RFM_CUSTOMERS): string {
  const p = Math.max(10, Math.round(points));
  // Tied customers have equal money, so the running sum at any row is the same whatever their order.
  return `WITH o AS (
  SELECT row_number() OVER w AS i, sum(monetary) OVER w AS cum
  FROM ${source}
  WINDOW w AS (ORDER BY monetary DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
),
t AS (SELECT count(*) AS n, sum(monetary) AS total FROM ${source})
SELECT 0.0::DOUBLE AS customer_share, 0.0::DOUBLE AS revenue_share
UNION ALL
SELECT i / n AS customer_share, CAST(cum AS DOUBLE) / nullif(CAST(total AS DOUBLE), 0) AS revenue_share
FROM o CROSS JOIN t WHERE i = n OR (i * ${p}) // n > ((i - 1) * ${p}) // n
ORDER BY customer_share`;
}
