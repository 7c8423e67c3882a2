import { literal } from '../../db/sql';
import { CUSTOMER_FACTS } from '../../model/customer-facts';

/** The table of each customer's cluster (built from the worker's labels). */
export const CUSTOMER_CLUSTERS = 'customer_clusters';

const FEATURES = `date_diff('day', last_purchase, CAST($1 AS DATE)) AS recency_days, purchases AS frequency, CAST(revenue AS DOUBLE) AS monetary`;

/** The features of every customer with a purchase up to the as-of date `$1`, in customer order (needs `customer_facts`). */
export function clusterFeaturesSql(): string {
  return `SELECT customer_id, ${FEATURES}
FROM ${CUSTOMER_FACTS} ORDER BY customer_id`;
}

/** The numeric features of `clusterFeaturesSql`, in the same order, for `Db.queryColumns` (no customer ids). */
export function clusterFeatureColumnsSql(): string {
  return `SELECT ${FEATURES}
FROM ${CUSTOMER_FACTS} ORDER BY customer_id`;
}

/**
 * Creates `customer_clusters` (customer_id, cluster) from the labels file `file` (`labelsCsv`: one cluster per
 * line, in customer order as `clusterFeaturesSql`; needs `customer_facts`), matching the n-th label to the n-th customer.
 */
export function createClustersSql(file: string): string {
  return `CREATE OR REPLACE TABLE ${CUSTOMER_CLUSTERS} AS
SELECT f.customer_id, l.cluster
FROM (SELECT customer_id, row_number() OVER (ORDER BY customer_id) AS n FROM ${CUSTOMER_FACTS}) f
JOIN (SELECT row_number() OVER () AS n, cluster FROM read_csv(${literal(file)}, header = true, columns = {'cluster': 'INTEGER'})) l USING (n)
ORDER BY f.customer_id`;
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

/**
 * A fitted clustering as a rule for any customer: the features are standardised with the fit's `mean` and `sd`
 * (a column with sd 0 is left at 0, as in the fit), then the customer joins the nearest of `centroids` (standard
 * units, `centroids[i]` is cluster i + 1).
 */
export interface ClusterModel {
  mean: readonly number[];
  sd: readonly number[];
  centroids: readonly (readonly number[])[];
}

function finite(x: number | undefined): string {
  if (x === undefined || !Number.isFinite(x)) throw new Error(`not a finite number: ${x}`);
  return String(x);
}

/**
 * Each customer of `source` (customer_id, recency_days, frequency, monetary) with its `cluster` under `model`: the
 * nearest centroid in the fit's standard units of ln(1 + R), ln(1 + F), ln(1 + max(M, 0)); a tie goes to the lower
 * cluster.
 */
export function clusterAssignSql(model: ClusterModel, source: string): string {
  if (model.centroids.length === 0) throw new Error('a cluster model needs a centroid');
  const features = ['recency_days', 'frequency', 'monetary'].map((c, j) => {
    const sd = model.sd[j] ?? 0;
    return sd > 0 ? `(ln(1 + greatest(CAST(s.${c} AS DOUBLE), 0)) - ${finite(model.mean[j])}) / ${finite(sd)}` : '0.0';
  });
  const centroids = model.centroids.map((c, i) => `(${i + 1}, ${[0, 1, 2].map((j) => finite(c[j])).join(', ')})`).join(', ');
  return `SELECT customer_id, CAST(first(cluster ORDER BY dist, cluster) AS INTEGER) AS cluster
FROM (
  SELECT s.customer_id, c.cluster,
    power(${features[0]} - c.z0, 2) + power(${features[1]} - c.z1, 2) + power(${features[2]} - c.z2, 2) AS dist
  FROM ${source} s CROSS JOIN (VALUES ${centroids}) c(cluster, z0, z1, z2)
) d
GROUP BY customer_id`;
}
