/**
 * Validation of the BG/NBD fit: actual figures in SQL, to set beside the model's (from `compute.ts`). The
 * calibration customers are those of `clv_summary`; the holdout is the period after the as-of date.
 * No parameters: everything comes from `clv_summary`, `clv_customers` and `orders`.
 */
import { ORDERS } from '../../model/orders';
import { PURCHASE_DAYS_SQL } from './summary-sql';

/** Calibration frequencies shown one by one; the last class, TOP_FREQUENCY, is "that many or more". */
export const TOP_FREQUENCY = 7;

/**
 * Per calibration frequency 0 … 6 and 7+ (`calibration_frequency` 7 stands for "7 or more"): customers, and
 * their mean actual and expected repeat transactions in the holdout.
 */
export function holdoutByFrequencySql(): string {
  return `SELECT CAST(least(frequency, ${TOP_FREQUENCY}) AS INTEGER) AS calibration_frequency, count(*) AS customers,
  avg(holdout_purchases) AS actual, avg(holdout_expected) AS expected
FROM clv_customers GROUP BY ALL ORDER BY calibration_frequency`;
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

/** Actual number of customers with 0 … 6 and 7+ repeat transactions in the calibration period. */
export function frequencyHistogramSql(): string {
  return `SELECT CAST(least(x, ${TOP_FREQUENCY}) AS INTEGER) AS frequency, count(*) AS customers
FROM clv_summary GROUP BY ALL ORDER BY frequency`;
}
