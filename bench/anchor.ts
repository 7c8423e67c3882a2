import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { literal } from '../src/db/sql';

/** The bench files' columns, as an analyst would name them after a look at the header. */
const AMOUNT = 'quantity * unit_price';

/**
 * What a skilled analyst does in the DuckDB CLI with the same file, on one thread: read it typed (auto-detected),
 * then the overview, RFM quintile scores and the monthly cohort triangle, each written to CSV. Purchases are
 * orders with a positive total, as in the app. Returns milliseconds per step and in total.
 */
export async function anchorNative(path: string): Promise<{ steps: Record<string, number>; totalMs: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'anchor-'));
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const conn = await instance.connect();
  const steps: Record<string, number> = {};
  const step = async (name: string, sql: string) => {
    const t = performance.now();
    await conn.run(sql);
    steps[name] = performance.now() - t;
  };
  const out = (name: string) => literal(join(dir, name));
  try {
    const t0 = performance.now();
    await step('read', `CREATE TABLE tx AS SELECT * FROM read_csv(${literal(path)})`);
    await step(
      'orders',
      `CREATE TABLE o AS SELECT customer_id, order_id, min(order_date) AS ts, sum(${AMOUNT}) AS amount FROM tx GROUP BY ALL`,
    );
    await step(
      'overview',
      `COPY (SELECT count(DISTINCT customer_id) FILTER (WHERE amount > 0) AS customers, count(*) FILTER (WHERE amount > 0) AS orders,
  sum(amount) AS revenue, min(ts) AS first_date, max(ts) AS last_date FROM o) TO ${out('overview.csv')}`,
    );
    await step(
      'rfm',
      `COPY (WITH m AS (
  SELECT customer_id, date_diff('day', max(ts) FILTER (WHERE amount > 0)::DATE, (SELECT max(ts)::DATE FROM o)) AS r,
    count(*) FILTER (WHERE amount > 0) AS f, sum(amount) AS m
  FROM o GROUP BY 1 HAVING count(*) FILTER (WHERE amount > 0) > 0)
SELECT *, ntile(5) OVER (ORDER BY r DESC) AS r_score, ntile(5) OVER (ORDER BY f) AS f_score, ntile(5) OVER (ORDER BY m) AS m_score
FROM m) TO ${out('rfm.csv')}`,
    );
    await step(
      'cohorts',
      `COPY (WITH p AS (SELECT customer_id, date_trunc('month', ts) AS month FROM o WHERE amount > 0),
f AS (SELECT customer_id, min(month) AS cohort FROM p GROUP BY 1),
a AS (SELECT DISTINCT customer_id, month FROM p)
SELECT cohort, date_diff('month', cohort, month) AS period, count(*) AS customers
FROM a JOIN f USING (customer_id) GROUP BY ALL ORDER BY ALL) TO ${out('cohorts.csv')}`,
    );
    return { steps, totalMs: performance.now() - t0 };
  } finally {
    conn.closeSync();
    rmSync(dir, { recursive: true, force: true });
  }
}
