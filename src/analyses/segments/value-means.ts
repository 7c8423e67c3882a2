import type { ValueJoin } from '../lifecycle/value-tables';

/** The CLV (alias `c`) and churn scores (alias `k`) other views publish; null: not computed. */
export type GroupValues = Pick<ValueJoin, 'clv' | 'churn'>;

/**
 * Per group of `groups` (a query of `customer_id` and the `keys` columns): `mean_clv` and `mean_churn_probability`
 * over the group's customers that have one (NULL where none has), each only when its source is given. Null when
 * neither is.
 */
export function groupValueMeansSql(groups: string, keys: readonly string[], v: GroupValues): string | null {
  if (!v.clv && !v.churn) return null;
  const select = [
    ...(v.clv ? [`avg(${v.clv.clv}) AS mean_clv`] : []),
    ...(v.churn ? [`avg(k.${v.churn.column}) AS mean_churn_probability`] : []),
  ];
  const joins = [
    ...(v.clv ? [`LEFT JOIN ${v.clv.table} c ON c.customer_id = g.customer_id`] : []),
    ...(v.churn ? [`LEFT JOIN ${v.churn.table} k ON k.customer_id = g.customer_id`] : []),
  ];
  const cols = keys.map((k) => `g.${k}`).join(', ');
  return `SELECT ${cols}, ${select.join(', ')}
FROM (${groups}) g ${joins.join(' ')}
GROUP BY ${cols}`;
}
