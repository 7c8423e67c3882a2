import type { Db } from '../../db/db';
import type { ClvEngine, ClvFits, ClvProgress, SpendColumns, TripleColumns } from './compute';
import type { GammaGammaParams } from './gamma-gamma';
import { createNumericTable } from './numeric-table';
import { buildSummarySql, frequencyGroupsSql, holdoutSpanSql, spendGroupsSql, summaryFactsSql, UNIT_DAYS, type TimeUnit } from './summary-sql';

/** What the user can change. Defaults: weeks, 12 months, 1 % a month, margin 100 %. */
export interface ClvSettings {
  unit: TimeUnit;
  horizonMonths: number;
  monthlyDiscount: number;
  /** Profit margin, 0–1. */
  margin: number;
}

export const DEFAULT_CLV_SETTINGS: Readonly<ClvSettings> = { unit: 'weeks', horizonMonths: 12, monthlyDiscount: 0.01, margin: 1 };

/** The calibration data of one as-of date and time unit, grouped for the fits (table `clv_summary` holds it per customer). */
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
}

/**
 * Builds `clv_summary` for the as-of date and unit and reads the grouped data of the fits.
 * Only distinct (x, t_x, T) and (x, m) reach JS, never one row per customer.
 */
export async function prepareClv(db: Db, asOf: string, unit: TimeUnit): Promise<ClvData> {
  const unitDays = UNIT_DAYS[unit];
  await db.query(buildSummarySql(), [asOf, unitDays]);
  const [facts] = await db.query<{
    customers: number;
    repeat_buyers: number;
    spend_customers: number;
    spend_frequency_correlation: number | null;
    holdout_purchases: number;
    first_day: string | null;
  }>(summaryFactsSql());
  const [span] = await db.query<{ last_date: string | null; holdout_days: number | null }>(holdoutSpanSql(), [asOf]);
  const freq = await db.query<{ x: number; tx_days: number; T_days: number; n: number }>(frequencyGroupsSql());
  const spend = await db.query<{ x: number; m: number; n: number }>(spendGroupsSql());
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

/** Gamma-Gamma parameters fit to give expected spend: finite, with q > 1. Otherwise null (spend and CLV are then left empty). */
export function usableSpendParams(fits: ClvFits): GammaGammaParams | null {
  const { p, q, v } = fits.gg.params;
  return [p, q, v].every(Number.isFinite) && q > 1 && fits.gg.customers > 0 ? { p, q, v } : null;
}

/**
 * Creates `clv_customers` from `clv_summary` and the per-triple outputs in `clv_triples`. Expected spend is the
 * Gamma-Gamma posterior mean p(v + x·m)/(p·x + q − 1) (the population mean p·v/(q−1) when x = 0), computed here;
 * CLV = margin × expected spend × discounted purchases. `$1` p, `$2` q, `$3` v (NULL when unusable), `$4` margin.
 */
export function customersSql(): string {
  return `CREATE OR REPLACE TABLE clv_customers AS
SELECT *, CAST($4 AS DOUBLE) * expected_avg_value * discounted_purchases AS clv
FROM (
  SELECT s.customer_id, s.x AS frequency, s.t_x AS recency, s.T, s.m AS monetary_value,
    tr.p_alive, tr.expected_purchases,
    CASE WHEN CAST($2 AS DOUBLE) > 1
      THEN CAST($1 AS DOUBLE) * (CAST($3 AS DOUBLE) + s.x * s.m) / (CAST($1 AS DOUBLE) * s.x + CAST($2 AS DOUBLE) - 1)
    END AS expected_avg_value,
    tr.discounted_purchases, s.revenue, s.first_day, s.last_day,
    s.x_star AS holdout_purchases, tr.holdout_expected
  FROM clv_summary s
  JOIN clv_triples tr ON tr.x = s.x AND tr.tx_days = s.tx_days AND tr.T_days = s.T_days
)
ORDER BY customer_id`;
}

/** `clv.csv`: the export contract, one row per customer in full precision. */
export function clvExportSql(): string {
  return `SELECT customer_id, frequency, recency, T, monetary_value, p_alive, expected_purchases, expected_avg_value, clv
FROM clv_customers ORDER BY customer_id`;
}

/** Fits BG/NBD and Gamma-Gamma on the grouped data. */
export function fitClv(engine: ClvEngine, data: ClvData, onProgress?: ClvProgress): Promise<ClvFits> {
  return engine.fitModels({ triples: data.triples, spend: data.spend, unitDays: data.unitDays }, onProgress);
}

export async function scoreClv(
  db: Db,
  engine: ClvEngine,
  run: ClvRun,
  settings: ClvSettings,
  opts: { onProgress?: ClvProgress; holdoutDays?: number; spend?: GammaGammaParams | null } = {},
): Promise<{ failed: number }> {
  const { data, fits } = run;
  const out = await engine.predictTriples(
    {
      bg: fits.bg.params,
      triples: data.triples,
      unitDays: data.unitDays,
      horizonMonths: settings.horizonMonths,
      monthlyDiscount: settings.monthlyDiscount,
      holdoutDays: opts.holdoutDays ?? data.holdoutDays,
    },
    opts.onProgress,
  );
  await createNumericTable(db, 'clv_triples', {
    x: data.triples.x,
    tx_days: data.triples.txDays,
    T_days: data.triples.TDays,
    p_alive: out.p_alive,
    expected_purchases: out.expected_purchases,
    discounted_purchases: out.discounted_purchases,
    holdout_expected: out.holdout_expected,
  });
  const gg = opts.spend === undefined ? usableSpendParams(fits) : opts.spend;
  await db.query(customersSql(), [gg?.p ?? null, gg?.q ?? null, gg?.v ?? null, settings.margin]);
  return { failed: out.failed };
}
