import type { Db } from '../../src/db/db';
import { literal } from '../../src/db/sql';
import { buildOrdersSql } from '../../src/model/orders';
import { purchaseDaysSql } from '../../src/model/purchase-days';

/** One order line of a hand-worked fixture; omitted dimensions are NULL, as when a file has no such column. */
export interface Line {
  c: string;
  o: string;
  /** `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS`. */
  ts: string;
  amount: number;
  qty?: number;
  price?: number;
  product?: string;
  category?: string;
  channel?: string;
  region?: string;
  payment?: string;
}

const text = (v: string | undefined) => (v === undefined ? 'NULL' : literal(v));
const num = (v: number | undefined) => (v === undefined ? 'NULL' : String(v));

/**
 * Creates the canonical `transactions` table from fixture lines and the `orders` model over it (what ingest would
 * build from a clean file).
 */
export async function createTransactions(db: Db, lines: Line[]): Promise<void> {
  const values = lines
    .map((l, i) =>
      `(${literal(l.c)}, ${literal(l.o)}, TIMESTAMP ${literal(l.ts)}, ${l.amount}, ${num(l.qty)}, ${num(l.price)}, ` +
      `${text(l.product)}, ${text(l.category)}, ${text(l.channel)}, ${text(l.region)}, ${text(l.payment)}, ${i + 1})`,
    )
    .join(',\n');
  await db.exec(`CREATE OR REPLACE TABLE transactions AS
SELECT customer_id, order_id, order_ts, CAST(amount AS DECIMAL(18,2)) AS amount, CAST(quantity AS DOUBLE) AS quantity,
  CAST(unit_price AS DECIMAL(18,2)) AS unit_price, CAST(product AS VARCHAR) AS product, CAST(category AS VARCHAR) AS category,
  CAST(channel AS VARCHAR) AS channel, CAST(region AS VARCHAR) AS region, CAST(payment AS VARCHAR) AS payment,
  'fixture.csv' AS source_file, 0 AS file_index, CAST(row_number AS BIGINT) AS row_number, false AS is_duplicate
FROM (VALUES ${values}) v(customer_id, order_id, order_ts, amount, quantity, unit_price, product, category, channel, region, payment, row_number)`);
  for (const sql of buildOrdersSql()) await db.exec(sql);
  // The shared table the lifecycle and cockpit SQL read (the query layer builds it in the app): tests run that SQL directly.
  await db.exec(purchaseDaysSql());
}

/** Lines of one order per date for a customer, each worth `amount`. */
export function ordersOn(c: string, dates: string[], amount = 10): Line[] {
  return dates.map((ts, i) => ({ c, o: `${c}${i + 1}`, ts, amount }));
}

/** One customer per lifecycle case. As of 2024-06-30 with a 30-day churn window; orders worth 10 unless said. */
export const STAGE_FIXTURE: Line[] = [
  ...ordersOn('a', ['2024-06-20']), // one order 10 days ago: new
  ...ordersOn('b', ['2024-05-31']), // one order exactly 30 days ago: churned
  ...ordersOn('b2', ['2024-06-01']), // one order 29 days ago: new
  // gaps of exactly 30 days are no lapse: active; its order after the as-of date is left out
  ...ordersOn('c', ['2024-01-01', '2024-01-31', '2024-03-01', '2024-03-31', '2024-04-30', '2024-05-30', '2024-06-29', '2024-07-05']),
  ...ordersOn('d', ['2024-01-10', '2024-03-10', '2024-06-15']), // gaps 60 and 97, back 15 days ago: reactivated
  ...ordersOn('e', ['2024-05-20', '2024-05-30', '2024-06-09']), // median gap 10, 21 days since: at risk
  ...ordersOn('f', ['2024-05-01', '2024-05-21', '2024-06-10']), // median gap 20, exactly 20 days since: active
  { c: 'g', o: 'g1', ts: '2024-04-01', amount: 50 },
  { c: 'g', o: 'g2', ts: '2024-06-25', amount: -20 }, // a return is no purchase: 90 days since the last one, churned
  { c: 'h', o: 'h1', ts: '2024-06-29 10:00:00', amount: 10 },
  { c: 'h', o: 'h2', ts: '2024-06-29 16:00:00', amount: 10 }, // two orders, one purchase day: new
];

const l = (c: string, o: string, ts: string, product: string, category: string, qty: number, price: number, channel: string, payment: string): Line => ({
  c, o, ts, amount: Math.round(qty * price * 100) / 100, qty, price, product, category, channel, region: 'North', payment,
});

/** Three customers' orders with times, products, prices, channels and a return; one order after 2024-03-31. */
export const BEHAVIOUR_FIXTURE: Line[] = [
  l('c1', 'o1', '2023-03-05 09:30:00', 'Bread', 'Food', 2, 1.5, 'Web', 'Card'), // a Sunday
  l('c1', 'o1', '2023-03-05 09:30:00', 'Milk', 'Food', 1, 0.99, 'Web', 'Card'),
  l('c1', 'o2', '2024-03-10 18:05:00', 'Lamp', 'Home', 1, 25, 'Store', 'Cash'), // a Sunday
  l('c2', 'o3', '2024-01-02 09:10:00', 'TV', 'Electronics', 1, 499.99, 'Web', 'Card'), // a Tuesday
  l('c2', 'o4', '2024-03-31 23:59:00', 'Bread', 'Food', 1, 1.5, 'Web', 'Card'), // a Sunday
  l('c3', 'o5', '2024-02-29 12:00:00', 'Milk', 'Food', 3, 0.99, 'App', 'Card'), // a Thursday
  l('c3', 'o6', '2024-03-01 12:00:00', 'Milk', 'Food', -1, 0.99, 'App', 'Card'), // a return, on a Friday
  l('c4', 'o7', '2024-04-01 10:00:00', 'TV', 'Electronics', 1, 499.99, 'Web', 'Card'), // after the as-of date
];
