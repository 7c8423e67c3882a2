import { literal } from '../../db/sql';
import { CUSTOMER_FACTS } from '../../model/customer-facts';

/** The table of each customer's cluster (built from the worker's labels). */
export const CUSTOMER_CLUSTERS = 'customer_clusters';

/** The features of every customer with a purchase up to the as-of date `$1`, in customer order (needs `customer_facts`). */
export function clusterFeaturesSql(): string {
  return `SELECT customer_id, date_diff('day', last_purchase, CAST($1 AS DATE)) AS recency_days, purchases AS frequency, CAST(revenue AS DOUBLE) AS monetary
FROM ${CUSTOMER_FACTS} ORDER BY customer_id`;
}

/** `clusters.csv`: customer_id, cluster, recency_days, frequency, monetary (`$1` the as-of date). */
export function clustersExportSql(): string {
  return `SELECT c.customer_id, c.cluster, f.recency_days, f.frequency, f.monetary
FROM ${CUSTOMER_CLUSTERS} c JOIN (${clusterFeaturesSql()}) f USING (customer_id) ORDER BY c.cluster, c.customer_id`;
}

/**
 * Per cluster: customers, share, revenue share and the mean recency, frequency and monetary value (`$1` the as-of
 * date). With `names` (cluster → display name) and `inertia` (cluster → share of the inertia), `cluster_profiles.csv`.
 */
export function clusterProfilesSql(names?: readonly string[], inertia?: readonly number[]): string {
  const extra = names && inertia
    ? `, n.name, n.inertia_share FROM p JOIN (VALUES ${names.map((name, i) => `(${i + 1}, ${literal(name)}, ${Number.isFinite(inertia[i]) ? inertia[i] : 'NULL'})`).join(', ')}) n(cluster, name, inertia_share) USING (cluster)`
    : ' FROM p';
  return `WITH p AS (SELECT c.cluster, count(*) AS customers, round(count(*) / sum(count(*)) OVER (), 4) AS customer_share,
    round(sum(f.monetary) / nullif(sum(sum(f.monetary)) OVER (), 0), 4) AS revenue_share,
    round(avg(f.recency_days), 1) AS recency_days, round(avg(f.frequency), 2) AS frequency, round(avg(f.monetary), 2) AS monetary
  FROM ${CUSTOMER_CLUSTERS} c JOIN (${clusterFeaturesSql()}) f USING (customer_id) GROUP BY c.cluster)
SELECT cluster${names && inertia ? ', name' : ''}, customers, customer_share, revenue_share, recency_days, frequency, monetary${names && inertia ? ', inertia_share' : ''}
FROM (SELECT p.*${extra}) ORDER BY cluster`;
}

/** Customers per cluster and RFM segment (`rfmTable`'s segment_key). */
export function clusterSegmentMixSql(rfmTable: string): string {
  return `SELECT c.cluster, r.segment_key, count(*) AS customers FROM ${CUSTOMER_CLUSTERS} c JOIN ${rfmTable} r USING (customer_id) GROUP BY 1, 2 ORDER BY 1, 3 DESC`;
}
