/**
 * CLV : CAC — what customers are worth against what it cost to acquire them, by acquiring channel and by
 * acquisition cohort, over `clv_customers` (the scoring of the chosen model).
 *
 * A customer's acquiring channel is the channel of their first purchase (the smallest when several orders share its
 * timestamp), as in the Cohorts view's filter; their acquisition cohort the month of that purchase. Per customer:
 * value to date = margin × revenue to date (net of returns); predicted CLV = the model's CLV over the horizon;
 * CLV = value to date + predicted CLV; CAC = the cost typed for their channel, else the one figure for all.
 * A group's ratio is Σ CLV ÷ Σ CAC over its customers with a CAC.
 */
import { CUSTOMER_FACTS } from '../../model/customer-facts';
import { isPurchase, ORDERS } from '../../model/orders';
import { CLV_CUSTOMERS, clvExpr } from './tables';

/** Channels offered for their own acquisition cost, the most customers first. */
export const MAX_CAC_CHANNELS = 50;

/** What the user typed: one cost per new customer for all, and costs per acquiring channel that override it. */
export interface CacInput {
  /** Null: none typed. */
  all: number | null;
  /** Channel → cost; channels not listed use `all`. */
  byChannel: Readonly<Record<string, number>>;
}

export type CacGrouping = 'channel' | 'cohort';

/** Each customer's acquiring channel (NULL when the first purchase has none), from `customer_facts` and `orders`. */
export function acquisitionSql(): string {
  return `SELECT f.customer_id, min(o.channel) AS channel
FROM ${CUSTOMER_FACTS} f JOIN ${ORDERS} o ON o.customer_id = f.customer_id AND o.order_ts = f.first_purchase_ts AND ${isPurchase('o')}
GROUP BY f.customer_id`;
}

/** Acquiring channels with their customers, the most first (at most MAX_CAC_CHANNELS; no parameters). */
export function acquisitionChannelsSql(): string {
  return `SELECT channel, count(*) AS customers FROM (${acquisitionSql()}) WHERE channel IS NOT NULL
GROUP BY channel ORDER BY customers DESC, channel LIMIT ${MAX_CAC_CHANNELS}`;
}

/** The parameters of `clvCacSql` for a margin and input: `$1` margin, `$2` the cost for all, then channel and cost pairs. */
export function cacParams(margin: number, input: CacInput): unknown[] {
  const pairs = Object.entries(input.byChannel).filter(([, v]) => Number.isFinite(v));
  return [margin, input.all ?? null, ...pairs.flat()];
}

/**
 * CLV : CAC by acquiring channel or by acquisition cohort (`YYYY-MM`), a row per group and a total row
 * (`is_total`, `group_key` NULL): customers, and per customer on average value_to_date, predicted_clv, clv
 * (value_to_date + predicted_clv) and cac (over customers with a cost), customers_with_cac, total_clv and total_cac
 * (over customers with a cost) and clv_cac_ratio = total_clv ÷ total_cac. Groups in key order, channel NULL last.
 * Parameters as `cacParams` makes them, with `channels` channel and cost pairs.
 */
export function clvCacSql(by: CacGrouping, channels: number): string {
  const pairs = Array.from({ length: channels }, (_, i) => `WHEN CAST($${3 + 2 * i} AS VARCHAR) THEN CAST($${4 + 2 * i} AS DOUBLE)`);
  const cac = pairs.length ? `CASE a.channel ${pairs.join(' ')} ELSE CAST($2 AS DOUBLE) END` : 'CAST($2 AS DOUBLE)';
  const key = by === 'channel' ? 'channel' : 'cohort';
  return `WITH a AS (${acquisitionSql()}),
k AS (
  SELECT c.customer_id, a.channel, strftime(c.first_day, '%Y-%m') AS cohort,
    CAST($1 AS DOUBLE) * CAST(c.revenue AS DOUBLE) AS value_to_date,
    ${clvExpr('c', '$1')} AS predicted_clv,
    ${cac} AS cac
  FROM ${CLV_CUSTOMERS} c LEFT JOIN a USING (customer_id)
),
v AS (SELECT *, value_to_date + predicted_clv AS clv FROM k)
SELECT ${key} AS group_key, CAST(grouping(${key}) AS BOOLEAN) AS is_total, count(*) AS customers,
  avg(value_to_date) AS value_to_date, avg(predicted_clv) AS predicted_clv, avg(clv) AS clv,
  avg(cac) AS cac, count(cac) AS customers_with_cac,
  sum(clv) FILTER (WHERE cac IS NOT NULL) AS total_clv, sum(cac) AS total_cac,
  sum(clv) FILTER (WHERE cac IS NOT NULL) / nullif(sum(cac), 0) AS clv_cac_ratio
FROM v
GROUP BY GROUPING SETS ((${key}), ())
ORDER BY is_total, group_key NULLS LAST`;
}

/**
 * `clv_cac.csv`: both groupings in one file, the total first, then the channels, then the cohorts — `grouping` (`all`, `channel` or `cohort`), `group_key` (the channel,
 * empty when the first purchase had none; the cohort `YYYY-MM`), customers, value_to_date, predicted_clv, clv, cac
 * (means per customer), customers_with_cac, total_clv, total_cac, clv_cac_ratio. Parameters as `clvCacSql`.
 */
export function clvCacExportSql(channels: number): string {
  const columns = 'group_key, customers, value_to_date, predicted_clv, clv, cac, customers_with_cac, total_clv, total_cac, clv_cac_ratio';
  return `SELECT grouping, ${columns} FROM (
  SELECT CASE WHEN is_total THEN 'all' ELSE 'channel' END AS grouping, CASE WHEN is_total THEN 0 ELSE 1 END AS part, ${columns}
  FROM (${clvCacSql('channel', channels)})
  UNION ALL
  SELECT 'cohort' AS grouping, 2 AS part, ${columns} FROM (${clvCacSql('cohort', channels)}) WHERE NOT is_total
)
ORDER BY part, group_key NULLS LAST`;
}
