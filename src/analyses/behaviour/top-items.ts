import { ident, upToAsOf } from '../../db/sql';

/** The item columns ranked by `topItemsSql`. */
export type ItemColumn = 'product' | 'category';

/**
 * Revenue, orders, customers and quantity per product or category up to the as-of date (`$1`): the `$2` items
 * with the most revenue (ties by name), then one row with the rest grouped (`item` NULL, `is_rest` true, `items`
 * = how many). Shares are of all lines with a known item. Rows: `item, is_rest, items, revenue, revenue_share,
 * orders, customers, customer_share, quantity`.
 */
export function topItemsSql(column: ItemColumn): string {
  const col = ident(column);
  return `WITH t AS (SELECT customer_id, order_id, amount, quantity, ${col} AS item FROM transactions
  WHERE ${upToAsOf('$1')} AND ${col} IS NOT NULL),
ranked AS (SELECT item, row_number() OVER (ORDER BY sum(amount) DESC, item) AS rank FROM t GROUP BY item),
totals AS (SELECT sum(amount) AS revenue, count(DISTINCT customer_id) AS customers FROM t),
b AS (
  SELECT CASE WHEN r.rank <= $2 THEN t.item END AS item, r.rank > $2 AS is_rest, count(DISTINCT t.item) AS items,
    sum(t.amount) AS revenue, count(DISTINCT (t.customer_id, t.order_id)) AS orders,
    count(DISTINCT t.customer_id) AS customers, sum(t.quantity) AS quantity, min(r.rank) AS first_rank
  FROM t JOIN ranked r USING (item) GROUP BY ALL
)
SELECT b.item, b.is_rest, b.items, b.revenue, b.revenue / nullif(totals.revenue, 0) AS revenue_share, b.orders,
  b.customers, b.customers / totals.customers AS customer_share, b.quantity
FROM b CROSS JOIN totals ORDER BY b.first_rank`;
}
