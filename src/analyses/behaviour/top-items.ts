import { ident } from '../../db/sql';
import { linesWithSold } from './lines';

/** The item columns ranked by `topItemsSql`. */
export type ItemColumn = 'product' | 'category';

/**
 * Revenue, purchases, customers and quantity per product or category up to the as-of date (`$1`): the `$2` items
 * with the most revenue (ties by name), then one row with the rest grouped (`item` NULL, `is_rest` true, `items`
 * = how many). Revenue and quantity are net of returns (every line of the item); `orders` and `customers` count the
 * purchases holding the item sold (see `linesWithSold`) and their customers. Shares are of all lines with a known
 * item. Rows: `item, is_rest, items, revenue, revenue_share, orders, customers, customer_share, quantity`.
 */
export function topItemsSql(column: ItemColumn): string {
  // Read again by each use, not held: held, every line of the data stays in memory for the three reads.
  return `WITH t AS NOT MATERIALIZED (SELECT customer_id, order_id, amount, quantity, ${ident(column)} AS item, sold
  FROM ${linesWithSold(['customer_id', 'order_id', 'amount', 'quantity', ident(column)])} WHERE ${ident(column)} IS NOT NULL),
ranked AS (SELECT item, row_number() OVER (ORDER BY sum(amount) DESC, item) AS rank FROM t GROUP BY item),
totals AS (SELECT sum(amount) AS revenue, count(DISTINCT customer_id) FILTER (WHERE sold) AS customers FROM t),
b AS (
  SELECT CASE WHEN r.rank <= $2 THEN t.item END AS item, r.rank > $2 AS is_rest, count(DISTINCT t.item) AS items,
    sum(t.amount) AS revenue, count(DISTINCT (t.customer_id, t.order_id)) FILTER (WHERE t.sold) AS orders,
    count(DISTINCT t.customer_id) FILTER (WHERE t.sold) AS customers, sum(t.quantity) AS quantity, min(r.rank) AS first_rank
  FROM t JOIN ranked r USING (item) GROUP BY ALL
)
SELECT b.item, b.is_rest, b.items, b.revenue, b.revenue / nullif(totals.revenue, 0) AS revenue_share, b.orders,
  b.customers, b.customers / nullif(totals.customers, 0) AS customer_share, b.quantity
FROM b CROSS JOIN totals ORDER BY b.first_rank`;
}
