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
