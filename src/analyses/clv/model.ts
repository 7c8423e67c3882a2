import type { Row } from '../../db/db';
import { Superseded, type QueryLayer, type QueryRequest, type TableSpec } from '../../query/query-layer';
import type { ClvEngine, ClvFits, ClvProgress, SpendColumns, TripleColumns } from './compute';
import type { GammaGammaParams } from './gamma-gamma';
import { createNumericTable } from './numeric-table';
import { CLV_CUSTOMERS, CLV_SUMMARY, clvCustomers, clvExpr, clvSummary, type ScoreKey } from './tables';
import { frequencyGroupsSql, holdoutSpanSql, spendGroupsSql, summaryFactsSql, UNIT_DAYS, type TimeUnit } from './summary-sql';

/** What the user can change. Defaults: weeks, 12 months, 1 % a month, margin 100 %. */
export interface ClvSettings {
  unit: TimeUnit;
  horizonMonths: number;
  monthlyDiscount: number;
  /** Profit margin, 0–1. */
  margin: number;
}

export const DEFAULT_CLV_SETTINGS: Readonly<ClvSettings> = { unit: 'weeks', horizonMonths: 12, monthlyDiscount: 0.01, margin: 1 };

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

/**
 * Reads the grouped data of the fits from `clv_summary` (built first) for the as-of date and unit.
 * Only distinct (x, t_x, T) and (x, m) reach JS, never one row per customer.
 */
export async function prepareClv(layer: QueryLayer, asOf: string, unit: TimeUnit, signal?: AbortSignal): Promise<ClvData> {
  const unitDays = UNIT_DAYS[unit];
  const tables = [clvSummary(asOf, unit)];
  const read = <T extends Row>(sql: string, params: unknown[] = []) => layer.query<T>({ sql, params, tables }, { signal });
  const [[facts], [span], freq, spend] = await Promise.all([
    read<{
      customers: number;
      repeat_buyers: number;
      spend_customers: number;
      spend_frequency_correlation: number | null;
      holdout_purchases: number;
      first_day: string | null;
    }>(summaryFactsSql()),
    layer.query<{ last_date: string | null; holdout_days: number | null }>({ sql: holdoutSpanSql(), params: [asOf] }, { signal }),
    read<{ x: number; tx_days: number; T_days: number; n: number }>(frequencyGroupsSql()),
    read<{ x: number; m: number; n: number }>(spendGroupsSql()),
  ]);
  const column = <R>(rows: R[], f: (r: R) => number) => Float64Array.from(rows, f);
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
    triples: { x: column(freq, (r) => r.x), txDays: column(freq, (r) => r.tx_days), TDays: column(freq, (r) => r.T_days), n: column(freq, (r) => r.n) },
    spend: { x: column(spend, (r) => r.x), m: column(spend, (r) => r.m), n: column(spend, (r) => r.n) },
  };
}

/** The fits of a data set with no customer. */
export function emptyFits(): ClvFits {
  const nan = { logLik: NaN, converged: false, message: 'no customers to fit' };
  return {
    bg: { params: { r: NaN, alpha: NaN, a: NaN, b: NaN }, ...nan, customers: 0, groups: 0 },
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

/**
 * Predicts per distinct history for the settings in `key`, and builds `clv_customers` from the predictions
 * (returned: the table, and how many histories could not be computed). `holdoutDays` and `spend` override the
 * run's holdout and Gamma-Gamma parameters (tests against published figures).
 */
export async function scoreClv(
  layer: QueryLayer,
  engine: ClvEngine,
  run: ClvRun,
  key: ScoreKey,
  opts: { signal?: AbortSignal; onProgress?: ClvProgress; holdoutDays?: number; spend?: GammaGammaParams | null } = {},
): Promise<{ table: TableSpec; failed: number }> {
  const { data, fits } = run;
  const version = layer.version;
  const out = await engine.predictTriples(
    {
      bg: fits.bg.params,
      triples: data.triples,
      unitDays: data.unitDays,
      horizonMonths: key.horizonMonths,
      monthlyDiscount: key.monthlyDiscount,
      holdoutDays: opts.holdoutDays ?? data.holdoutDays,
    },
    opts.onProgress,
  );
  const gg = opts.spend === undefined ? usableSpendParams(fits) : opts.spend;
  const holdoutDays = opts.holdoutDays ?? data.holdoutDays;
  const table = clvCustomers(key, { bg: fits.bg.params, gg, holdoutDays }, async (db) => {
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
  return { table, failed: out.failed };
}
