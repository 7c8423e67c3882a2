import { literal } from '../../db/sql';
import { CUSTOMER_FACTS, ordersUpTo } from '../../model/customer-facts';
import { isPurchase, ORDERS } from '../../model/orders';
import { purchaseDaysUpTo } from '../../model/purchase-days';
import type { Period } from './periods';

/** The cockpit's KPIs, in the order of `kpis.csv`. */
export const KPIS = ['new_customers', 'active_customers', 'returning_customers', 'lost_customers', 'repeat_rate', 'aov', 'arpu', 'revenue', 'orders'] as const;
export type Kpi = (typeof KPIS)[number];

/** Decimals of each KPI in `kpis.csv`: counts whole, money 2, rates 4. */
export const KPI_DECIMALS: Record<Kpi, number> = {
  new_customers: 0, active_customers: 0, returning_customers: 0, lost_customers: 0, repeat_rate: 4, aov: 2, arpu: 2, revenue: 2, orders: 0,
};

/** A period and the one before it (the base of its retention rate). */
export interface PeriodPair {
  period: Period;
  previous: Period;
}

const periodsValues = (periods: readonly PeriodPair[]) =>
  periods
    .map(({ period: p, previous: q }, i) => `(${i}, ${literal(p.label)}, DATE ${literal(p.start)}, DATE ${literal(p.end)}, DATE ${literal(q.start)}, DATE ${literal(q.end)})`)
    .join(', ');

/**
 * CTEs over the orders up to the as-of date `$1`, for the periods `p(i, label, s, e, ps, pe)` (`ps`, `pe`: the period
 * before): `fp` (each customer's first purchase day, from `customer_facts` built for `$1`), `pc` (per period and customer with an order in it: purchases,
 * net revenue); with `full` also `lostc` (per period, the customers whose stage turned churned in it with a churn
 * window of `$2` days: a purchase day followed by no purchase for more than `$2` days, its day + `$2` in the period
 * and not after the as-of date), `kept` (retention), `live` and `churn` (churn rate) and `hist` (historical CLV).
 */
function cockpitCtes(periods: readonly PeriodPair[], full = true): string {
  return `p(i, label, s, e, ps, pe) AS (VALUES ${periodsValues(periods)}),
o AS (SELECT customer_id, order_date, amount, ${isPurchase()} AS purchase FROM ${ORDERS} WHERE ${ordersUpTo('$1')}),
fp AS (SELECT customer_id, first_purchase AS first_day FROM ${CUSTOMER_FACTS}),
pc AS (SELECT p.i, o.customer_id, count(*) FILTER (WHERE o.purchase) AS purchases, sum(o.amount) AS revenue
  FROM p JOIN o ON o.order_date BETWEEN p.s AND p.e GROUP BY ALL)${full ? `,
days AS (SELECT customer_id, day, next_day FROM ${purchaseDaysUpTo('$1')}),
churned AS (SELECT customer_id, day + CAST($2 AS INTEGER) AS churn_day FROM days
  WHERE next_day IS NULL OR date_diff('day', day, next_day) > CAST($2 AS INTEGER)),
lostc AS (SELECT DISTINCT p.i, c.customer_id FROM p JOIN churned c ON c.churn_day BETWEEN p.s AND p.e AND c.churn_day <= CAST($1 AS DATE)),
lost AS (SELECT i, count(*) AS n FROM lostc GROUP BY ALL),
prev AS (SELECT DISTINCT p.i, o.customer_id FROM p JOIN o ON o.purchase AND o.order_date BETWEEN p.ps AND p.pe),
kept AS (SELECT prev.i, count(*) AS base, count(*) FILTER (WHERE pc.purchases > 0) AS kept FROM prev LEFT JOIN pc USING (i, customer_id) GROUP BY ALL),
live AS (SELECT p.i, d.customer_id FROM p JOIN days d ON d.day BETWEEN p.s - CAST($2 AS INTEGER) AND p.s - 1 AND (d.next_day IS NULL OR d.next_day >= p.s)),
churn AS (SELECT l.i, count(*) AS base, count(x.customer_id) AS churned FROM live l LEFT JOIN lostc x USING (i, customer_id) GROUP BY ALL),
hist AS (SELECT i, avg(revenue) AS clv FROM (
    SELECT a.i, a.customer_id, sum(o.amount) AS revenue FROM pc a JOIN p USING (i) JOIN o ON o.customer_id = a.customer_id AND o.order_date <= p.e
    WHERE a.purchases > 0 GROUP BY ALL) GROUP BY ALL)` : ''}`;
}

/**
 * One row per period (`i` = its index in `periods`, `label`, `start`, `end`): new customers (first purchase in the
 * period), active (a purchase in it), returning (active, first purchase before it), lost (above), repeat rate
 * (active customers with 2+ purchases in it ÷ active), AOV (revenue ÷ purchases), ARPU (revenue ÷ active
 * customers), revenue (net of returns, a return in the period it happened) and orders (purchases); retention rate
 * (the previous period's active customers active again ÷ them) and churn rate (the customers not churned when the
 * period starts — a purchase in the churn window before it — who turn churned in it ÷ them), and historical CLV (the
 * mean net revenue to the period's end of its active customers); without `full`, the last four and lost customers are
 * NULL (the trend lines: they cost most) and only `$1` is bound. `$1` = as-of date,
 * `$2` = churn window in days.
 */
export function cockpitSql(periods: readonly PeriodPair[], full = true): string {
  const extra = (sql: string) => (full ? sql : 'NULL');
  return `WITH ${cockpitCtes(periods, full)}
SELECT p.i, p.label, strftime(p.s, '%Y-%m-%d') AS start, strftime(p.e, '%Y-%m-%d') AS "end",
  (SELECT count(*) FROM fp WHERE fp.first_day BETWEEN p.s AND p.e) AS new_customers,
  coalesce(k.active, 0) AS active_customers,
  coalesce(k.returning, 0) AS returning_customers,
  ${extra('coalesce(l.n, 0)')} AS lost_customers,
  k.repeaters / nullif(k.active, 0) AS repeat_rate,
  k.revenue / nullif(k.orders, 0) AS aov,
  k.revenue / nullif(k.active, 0) AS arpu,
  coalesce(k.revenue, 0) AS revenue,
  coalesce(k.orders, 0) AS orders,
  ${extra('r.kept / nullif(r.base, 0)')} AS retention_rate,
  ${extra('ch.churned / nullif(ch.base, 0)')} AS churn_rate,
  ${extra('CAST(h.clv AS DOUBLE)')} AS historical_clv
FROM p
LEFT JOIN (SELECT pc.i, count(*) FILTER (WHERE purchases > 0) AS active,
    count(*) FILTER (WHERE purchases > 0 AND fp.first_day < p.s) AS returning,
    count(*) FILTER (WHERE purchases >= 2) AS repeaters,
    CAST(sum(purchases) AS BIGINT) AS orders, CAST(sum(revenue) AS DOUBLE) AS revenue
  FROM pc JOIN p USING (i) LEFT JOIN fp USING (customer_id) GROUP BY pc.i) k USING (i)
${full ? `LEFT JOIN lost l USING (i)
LEFT JOIN kept r USING (i)
LEFT JOIN churn ch USING (i)
LEFT JOIN hist h USING (i)
` : ''}ORDER BY p.i`;
}

/**
 * `kpis.csv`: `kpi,period,value,previous_value,change,year_ago_value` for `current` against `previous` and `yearAgo`;
 * counts whole, money with 2 decimals, the repeat rate and change with 4; change = (value − previous) ÷ |previous|
 * (empty when the previous value is 0 or empty). `$1`, `$2` as `cockpitSql`.
 */
export function kpisExportSql(current: PeriodPair, previous: PeriodPair, yearAgo: PeriodPair): string {
  const fixed = (x: string, d: number) => `CAST(CAST(${x} AS DECIMAL(18,${d})) AS VARCHAR)`;
  const col = (k: Kpi, alias: string) => fixed(`${alias}.${k}`, KPI_DECIMALS[k]);
  const rows = KPIS.map((k, j) => `SELECT ${j} AS j, '${k}' AS kpi, ${col(k, 'c')} AS value, ${col(k, 'p')} AS previous_value,
    ${fixed(`(c.${k} - p.${k}) / nullif(abs(p.${k}), 0)`, 4)} AS change, ${col(k, 'y')} AS year_ago_value FROM c, p, y`);
  return `WITH k AS (${cockpitSql([current, previous, yearAgo])}),
c AS (SELECT * FROM k WHERE i = 0), p AS (SELECT * FROM k WHERE i = 1), y AS (SELECT * FROM k WHERE i = 2)
SELECT kpi, ${literal(current.period.label)} AS period, value, previous_value, change, year_ago_value FROM (
${rows.join('\nUNION ALL ')}
) ORDER BY j`;
}

/**
 * The customers behind a KPI in `period` (`$1` as-of date, `$2` churn window): customer_id, purchases and revenue in
 * the period, first purchase day. New, active, returning and lost customers are those counted; repeat rate lists the
 * repeaters; revenue, orders, AOV and ARPU the active customers.
 */
export function kpiCustomersSql(kpi: Kpi, period: PeriodPair): string {
  const where: Record<Kpi, string> = {
    new_customers: 'fp.first_day BETWEEN p.s AND p.e',
    active_customers: 'coalesce(pc.purchases, 0) > 0',
    returning_customers: 'coalesce(pc.purchases, 0) > 0 AND fp.first_day < p.s',
    lost_customers: 'fp.customer_id IN (SELECT customer_id FROM lostc)',
    repeat_rate: 'coalesce(pc.purchases, 0) >= 2',
    aov: 'coalesce(pc.purchases, 0) > 0',
    arpu: 'coalesce(pc.purchases, 0) > 0',
    revenue: 'coalesce(pc.purchases, 0) > 0',
    orders: 'coalesce(pc.purchases, 0) > 0',
  };
  return `(WITH ${cockpitCtes([period])}
SELECT fp.customer_id, CAST(coalesce(pc.purchases, 0) AS INTEGER) AS purchases, CAST(coalesce(pc.revenue, 0) AS DECIMAL(18,2)) AS revenue,
  fp.first_day AS first_purchase
FROM fp CROSS JOIN p LEFT JOIN pc ON pc.customer_id = fp.customer_id
WHERE ${where[kpi]})`;
}
