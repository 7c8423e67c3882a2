/**
 * The model of the customer base, built once per data version beside `transactions`.
 *
 * An order is a *purchase* when its net amount is > 0 and a *return* when it is < 0 (a cancellation invoice is a
 * return). At a net amount of 0 the items decide: more items bought than returned is a purchase of free goods
 * (CDNOW's $0.00 CDs), fewer is a return, none (or no quantity column) is neither. Frequency, recency, first and last order, cohorts, activity, stages,
 * churn, survival and the CLV purchase history count purchases only; revenue and monetary are net of returns,
 * a return counting when it happened.
 */

/** The orders the analyses read: one row per (customer, order id), narrowed by the global filters (a view). */
export const ORDERS = 'orders';
/** Every order of the loaded data (the table `orders` reads when no filter is set). */
export const ALL_ORDERS = 'all_orders';
/** The transaction lines the analyses read, narrowed by the global filters (a view over `transactions`). */
export const LINES = 'order_lines';

/** Dimensions an order carries (the smallest value among its lines: orders rarely mix them). */
export const ORDER_DIMENSIONS = ['channel', 'region', 'payment'] as const;

/** SQL true for rows of `orders` that are purchases (`alias.` prefixes the column). */
export function isPurchase(alias = ''): string {
  return `${alias ? `${alias}.` : ''}kind = 'purchase'`;
}

/** SQL true for rows of `orders` that are returns. */
export function isReturn(alias = ''): string {
  return `${alias ? `${alias}.` : ''}kind = 'return'`;
}

/** SQL: the `kind` of an order with net amount `net` and items `items` (SQL expressions), by the rule above. */
export function orderKindSql(net: string, items: string): string {
  return `CASE WHEN ${net} > 0 OR (${net} = 0 AND ${items} > 0) THEN 'purchase'
    WHEN ${net} < 0 OR (${net} = 0 AND ${items} < 0) THEN 'return' ELSE 'zero' END`;
}

/**
 * The orders of the lines in `from`: customer_id, order_id, order_ts (the order's first line), order_date, amount
 * (net, DECIMAL(18,2)), lines, items (sum of quantities), kind (`purchase` / `return` / `zero`), and the order's
 * channel, region and payment.
 */
export function ordersSelectSql(from: string): string {
  return `SELECT customer_id, order_id, min(order_ts) AS order_ts, CAST(min(order_ts) AS DATE) AS order_date,
  CAST(sum(amount) AS DECIMAL(18,2)) AS amount, CAST(count(*) AS INTEGER) AS lines, sum(quantity) AS items,
  ${orderKindSql('sum(amount)', 'sum(quantity)')} AS kind,
  ${ORDER_DIMENSIONS.map((d) => `min(${d}) AS ${d}`).join(', ')}
FROM ${from}
GROUP BY customer_id, order_id`;
}

/** The views the analyses read with no filter set: every line and every order, in `catalog`. */
export function unfilteredViewsSql(catalog = 'memory'): string[] {
  return [
    `CREATE OR REPLACE VIEW ${catalog}.main.${LINES} AS FROM ${catalog}.main.transactions`,
    `CREATE OR REPLACE VIEW ${catalog}.main.${ORDERS} AS FROM ${catalog}.main.${ALL_ORDERS}`,
  ];
}

/**
 * (Re)creates `all_orders` from `transactions` in `catalog` (beside it), and the unfiltered views over both (the
 * global filters, src/model/filters.ts, narrow them afterwards). Runs inside the load's transaction.
 */
export function buildOrdersSql(catalog = 'memory'): string[] {
  return [`CREATE OR REPLACE TABLE ${catalog}.main.${ALL_ORDERS} AS
${ordersSelectSql(`${catalog}.main.transactions`)}`, ...unfilteredViewsSql(catalog)];
}
