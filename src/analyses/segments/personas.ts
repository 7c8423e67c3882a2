import { LINES } from '../../model/orders';
import { ident } from '../../db/sql';
import { CUSTOMER_FACTS } from '../../model/customer-facts';

/** The purchase lines and orders up to the as-of date `$1`. */
const UP_TO = `order_ts < CAST($1 AS DATE) + INTERVAL 1 DAY`;

/**
 * SQL: per group, how many rows of `source` (rows with `grp`) have each value of each expression in `exprs` (named
 * by its key), in one pass over `source` (one grouping set per expression; the other keys are NULL in its rows).
 */
function valueCounts(source: string, exprs: Record<string, string>): string {
  const keys = Object.keys(exprs).map(ident);
  const columns = Object.entries(exprs).map(([k, e]) => `${e} AS ${ident(k)}`);
  return `SELECT grp, ${keys.join(', ')}, count(*) AS n FROM (SELECT grp, ${columns.join(', ')} FROM ${source})
  GROUP BY GROUPING SETS (${keys.map((k) => `(grp, ${k})`).join(', ')})`;
}

/** SQL: per group, the most frequent value `key` of the counts `counts` (`valueCounts`), ties to the smallest value. */
function top(counts: string, key: string, as: string): string {
  return `(SELECT grp, arg_max(v, (n, -rank)) AS ${as} FROM (
    SELECT grp, v, n, row_number() OVER (PARTITION BY grp ORDER BY v) AS rank FROM (SELECT grp, ${ident(key)} AS v, n FROM ${counts} WHERE ${ident(key)} IS NOT NULL)
  ) GROUP BY grp)`;
}

/**
 * One persona per group of `groups` (a query of `customer_id, grp`; needs `customer_facts` for the as-of date `$1`):
 * customers, shares of customers and revenue, median recency, frequency and monetary, average order value, the top
 * category and product (by purchase lines), the preferred channel and payment, when they buy (weekday 1 = Monday,
 * hour, month; by purchases), and, with a customer file, the commonest gender and region.
 */
export function personasSql(groups: string, customers: boolean): string {
  return `WITH g AS (SELECT customer_id, CAST(grp AS VARCHAR) AS grp FROM (${groups})),
f AS (SELECT g.grp, c.* FROM g JOIN ${CUSTOMER_FACTS} c USING (customer_id)),
o AS (SELECT g.grp, o.channel, o.payment, o.order_ts FROM g JOIN orders o USING (customer_id) WHERE o.kind = 'purchase' AND o.${UP_TO}),
l AS (SELECT g.grp, t.product, t.category FROM g JOIN ${LINES} t USING (customer_id) WHERE t.amount > 0 AND t.${UP_TO}),
lc AS (${valueCounts('l', { category: 'category', product: 'product' })}),
oc AS (${valueCounts('o', { channel: ident('channel'), payment: ident('payment'), weekday: 'isodow(order_ts)', hour: 'hour(order_ts)', month: 'month(order_ts)' })}),
${customers ? `pc AS (${valueCounts('(SELECT g.grp, p.gender, coalesce(p.province, p.country, p.city) AS region FROM g JOIN customer_profile p USING (customer_id))', { gender: 'gender', region: 'region' })}),` : ''}
base AS (SELECT grp, count(*) AS customers, sum(revenue) AS revenue,
    median(date_diff('day', last_purchase, CAST($1 AS DATE))) AS median_recency_days, median(purchases) AS median_frequency,
    round(median(revenue), 2) AS median_monetary, round(sum(revenue) / nullif(sum(purchases), 0), 2) AS average_order_value
  FROM f GROUP BY grp)
SELECT b.grp AS "group", b.customers, round(b.customers / sum(b.customers) OVER (), 4) AS customer_share,
  round(b.revenue / nullif(sum(b.revenue) OVER (), 0), 4) AS revenue_share,
  b.median_recency_days, b.median_frequency, b.median_monetary, b.average_order_value,
  tc.top_category, tp.top_product, ch.channel, pa.payment, wd.weekday, hr.hour, mo.month
  ${customers ? ', ge.gender, re.region' : ', NULL::VARCHAR AS gender, NULL::VARCHAR AS region'}
FROM base b
LEFT JOIN ${top('lc', 'category', 'top_category')} tc USING (grp)
LEFT JOIN ${top('lc', 'product', 'top_product')} tp USING (grp)
LEFT JOIN ${top('oc', 'channel', 'channel')} ch USING (grp)
LEFT JOIN ${top('oc', 'payment', 'payment')} pa USING (grp)
LEFT JOIN ${top('oc', 'weekday', 'weekday')} wd USING (grp)
LEFT JOIN ${top('oc', 'hour', 'hour')} hr USING (grp)
LEFT JOIN ${top('oc', 'month', 'month')} mo USING (grp)
${customers ? `LEFT JOIN ${top('pc', 'gender', 'gender')} ge USING (grp) LEFT JOIN ${top('pc', 'region', 'region')} re USING (grp)` : ''}
ORDER BY b.revenue DESC NULLS LAST, b.grp`;
}

/** Groups: the RFM segments of `rfmTable`. */
export function segmentGroups(rfmTable: string): string {
  return `SELECT customer_id, segment_key AS grp FROM ${rfmTable}`;
}

/** Groups: the clusters of `customer_clusters`. */
export function clusterGroups(): string {
  return `SELECT customer_id, cluster AS grp FROM customer_clusters`;
}
