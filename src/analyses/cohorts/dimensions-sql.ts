import { ident } from '../../db/sql';
import type { Dimension } from './scope';

/** How many lines carry a value of each optional dimension (0 = the column is absent or empty). */
export function dimensionCountsSql(): string {
  return `SELECT count(channel) AS channel, count(region) AS region, count(category) AS category FROM transactions`;
}

/** The values of one dimension, the most common first (by customers), at most `limit`. */
export function dimensionValuesSql(dimension: Dimension, limit = 500): string {
  const col = ident(dimension);
  return `SELECT ${col} AS value, count(DISTINCT customer_id) AS customers FROM transactions WHERE ${col} IS NOT NULL
GROUP BY ALL ORDER BY customers DESC, value LIMIT ${Math.max(1, Math.floor(limit))}`;
}
