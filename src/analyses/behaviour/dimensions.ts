import { LINES } from '../../model/orders';
import { upToAsOf } from '../../db/sql';

/** Which optional columns the loaded files supplied, and whether order timestamps carry a time of day. */
export interface Dimensions {
  product: boolean;
  category: boolean;
  channel: boolean;
  region: boolean;
  payment: boolean;
  /** Unit price, or quantity to derive it from the amount. */
  price: boolean;
  times: boolean;
}

/**
 * One row of `Dimensions` over the transactions up to the as-of date (`$1`). A column counts as present when any
 * row has a value; timestamps carry times when any of them is not at midnight.
 */
export function dimensionsSql(): string {
  return `SELECT count(product) > 0 AS product, count(category) > 0 AS category, count(channel) > 0 AS channel,
  count(region) > 0 AS region, count(payment) > 0 AS payment,
  count(unit_price) > 0 OR count(quantity) > 0 AS price,
  coalesce(bool_or(CAST(order_ts AS TIME) <> TIME '00:00:00'), false) AS times
FROM ${LINES} WHERE ${upToAsOf('$1')}`;
}
