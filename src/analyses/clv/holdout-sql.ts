/**
 * Validation of the BG/NBD fit: actual figures in SQL, to set beside the model's (from `compute.ts`). The
 * calibration customers are those of `clv_summary`; the holdout is the period after the as-of date.
 * No parameters: everything comes from `clv_summary`, `clv_customers` and `orders`.
 */
import { ORDERS } from '../../model/orders';
import { PURCHASE_DAYS_SQL } from './summary-sql';

/** Calibration frequencies shown one by one in the holdout comparison; the last class, TOP_FREQUENCY, is "that many or more". */
export const TOP_FREQUENCY = 7;
/** Classes of the calibration check, 0 … 5 and 6+ (as in the papers' frequency plots). */
export const CALIBRATION_TOP = 6;

/** Per customer of `clv_summary`: the holdout actuals and each model's expectation (see `holdoutTableSql`). */
export const CLV_HOLDOUT = 'clv_holdout';
/** The per-triple expectations, a table only while `clv_holdout` is built from them. */
export const HOLDOUT_TRIPLES = 'clv_holdout_triples';

/**
 * Creates `clv_holdout` from `clv_summary` and `clv_holdout_triples` (x, tx_days, T_days, expected_bgnbd,
 * expected_pnbd): customer_id, x (calibration repeat purchases), x_star (actual holdout purchase days) and each
 * model's expected holdout purchases.
 */
export function holdoutTableSql(): string {
  return `CREATE OR REPLACE TABLE ${CLV_HOLDOUT} AS
SELECT s.customer_id, s.x, s.x_star, h.expected_bgnbd, h.expected_pnbd
FROM clv_summary s JOIN ${HOLDOUT_TRIPLES} h ON h.x = s.x AND h.tx_days = s.tx_days AND h.T_days = s.T_days
ORDER BY s.customer_id`;
}

/**
 * The models' holdout errors: customers, actual repeat purchases, and per model (`_bgnbd`, `_pnbd`) the expected
 * total, the aggregate error (expected − actual) and the per-customer mean absolute error Σ|x* − E[x*]| / customers.
 */
export function holdoutComparisonSql(): string {
  const model = (m: string) =>
    `sum(expected_${m}) AS expected_${m}, sum(expected_${m}) - sum(x_star) AS error_${m}, avg(abs(x_star - expected_${m})) AS mae_${m}`;
  return `SELECT count(*) AS customers, coalesce(sum(x_star), 0) AS actual, ${model('bgnbd')}, ${model('pnbd')}
FROM ${CLV_HOLDOUT}`;
}

/**
 * Per calibration frequency 0 … 6 and 7+ (`calibration_frequency` 7 stands for "7 or more"): customers, and
 * their mean actual and each model's mean expected repeat transactions in the holdout.
 */
export function holdoutByFrequencySql(): string {
  return `SELECT CAST(least(x, ${TOP_FREQUENCY}) AS INTEGER) AS calibration_frequency, count(*) AS customers,
  avg(x_star) AS actual, avg(expected_bgnbd) AS expected_bgnbd, avg(expected_pnbd) AS expected_pnbd
FROM ${CLV_HOLDOUT} GROUP BY ALL ORDER BY calibration_frequency`;
}

/**
 * Actual repeat purchase days of the calibration customers per week, over the whole data: week 1 starts on the
 * earliest first purchase; the last week holds the last order date (the holdout's end). Every week is listed, with 0 when none.
 */
export function trackingActualSql(): string {
  return `WITH days AS (${PURCHASE_DAYS_SQL}),
start AS (SELECT min(first_day) AS s FROM clv_summary),
span AS (SELECT date_diff('day', any_value(start.s), max(o.order_date)) // 7 + 1 AS weeks FROM ${ORDERS} o, start),
weekly AS (
  SELECT date_diff('day', start.s, d.day) // 7 + 1 AS week, count(*) AS n
  FROM days d JOIN clv_summary c USING (customer_id), start
  WHERE d.day > c.first_day
  GROUP BY ALL
)
SELECT w.week, coalesce(weekly.n, 0) AS actual
FROM span, range(1, span.weeks + 1) w(week) LEFT JOIN weekly USING (week)
ORDER BY w.week`;
}

/** Calibration customers by first purchase day, in days after the earliest one: the model's tracking curve input. */
export function birthsSql(): string {
  return `SELECT date_diff('day', (SELECT min(first_day) FROM clv_summary), first_day) AS days, count(*) AS n
FROM clv_summary GROUP BY ALL ORDER BY days`;
}

/** Calibration customers by observation length T (days): the expected frequency histogram's input. */
export function periodsSql(): string {
  return `SELECT T_days, count(*) AS n FROM clv_summary GROUP BY ALL ORDER BY T_days`;
}

/** Actual number of customers with 0 … 5 and 6+ repeat transactions in the calibration period (the calibration check). */
export function frequencyHistogramSql(): string {
  return `SELECT CAST(least(x, ${CALIBRATION_TOP}) AS INTEGER) AS frequency, count(*) AS customers
FROM clv_summary GROUP BY ALL ORDER BY frequency`;
}
