import type { Row } from '../../db/db';
import { Superseded, type QueryLayer, type TableSpec } from '../../query/query-layer';
import type { ClvEngine, GridCell, ParetoFit } from './compute';
import { canPredictWith, predictionModelOf, type FrequencyModel, type PredictionModel } from './frequency-model';
import {
  birthsSql,
  CALIBRATION_TOP,
  frequencyHistogramSql,
  holdoutByFrequencySql,
  holdoutComparisonSql,
  HOLDOUT_TRIPLES,
  holdoutTableSql,
  periodsSql,
  trackingActualSql,
} from './holdout-sql';
import type { ClvRun } from './model';
import { createNumericTable } from './numeric-table';
import { gridBoundsSql } from './report-sql';
import { clvHoldout, clvSummary } from './tables';

/** Per calibration frequency (7 = 7+): customers, mean actual holdout purchases, each model's mean expected (null when not compared). */
export interface HoldoutByFrequency extends Row {
  calibration_frequency: number;
  customers: number;
  actual: number;
  expected_bgnbd: number | null;
  expected_pnbd: number | null;
}

/** The holdout errors of the models: expected totals, aggregate error (expected − actual) and per-customer MAE. */
export interface HoldoutComparison extends Row {
  customers: number;
  actual: number;
  expected_bgnbd: number | null;
  error_bgnbd: number | null;
  mae_bgnbd: number | null;
  expected_pnbd: number | null;
  error_pnbd: number | null;
  mae_pnbd: number | null;
}

/** One week of the tracking plot: actual repeat purchases and each model's expectation, weekly and cumulative. */
export interface TrackingWeek {
  week: number;
  actual: number;
  actual_cum: number;
  expected_bgnbd: number | null;
  expected_cum_bgnbd: number | null;
  expected_pnbd: number | null;
  expected_cum_pnbd: number | null;
}

/** Customers with `frequency` repeat purchases in the calibration period (CALIBRATION_TOP: that many or more), actual and expected. */
export interface CalibrationClass {
  frequency: number;
  actual: number;
  expected_bgnbd: number | null;
  expected_pnbd: number | null;
}

export interface Validation {
  /** The models compared (Pareto/NBD only once fitted with finite parameters). */
  models: FrequencyModel[];
  /** What each compared model predicts with: itself, or the NBD at its boundary. */
  predictions: Partial<Record<FrequencyModel, PredictionModel['kind']>>;
  /** The holdout errors; null without a holdout. */
  comparison: HoldoutComparison | null;
  /** Predicted vs actual holdout purchases by calibration frequency; empty without a holdout. */
  byFrequency: HoldoutByFrequency[];
  /** Weekly and cumulative repeat purchases, actual and expected, from the earliest first purchase. */
  tracking: TrackingWeek[];
  /** Weeks from the earliest first purchase to the end of the as-of date: where the holdout begins. */
  asOfWeek: number;
  /** The calibration check: customers by calibration repeat purchases 0 … 5, 6+, actual and expected. */
  calibration: CalibrationClass[];
  /** Σ (actual − expected)² / expected over the calibration classes, per compared model. */
  chiSquare: Partial<Record<FrequencyModel, number>>;
}

/** The prediction models compared: BG/NBD, and Pareto/NBD when its fit is usable; each as it predicts. */
export function comparedModels(run: ClvRun, pareto: ParetoFit | null): { model: FrequencyModel; prediction: PredictionModel }[] {
  const out: { model: FrequencyModel; prediction: PredictionModel }[] = [];
  const bg = predictionModelOf('bgnbd', run.fits.bg);
  if (canPredictWith(bg)) out.push({ model: 'bgnbd', prediction: bg });
  if (pareto) {
    const pnbd = predictionModelOf('pnbd', pareto.pnbd);
    if (canPredictWith(pnbd)) out.push({ model: 'pnbd', prediction: pnbd });
  }
  return out;
}

/** The models' expectations for the fits and the actual figures they are set against (once per fits and data version). */
function modelDiagnostics(layer: QueryLayer, engine: ClvEngine, run: ClvRun, compared: ReturnType<typeof comparedModels>, signal?: AbortSignal) {
  const { data } = run;
  return layer.compute(
    { clv: 'diagnostics', asOf: data.asOf, unit: data.unit, models: compared },
    async (own) => {
      const tables = [clvSummary(data.asOf, data.unit)];
      const read = <T extends Row>(sql: string) => layer.query<T>({ sql, tables }, { signal: own });
      const [actualWeeks, births, periods, actualHistogram] = await Promise.all([
        read<{ week: number; actual: number }>(trackingActualSql()),
        read<{ days: number; n: number }>(birthsSql()),
        read<{ T_days: number; n: number }>(periodsSql()),
        read<{ frequency: number; customers: number }>(frequencyHistogramSql()),
      ]);
      const expectations = await engine.diagnostics({
        models: compared.map((c) => c.prediction),
        unitDays: data.unitDays,
        births: { days: Float64Array.from(births, (b) => b.days), n: Float64Array.from(births, (b) => b.n) },
        weeks: actualWeeks.length,
        periods: { TDays: Float64Array.from(periods, (p) => p.T_days), n: Float64Array.from(periods, (p) => p.n) },
      });
      return { actualWeeks, actualHistogram, expectations };
    },
    { signal },
  );
}

/**
 * `clv_holdout` for the compared models: each model's expected holdout purchases per customer, computed per
 * distinct history in the engine (once per fits and data version) and joined to `clv_summary` in SQL.
 */
export async function holdoutTable(
  layer: QueryLayer,
  engine: ClvEngine,
  run: ClvRun,
  compared: ReturnType<typeof comparedModels>,
  signal?: AbortSignal,
): Promise<TableSpec> {
  const { data } = run;
  const version = layer.version;
  const models = { models: compared, holdoutDays: data.holdoutDays };
  const expected = await layer.compute(
    { clv: 'holdout', asOf: data.asOf, unit: data.unit, ...models },
    () => engine.holdoutTriples({ models: compared.map((c) => c.prediction), triples: data.triples, unitDays: data.unitDays, holdoutDays: data.holdoutDays }),
    { signal },
  );
  const column = (m: FrequencyModel) => pick(expected, compared, m) ?? new Float64Array(data.triples.x.length).fill(NaN);
  const table = clvHoldout(data.asOf, data.unit, models, async (db) => {
    // The expectations belong to the data they were computed on.
    if (layer.version !== version) throw new Superseded();
    await createNumericTable(db, HOLDOUT_TRIPLES, {
      x: data.triples.x,
      tx_days: data.triples.txDays,
      T_days: data.triples.TDays,
      expected_bgnbd: column('bgnbd'),
      expected_pnbd: column('pnbd'),
    });
    await db.exec(holdoutTableSql());
    await db.exec(`DROP TABLE ${HOLDOUT_TRIPLES}`);
  });
  await layer.ensure([table], { signal });
  return table;
}

const pick = <T>(values: readonly T[], compared: ReturnType<typeof comparedModels>, m: FrequencyModel): T | null => {
  const i = compared.findIndex((c) => c.model === m);
  return i >= 0 ? values[i] : null;
};

/**
 * The holdout validation and calibration check of the models: actual figures from SQL beside each model's
 * expectations (computed in the engine). Without a holdout, only the tracking of the calibration period and the
 * calibration check.
 */
export async function loadValidation(layer: QueryLayer, engine: ClvEngine, run: ClvRun, pareto: ParetoFit | null, signal?: AbortSignal): Promise<Validation> {
  const { data } = run;
  const compared = comparedModels(run, pareto);
  const holdout = data.holdoutDays > 0 && compared.length > 0 ? await holdoutTable(layer, engine, run, compared, signal) : null;
  const [comparison, byFrequency, { actualWeeks, actualHistogram, expectations }] = await Promise.all([
    holdout ? layer.query<HoldoutComparison>({ sql: holdoutComparisonSql(), tables: [holdout] }, { signal }).then((r) => r[0]) : null,
    holdout ? layer.query<HoldoutByFrequency>({ sql: holdoutByFrequencySql(), tables: [holdout] }, { signal }) : [],
    modelDiagnostics(layer, engine, run, compared, signal),
  ]);
  const tracking: TrackingWeek[] = [];
  let actualCum = 0;
  actualWeeks.forEach(({ week, actual }, i) => {
    actualCum += actual;
    const cum = (m: FrequencyModel) => pick(expectations, compared, m)?.trackingCumulative;
    const at = (m: FrequencyModel, k: number) => cum(m)?.[k] ?? null;
    const weekly = (m: FrequencyModel) => {
      const now = at(m, i);
      return now === null ? null : now - (i > 0 ? at(m, i - 1)! : 0);
    };
    tracking.push({
      week,
      actual,
      actual_cum: actualCum,
      expected_bgnbd: weekly('bgnbd'),
      expected_cum_bgnbd: at('bgnbd', i),
      expected_pnbd: weekly('pnbd'),
      expected_cum_pnbd: at('pnbd', i),
    });
  });
  const counts = new Map(actualHistogram.map((h) => [h.frequency, h.customers]));
  const calibration: CalibrationClass[] = Array.from({ length: CALIBRATION_TOP + 1 }, (_, k) => ({
    frequency: k,
    actual: counts.get(k) ?? 0,
    expected_bgnbd: pick(expectations, compared, 'bgnbd')?.frequencyHistogram[k] ?? null,
    expected_pnbd: pick(expectations, compared, 'pnbd')?.frequencyHistogram[k] ?? null,
  }));
  const chiSquare: Partial<Record<FrequencyModel, number>> = {};
  for (const { model } of compared) {
    chiSquare[model] = calibration.reduce((s, c) => {
      const e = model === 'bgnbd' ? c.expected_bgnbd! : c.expected_pnbd!;
      return s + (e > 0 ? (c.actual - e) ** 2 / e : 0);
    }, 0);
  }
  const asOfWeek = data.firstDay ? (dayNumber(data.asOf) - dayNumber(data.firstDay) + 1) / 7 : 0;
  return {
    models: compared.map((c) => c.model),
    predictions: Object.fromEntries(compared.map((c) => [c.model, c.prediction.kind])),
    comparison,
    byFrequency,
    tracking,
    asOfWeek,
    calibration,
    chiSquare,
  };
}

/**
 * P(alive) and expected purchases over the horizon on a frequency × recency grid of hypothetical customers, within
 * the bounds of `clv_summary` (`gridBoundsSql`), with the model CLV uses; `T` is the grid's observation length in the time unit.
 */
export async function loadGrid(
  layer: QueryLayer,
  engine: ClvEngine,
  run: ClvRun,
  model: PredictionModel,
  horizonMonths: number,
  steps: number,
  signal?: AbortSignal,
): Promise<{ cells: GridCell[]; T: number }> {
  const { data } = run;
  const [bounds] = await layer.query<{ max_x: number; max_T_days: number }>({ sql: gridBoundsSql(), tables: [clvSummary(data.asOf, data.unit)] }, { signal });
  const cells = await engine.frequencyRecencyGrid({ model, unitDays: data.unitDays, horizonMonths, maxX: bounds.max_x, TDays: bounds.max_T_days, steps });
  return { cells, T: bounds.max_T_days / data.unitDays };
}

const dayNumber = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
