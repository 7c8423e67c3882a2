import { CUSTOMER_FACTS } from '../../model/customer-facts';
import { isPurchase, ORDERS } from '../../model/orders';

/**
 * The per-customer calibration summary of the CLV models, with the reference libraries' conventions (BTYD,
 * lifetimes), on purchases: a customer's purchase days are the days with at least one purchase order, a day's
 * value the sum of its purchase orders' amounts (returns and net-zero orders are no purchase and have no part in
 * it); x = purchase days − 1; t_x = last − first purchase day; T = as-of date − first purchase day (a purchase on
 * the as-of date counts); m = mean value of the repeat purchase days (the first left out), 0 when x = 0.
 *
 * Parameters: `$1` the as-of date (`YYYY-MM-DD`), `$2` days per model time unit (7 for weeks, 1 for days).
 */

/** The models' time unit. */
export type TimeUnit = 'weeks' | 'days';

/** Days in one time unit. */
export const UNIT_DAYS: Record<TimeUnit, number> = { weeks: 7, days: 1 };

/** Purchase days per customer over all orders (calibration and holdout), with the day's purchase value. */
export const PURCHASE_DAYS_SQL = `SELECT customer_id, order_date AS day, sum(amount) AS value FROM ${ORDERS} WHERE ${isPurchase()} GROUP BY ALL`;

/**
 * One row per customer with a purchase up to the as-of date: `x`, `tx_days`, `T_days` (whole days), `t_x`, `T`
 * (in the time unit), `m`, `revenue` (net amount to date, returns included, from `customer_facts`), `first_day`,
 * `last_day`, and `x_star`, the purchase days after the as-of date (the holdout actuals; 0 without a holdout).
 */
export function summarySql(): string {
  return `WITH days AS (${PURCHASE_DAYS_SQL}),
cal AS (
  SELECT customer_id, count(*) - 1 AS x, min(day) AS first_day, max(day) AS last_day,
    sum(value) - arg_min(value, day) AS repeat_value
  FROM days WHERE day <= CAST($1 AS DATE)
  GROUP BY ALL
),
hold AS (SELECT customer_id, count(*) AS x_star FROM days WHERE day > CAST($1 AS DATE) GROUP BY ALL),
d AS (
  SELECT *, date_diff('day', first_day, last_day) AS tx_days, date_diff('day', first_day, CAST($1 AS DATE)) AS T_days
  FROM cal
)
SELECT d.customer_id, d.x, d.tx_days, d.T_days,
  d.tx_days / CAST($2 AS DOUBLE) AS t_x,
  d.T_days / CAST($2 AS DOUBLE) AS T,
  CASE WHEN d.x > 0 THEN CAST(d.repeat_value AS DOUBLE) / d.x ELSE 0 END AS m,
  f.revenue, d.first_day, d.last_day,
  coalesce(hold.x_star, 0) AS x_star
FROM d JOIN ${CUSTOMER_FACTS} f USING (customer_id) LEFT JOIN hold USING (customer_id)
ORDER BY d.customer_id`;
}

/** Materialises `summarySql()` as the table `clv_summary` (same parameters; reads `customer_facts` for `$1`). */
export function buildSummarySql(): string {
  return `CREATE OR REPLACE TABLE clv_summary AS ${summarySql()}`;
}

/** Distinct (x, t_x, T) of `clv_summary` as whole days with their customer count `n`: the BG/NBD fit's input. */
export function frequencyGroupsSql(): string {
  return `SELECT x, tx_days, T_days, count(*) AS n FROM clv_summary GROUP BY ALL ORDER BY ALL`;
}

/** Distinct (x, m) of the repeat buyers in `clv_summary` with their count `n`: the Gamma-Gamma fit's input. */
export function spendGroupsSql(): string {
  return `SELECT x, m, count(*) AS n FROM clv_summary WHERE x > 0 GROUP BY ALL ORDER BY ALL`;
}

/**
 * Facts about the summary (no parameters): customers, repeat buyers, customers with positive repeat spend,
 * the Pearson correlation of m and x among those (Gamma-Gamma assumes none), the holdout actuals' total, and the
 * numbers of rows of `frequencyGroupsSql` (`histories`) and `spendGroupsSql` (`spend_histories`).
 */
export function summaryFactsSql(): string {
  return `SELECT count(*) AS customers,
  count(*) FILTER (WHERE x > 0) AS repeat_buyers,
  count(*) FILTER (WHERE x > 0 AND m > 0) AS spend_customers,
  corr(m, x) FILTER (WHERE x > 0 AND m > 0) AS spend_frequency_correlation,
  coalesce(sum(x_star), 0) AS holdout_purchases,
  min(first_day) AS first_day,
  (SELECT count(*) FROM (SELECT DISTINCT x, tx_days, T_days FROM clv_summary)) AS histories,
  (SELECT count(*) FROM (SELECT DISTINCT x, m FROM clv_summary WHERE x > 0)) AS spend_histories
FROM clv_summary`;
}

/**
 * The holdout: from the day after the as-of date (`$1`) to the last order date. `holdout_days` is 0 when the
 * as-of date is the last order date (or later).
 */
export function holdoutSpanSql(): string {
  return `SELECT max(order_date) AS last_date,
  greatest(0, date_diff('day', CAST($1 AS DATE), max(order_date))) AS holdout_days
FROM ${ORDERS}`;
}
