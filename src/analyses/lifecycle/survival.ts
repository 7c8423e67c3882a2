import { ordersUpTo } from '../../model/customer-facts';
import { isPurchase, ORDERS } from '../../model/orders';
import { LIFECYCLE_CUSTOMERS } from './tables';

/** How survival curves are split: one curve, by cohort (year or quarter of the first purchase), or by the first purchase's channel. */
export type SurvivalGroup = 'all' | 'year' | 'quarter' | 'channel';
export const SURVIVAL_GROUPS: readonly SurvivalGroup[] = ['all', 'year', 'quarter', 'channel'];

const GROUP_EXPR: Record<SurvivalGroup, string> = {
  all: `'all'`,
  year: `strftime(first_order, '%Y')`,
  quarter: `strftime(first_order, '%Y') || '-Q' || quarter(first_order)`,
  channel: 'first_channel',
};

/**
 * Kaplan–Meier survival of customers. A customer's lifetime is the days from first to last purchase day; it ends
 * (an event) when the customer has churned, and is censored (still alive at the as-of date, so the lifetime is at
 * least this long) otherwise. At each distinct lifetime t, with n(t) customers whose lifetime is ≥ t and d(t)
 * events at t: S(t) = Π over t' ≤ t of (1 − d(t')/n(t')); events at t count before the censorings at t.
 *
 * Reads `source` (by default `lifecycle_customers`; a parenthesised `customerStagesSql()` works standalone with
 * its parameters). Rows: `grp` (NULL when the channel is unknown), `days`, `at_risk`, `events`, `censored`,
 * `survival`, ordered by group and days.
 */
export function survivalSql(group: SurvivalGroup, source = LIFECYCLE_CUSTOMERS): string {
  return `WITH c AS (SELECT ${GROUP_EXPR[group]} AS grp, lifetime_days AS t, churned FROM ${source}),
d AS (
  SELECT grp, t, count(*) FILTER (WHERE churned) AS events, count(*) FILTER (WHERE NOT churned) AS censored
  FROM c GROUP BY ALL
),
r AS (SELECT *, sum(events + censored) OVER (PARTITION BY grp ORDER BY t DESC) AS at_risk FROM d)
SELECT grp, CAST(t AS INTEGER) AS days, CAST(at_risk AS INTEGER) AS at_risk, CAST(events AS INTEGER) AS events,
  CAST(censored AS INTEGER) AS censored,
  product(1 - events / at_risk) OVER (PARTITION BY grp ORDER BY t ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS survival
FROM r ORDER BY grp NULLS LAST, days`;
}

/**
 * Per group of `survivalSql`: `customers`, `churned` (events), `censored`, and `median_days`, the median lifetime:
 * the first lifetime at which survival is at most one half (NULL when the curve never gets there).
 */
export function medianLifetimeSql(group: SurvivalGroup, source = LIFECYCLE_CUSTOMERS): string {
  return `WITH k AS (${survivalSql(group, source)})
SELECT grp, CAST(max(at_risk) AS INTEGER) AS customers, CAST(sum(events) AS INTEGER) AS churned,
  CAST(sum(censored) AS INTEGER) AS censored, min(days) FILTER (WHERE survival <= 0.5) AS median_days
FROM k GROUP BY grp ORDER BY grp NULLS LAST`;
}

/** Whether any purchase up to the as-of date (`$1`) has a channel: row `{ has_channel }`. */
export function hasChannelSql(): string {
  return `SELECT count(channel) > 0 AS has_channel FROM ${ORDERS} WHERE ${isPurchase()} AND ${ordersUpTo('$1')}`;
}
