import { linesWithSold } from './lines';

/** Lower bounds of the price bands: 1, 2, 5 × powers of ten, from 0.01 up, written as exact decimals. */
export function bandBounds(): string[] {
  const out: string[] = [];
  for (let e = -2; e <= 14; e++) {
    for (const m of [1, 2, 5]) {
      const cents = BigInt(m) * 10n ** BigInt(e + 2);
      const s = cents.toString().padStart(3, '0');
      out.push(`${s.slice(0, -2)}.${s.slice(-2)}`);
    }
  }
  return out;
}

/**
 * Order lines by unit-price band up to the as-of date (`$1`). The price is the unit price, or amount ÷ quantity
 * when the file has no unit price; lines with a positive price count. Revenue and quantity are net of returns (a
 * returned line counts in the band of its price); `lines`, `orders`, `customers` and `products` count the lines
 * sold in purchases (see `linesWithSold`). Bands are [lo, hi) on a 1–2–5 scale (…, 5–10, 10–20, 20–50, …); only
 * bands with lines are listed. Rows: `lo, hi, lines, quantity, revenue, revenue_share, orders, customers, products`.
 */
export function priceBandsSql(): string {
  const bounds = bandBounds().map((b) => `${b}::DECIMAL(18,2)`).join(', ');
  return `WITH bounds AS (SELECT lo, lead(lo) OVER (ORDER BY lo) AS hi FROM (SELECT unnest([${bounds}]) AS lo)),
lines AS NOT MATERIALIZED (
  SELECT customer_id, order_id, product, amount, quantity, sold,
    CAST(coalesce(unit_price, CASE WHEN quantity <> 0 THEN amount / quantity END) AS DECIMAL(18,2)) AS price
  FROM ${linesWithSold(['customer_id', 'order_id', 'product', 'amount', 'quantity', 'unit_price'])}
),
-- Banding the distinct prices, then joining back, halves the time of an ASOF join over every line; the lines are
-- read again for each use rather than held in memory.
pb AS (SELECT p.price, b.lo, b.hi FROM (SELECT DISTINCT price FROM lines WHERE price > 0) p ASOF JOIN bounds b ON p.price >= b.lo),
banded AS (SELECT l.*, pb.lo, pb.hi FROM lines l JOIN pb USING (price))
SELECT lo, hi, count(*) FILTER (WHERE sold) AS lines, sum(quantity) AS quantity, sum(amount) AS revenue,
  sum(amount) / nullif(sum(sum(amount)) OVER (), 0) AS revenue_share,
  count(DISTINCT (customer_id, order_id)) FILTER (WHERE sold) AS orders,
  count(DISTINCT customer_id) FILTER (WHERE sold) AS customers,
  count(DISTINCT product) FILTER (WHERE sold) AS products
FROM banded GROUP BY lo, hi ORDER BY lo`;
}
