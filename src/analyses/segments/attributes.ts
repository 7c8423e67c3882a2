import { ident, literal } from '../../db/sql';
import { CUSTOMER_FACTS } from '../../model/customer-facts';

/** Default age bands: <25, 25–34, 35–44, 45–54, 55+ (the lower bounds of the bands after the first). */
export const DEFAULT_AGE_CUTS = [25, 35, 45, 55];

/** Band labels for cut points: `<25`, `25-34`, …, `55+`. */
export function ageBandLabels(cuts: readonly number[]): string[] {
  const c = [...cuts].sort((a, b) => a - b);
  return [`<${c[0]}`, ...c.slice(0, -1).map((lo, i) => `${lo}-${c[i + 1]! - 1}`), `${c[c.length - 1]}+`];
}

/** SQL: the band label of an age expression. */
export function ageBandSql(age: string, cuts: readonly number[]): string {
  const c = [...cuts].sort((a, b) => a - b).map((x) => Math.floor(x));
  const labels = ageBandLabels(c);
  return `CASE WHEN ${age} IS NULL THEN NULL ${c.map((x, i) => `WHEN ${age} < ${x} THEN ${literal(labels[i]!)}`).join(' ')} ELSE ${literal(labels[labels.length - 1]!)} END`;
}

/** Whole years from a birth date to the as-of date `$1`. */
const ageAt = (birth: string) =>
  `(date_part('year', CAST($1 AS DATE)) - date_part('year', ${birth}) - CASE WHEN strftime(CAST($1 AS DATE), '%m%d') < strftime(${birth}, '%m%d') THEN 1 ELSE 0 END)`;

/** Which attributes a customer has, and where each comes from. */
export interface AttributeSources {
  /** The customer file is loaded (`customer_profile`, `customer_attrs`). */
  customers: boolean;
  /** The age or birth-date column's header, as an attribute in bands. */
  age: { header: string; from: 'birth_date' | 'age' } | null;
  cuts: readonly number[];
  /** The signup date column's header, as an attribute by year. */
  signup: string | null;
  /** Dimensions of the transactions (their headers): a customer's most frequent value, ties to the latest order. */
  orderDims: { dim: 'channel' | 'region' | 'payment'; header: string }[];
}

/**
 * One row per customer and attribute value (`customer_id, attribute, value`; `attribute` the header as written), for
 * the as-of date `$1`: the customer file's categorical columns, age in bands, signup year, and the transactions' own
 * dimensions.
 */
export function attributeRowsSql(src: AttributeSources): string {
  const parts: string[] = [];
  if (src.customers) parts.push('SELECT customer_id, attribute, value FROM customer_attrs');
  if (src.customers && src.age) {
    const age = src.age.from === 'age' ? 'age' : ageAt('birth_date');
    parts.push(`SELECT customer_id, ${literal(src.age.header)}, ${ageBandSql(age, src.cuts)} FROM customer_profile WHERE ${src.age.from} IS NOT NULL`);
  }
  if (src.customers && src.signup) {
    parts.push(`SELECT customer_id, ${literal(src.signup)}, CAST(year(signup_date) AS VARCHAR) FROM customer_profile WHERE signup_date IS NOT NULL`);
  }
  for (const d of src.orderDims) {
    parts.push(`SELECT customer_id, ${literal(d.header)}, arg_max(v, (n, last_ts)) FROM (
      SELECT customer_id, ${ident(d.dim)} AS v, count(*) AS n, max(order_ts) AS last_ts FROM orders
      WHERE kind = 'purchase' AND order_ts < CAST($1 AS DATE) + INTERVAL 1 DAY AND ${ident(d.dim)} IS NOT NULL GROUP BY 1, 2) GROUP BY 1`);
  }
  const sql = parts.length
    ? parts.map((p, i) => (i === 0 ? `SELECT * FROM (${p}) t(customer_id, attribute, value)` : p)).join('\nUNION ALL ')
    : 'SELECT NULL::VARCHAR AS customer_id, NULL::VARCHAR AS attribute, NULL::VARCHAR AS value WHERE false';
  // Every form binds the as-of date `$1`, also when no attribute depends on it (no age from a birth date, no dimension).
  return sql.includes('$1') ? sql : `SELECT * FROM (${sql}) WHERE CAST($1 AS DATE) IS NOT NULL`;
}

/**
 * `attribute_segments.csv` for the as-of date `$1` (needs `customer_facts`): per attribute and value, over the
 * customers with a purchase up to it: customers, share (of those with a value for the attribute), revenue, share,
 * orders per customer, average order value, repeat rate (2+ purchases).
 */
export function attributeSegmentsSql(src: AttributeSources): string {
  return `WITH a AS (${attributeRowsSql(src)}),
c AS (SELECT a.attribute, a.value, f.purchases, f.revenue FROM a JOIN ${CUSTOMER_FACTS} f USING (customer_id) WHERE a.value IS NOT NULL)
SELECT attribute, value, count(*) AS customers,
  round(count(*) / sum(count(*)) OVER (PARTITION BY attribute), 4) AS customer_share,
  CAST(sum(revenue) AS DECIMAL(18,2)) AS revenue,
  round(sum(revenue) / nullif(sum(sum(revenue)) OVER (PARTITION BY attribute), 0), 4) AS revenue_share,
  round(sum(purchases) / count(*), 2) AS orders_per_customer,
  round(sum(revenue) / nullif(sum(purchases), 0), 2) AS average_order_value,
  round(count(*) FILTER (WHERE purchases >= 2) / count(*), 4) AS repeat_rate
FROM c GROUP BY attribute, value ORDER BY attribute, customers DESC, value`;
}

/**
 * Per attribute and value: the period-1 retention (customers who bought again in the month after their first
 * purchase's month, of those whose next month has ended by the as-of date `$1`).
 */
export function attributeRetentionSql(src: AttributeSources): string {
  return `WITH a AS (${attributeRowsSql(src)}),
p AS (SELECT f.customer_id,
    bool_or(date_trunc('month', o.order_date) = date_trunc('month', f.first_purchase) + INTERVAL 1 MONTH) AS back
  FROM ${CUSTOMER_FACTS} f JOIN orders o USING (customer_id)
  WHERE o.kind = 'purchase' AND date_trunc('month', f.first_purchase) + INTERVAL 2 MONTH <= CAST($1 AS DATE) + INTERVAL 1 DAY
  GROUP BY 1)
SELECT a.attribute, a.value, count(*) AS customers, round(avg(CASE WHEN p.back THEN 1.0 ELSE 0.0 END), 4) AS period1_retention
FROM a JOIN p USING (customer_id) WHERE a.value IS NOT NULL GROUP BY 1, 2`;
}

/** Customers of each value of attribute `$2` by value of attribute `$3` (a cross-tab, long layout). */
export function crosstabSql(src: AttributeSources): string {
  return `WITH a AS (${attributeRowsSql(src)}),
f AS (SELECT customer_id FROM ${CUSTOMER_FACTS})
SELECT x.value AS value_a, y.value AS value_b, count(*) AS customers
FROM a x JOIN a y USING (customer_id) JOIN f USING (customer_id)
WHERE x.attribute = $2 AND y.attribute = $3 AND x.value IS NOT NULL AND y.value IS NOT NULL
GROUP BY 1, 2 ORDER BY 1, 2`;
}

/** How the customer file matches the transactions up to the as-of date of `customer_facts` (built first). */
export function matchReportSql(): string {
  return `SELECT
  (SELECT count(*) FROM ${CUSTOMER_FACTS} f WHERE NOT EXISTS (SELECT 1 FROM customer_profile p WHERE p.customer_id = f.customer_id)) AS customers_without_attributes,
  (SELECT count(*) FROM customer_profile p WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = p.customer_id)) AS attribute_rows_without_transactions,
  (SELECT round(sum(revenue) FILTER (WHERE customer_id IN (SELECT customer_id FROM customer_profile)) / nullif(sum(revenue), 0), 4) FROM ${CUSTOMER_FACTS}) AS revenue_covered,
  (SELECT count(*) FROM customer_profile) AS customer_rows,
  (SELECT count(*) FROM customer_duplicates) AS duplicate_rows`;
}

/** Customers per attribute value and RFM segment (`segment_key` of `rfmTable`), for the segment mix. */
export function segmentMixSql(src: AttributeSources, rfmTable: string): string {
  return `WITH a AS (${attributeRowsSql(src)})
SELECT a.attribute, a.value, r.segment_key, count(*) AS customers
FROM a JOIN ${rfmTable} r USING (customer_id) WHERE a.value IS NOT NULL GROUP BY 1, 2, 3`;
}
