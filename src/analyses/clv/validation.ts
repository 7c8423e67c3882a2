import type { Row } from '../../db/db';
import type { QueryLayer, TableSpec } from '../../query/query-layer';
import type { ClvEngine, GridCell } from './compute';
import { birthsSql, frequencyHistogramSql, holdoutByFrequencySql, periodsSql, TOP_FREQUENCY, trackingActualSql } from './holdout-sql';
import type { ClvRun } from './model';
import { gridBoundsSql } from './report-sql';
import { clvSummary } from './tables';

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

/** The model's expectations for a fit and the actual weeks they are set against (once per fit and data version). */
function modelDiagnostics(layer: QueryLayer, engine: ClvEngine, run: ClvRun, signal?: AbortSignal) {
  const { data, fits } = run;
  return layer.compute(
    { clv: 'diagnostics', asOf: data.asOf, unit: data.unit, bg: fits.bg.params },
    async (own) => {
      const tables = [clvSummary(data.asOf, data.unit)];
      const read = <T extends Row>(sql: string) => layer.query<T>({ sql, tables }, { signal: own });
      const [actualWeeks, births, periods, actualHistogram] = await Promise.all([
        read<{ week: number; actual: number }>(trackingActualSql()),
        read<{ days: number; n: number }>(birthsSql()),
        read<{ T_days: number; n: number }>(periodsSql()),
        read<{ frequency: number; customers: number }>(frequencyHistogramSql()),
      ]);
      const model = await engine.diagnostics({
        bg: fits.bg.params,
        unitDays: data.unitDays,
        births: { days: Float64Array.from(births, (b) => b.days), n: Float64Array.from(births, (b) => b.n) },
        weeks: actualWeeks.length,
        periods: { TDays: Float64Array.from(periods, (p) => p.T_days), n: Float64Array.from(periods, (p) => p.n) },
      });
      return { actualWeeks, actualHistogram, model };
    },
    { signal },
  );
}

/**
 * Actual figures from SQL beside the fitted model's expectations (computed in the engine). The holdout by
 * frequency reads the scoring's `clv_customers`; the rest depends on the fit alone and is computed once for it.
 */
export async function loadValidation(layer: QueryLayer, engine: ClvEngine, score: { run: ClvRun; table: TableSpec }, signal?: AbortSignal): Promise<Validation> {
  const { run, table } = score;
  const { data } = run;
  const [byFrequency, { actualWeeks, actualHistogram, model }] = await Promise.all([
    data.holdoutDays > 0 ? layer.query<HoldoutByFrequency & Row>({ sql: holdoutByFrequencySql(), tables: [table] }, { signal }) : [],
    modelDiagnostics(layer, engine, run, signal),
  ]);
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

/**
 * P(alive) and expected purchases over the horizon on a frequency × recency grid of hypothetical customers, within
 * the bounds of `clv_summary` (`gridBoundsSql`); `T` is the grid's observation length in the time unit.
 */
export async function loadGrid(
  layer: QueryLayer,
  engine: ClvEngine,
  run: ClvRun,
  horizonMonths: number,
  steps: number,
  signal?: AbortSignal,
): Promise<{ cells: GridCell[]; T: number }> {
  const { data, fits } = run;
  const [bounds] = await layer.query<{ max_x: number; max_T_days: number }>({ sql: gridBoundsSql(), tables: [clvSummary(data.asOf, data.unit)] }, { signal });
  const cells = await engine.frequencyRecencyGrid({ bg: fits.bg.params, unitDays: data.unitDays, horizonMonths, maxX: bounds.max_x, TDays: bounds.max_T_days, steps });
  return { cells, T: bounds.max_T_days / data.unitDays };
}

const dayNumber = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
