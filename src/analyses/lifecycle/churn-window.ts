import { purchaseDaysCte } from './purchase-days';

/** The window used when no customer has bought twice (there is no gap to take a percentile of). */
export const FALLBACK_WINDOW_DAYS = 365;

/** Bounds of the churn window the user may set, in days. */
export const MIN_WINDOW_DAYS = 1;
export const MAX_WINDOW_DAYS = 3650;

/**
 * The default churn window up to the as-of date (`$1`): the 90th percentile of all inter-purchase gaps (linear
 * interpolation, `quantile_cont`), rounded to whole days (halves away from zero), at least 1.
 * Row: `p90_days` (NULL without gaps), `gaps` (how many gaps), `median_gap_days`.
 */
export function churnWindowSql(): string {
  // greatest() skips NULLs: without gaps it would answer 1, not NULL.
  return `WITH ${purchaseDaysCte()}
SELECT CAST(CASE WHEN count(gap) > 0 THEN greatest(1, round(quantile_cont(gap, 0.9))) END AS INTEGER) AS p90_days,
  count(gap) AS gaps,
  median(gap) AS median_gap_days
FROM pdays`;
}

/** The window to use: the user's choice when valid, else the default from the data, else the fallback. */
export function effectiveWindow(chosen: number | null, p90: number | null): number {
  if (chosen !== null && Number.isFinite(chosen)) return clampWindow(chosen);
  return p90 ?? FALLBACK_WINDOW_DAYS;
}

/** A whole number of days within the allowed bounds. */
export function clampWindow(days: number): number {
  return Math.min(MAX_WINDOW_DAYS, Math.max(MIN_WINDOW_DAYS, Math.round(days)));
}
