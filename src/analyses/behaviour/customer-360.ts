import { ordersUpTo } from '../../model/customer-facts';
import { isPurchase, LINES, ORDERS } from '../../model/orders';
import type { QueryRequest, TableSpec } from '../../query/query-layer';
import { LIFECYCLE_CUSTOMERS } from '../lifecycle/tables';
import { valueJoin, type ValueSources } from '../lifecycle/requests';
import { valueColumns } from '../lifecycle/value-tables';

/** The ILIKE pattern finding `text` anywhere, with `%`, `_` and backslash taken literally (backslash escapes). */
export function containsPattern(text: string): string {
  return `%${text.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Customer ids with an order up to the as-of date (`$1`) matching the pattern `$2` (see `containsPattern`), with
 * their purchases (`orders`; 0 for a customer with returns only): the id equal to `$3` (case-insensitive) first,
 * then by id; at most `limit`.
 */
export function customerSearchSql(limit = 10): string {
  return `SELECT customer_id, count(*) FILTER (WHERE ${isPurchase()}) AS orders FROM ${ORDERS}
WHERE ${ordersUpTo('$1')} AND customer_id ILIKE $2 ESCAPE '\\'
GROUP BY customer_id ORDER BY lower(customer_id) = lower($3) DESC, customer_id LIMIT ${Math.max(1, Math.floor(limit))}`;
}

export function customerSearchRequest(asOf: string, text: string, limit = 10): QueryRequest {
  return { sql: customerSearchSql(limit), params: [asOf, containsPattern(text), text.trim()] };
}

/**
 * The orders of customer `$2` up to the as-of date (`$1`), latest first: `order_id, order_ts` (first line's),
 * `kind` (purchase, return or zero), `lines, quantity, amount` (net), `products` (distinct, comma-separated, NULL
 * without products), `channel, payment`.
 */
export function customerOrdersSql(): string {
  return `SELECT o.order_id, o.order_ts, o.kind, o.lines, o.items AS quantity, o.amount, p.products, o.channel, o.payment
FROM ${ORDERS} o LEFT JOIN (
  SELECT order_id, string_agg(DISTINCT product, ', ' ORDER BY product) AS products FROM ${LINES} WHERE customer_id = $2 GROUP BY order_id
) p USING (order_id)
WHERE o.customer_id = $2 AND ${ordersUpTo('$1')}
ORDER BY o.order_ts DESC, o.order_id DESC`;
}

export function customerOrdersRequest(asOf: string, id: string): QueryRequest {
  return { sql: customerOrdersSql(), params: [asOf, id] };
}

/**
 * One customer's lifecycle row (`lifecycle_customers`: purchases, revenue, first/last purchase, stage, …) for
 * customer `id`, with RFM scores and segment and P(alive) and CLV when `v` has them. No row for a customer with no
 * purchase up to the as-of date.
 */
export function customerProfileRequest(lifecycle: TableSpec, v: ValueSources, id: string): QueryRequest {
  const j = valueJoin(v);
  const { select, joins } = valueColumns(j.join);
  return {
    sql: `SELECT l.*${select} FROM ${LIFECYCLE_CUSTOMERS} l ${joins} WHERE l.customer_id = $${j.params.length + 1}`,
    params: [...j.params, id],
    tables: [lifecycle, ...j.tables],
  };
}
