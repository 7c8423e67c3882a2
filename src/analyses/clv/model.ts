import type { Row } from '../../db/db';
import { Superseded, type QueryLayer, type QueryRequest, type TableSpec } from '../../query/query-layer';
import type { ClvEngine, ClvFits, ClvProgress, ParetoFit, SpendColumns, TripleColumns } from './compute';
import { DEFAULT_FREQUENCY_MODEL, predictionModelOf, type FrequencyModel, type PredictionModel } from './frequency-model';
import type { ParetoNbdFit } from './pareto-nbd';
import type { GammaGammaParams } from './gamma-gamma';
import { createNumericTable } from './numeric-table';
import { CLV_CUSTOMERS, CLV_SUMMARY, clvCustomers, clvExpr, clvSummary, type ScoreKey } from './tables';
import { frequencyGroupsSql, holdoutSpanSql, spendGroupsSql, summaryFactsSql, UNIT_DAYS, type TimeUnit } from './summary-sql';

/** What the user can change. Defaults: weeks, 12 months, 1 % a month, margin 100 %, BG/NBD. */
export interface ClvSettings {
  unit: TimeUnit;
  horizonMonths: number;
  monthlyDiscount: number;
  /** Profit margin, 0–1. */
  margin: number;
  /** The purchase model CLV uses. */
  model: FrequencyModel;
}

export const DEFAULT_CLV_SETTINGS: Readonly<ClvSettings> = { unit: 'weeks', horizonMonths: 12, monthlyDiscount: 0.01, margin: 1, model: DEFAULT_FREQUENCY_MODEL };

/** The calibration data of one as-of date and time unit, grouped for the fits (`clv_summary` holds it per customer). */
export interface ClvData {
  asOf: string;
  unit: TimeUnit;
  unitDays: number;
  customers: number;
  repeatBuyers: number;
  /** Repeat buyers with positive mean repeat spend: the Gamma-Gamma sample. */
  spendCustomers: number;
  /** Pearson correlation of m and x over the Gamma-Gamma sample; null when undefined. */
  correlation: number | null;
  firstDay: string | null;
  lastDate: string | null;
  /** Days after the as-of date up to the last order date (0: no holdout). */
  holdoutDays: number;
  /** Actual repeat transactions of the calibration customers in the holdout. */
  holdoutPurchases: number;
  triples: TripleColumns;
  spend: SpendColumns;
}

/** A fitted model on one `ClvData`. */
export interface ClvRun {
  data: ClvData;
  fits: ClvFits;
  /** The query layer's data version the data was read at, when known. */
  version?: number;
}

/** Rows of one page of the grouped data: results of tens of thousands of rows decode in one long main-thread task. */
export const PAGE_ROWS = 10_000;

/**
 * Reads the grouped data of the fits from `clv_summary` (built first) for the as-of date and unit.
 * Only distinct (x, t_x, T) and (x, m) reach JS, never one row per customer, in pages of PAGE_ROWS (each decoded
 * in a task of its own) written straight into typed columns.
 */
export async function prepareClv(layer: QueryLayer, asOf: string, unit: TimeUnit, signal?: AbortSignal): Promise<ClvData> {
  const unitDays = UNIT_DAYS[unit];
  const tables = [clvSummary(asOf, unit)];
  const read = <T extends Row>(sql: string, params: unknown[] = []) => layer.query<T>({ sql, params, tables }, { signal });
  const [[facts], [span]] = await Promise.all([
    read<{
      customers: number;
      repeat_buyers: number;
      spend_customers: number;
      spend_frequency_correlation: number | null;
      holdout_purchases: number;
      first_day: string | null;
      histories: number;
      spend_histories: number;
    }>(summaryFactsSql()),
    layer.query<{ last_date: string | null; holdout_days: number | null }>({ sql: holdoutSpanSql(), params: [asOf] }, { signal }),
  ]);
  /** The rows of `sql` (ordered) as typed columns, `total` rows read a page at a time. */
  const columns = async <K extends string>(sql: string, total: number, keys: readonly K[]): Promise<Record<K, Float64Array>> => {
    const out = Object.fromEntries(keys.map((k) => [k, new Float64Array(total)])) as Record<K, Float64Array>;
    const pages = Array.from({ length: Math.ceil(total / PAGE_ROWS) }, (_, i) => i * PAGE_ROWS);
    await Promise.all(
      pages.map(async (offset) => {
        const rows = await read<Record<K, number>>(`${sql} LIMIT ${PAGE_ROWS} OFFSET ${offset}`);
        rows.forEach((r, i) => keys.forEach((k) => (out[k][offset + i] = r[k])));
      }),
    );
    return out;
  };
  const [freq, spend] = await Promise.all([
    columns(frequencyGroupsSql(), facts.histories, ['x', 'tx_days', 'T_days', 'n'] as const),
    columns(spendGroupsSql(), facts.spend_histories, ['x', 'm', 'n'] as const),
  ]);
  const corr = facts.spend_frequency_correlation;
  return {
    asOf,
    unit,
    unitDays,
    customers: facts.customers,
    repeatBuyers: facts.repeat_buyers,
    spendCustomers: facts.spend_customers,
    correlation: corr !== null && Number.isFinite(corr) ? corr : null,
    firstDay: facts.first_day,
    lastDate: span.last_date,
    holdoutDays: span.holdout_days ?? 0,
    holdoutPurchases: facts.holdout_purchases,
    triples: { x: freq.x, txDays: freq.tx_days, TDays: freq.T_days, n: freq.n },
    spend: { x: spend.x, m: spend.m, n: spend.n },
  };
}

/** The fits of a data set with no customer. */
export function emptyFits(): ClvFits {
  const nan = { logLik: NaN, converged: false, message: 'no customers to fit' };
  return {
    bg: { params: { r: NaN, alpha: NaN, a: NaN, b: NaN }, ...nan, customers: 0, groups: 0, boundary: null },
    gg: { params: { p: NaN, q: NaN, v: NaN }, ...nan, customers: 0, excluded: 0 },
    bgMs: 0,
    ggMs: 0,
  };
}

/** Gamma-Gamma parameters fit to give expected spend: finite, with q > 1. Otherwise null (spend and CLV are then left empty). */
export function usableSpendParams(fits: ClvFits): GammaGammaParams | null {
  const { p, q, v } = fits.gg.params;
  return [p, q, v].every(Number.isFinite) && q > 1 && fits.gg.customers > 0 ? { p, q, v } : null;
}

/** The per-triple outputs, a table only while `clv_customers` is built from them. */
const TRIPLES = 'clv_triples';

/**
 * Creates `clv_customers` from `clv_summary` and the per-triple outputs in `clv_triples`. Expected spend is the
 * Gamma-Gamma posterior mean p(v + x·m)/(p·x + q − 1) (the population mean p·v/(q−1) when x = 0), computed here;
 * `clv_full_margin` = expected spend × discounted purchases, the CLV at a 100 % margin (see `clvExpr`).
 * `$1` p, `$2` q, `$3` v (NULL when unusable).
 */
export function customersSql(): string {
  return `CREATE OR REPLACE TABLE ${CLV_CUSTOMERS} AS
SELECT *, expected_avg_value * discounted_purchases AS clv_full_margin
FROM (
  SELECT s.customer_id, s.x AS frequency, s.t_x AS recency, s.T, s.m AS monetary_value,
    tr.p_alive, tr.expected_purchases,
    CASE WHEN CAST($2 AS DOUBLE) > 1
      THEN CAST($1 AS DOUBLE) * (CAST($3 AS DOUBLE) + s.x * s.m) / (CAST($1 AS DOUBLE) * s.x + CAST($2 AS DOUBLE) - 1)
    END AS expected_avg_value,
    tr.discounted_purchases, s.revenue, s.first_day, s.last_day,
    s.x_star AS holdout_purchases, tr.holdout_expected
  FROM ${CLV_SUMMARY} s
  JOIN ${TRIPLES} tr ON tr.x = s.x AND tr.tx_days = s.tx_days AND tr.T_days = s.T_days
)
ORDER BY customer_id`;
}

/** `clv.csv`: the export contract, one row per customer in full precision; `$1` the margin. */
export function clvExportSql(): string {
  return `SELECT customer_id, frequency, recency, T, monetary_value, p_alive, expected_purchases, expected_avg_value,
  ${clvExpr(CLV_CUSTOMERS, '$1')} AS clv
FROM ${CLV_CUSTOMERS} ORDER BY customer_id`;
}

/** The `clv.csv` request for a scoring and margin. */
export function clvExportRequest(table: TableSpec, margin: number): QueryRequest {
  return { sql: clvExportSql(), params: [margin], tables: [table] };
}

/** Fits BG/NBD and Gamma-Gamma on the grouped data. */
export function fitClv(engine: ClvEngine, data: ClvData, onProgress?: ClvProgress): Promise<ClvFits> {
  return engine.fitModels({ triples: data.triples, spend: data.spend, unitDays: data.unitDays }, onProgress);
}

/** Fits Pareto/NBD on the grouped data (with its boundary check). */
export function fitParetoClv(engine: ClvEngine, data: ClvData, onProgress?: ClvProgress): Promise<ParetoFit> {
  return engine.fitPareto({ triples: data.triples, unitDays: data.unitDays }, onProgress);
}

/**
 * The model `key.model` predicts with for a run: BG/NBD's or Pareto/NBD's (`pareto`, needed then) parameters, or
 * the NBD when that fit is at its boundary.
 * @throws Error when Pareto/NBD is asked for without its fit.
 */
export function scoringModel(run: ClvRun, model: FrequencyModel, pareto?: ParetoNbdFit | null): PredictionModel {
  if (model === 'bgnbd') return predictionModelOf('bgnbd', run.fits.bg);
  if (!pareto) throw new Error('Pareto/NBD has not been fitted');
  return predictionModelOf('pnbd', pareto);
}

/**
 * Predicts per distinct history for the settings in `key` with the model `key.model` (`opts.pareto`: its fit, for
 * Pareto/NBD), and builds `clv_customers` from the predictions (returned: the table, how many histories could not
 * be computed, how long the predictions took in the engine and the whole scoring with the table built). `holdoutDays` and `spend` override the run's holdout and
 * Gamma-Gamma parameters (tests against published figures).
 */
export async function scoreClv(
  layer: QueryLayer,
  engine: ClvEngine,
  run: ClvRun,
  key: ScoreKey,
  opts: { signal?: AbortSignal; onProgress?: ClvProgress; holdoutDays?: number; spend?: GammaGammaParams | null; pareto?: ParetoNbdFit | null } = {},
): Promise<{ table: TableSpec; failed: number; model: PredictionModel; predictMs: number; scoreMs: number }> {
  const t0 = performance.now();
  const { data, fits } = run;
  const version = layer.version;
  const model = scoringModel(run, key.model, opts.pareto);
  const holdoutDays = opts.holdoutDays ?? data.holdoutDays;
  const out = await engine.predictTriples(
    { model, triples: data.triples, unitDays: data.unitDays, horizonMonths: key.horizonMonths, monthlyDiscount: key.monthlyDiscount, holdoutDays },
    opts.onProgress,
  );
  const gg = opts.spend === undefined ? usableSpendParams(fits) : opts.spend;
  const table = clvCustomers(key, { model, gg, holdoutDays }, async (db) => {
    // The predictions belong to the data they were made on: after a change of data they can only be made anew.
    if (layer.version !== version) throw new Superseded();
    await createNumericTable(db, TRIPLES, {
      x: data.triples.x,
      tx_days: data.triples.txDays,
      T_days: data.triples.TDays,
      p_alive: out.p_alive,
      expected_purchases: out.expected_purchases,
      discounted_purchases: out.discounted_purchases,
      holdout_expected: out.holdout_expected,
    });
    await db.query(customersSql(), [gg?.p ?? null, gg?.q ?? null, gg?.v ?? null]);
    await db.exec(`DROP TABLE ${TRIPLES}`);
  });
  await layer.ensure([table], { signal: opts.signal });
  return { table, failed: out.failed, model, predictMs: out.ms, scoreMs: performance.now() - t0 };
}
