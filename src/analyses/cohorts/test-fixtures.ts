import type { Db } from '../../db/db';
import { buildOrdersSql } from '../../model/orders';
import { QueryLayer } from '../../query/query-layer';

/** One order line of a hand-worked fixture: customer, order, timestamp, amount and optional dimensions. */
export interface FixtureLine {
  c: string;
  o: string;
  ts: string;
  amount: number;
  channel?: string;
  region?: string;
  category?: string;
}

const q = (v: string | undefined) => (v === undefined ? 'NULL' : `'${v.replaceAll("'", "''")}'`);

/**
 * Replaces the canonical `transactions` table with the given lines and rebuilds `orders` from them, as a load does;
 * returns a new query layer over them (tests only: a layer caches per data version, and this bypasses its mutations).
 */
export async function createTransactions(db: Db, lines: FixtureLine[]): Promise<QueryLayer> {
  const values = lines
    .map((l, i) => `(${q(l.c)}, ${q(l.o)}, TIMESTAMP ${q(l.ts)}, ${l.amount}, ${q(l.category)}, ${q(l.channel)}, ${q(l.region)}, ${i + 1})`)
    .join(',\n');
  await db.exec(`CREATE OR REPLACE TABLE transactions (customer_id VARCHAR, order_id VARCHAR, order_ts TIMESTAMP,
  amount DECIMAL(18,2), quantity DOUBLE, unit_price DECIMAL(18,2), product VARCHAR, category VARCHAR, channel VARCHAR,
  region VARCHAR, payment VARCHAR, source_file VARCHAR, file_index INTEGER, row_number BIGINT, is_duplicate BOOLEAN);
INSERT INTO transactions (customer_id, order_id, order_ts, amount, category, channel, region, row_number)
VALUES ${values}`);
  for (const sql of buildOrdersSql()) await db.exec(sql);
  return new QueryLayer(db);
}

/**
 * The monthly fixture, as of 2024-04-15. Cohort 2024-01: a (orders a1 of two lines 6 + 4 and a2 = 15.00 in Jan,
 * a3 20.00 in Mar: a gap in Feb), b (7.50 on Jan 31, 2.50 on Feb 1), f (two orders on Jan 25: 1.00 and 2.00).
 * Cohort 2024-02: c alone (100.00). Cohort 2024-03: d (30.00 on Mar 15, 12.00 on Apr 15 at 23:00; 99.00 on Apr 16
 * falls after the as-of date) and e (8.00). Acquisition channels: a Web, b App, f Web, c Store, d App, e Web.
 * Every order is a purchase (no return, no net-zero order), so the purchase definition changes none of its values.
 */
export const MONTHLY: FixtureLine[] = [
  { c: 'a', o: 'a1', ts: '2024-01-05 10:00:00', amount: 6, channel: 'Web', region: 'North', category: 'Books' },
  { c: 'a', o: 'a1', ts: '2024-01-05 10:00:00', amount: 4, channel: 'Web', region: 'North', category: 'Home' },
  { c: 'a', o: 'a2', ts: '2024-01-20 09:00:00', amount: 5, channel: 'Web', region: 'North', category: 'Books' },
  { c: 'a', o: 'a3', ts: '2024-03-02 12:00:00', amount: 20, channel: 'App', region: 'North', category: 'Books' },
  { c: 'b', o: 'b1', ts: '2024-01-31 23:59:59', amount: 7.5, channel: 'App', region: 'South', category: 'Home' },
  { c: 'b', o: 'b2', ts: '2024-02-01 00:00:00', amount: 2.5, channel: 'Web', region: 'South', category: 'Home' },
  { c: 'f', o: 'f1', ts: '2024-01-25 10:00:00', amount: 1, channel: 'Web', region: 'South', category: 'Books' },
  { c: 'f', o: 'f2', ts: '2024-01-25 15:00:00', amount: 2, channel: 'Web', region: 'South', category: 'Books' },
  { c: 'c', o: 'c1', ts: '2024-02-10 08:00:00', amount: 100, channel: 'Store', region: 'North', category: 'Home' },
  { c: 'd', o: 'd1', ts: '2024-03-15 08:00:00', amount: 30, channel: 'App', region: 'North', category: 'Books' },
  { c: 'd', o: 'd2', ts: '2024-04-15 23:00:00', amount: 12, channel: 'Web', region: 'North', category: 'Books' },
  { c: 'd', o: 'd3', ts: '2024-04-16 08:00:00', amount: 99, channel: 'Web', region: 'North', category: 'Books' },
  { c: 'e', o: 'e1', ts: '2024-03-20 08:00:00', amount: 8, channel: 'Web', region: 'South', category: 'Home' },
];

/** The as-of date of `MONTHLY`. */
export const MONTHLY_AS_OF = '2024-04-15';
