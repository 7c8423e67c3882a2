import { RFM_CUSTOMERS } from './tables';
import { MEASURE_COLUMN, MEASURES, type Measure } from './settings';

/** One histogram bar: customers whose value lies in [bin_start, bin_end); the last bar is open-ended. */
export interface DistributionBin {
  measure: Measure;
  bin: number;
  bin_start: number;
  bin_end: number;
  customers: number;
  open_ended: boolean;
}

/**
 * Histograms of recency days, frequency and monetary, at most `bins` bars each, computed in SQL. The bars span the
 * lowest value to the 99th percentile (so one huge buyer does not squash the rest); larger values join the last bar.
 * Days and orders are whole numbers and get whole-number bars.
 */
export function distributionSql(bins = 20, source: string = RFM_CUSTOMERS): string {
  const k = Math.max(2, Math.round(bins));
  const part = (m: Measure) => {
    const col = MEASURE_COLUMN[m];
    const whole = m !== 'm';
    const width = whole
      ? `greatest(1, ceil((hi - lo + 1) / ${k}))`
      : `CASE WHEN hi > lo THEN (hi - lo) / ${k} ELSE 1 END`;
    const last = whole ? `CAST(ceil((hi - lo + 1) / width) AS INTEGER) - 1` : `${k - 1}`;
    return `(WITH v AS (SELECT CAST(${col} AS DOUBLE) AS x FROM ${source}),
  b AS (SELECT min(x) AS lo, quantile_disc(x, 0.99) AS hi FROM v),
  w AS (SELECT lo, hi, ${width} AS width FROM b),
  l AS (SELECT *, ${last} AS last FROM w),
  binned AS (SELECT least(CAST(floor((x - lo) / width) AS INTEGER), last) AS bin, x > hi AS above, lo, width FROM v CROSS JOIN l)
SELECT '${m}' AS measure, bin, lo + bin * width AS bin_start, lo + (bin + 1) * width AS bin_end,
  count(*) AS customers, bool_or(above) AS open_ended
FROM binned GROUP BY bin, lo, width)`;
  };
  return `SELECT * FROM (\n${MEASURES.map(part).join('\nUNION ALL\n')}\n) ORDER BY CASE measure WHEN 'r' THEN 1 WHEN 'f' THEN 2 ELSE 3 END, bin`;
}
