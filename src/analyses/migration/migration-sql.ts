import { CUSTOMER_FACTS, customerFactsSql } from '../../model/customer-facts';
import type { TableSpec } from '../../query/query-layer';
import { addDays } from '../churn/dates';
import { rfmCustomersSelectSql, rfmMeasuresSql, rfmScoresSelectSql, type NameSql, type RfmOptions } from '../rfm/rfm-sql';
import { resolveSegments, segmentNameSql, type Segment } from '../rfm/segments';
import { clusterAssignSql, type ClusterModel } from '../segments/clusters-sql';

/**
 * Segment migration between two dates. Each date is scored on the orders up to it exactly as the RFM view scores
 * its as-of date (`customer_facts` → `rfm_measures` → `rfm_scores` → `rfm_customers`, the same SQL composed as CTEs
 * over `orders`, so the RFM view's tables are left alone), and every customer with a purchase up to the later date
 * is compared between the two. Nobody leaves the base: a customer who stopped buying is scored again at the later
 * date (and drifts down); one with no purchase up to the earlier date comes `(new)`.
 */

/** The per-customer migration table (see `createMigrationSql`). */
export const SEGMENT_MIGRATION = 'segment_migration';

/** The from-key of customers with no purchase up to the earlier date. */
export const NEW_KEY = '(new)';

/** What is compared: the RFM segment (`segment_key`), the A/B/C tier or the k-means cluster. */
export type MigrationBy = 'segment' | 'tier' | 'cluster';

/** The tiers as segments (key = the tier, best first), for `segmentNameSql` and for listing rows in order. */
export const TIER_SEGMENTS: readonly Segment[] = [
  { key: 'A', order: 0 },
  { key: 'B', order: 1 },
  { key: 'C', order: 2 },
];

/** The default dates: the as-of date and 90 days before it ('YYYY-MM-DD'). */
export function defaultMigrationDates(asOf: string): { from: string; to: string } {
  if (Number.isNaN(new Date(`${asOf}T00:00:00Z`).getTime())) throw new Error(`not a date: ${asOf}`);
  return { from: addDays(asOf, -90), to: asOf };
}

/** The clusters 1…k as segments (key = the number, order = number − 1). */
export function clusterSegments(k: number): readonly Segment[] {
  return [...Array(k).keys()].map((i) => ({ key: String(i + 1), order: i }));
}

/**
 * The rows (or columns) of the matrix in order: the scheme's segments ("Others" last), the tiers A, B, C or the
 * clusters 1…k of `clusters`.
 */
export function migrationAxis(options: RfmOptions, by: MigrationBy, clusters?: ClusterModel): readonly Segment[] {
  if (by === 'cluster') return clusterSegments(requireModel(by, clusters).centroids.length);
  return by === 'tier' ? TIER_SEGMENTS : resolveSegments(options.rules).segments;
}

function requireModel(by: MigrationBy, clusters: ClusterModel | undefined): ClusterModel {
  if (!clusters) throw new Error(`migration by ${by} needs a cluster model`);
  return clusters;
}

const FACTS_PREFIX = `CREATE OR REPLACE TABLE ${CUSTOMER_FACTS} AS\n`;

/** The query behind `customer_facts` with its as-of date bound as `param` instead of `$1`. */
function factsAt(param: string): string {
  const sql = customerFactsSql();
  if (!sql.startsWith(FACTS_PREFIX)) throw new Error('customerFactsSql no longer starts with its CREATE TABLE');
  return sql.slice(FACTS_PREFIX.length).replace(/\$1(?!\d)/g, param);
}

/** CTEs `<p>_facts`, `<p>_measures`, `<p>_scores`, `<p>_customers`: the RFM view's tables for the date `param`. */
function scoredAt(p: string, param: string, options: RfmOptions): string {
  return `${p}_facts AS (
${factsAt(param)}
),
${p}_measures AS (
${rfmMeasuresSql(`${p}_facts`, param)}
),
${p}_scores AS (
${rfmScoresSelectSql(options.scoring, `${p}_measures`)}
),
${p}_customers AS (
${rfmCustomersSelectSql(options, `${p}_scores`).sql}
)`;
}

/** CTE `<p>_clusters`: each customer of `<p>_customers` with its cluster under `model`. */
function clustersAt(p: string, model: ClusterModel): string {
  return `${p}_clusters AS (
${clusterAssignSql(model, `${p}_customers`)}
)`;
}

/**
 * The statement that (re)creates `segment_migration`, `$1` = the earlier ("from") date, `$2` = the later ("to") date
 * ('YYYY-MM-DD', `$1` ≤ `$2`). One row per customer with a purchase up to the to-date:
 * - `customer_id`;
 * - `from_key`, `to_key`: the customer's `segment_key` (or tier `A`/`B`/`C`, or cluster number `1`…`k` under
 *   `clusters`) at each date, scored as the RFM view would with that date as its as-of date (a cluster: the nearest
 *   centroid to the customer's R, F, M at that date); `from_key` is `(new)` for a customer with no purchase up to the
 *   from-date;
 * - `from_order`, `to_order`: the key's place in the scheme (`segment_order`, "Others" last; tiers A 0, B 1, C 2;
 *   cluster n at n − 1), `(new)` after every segment;
 * - `from_rank`, `to_rank`: the key's value rank, 1 = best (NULL for `(new)`), deciding "moving up / down".
 *   Tiers: A 1, B 2, C 3. Clusters: their number (numbered by mean monetary value when fitted, highest first).
 *   Segments: by the mean of r_score + f_score + m_score of the segment's members at the
 *   to-date, highest first; a segment empty at the to-date takes the mean of its members at the from-date instead;
 *   equal means are broken by the scheme's order. Every key has its own rank, so a change of key is a move up or
 *   down;
 * - `recency_days`, `frequency`, `monetary`, `r_score`, `f_score`, `m_score` at the to-date.
 * Also returns the axis (the segments or tiers, in order).
 */
export function createMigrationSql(options: RfmOptions, by: MigrationBy, clusters?: ClusterModel): { sql: string; axis: readonly Segment[] } {
  const axis = migrationAxis(options, by, clusters);
  const key = (a: string) => (by === 'tier' ? `${a}.tier` : by === 'cluster' ? `CAST(${a}c.cluster AS VARCHAR)` : `${a}.segment_key`);
  const order = (a: string) => (by === 'tier' ? `CASE ${a}.tier WHEN 'A' THEN 0 WHEN 'B' THEN 1 WHEN 'C' THEN 2 END` : by === 'cluster' ? `${a}c.cluster - 1` : `${a}.segment_order`);
  const fixed = by === 'segment' ? null : axis.map((s) => `(${s.order})`).join(', ');
  const ranks = fixed
    ? `ranks AS (SELECT ord, ord + 1 AS value_rank FROM (VALUES ${fixed}) v(ord))`
    : `later AS (SELECT to_order AS ord, avg(to_score_sum) AS v FROM moved GROUP BY to_order),
earlier AS (SELECT from_order AS ord, avg(from_score_sum) AS v FROM moved WHERE from_score_sum IS NOT NULL GROUP BY from_order),
ranks AS (
  SELECT coalesce(l.ord, e.ord) AS ord,
    row_number() OVER (ORDER BY coalesce(l.v, e.v) DESC, coalesce(l.ord, e.ord)) AS value_rank
  FROM later l FULL JOIN earlier e ON l.ord = e.ord
)`;
  const sql = `CREATE OR REPLACE TABLE ${SEGMENT_MIGRATION} AS
WITH ${scoredAt('from', '$1', options)},
${scoredAt('to', '$2', options)},${by === 'cluster' ? `\n${clustersAt('from', requireModel(by, clusters))},\n${clustersAt('to', requireModel(by, clusters))},` : ''}
moved AS (
  SELECT t.customer_id,
    coalesce(${key('f')}, '${NEW_KEY}') AS from_key, ${key('t')} AS to_key,
    CAST(coalesce(${order('f')}, ${axis.length}) AS INTEGER) AS from_order, CAST(${order('t')} AS INTEGER) AS to_order,
    f.r_score + f.f_score + f.m_score AS from_score_sum, t.r_score + t.f_score + t.m_score AS to_score_sum,
    t.recency_days, t.frequency, t.monetary, t.r_score, t.f_score, t.m_score
  FROM to_customers t LEFT JOIN from_customers f ON f.customer_id = t.customer_id${by === 'cluster' ? `
  JOIN to_clusters tc ON tc.customer_id = t.customer_id LEFT JOIN from_clusters fc ON fc.customer_id = f.customer_id` : ''}
),
${ranks}
SELECT m.customer_id, m.from_key, m.to_key, m.from_order, m.to_order,
  CAST(fr.value_rank AS INTEGER) AS from_rank, CAST(tr.value_rank AS INTEGER) AS to_rank,
  m.recency_days, m.frequency, m.monetary, m.r_score, m.f_score, m.m_score
FROM moved m
LEFT JOIN ranks fr ON fr.ord = m.from_order AND m.from_key <> '${NEW_KEY}'
JOIN ranks tr ON tr.ord = m.to_order`;
  return { sql, axis };
}

/** `segment_migration` for the two dates and settings, for the query layer (it reads `orders` only). */
export function segmentMigration(from: string, to: string, options: RfmOptions, by: MigrationBy, clusters?: ClusterModel): { spec: TableSpec; axis: readonly Segment[]; sql: string } {
  const { sql, axis } = createMigrationSql(options, by, clusters);
  return { spec: { name: SEGMENT_MIGRATION, key: { from, to, sql }, build: [{ sql, params: [from, to] }] }, axis, sql };
}

/** The non-empty cells with their places in the scheme. */
const CELLS = `SELECT from_key, to_key, from_order, to_order, CAST(count(*) AS INTEGER) AS customers
FROM ${SEGMENT_MIGRATION} GROUP BY from_key, to_key, from_order, to_order`;

function matrix(): string {
  return `SELECT from_key, to_key, from_order, to_order, customers,
  round(CAST(customers AS DOUBLE) / sum(customers) OVER (PARTITION BY from_key), 4) AS share_of_from
FROM (${CELLS}) cells`;
}

/**
 * The migration matrix, non-empty cells only: `from_key, to_key, customers, share_of_from` (customers / the
 * from-row's customers, 4 decimals), in the scheme's order by from then to, `(new)` the last from-row.
 */
export function migrationMatrixSql(): string {
  return `SELECT from_key, to_key, customers, share_of_from FROM (${matrix()}) m ORDER BY from_order, to_order`;
}

/**
 * The two name expressions of `migrationExportSql`: `from` over `from_key` from `$firstParam`, `to` over `to_key`
 * right after it (both bind the names of `axis`, in order).
 */
export function migrationNameSql(axis: readonly Segment[], names: readonly string[], firstParam = 1): { from: NameSql; to: NameSql } {
  return {
    from: segmentNameSql(axis, names, 'from_key', firstParam),
    to: segmentNameSql(axis, names, 'to_key', firstParam + axis.length),
  };
}

/**
 * `segment_migration.csv`: `from_segment, to_segment, customers, share_of_from`, the matrix's rows and order, the
 * keys named by `from` (over `from_key`) and `to` (over `to_key`), as `segmentNameSql` gives them, `to` numbering
 * its parameters after `from`'s (see `migrationNameSql`). `(new)` is written as it is.
 */
export function migrationExportSql(from: NameSql, to: NameSql): { sql: string; params: string[] } {
  return {
    sql: `SELECT coalesce(${from.sql}, from_key) AS from_segment, coalesce(${to.sql}, to_key) AS to_segment, customers, share_of_from
FROM (${matrix()}) m ORDER BY from_order, to_order`,
    params: [...from.params, ...to.params],
  };
}

/**
 * Customers `customers`, and among them `staying` (same key), `moving_up` (a better value rank at the to-date),
 * `moving_down` (a worse one) and `new` (`(new)`): staying + moving_up + moving_down + new = customers.
 */
export function migrationSummarySql(): string {
  return `SELECT CAST(count(*) AS INTEGER) AS customers,
  CAST(count(*) FILTER (WHERE from_key <> '${NEW_KEY}' AND from_key = to_key) AS INTEGER) AS staying,
  CAST(count(*) FILTER (WHERE to_rank < from_rank) AS INTEGER) AS moving_up,
  CAST(count(*) FILTER (WHERE to_rank > from_rank) AS INTEGER) AS moving_down,
  CAST(count(*) FILTER (WHERE from_key = '${NEW_KEY}') AS INTEGER) AS new
FROM ${SEGMENT_MIGRATION}`;
}

/** Each key's place and value rank (1 = best), best first: what "up" and "down" mean. */
export function migrationRanksSql(): string {
  return `SELECT to_key AS key, to_order AS key_order, to_rank AS value_rank FROM ${SEGMENT_MIGRATION}
UNION
SELECT from_key, from_order, from_rank FROM ${SEGMENT_MIGRATION} WHERE from_key <> '${NEW_KEY}'
ORDER BY value_rank`;
}

const CUSTOMER_COLUMNS = 'customer_id, from_key, to_key, recency_days, frequency, monetary';

/**
 * The customers of one cell (`$1` = from-key, `$2` = to-key; `(new)` for the new): customer_id, from_key, to_key
 * and recency_days, frequency, monetary at the to-date, the most money first (ties by customer_id).
 */
export function migrationCellCustomersSql(): string {
  return `SELECT ${CUSTOMER_COLUMNS}
FROM ${SEGMENT_MIGRATION} WHERE from_key = $1 AND to_key = $2 ORDER BY monetary DESC, customer_id`;
}

/** The customers moving up (or down), with from_rank and to_rank, the most money first. */
export function migrationMoversSql(direction: 'up' | 'down'): string {
  return `SELECT ${CUSTOMER_COLUMNS}, from_rank, to_rank
FROM ${SEGMENT_MIGRATION} WHERE to_rank ${direction === 'up' ? '<' : '>'} from_rank ORDER BY monetary DESC, customer_id`;
}
