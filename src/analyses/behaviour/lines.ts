import { isPurchase, LINES, ORDERS } from '../../model/orders';

/**
 * A subquery of the order lines up to the as-of date (`$1`) with `sold`: the line was bought in a purchase (its
 * order nets > 0, its amount is ≥ 0 and its quantity > 0 or unknown). Lines of returns, of net-zero orders and
 * returned lines inside a purchase are not sold; their amounts still count in revenue (net of returns).
 */
export function linesWithSold(columns: readonly string[]): string {
  // Joined to the orders that are not purchases (few), not to all orders: the smaller hash table is faster.
  return `(SELECT ${columns.map((c) => `l.${c}`).join(', ')},
    x.customer_id IS NULL AND l.amount >= 0 AND coalesce(l.quantity, 1) > 0 AS sold
  FROM ${LINES} l LEFT JOIN (SELECT customer_id, order_id FROM ${ORDERS} WHERE NOT ${isPurchase()}) x
    ON x.customer_id = l.customer_id AND x.order_id = l.order_id
  WHERE l.order_ts < CAST($1 AS DATE) + INTERVAL 1 DAY)`;
}
