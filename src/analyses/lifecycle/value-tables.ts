/**
 * The RFM and CLV columns other views publish, as they can be joined onto customer rows: `rfm_customers` with the
 * SQL naming a row's segment (over alias `r`), `clv_customers` with the SQL of a row's CLV (over alias `c`);
 * null when not available.
 */
export interface ValueJoin {
  rfm: { table: string; segment: string } | null;
  clv: { table: string; clv: string } | null;
}

export const NO_VALUES: ValueJoin = { rfm: null, clv: null };

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
  return { select: select.map((s) => `, ${s}`).join(''), joins: joins.join(' '), names };
}
