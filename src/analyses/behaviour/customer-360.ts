import { upToAsOf } from '../../db/sql';
import { customerStagesSql } from '../lifecycle/customers';
import { clvMatchesExpr, valueColumns, type ValueTables } from '../lifecycle/value-tables';

/** The ILIKE pattern finding `text` anywhere, with `%`, `_` and backslash taken literally (backslash escapes). */
export function containsPattern(text: string): string {
  return `%${text.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Customer ids matching the pattern `$2` (see `containsPattern`), with their orders up to the as-of date (`$1`):
 * the id equal to `$3` (case-insensitive) first, then by id; at most `limit`.
 */
export function customerSearchSql(limit = 10): string {
  return `SELECT customer_id, count(DISTINCT order_id) AS orders FROM transactions
WHERE ${upToAsOf('$1')} AND customer_id ILIKE $2 ESCAPE '\\'
GROUP BY customer_id ORDER BY lower(customer_id) = lower($3) DESC, customer_id LIMIT ${Math.max(1, Math.floor(limit))}`;
}

/**
 * The orders of customer `$2` up to the as-of date (`$1`), latest first: `order_id, order_ts` (first line's),
 * `lines, quantity, amount, products` (distinct, comma-separated, NULL without products), `channel, payment`.
 */
export function customerOrdersSql(): string {
  return `SELECT order_id, min(order_ts) AS order_ts, count(*) AS lines, sum(quantity) AS quantity, sum(amount) AS amount,
  string_agg(DISTINCT product, ', ' ORDER BY product) AS products, min(channel) AS channel, min(payment) AS payment
FROM transactions WHERE ${upToAsOf('$1')} AND customer_id = $2
GROUP BY order_id ORDER BY order_ts DESC, order_id DESC`;
}

/**
 * One customer's lifecycle row (`customerStagesSql`: orders, revenue, first/last order, stage, …) at the as-of
 * date `$1` with a churn window of `$2` days, for customer `$3`, with RFM scores and segment and P(alive) and CLV
 * when those tables exist, then `clv_current`: whether that CLV row was scored at this as-of date. No row when the
 * customer has no purchase day up to the as-of date.
 */
export function customerProfileSql(v: ValueTables): string {
  const { select, joins } = valueColumns(v);
  const current = v.clv ? `, coalesce(${clvMatchesExpr('l.first_order', 'CAST($1 AS DATE)')}, false) AS clv_current` : '';
  return `SELECT l.*${select}${current} FROM (${customerStagesSql('$3')}) l ${joins}`;
}
