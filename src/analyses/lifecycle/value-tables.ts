/** Which per-customer value tables of the RFM and CLV views exist now. */
export interface ValueTables {
  rfm: boolean;
  clv: boolean;
}

export const RFM_TABLE = 'rfm_customers';
export const CLV_TABLE = 'clv_customers';

/** One row `{ rfm, clv }`: whether `rfm_customers` and `clv_customers` exist (they appear once those views ran). */
export function valueTablesSql(): string {
  return `SELECT count(*) FILTER (WHERE table_name = '${RFM_TABLE}') > 0 AS rfm,
  count(*) FILTER (WHERE table_name = '${CLV_TABLE}') > 0 AS clv
FROM duckdb_tables()`;
}

/** The RFM and CLV columns joined onto the customer rows aliased `l`, by what exists. */
export function valueColumns(v: ValueTables): { select: string; joins: string; names: string[] } {
  const select: string[] = [];
  const joins: string[] = [];
  const names: string[] = [];
  if (v.rfm) {
    select.push('r.r_score', 'r.f_score', 'r.m_score', 'r.rfm_score', 'r.segment');
    joins.push(`LEFT JOIN ${RFM_TABLE} r ON r.customer_id = l.customer_id`);
    names.push('r_score', 'f_score', 'm_score', 'rfm_score', 'segment');
  }
  if (v.clv) {
    select.push('c.p_alive', 'c.clv');
    joins.push(`LEFT JOIN ${CLV_TABLE} c ON c.customer_id = l.customer_id`);
    names.push('p_alive', 'clv');
  }
  return { select: select.map((s) => `, ${s}`).join(''), joins: joins.join(' '), names };
}

/**
 * SQL: whether the `clv_customers` row aliased `c` was scored at the as-of date `asOf` for a customer whose first
 * purchase day is `first`: its `T` (in days or in weeks) equals the days from that first purchase to the as-of date.
 */
export function clvMatchesExpr(first: string, asOf: string): string {
  const d = `date_diff('day', ${first}, ${asOf})`;
  return `(abs(c.T - ${d}) < 1e-6 OR abs(c.T * 7 - ${d}) < 1e-6)`;
}

/**
 * One row `{ current }`: whether `clv_customers` holds exactly the customers of `lifecycle_customers`, scored at the
 * as-of date `$1` (see `clvMatchesExpr`). False when the CLV view last ran for another date or data set.
 */
export function clvCurrentSql(): string {
  return `SELECT (SELECT count(*) FROM ${CLV_TABLE}) = (SELECT count(*) FROM lifecycle_customers)
  AND coalesce((SELECT bool_and(${clvMatchesExpr('l.first_order', 'CAST($1 AS DATE)')})
    FROM lifecycle_customers l JOIN ${CLV_TABLE} c ON c.customer_id = l.customer_id), false) AS current`;
}
