/**
 * The purchase events as transaction lines, for the purchase analyses when no transactions are loaded: one line per
 * purchase event (the user's lines at one timestamp form one order), its amount or 0 (then it counts as a purchase of
 * one item worth nothing: frequency, recency, cohorts and repeat rates hold, monetary is 0), its item, category and
 * channel. Times are the analysis zone's wall-clock times.
 */
export function purchasesAsTransactionsSql(): string {
  return `SELECT user_id AS customer_id, strftime(event_ts, '%Y-%m-%d %H:%M:%S') AS order_date,
  CAST(COALESCE(amount, 0) AS DECIMAL(18,2)) AS amount, 1 AS quantity, item AS product, category, channel
FROM events WHERE event_role = 'purchase' ORDER BY event_ts, event_id`;
}

/** One page ($1 rows after row $2) of `purchasesAsTransactionsSql`. */
export function purchasesPageSql(): string {
  return `${purchasesAsTransactionsSql()} LIMIT $1 OFFSET $2`;
}

const COLUMNS = ['customer_id', 'order_date', 'amount', 'quantity', 'product', 'category', 'channel'] as const;

/** CSV lines (RFC 4180 quoting) of rows of `purchasesAsTransactionsSql`; with `header`, its header line first. */
export function purchaseCsvLines(rows: readonly Record<string, unknown>[], header: boolean): string {
  const cell = (v: unknown) => (v === null || v === undefined ? '' : /[",\r\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  const lines = rows.map((r) => COLUMNS.map((c) => cell(r[c])).join(','));
  return `${header ? `${COLUMNS.join(',')}\n` : ''}${lines.join('\n')}${lines.length ? '\n' : ''}`;
}

/** How many purchase events there are, and how many carry an amount. */
export function purchaseEventCountSql(): string {
  return `SELECT count(*) AS purchases, count(amount) AS with_amount FROM events WHERE event_role = 'purchase'`;
}
