import { ident } from '../../db/sql';
import { LINES, ORDERS } from '../../model/orders';
import type { QueryRequest } from '../../query/query-layer';
import type { Dimension } from './scope';

/** Where a dimension's values live: channel and region on `orders` (as filtered), category on the lines. */
const home = (d: Dimension) => (d === 'category' ? LINES : ORDERS);

/** How many orders (channel, region) or lines (category) carry a value of each dimension (0 = absent or empty). */
export function dimensionCountsSql(): string {
  return `SELECT (SELECT count(channel) FROM ${ORDERS}) AS channel, (SELECT count(region) FROM ${ORDERS}) AS region,
  (SELECT count(category) FROM ${LINES}) AS category`;
}

/** The values of one dimension, the most common first (by customers), at most `limit`. */
export function dimensionValuesSql(dimension: Dimension, limit = 500): string {
  const col = ident(dimension);
  return `SELECT ${col} AS value, count(DISTINCT customer_id) AS customers FROM ${home(dimension)} WHERE ${col} IS NOT NULL
GROUP BY ALL ORDER BY customers DESC, value LIMIT ${Math.max(1, Math.floor(limit))}`;
}

export function dimensionCountsRequest(): QueryRequest {
  return { sql: dimensionCountsSql() };
}

export function dimensionValuesRequest(dimension: Dimension): QueryRequest {
  return { sql: dimensionValuesSql(dimension) };
}
