import type { TableSpec } from '../query/query-layer';
import { isPurchase, isReturn, ORDERS } from './orders';

/** Per-customer facts at an as-of date, shared by the analyses (see `customerFacts`). */
export const CUSTOMER_FACTS = 'customer_facts';

/** The orders up to and including the as-of date bound as `param`. */
export function ordersUpTo(param: string): string {
  return `order_ts < CAST(${param} AS DATE) + INTERVAL 1 DAY`;
}

/**
 * `customer_facts` for the as-of date: one row per customer with at least one purchase up to it (customers with
 * returns only are not scored) — first_purchase_ts, last_purchase_ts, first_purchase (date), last_purchase (date),
 * purchases, returns, revenue (net of returns, DECIMAL(18,2)), returned_amount (positive). Built once per data
 * version and as-of date by the query layer.
 */
export function customerFacts(asOf: string): TableSpec {
  return {
    name: CUSTOMER_FACTS,
    key: { asOf },
    build: [{ sql: customerFactsSql(), params: [asOf] }],
  };
}

/** The statement behind `customerFacts` (`$1` = the as-of date). */
export function customerFactsSql(): string {
  return `CREATE OR REPLACE TABLE ${CUSTOMER_FACTS} AS
SELECT customer_id,
  min(order_ts) FILTER (WHERE ${isPurchase()}) AS first_purchase_ts,
  max(order_ts) FILTER (WHERE ${isPurchase()}) AS last_purchase_ts,
  CAST(min(order_ts) FILTER (WHERE ${isPurchase()}) AS DATE) AS first_purchase,
  CAST(max(order_ts) FILTER (WHERE ${isPurchase()}) AS DATE) AS last_purchase,
  CAST(count(*) FILTER (WHERE ${isPurchase()}) AS INTEGER) AS purchases,
  CAST(count(*) FILTER (WHERE ${isReturn()}) AS INTEGER) AS returns,
  CAST(sum(amount) AS DECIMAL(18,2)) AS revenue,
  CAST(coalesce(-sum(amount) FILTER (WHERE ${isReturn()}), 0) AS DECIMAL(18,2)) AS returned_amount
FROM ${ORDERS} WHERE ${ordersUpTo('$1')}
GROUP BY customer_id
HAVING count(*) FILTER (WHERE ${isPurchase()}) > 0`;
}
