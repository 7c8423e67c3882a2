import { CLV_CUSTOMERS } from '../clv/tables';
import { ORDERS } from '../../model/orders';
import { markovCustomerClvSql } from './markov';

/** SQL: the average rank of `column` over all rows (tied values share the mean of their ranks, as Spearman's ρ needs). */
function averageRank(column: string): string {
  return `(rank() OVER (ORDER BY ${column}) + (count(*) OVER (PARTITION BY ${column}) - 1) / 2.0)`;
}

/**
 * Markov-chain CLV against the CLV view's BG/NBD + Gamma-Gamma CLV (`clv_customers`, same as-of date `$1`,
 * `$2` = lostAfter), over the customers both score: `customers`, `rho` (Spearman's rank correlation of the two
 * CLVs), and on the holdout (the orders after the as-of date; `holdout_orders` of them) the rank correlation of
 * each with the net revenue each customer actually spent there, `markov_actual` and `bg_actual` (NULL without a
 * holdout). The margin does not change a rank: the CLV at a 100 % margin is compared.
 */
export function markovComparisonSql(clv: readonly number[]): string {
  return `WITH m AS (${markovCustomerClvSql(clv)}),
h AS (SELECT customer_id, sum(amount) AS actual FROM ${ORDERS} WHERE order_ts >= CAST($1 AS DATE) + INTERVAL 1 DAY GROUP BY customer_id),
j AS (SELECT m.clv AS markov, c.clv_full_margin AS bg, CAST(coalesce(h.actual, 0) AS DOUBLE) AS actual
  FROM m JOIN ${CLV_CUSTOMERS} c USING (customer_id) LEFT JOIN h USING (customer_id) WHERE m.clv IS NOT NULL AND c.clv_full_margin IS NOT NULL),
r AS (SELECT ${averageRank('markov')} AS rm, ${averageRank('bg')} AS rb, ${averageRank('actual')} AS ra FROM j)
SELECT CAST(count(*) AS INTEGER) AS customers, corr(rm, rb) AS rho,
  CASE WHEN (SELECT count(*) FROM h) > 0 THEN corr(rm, ra) END AS markov_actual,
  CASE WHEN (SELECT count(*) FROM h) > 0 THEN corr(rb, ra) END AS bg_actual,
  CAST((SELECT count(*) FROM ${ORDERS} WHERE order_ts >= CAST($1 AS DATE) + INTERVAL 1 DAY) AS INTEGER) AS holdout_orders
FROM r`;
}
