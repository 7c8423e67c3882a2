import { ident, upToAsOf } from '../../db/sql';

/** Optional dimensions a cohort can be filtered on; they are NULL when the loaded files had no such column. */
export type Dimension = 'channel' | 'region' | 'category';

export const DIMENSIONS: readonly Dimension[] = ['channel', 'region', 'category'];

/** Selected value per dimension; null or missing means every value. */
export type CohortFilter = Partial<Record<Dimension, string | null>>;

function active(filter: CohortFilter): [Dimension, string][] {
  return DIMENSIONS.flatMap((d) => {
    const v = filter[d];
    return v === null || v === undefined ? [] : [[d, v] as [Dimension, string]];
  });
}

/**
 * The bound parameters of every cohort query: `$1` the as-of date (`YYYY-MM-DD`), then one value per active filter
 * in `DIMENSIONS` order.
 */
export function scopeParams(asOf: string, filter: CohortFilter): string[] {
  return [asOf, ...active(filter).map(([, v]) => v)];
}

/** How many parameters `scopeParams` binds: the next free one is `$${scopeParamCount(filter) + 1}`. */
export function scopeParamCount(filter: CohortFilter): number {
  return 1 + active(filter).length;
}

/** Text describing the bound parameters, for the SQL panel. */
export function describeParams(asOf: string, filter: CohortFilter): string {
  return scopeParams(asOf, filter)
    .map((v, i) => `$${i + 1} = ${i === 0 ? v : JSON.stringify(v)}`)
    .join(', ');
}

/**
 * Common table expressions that scope every cohort figure: `t` (customer_id, order_id, order_ts, amount: the lines
 * up to the as-of date of the customers in scope) and `firsts` (customer_id, first_ts: each one's first order).
 * A filter keeps the customers whose first order has a line with the chosen value (acquired through that channel,
 * in that region, with that category); all their later orders count, whatever their values.
 */
export function scopeCtes(filter: CohortFilter): string {
  const dims = active(filter);
  const cols = 'customer_id, order_id, order_ts, amount';
  if (dims.length === 0) {
    return `t AS (SELECT ${cols} FROM transactions WHERE ${upToAsOf('$1')}),
firsts AS (SELECT customer_id, min(order_ts) AS first_ts FROM t GROUP BY ALL)`;
  }
  const match = dims.map(([d], i) => `b.${ident(d)} = $${i + 2}`).join(' AND ');
  return `base AS (SELECT ${cols}, ${dims.map(([d]) => ident(d)).join(', ')} FROM transactions WHERE ${upToAsOf('$1')}),
all_firsts AS (SELECT customer_id, min(order_ts) AS first_ts FROM base GROUP BY ALL),
firsts AS (SELECT f.customer_id, f.first_ts FROM all_firsts f
  WHERE EXISTS (SELECT 1 FROM base b WHERE b.customer_id = f.customer_id AND b.order_ts = f.first_ts AND ${match})),
t AS (SELECT ${cols} FROM base WHERE customer_id IN (SELECT customer_id FROM firsts))`;
}
