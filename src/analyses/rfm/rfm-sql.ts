import { upToAsOf } from '../../db/sql';
import { resolveSegments, segmentOrderSql, type Segment } from './segments';
import { RFM_CUSTOMERS, RFM_MEASURES } from './tables';
import { tierSql } from './tiers';
import { cleanCuts, clampBins, MEASURE_COLUMN, sqlNumber, type Measure, type Rule, type Scoring, type Tiers } from './settings';

export { RFM_CUSTOMERS, RFM_MEASURES };

/**
 * Per customer, over the transactions up to the as-of date (`$1`, 'YYYY-MM-DD'): `recency_days` (as-of date − date
 * of the last order, whole days), `frequency` (distinct orders), `monetary` (sum of amounts net of returns,
 * DECIMAL(18,2) like `amount`: 64-bit, so ranking it stays fast in WASM), and the dates of the first and last order.
 */
export function rfmMeasuresSql(): string {
  return `SELECT customer_id,
  CAST(date_diff('day', max(order_ts)::DATE, CAST($1 AS DATE)) AS INTEGER) AS recency_days,
  CAST(count(DISTINCT order_id) AS INTEGER) AS frequency,
  CAST(sum(amount) AS DECIMAL(18,2)) AS monetary,
  min(order_ts)::DATE AS first_order_date,
  max(order_ts)::DATE AS last_order_date
FROM transactions WHERE ${upToAsOf('$1')}
GROUP BY customer_id`;
}

/** Materialises `rfm_measures` for the as-of date `$1`. */
export function createRfmMeasuresSql(): string {
  return `CREATE OR REPLACE TABLE ${RFM_MEASURES} AS ${rfmMeasuresSql()}`;
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
  /** A rule's segment name in the UI language (the `segment` column and the export use it). */
  nameOf: (rule: Rule) => string;
  /** The name of "Others" in the UI language. */
  othersName: string;
  tiers: Tiers;
  /**
   * The as-of date, 'YYYY-MM-DD': when given, the measures are computed from `transactions` inside the statement
   * (bound as `$1`); when omitted, they are read from the table `rfm_measures` (see `createRfmMeasuresSql`).
   */
  asOf?: string;
}

/**
 * The statement that creates `rfm_customers`, one row per customer:
 * `customer_id, recency_days, frequency, monetary, r_score, f_score, m_score, rfm_score (100·R + 10·F + M), segment`
 * (its name in the UI language), and the helpers `segment_key` (stable: `champions`, `important_value`, `rule_3`,
 * `others`, …), `segment_order` (the segment's place, "Others" last), `tier` (`A`/`B`/`C`), `monetary_rank`
 * (1 = most money), `first_order_date`, `last_order_date`.
 *
 * Run it with `db.query(sql, params)`. Parameters: the as-of date first when `options.asOf` is given, then the
 * segment names. Also returns the resolved segments, in order.
 */
export function createRfmCustomersSql(options: RfmOptions): { sql: string; params: unknown[]; segments: Segment[] } {
  const params: unknown[] = options.asOf ? [options.asOf] : [];
  const source = options.asOf ? `(${rfmMeasuresSql()})` : RFM_MEASURES;
  const { segments, ruleSegment } = resolveSegments(options.rules, options.nameOf, options.othersName);
  const others = segments.length - 1;
  const names = segments.map((s) => {
    params.push(s.name);
    return `WHEN ${s.order} THEN CAST($${params.length} AS VARCHAR)`;
  });
  const keys = segments.map((s) => `WHEN ${s.order} THEN '${s.key}'`);
  const { scoring } = options;
  const sql = `CREATE OR REPLACE TABLE ${RFM_CUSTOMERS} AS
WITH measures AS (SELECT * FROM ${source}),
stats AS (${measureStatsSql('measures', scoring.method === 'median')}),
scored AS (
  SELECT measures.*,
    ${scoreSql(scoring, 'r')} AS r_score,
    ${scoreSql(scoring, 'f')} AS f_score,
    ${scoreSql(scoring, 'm')} AS m_score,
    CAST(RANK() OVER (ORDER BY monetary DESC) AS INTEGER) AS monetary_rank,
    stats.n AS customers
  FROM measures CROSS JOIN stats
),
segmented AS (
  SELECT *, ${segmentOrderSql(options.rules, ruleSegment, others)} AS segment_order FROM scored
)
SELECT customer_id, recency_days, frequency, monetary, r_score, f_score, m_score,
  100 * r_score + 10 * f_score + m_score AS rfm_score,
  CASE segment_order ${names.join(' ')} END AS segment,
  CASE segment_order ${keys.join(' ')} END AS segment_key,
  segment_order,
  ${tierSql(options.tiers, 'monetary_rank', 'customers')} AS tier,
  monetary_rank, first_order_date, last_order_date
FROM segmented`;
  return { sql, params, segments };
}

/** `rfm.csv`: the export contract's columns, one row per customer. */
export function rfmExportSql(): string {
  return `SELECT customer_id, recency_days, frequency, monetary, r_score, f_score, m_score, rfm_score, segment
FROM ${RFM_CUSTOMERS} ORDER BY customer_id`;
}

/** One segment's customers (`$1` = segment key), every column of `rfm_customers`, best customers first. */
export function segmentCustomersExportSql(): string {
  return `SELECT customer_id, recency_days, frequency, monetary, r_score, f_score, m_score, rfm_score, segment, tier,
  first_order_date, last_order_date
FROM ${RFM_CUSTOMERS} WHERE segment_key = $1 ORDER BY monetary_rank, customer_id`;
}
