/**
 * The RFM, CLV and churn columns other views publish, as they can be joined onto customer rows: `rfm_customers`
 * with the SQL naming a row's segment (over alias `r`), `clv_customers` with the SQL of a row's CLV (over alias
 * `c`), `churn_scores` (alias `k`); null when not available.
 */
export interface ValueJoin {
  rfm: { table: string; segment: string } | null;
  clv: { table: string; clv: string } | null;
  /** `churn_scores` and the column of the model that scores the customers (`logistic` / `tree`). */
  churn: { table: string; column: string } | null;
}

export const NO_VALUES: ValueJoin = { rfm: null, clv: null, churn: null };

/** The RFM and CLV columns joined onto the customer rows aliased `l`, by what is available. */
export function valueColumns(v: ValueJoin): { select: string; joins: string; names: string[] } {
  const select: string[] = [];
  const joins: string[] = [];
  const names: string[] = [];
  if (v.rfm) {
    select.push('r.r_score', 'r.f_score', 'r.m_score', 'r.rfm_score', `${v.rfm.segment} AS segment`);
    joins.push(`LEFT JOIN ${v.rfm.table} r ON r.customer_id = l.customer_id`);
    names.push('r_score', 'f_score', 'm_score', 'rfm_score', 'segment');
  }
  if (v.clv) {
    select.push('c.p_alive', `${v.clv.clv} AS clv`);
    joins.push(`LEFT JOIN ${v.clv.table} c ON c.customer_id = l.customer_id`);
    names.push('p_alive', 'clv');
  }
  if (v.churn) {
    select.push(`k.${v.churn.column} AS churn_probability`);
    joins.push(`LEFT JOIN ${v.churn.table} k ON k.customer_id = l.customer_id`);
    names.push('churn_probability');
  }
  return { select: select.map((s) => `, ${s}`).join(''), joins: joins.join(' '), names };
}
