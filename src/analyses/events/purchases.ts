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

/** How many purchase events there are, and how many carry an amount. */
export function purchaseEventCountSql(): string {
  return `SELECT count(*) AS purchases, count(amount) AS with_amount FROM events WHERE event_role = 'purchase'`;
}
