import type { Db } from '../../db/db';
import type { ClvEngine } from './compute';
import { birthsSql, frequencyHistogramSql, holdoutByFrequencySql, periodsSql, TOP_FREQUENCY, trackingActualSql } from './holdout-sql';
import type { ClvRun } from './model';

export interface HoldoutByFrequency {
  calibration_frequency: number;
  customers: number;
  actual: number;
  expected: number;
}

export interface TrackingWeek {
  week: number;
  actual: number;
  expected: number;
  actual_cum: number;
  expected_cum: number;
}

export interface FrequencyBar {
  frequency: number;
  actual: number;
  expected: number;
}

export interface Validation {
  /** Predicted vs actual holdout purchases by calibration frequency; empty without a holdout. */
  byFrequency: HoldoutByFrequency[];
  /** Weekly and cumulative repeat purchases, actual and expected, from the earliest first purchase. */
  tracking: TrackingWeek[];
  /** Weeks from the earliest first purchase to the end of the as-of date: where the holdout begins. */
  asOfWeek: number;
  /** Customers by calibration frequency 0 … 7+, actual and expected. */
  histogram: FrequencyBar[];
}

/** Actual figures from SQL beside the fitted model's expectations (computed in the engine). Needs `clv_customers`. */
export async function loadValidation(db: Db, engine: ClvEngine, run: ClvRun): Promise<Validation> {
  const { data, fits } = run;
  const [byFrequency, actualWeeks, births, periods, actualHistogram] = [
    data.holdoutDays > 0 ? await db.query<HoldoutByFrequency & Record<string, unknown>>(holdoutByFrequencySql()) : [],
    await db.query<{ week: number; actual: number }>(trackingActualSql()),
    await db.query<{ days: number; n: number }>(birthsSql()),
    await db.query<{ T_days: number; n: number }>(periodsSql()),
    await db.query<{ frequency: number; customers: number }>(frequencyHistogramSql()),
  ];
  const model = await engine.diagnostics({
    bg: fits.bg.params,
    unitDays: data.unitDays,
    births: { days: Float64Array.from(births, (b) => b.days), n: Float64Array.from(births, (b) => b.n) },
    weeks: actualWeeks.length,
    periods: { TDays: Float64Array.from(periods, (p) => p.T_days), n: Float64Array.from(periods, (p) => p.n) },
  });
  let actualCum = 0;
  const tracking = actualWeeks.map(({ week, actual }, i) => {
    actualCum += actual;
    const expectedCum = model.trackingCumulative[i];
    return { week, actual, expected: expectedCum - (i > 0 ? model.trackingCumulative[i - 1] : 0), actual_cum: actualCum, expected_cum: expectedCum };
  });
  const counts = new Map(actualHistogram.map((h) => [h.frequency, h.customers]));
  const histogram = model.frequencyHistogram.map((expected, k) => ({ frequency: k, actual: counts.get(k) ?? 0, expected }));
  const asOfWeek = data.firstDay ? (dayNumber(data.asOf) - dayNumber(data.firstDay) + 1) / 7 : 0;
  return { byFrequency, tracking, asOfWeek, histogram: histogram.slice(0, TOP_FREQUENCY + 1) };
}

const dayNumber = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
