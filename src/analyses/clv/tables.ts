import type { Db } from '../../db/db';
import { customerFacts } from '../../model/customer-facts';
import type { TableSpec } from '../../query/query-layer';
import type { FrequencyModel } from './frequency-model';
import { CLV_HOLDOUT } from './holdout-sql';
import { buildSummarySql, UNIT_DAYS, type TimeUnit } from './summary-sql';

export const CLV_SUMMARY = 'clv_summary';
export const CLV_CUSTOMERS = 'clv_customers';

/** `clv_summary` (see `summarySql`) for the as-of date and time unit, from `orders` and `customer_facts`. */
export function clvSummary(asOf: string, unit: TimeUnit): TableSpec {
  return {
    name: CLV_SUMMARY,
    key: { asOf, unit },
    deps: [customerFacts(asOf)],
    build: [{ sql: buildSummarySql(), params: [asOf, UNIT_DAYS[unit]] }],
  };
}

/** What the predictions in `clv_customers` depend on (the margin is not among them: see `clvExpr`). */
export interface ScoreKey {
  asOf: string;
  unit: TimeUnit;
  horizonMonths: number;
  monthlyDiscount: number;
  /** The purchase model CLV uses. */
  model: FrequencyModel;
}

/**
 * `clv_customers` for a fit (`fit`: what identifies its predictions, e.g. its parameters) and the settings in
 * `key`: one row per customer of `clv_summary` with customer_id, frequency, recency, T, monetary_value, p_alive,
 * expected_purchases, expected_avg_value, discounted_purchases, clv_full_margin (the CLV at a 100 % margin),
 * revenue, first_day, last_day, holdout_purchases, holdout_expected. `build` writes the predictions made for them.
 */
export function clvCustomers(key: ScoreKey, fit: unknown, build: (db: Db) => Promise<void>): TableSpec {
  return { name: CLV_CUSTOMERS, key: { ...key, fit }, deps: [clvSummary(key.asOf, key.unit)], build };
}

/** SQL: the CLV of the `clv_customers` row aliased `alias` at the margin `margin` (SQL: a parameter such as `$2`). */
export function clvExpr(alias: string, margin: string): string {
  return `(CAST(${margin} AS DOUBLE) * ${alias}.clv_full_margin)`;
}

/**
 * `clv_holdout` (see `holdoutTableSql`) for the as-of date and unit and the compared models' predictions (`models`:
 * what identifies them); `build` writes their expectations.
 */
export function clvHoldout(asOf: string, unit: TimeUnit, models: unknown, build: (db: Db) => Promise<void>): TableSpec {
  return { name: CLV_HOLDOUT, key: { asOf, unit, models }, deps: [clvSummary(asOf, unit)], build };
}
