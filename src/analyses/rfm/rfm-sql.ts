import { CUSTOMER_FACTS, customerFacts } from '../../model/customer-facts';
import type { TableSpec } from '../../query/query-layer';
import { resolveSegments, segmentOrderSql, type Segment } from './segments';
import { RFM_CUSTOMERS, RFM_MEASURES } from './tables';
import { tierSql } from './tiers';
import { cleanCuts, clampBins, MEASURE_COLUMN, sqlNumber, type Measure, type Rule, type Scoring, type Tiers } from './settings';

export { RFM_CUSTOMERS, RFM_MEASURES };

/**
 * Per customer with at least one purchase up to the as-of date (`$1`, 'YYYY-MM-DD'), from `customer_facts`:
 * `recency_days` (as-of date − date of the last purchase, whole days), `frequency` (purchase orders), `monetary`
 * (net amount of all the customer's orders up to the as-of date, returns included, DECIMAL(18,2): 64-bit, so
 * ranking it stays fast in WASM), and `first_order_date`, `last_order_date` (first and last purchase).
 * `source` (a table or CTE with the columns of `customer_facts`) and `asOf` (the SQL of the as-of date, e.g. `$2`)
 * let another statement score a different date with the same SQL (see src/analyses/migration).
 */
export function rfmMeasuresSql(source: string = CUSTOMER_FACTS, asOf = '$1'): string {
  return `SELECT customer_id,
  CAST(date_diff('day', last_purchase, CAST(${asOf} AS DATE)) AS INTEGER) AS recency_days,
  purchases AS frequency,
  revenue AS monetary,
  first_purchase AS first_order_date,
  last_purchase AS last_order_date,
  CAST(RANK() OVER (ORDER BY revenue DESC) AS INTEGER) AS monetary_rank
FROM ${source}`;
}

/** Materialises `rfm_measures` for the as-of date `$1` (reads `customer_facts` for the same date). */
export function createRfmMeasuresSql(): string {
  return `CREATE OR REPLACE TABLE ${RFM_MEASURES} AS ${rfmMeasuresSql()}`;
}

/**
 * `rfm_measures` for an as-of date, with `monetary_rank` (1 = most money, for the tiers): depends on the data and
 * the date only, never on a scoring or segment setting.
 */
export function rfmMeasures(asOf: string): TableSpec {
  return { name: RFM_MEASURES, key: { asOf }, deps: [customerFacts(asOf)], build: [{ sql: createRfmMeasuresSql(), params: [asOf] }] };
}

/** "Better" for each measure: fewer days, more orders, more money. */
const WORST_FIRST: Record<Measure, string> = { r: 'recency_days DESC', f: 'frequency ASC', m: 'monetary ASC' };
const AT_LEAST_AS_GOOD: Record<Measure, '<=' | '>='> = { r: '<=', f: '>=', m: '>=' };

/**
 * The score of one measure as a SQL expression over a row of measures (with `stats` in scope for the splits).
 * Quantile: `1 + floor(n × (rank − 1) / N)` with rank = RANK() from worst to best, so ties share a score.
 * Cut points: 1 + the number of cut points the value is at least as good as. Splits: 1 when the value is at least
 * as good as the mean / median / given value (recency: days ≤ it; frequency, monetary: ≥ it), else 0.
 */
export function scoreSql(scoring: Scoring, m: Measure): string {
  const col = MEASURE_COLUMN[m];
  const op = AT_LEAST_AS_GOOD[m];
  switch (scoring.method) {
    case 'quantile':
      return `CAST(1 + (${clampBins(scoring.bins)} * (RANK() OVER (ORDER BY ${WORST_FIRST[m]}) - 1)) // stats.n AS INTEGER)`;
    case 'thresholds': {
      const cuts = cleanCuts(scoring.thresholds[m]);
      return cuts.length ? `CAST(1 + ${cuts.map((c) => `(${col} ${op} ${sqlNumber(c)})::INTEGER`).join(' + ')} AS INTEGER)` : '1';
    }
    case 'mean':
      // Compared as sums so that DECIMAL money is never rounded through a DOUBLE mean.
      return `CAST(${col} * stats.n ${op} stats.sum_${m} AS INTEGER)`;
    case 'median':
      return `CAST(${col} ${op} stats.median_${m} AS INTEGER)`;
    case 'split': {
      const v = scoring.split[m];
      return v === null || !Number.isFinite(v) ? `CAST(${col} * stats.n ${op} stats.sum_${m} AS INTEGER)` : `CAST(${col} ${op} ${sqlNumber(v)} AS INTEGER)`;
    }
  }
}

/**
 * The customer count `n`, the sums `sum_r`, `sum_f`, `sum_m` (mean = sum / n) and, with `medians`, `median_r`,
 * `median_f`, `median_m` of the measures: the split values of the high/low methods.
 */
export function measureStatsSql(source: string, medians: boolean): string {
  const med = medians ? ',\n  median(recency_days) AS median_r, median(frequency) AS median_f, median(monetary) AS median_m' : '';
  return `SELECT count(*) AS n, sum(recency_days) AS sum_r, sum(frequency) AS sum_f, sum(monetary) AS sum_m${med}
FROM ${source}`;
}

export interface RfmOptions {
  scoring: Scoring;
  /** Ordered segment rules: the first match wins, unmatched customers go to "Others". */
  rules: readonly Rule[];
  tiers: Tiers;
}

/** The per-customer scores under one scoring (see `rfmScores`). */
export const RFM_SCORES = 'rfm_scores';

/**
 * The statement that creates `rfm_scores` from `rfm_measures`: every measure column, `r_score`, `f_score`,
 * `m_score` under the scoring, and `customers` (how many are scored). The only part of RFM that sorts.
 */
export function createRfmScoresSql(scoring: Scoring): string {
  return `CREATE OR REPLACE TABLE ${RFM_SCORES} AS
${rfmScoresSelectSql(scoring)}`;
}

/** The query behind `rfm_scores` (a WITH … SELECT), reading the measures from `source` (`rfm_measures`). */
export function rfmScoresSelectSql(scoring: Scoring, source: string = RFM_MEASURES): string {
  return `WITH measures AS (SELECT * FROM ${source}),
stats AS (${measureStatsSql('measures', scoring.method === 'median')})
SELECT measures.*,
  ${scoreSql(scoring, 'r')} AS r_score,
  ${scoreSql(scoring, 'f')} AS f_score,
  ${scoreSql(scoring, 'm')} AS m_score,
  stats.n AS customers
FROM measures CROSS JOIN stats`;
}

/** `rfm_scores` for the as-of date and scoring, after `rfm_measures`: segment rules and tiers do not touch it. */
export function rfmScores(asOf: string, scoring: Scoring): TableSpec {
  const sql = createRfmScoresSql(scoring);
  return { name: RFM_SCORES, key: { sql }, deps: [rfmMeasures(asOf)], build: [{ sql }] };
}

/**
 * The statement that creates `rfm_customers` from `rfm_scores`, one row per customer:
 * `customer_id, recency_days, frequency, monetary, r_score, f_score, m_score, rfm_score (100·R + 10·F + M)`,
 * `segment_key` (stable: `champions`, `important_value`, `rule_3`, `others`, …), `segment_order` (the segment's
 * place, "Others" last), `tier` (`A`/`B`/`C`), `monetary_rank` (1 = most money), `first_order_date`,
 * `last_order_date`. No segment name: names depend on the display language and are applied at render and in the
 * export queries (`segmentNameSql`). A projection of the scores: a new scheme or tier split sorts nothing.
 * Also returns the resolved segments, in order.
 */
export function createRfmCustomersSql(options: RfmOptions): { sql: string; segments: Segment[] } {
  const { sql, segments } = rfmCustomersSelectSql(options);
  return { sql: `CREATE OR REPLACE TABLE ${RFM_CUSTOMERS} AS
${sql}`, segments };
}

/**
 * The query behind `rfm_customers` (a WITH … SELECT), reading the scores from `source` (`rfm_scores`, or a CTE with
 * its columns), and the resolved segments.
 */
export function rfmCustomersSelectSql(options: RfmOptions, source: string = RFM_SCORES): { sql: string; segments: Segment[] } {
  const { segments, ruleSegment } = resolveSegments(options.rules);
  const others = segments.length - 1;
  const keys = segments.map((s) => `WHEN ${s.order} THEN '${s.key}'`);
  const sql = `WITH segmented AS (
  SELECT *, ${segmentOrderSql(options.rules, ruleSegment, others)} AS segment_order FROM ${source}
)
SELECT customer_id, recency_days, frequency, monetary, r_score, f_score, m_score,
  100 * r_score + 10 * f_score + m_score AS rfm_score,
  CASE segment_order ${keys.join(' ')} END AS segment_key,
  segment_order,
  ${tierSql(options.tiers, 'monetary_rank', 'customers')} AS tier,
  monetary_rank, first_order_date, last_order_date
FROM segmented`;
  return { sql, segments };
}

/**
 * `rfm_customers` for the as-of date and settings, after `rfm_scores` (after `rfm_measures`). Keyed by its
 * statement, all the rules and tiers it depends on (so a setting that changes nothing, or a new language, rebuilds
 * nothing); a new scoring rebuilds the scores first, a new scheme only this projection.
 */
export function rfmCustomers(asOf: string, options: RfmOptions): { spec: TableSpec; segments: Segment[] } {
  const { sql, segments } = createRfmCustomersSql(options);
  return { spec: { name: RFM_CUSTOMERS, key: { sql }, deps: [rfmScores(asOf, options.scoring)], build: [{ sql }] }, segments };
}

/** A segment-name expression as `segmentNameSql` gives it: SQL and the names it binds. */
export interface NameSql {
  sql: string;
  params: string[];
}

/** `rfm.csv`: the export contract's columns, one row per customer; `segment` is `name` (names bound from `$1`). */
export function rfmExportSql(name: NameSql): { sql: string; params: string[] } {
  return {
    sql: `SELECT customer_id, recency_days, frequency, monetary, r_score, f_score, m_score, rfm_score, ${name.sql} AS segment
FROM ${RFM_CUSTOMERS} ORDER BY customer_id`,
    params: name.params,
  };
}

/**
 * One segment's customers (`$1` = segment key; `name` binding its names from `$2`), the `rfm.csv` columns plus tier
 * and first/last order dates, best customers first.
 */
export function segmentCustomersExportSql(key: string, name: NameSql): { sql: string; params: string[] } {
  return {
    sql: `SELECT customer_id, recency_days, frequency, monetary, r_score, f_score, m_score, rfm_score, ${name.sql} AS segment, tier,
  first_order_date, last_order_date
FROM ${RFM_CUSTOMERS} WHERE segment_key = $1 ORDER BY monetary_rank, customer_id`,
    params: [key, ...name.params],
  };
}
