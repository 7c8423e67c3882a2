import { RFM_CUSTOMERS } from './tables';
import { MEASURE_COLUMN, MEASURES, type Measure, type Range } from './settings';

/** One score of one measure: the customers it holds and the range of their values (null when empty). */
export interface ScoreRange {
  measure: Measure;
  score: number;
  customers: number;
  min_value: number | null;
  max_value: number | null;
}

/**
 * Per measure and score (every score of `levels`, an empty one with 0 customers): how many customers hold it and
 * the lowest and highest value among them. These are the thresholds the scores resulted in.
 */
export function scoreRangesSql(levels: Record<Measure, Range>, source: string = RFM_CUSTOMERS): string {
  const part = (m: Measure) => {
    const col = MEASURE_COLUMN[m];
    const [lo, hi] = levels[m];
    return `SELECT '${m}' AS measure, g.score, coalesce(a.customers, 0) AS customers, a.min_value, a.max_value
FROM range(${Math.trunc(lo)}, ${Math.trunc(hi) + 1}) g(score)
LEFT JOIN (SELECT ${m}_score AS score, count(*) AS customers, CAST(min(${col}) AS DOUBLE) AS min_value, CAST(max(${col}) AS DOUBLE) AS max_value
  FROM ${source} GROUP BY ${m}_score) a USING (score)`;
  };
  return `SELECT * FROM (\n${MEASURES.map(part).join('\nUNION ALL\n')}\n) ORDER BY CASE measure WHEN 'r' THEN 1 WHEN 'f' THEN 2 ELSE 3 END, score`;
}

/** Means and medians of the measures, with the number of customers and of one-time buyers. */
export interface SplitValues {
  mean_r: number;
  median_r: number;
  mean_f: number;
  median_f: number;
  mean_m: number;
  median_m: number;
  customers: number;
  one_time_buyers: number;
}

/** Mean and median of each measure over all customers: the split values of the high/low methods. */
export function splitValuesSql(source: string = RFM_CUSTOMERS): string {
  return `SELECT avg(recency_days) AS mean_r, median(recency_days) AS median_r,
  avg(frequency) AS mean_f, median(frequency) AS median_f,
  CAST(avg(monetary) AS DOUBLE) AS mean_m, CAST(median(monetary) AS DOUBLE) AS median_m,
  count(*) AS customers, count(*) FILTER (WHERE frequency = 1) AS one_time_buyers
FROM ${source}`;
}

/** Scores that hold no customer, per measure: the UI explains them (ties, such as many one-time buyers). */
export function emptyScores(ranges: readonly ScoreRange[]): Record<Measure, number[]> {
  const out: Record<Measure, number[]> = { r: [], f: [], m: [] };
  for (const r of ranges) if (r.customers === 0) out[r.measure].push(r.score);
  return out;
}
