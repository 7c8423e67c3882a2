import type { TableSpec } from '../../query/query-layer';
import { linesWithSold } from './lines';

/** The materialised product pairs of the Basket section (see `createBasketPairsSql`). */
export const BASKET_PAIRS = 'basket_pairs';

/** At most this many pairs are kept (those bought together most often). */
export const MAX_PAIRS = 5000;

/** The columns of `behaviour.csv`, in order. */
export const PAIR_COLUMNS = ['product_a', 'product_b', 'orders_with_a', 'orders_with_b', 'orders_with_both', 'support', 'confidence_a_to_b', 'confidence_b_to_a', 'lift'] as const;

/**
 * CTEs `items` (distinct purchase × product sold in it, up to the as-of date `$1`: see `linesWithSold`) and `n`
 * (purchases with a product). Returns, cancellations and net-zero orders hold no items.
 */
function itemsCte(): string {
  return `items AS (
  SELECT DISTINCT customer_id, order_id, product FROM ${linesWithSold(['customer_id', 'order_id', 'product', 'amount', 'quantity'])}
  WHERE sold AND product IS NOT NULL
),
n AS (SELECT count(DISTINCT (customer_id, order_id)) AS orders FROM items)`;
}

/**
 * Product pairs bought in the same purchase, up to the as-of date (`$1`), with support at least `$2` (a fraction).
 * Over N purchases holding a product (lines sold, with a product), for products A < B (by name):
 * support = orders with both ÷ N; confidence A→B = orders with both ÷ orders with A; lift = support(A and B) ÷
 * (support(A) × support(B)) = both × N ÷ (with A × with B). Lift above 1: bought together more often than chance.
 * Products whose own support is below the minimum are left out before pairing (no pair of theirs can reach it),
 * so the self-join only sees frequent products. At most `MAX_PAIRS` rows, most frequent pairs first.
 */
export function basketPairsSql(): string {
  return `WITH ${itemsCte()},
single AS (SELECT product, count(*) AS orders_with FROM items GROUP BY ALL),
frequent AS (SELECT s.product FROM single s, n WHERE s.orders_with / n.orders >= $2),
fi AS (SELECT * FROM items SEMI JOIN frequent USING (product)),
pairs AS (
  SELECT a.product AS product_a, b.product AS product_b, count(*) AS orders_with_both
  FROM fi a JOIN fi b ON a.customer_id = b.customer_id AND a.order_id = b.order_id AND a.product < b.product
  GROUP BY ALL
)
SELECT p.product_a, p.product_b, sa.orders_with AS orders_with_a, sb.orders_with AS orders_with_b, p.orders_with_both,
  p.orders_with_both / n.orders AS support,
  p.orders_with_both / sa.orders_with AS confidence_a_to_b,
  p.orders_with_both / sb.orders_with AS confidence_b_to_a,
  p.orders_with_both * n.orders / (sa.orders_with * sb.orders_with) AS lift
FROM pairs p CROSS JOIN n
JOIN single sa ON sa.product = p.product_a
JOIN single sb ON sb.product = p.product_b
WHERE p.orders_with_both / n.orders >= $2
ORDER BY p.orders_with_both DESC, lift DESC, p.product_a, p.product_b
LIMIT ${MAX_PAIRS}`;
}

/** Materialises `basketPairsSql()` as `basket_pairs` (same parameters: as-of date, minimum support). */
export function createBasketPairsSql(): string {
  return `CREATE OR REPLACE TABLE ${BASKET_PAIRS} AS ${basketPairsSql()}`;
}

/** `basket_pairs` for an as-of date and minimum support (a fraction). */
export function basketPairs(asOf: string, minSupport: number): TableSpec {
  return { name: BASKET_PAIRS, key: { asOf, minSupport }, build: [{ sql: createBasketPairsSql(), params: [asOf, minSupport] }] };
}

/** `behaviour.csv`: every column of `basket_pairs` (`PAIR_COLUMNS`), most frequent pairs first. */
export function basketExportSql(): string {
  return `SELECT ${PAIR_COLUMNS.join(', ')} FROM ${BASKET_PAIRS} ORDER BY orders_with_both DESC, lift DESC, product_a, product_b`;
}

/** Up to `$1`, one row: `orders` (purchases with a product), `products`, `multi_product_orders` (2 or more products). */
export function basketStatsSql(): string {
  return `WITH ${itemsCte()},
per AS (SELECT count(*) AS k FROM items GROUP BY customer_id, order_id)
SELECT (SELECT orders FROM n) AS orders, (SELECT count(DISTINCT product) FROM items) AS products,
  (SELECT count(*) FROM per WHERE k >= 2) AS multi_product_orders`;
}

/**
 * The matrix of the `k` products found in most orders among `basket_pairs`, both directions of every pair:
 * `row_product, col_product, support, confidence` (row → column), `lift`.
 */
export function pairMatrixSql(k = 15): string {
  const limit = Math.max(2, Math.floor(k));
  return `WITH ends AS (
  SELECT product_a AS product, orders_with_a AS n FROM ${BASKET_PAIRS}
  UNION SELECT product_b, orders_with_b FROM ${BASKET_PAIRS}
),
top AS (SELECT product FROM ends GROUP BY product ORDER BY max(n) DESC, product LIMIT ${limit}),
p AS (SELECT * FROM ${BASKET_PAIRS} WHERE product_a IN (SELECT product FROM top) AND product_b IN (SELECT product FROM top))
SELECT product_a AS row_product, product_b AS col_product, support, confidence_a_to_b AS confidence, lift FROM p
UNION ALL
SELECT product_b, product_a, support, confidence_b_to_a, lift FROM p
ORDER BY row_product, col_product`;
}
