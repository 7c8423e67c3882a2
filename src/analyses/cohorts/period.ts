/** The length of a cohort period. Weeks are ISO weeks (Monday start); months and quarters are calendar ones. */
export type Granularity = 'week' | 'month' | 'quarter';

export const GRANULARITIES: readonly Granularity[] = ['week', 'month', 'quarter'];

/** SQL: the first day (a DATE) of the period holding the date or timestamp `expr`. DuckDB weeks start on Monday. */
export function periodStart(g: Granularity, expr: string): string {
  return `CAST(date_trunc('${g}', ${expr}) AS DATE)`;
}

/** SQL: how many periods lie between two period starts (`to` − `from`), by date arithmetic. */
export function periodsBetween(g: Granularity, from: string, to: string): string {
  switch (g) {
    case 'month':
      return `(12 * (year(${to}) - year(${from})) + month(${to}) - month(${from}))`;
    case 'quarter':
      return `(4 * (year(${to}) - year(${from})) + quarter(${to}) - quarter(${from}))`;
    case 'week':
      return `(date_diff('day', ${from}, ${to}) // 7)`;
  }
}

/** SQL: the start (a DATE) of the period `k` periods after the period start `start`. */
export function addPeriods(g: Granularity, start: string, k: string): string {
  const interval = g === 'week' ? `to_weeks(CAST(${k} AS INTEGER))` : `to_months(CAST(${k} AS INTEGER) * ${g === 'quarter' ? 3 : 1})`;
  return `CAST(${start} + ${interval} AS DATE)`;
}

/**
 * SQL: the label of the period starting at `start`: `YYYY-MM`, `YYYY-Www` (ISO year and week, so 2020-12-31 is
 * in 2020-W53 and 2018-12-31 in 2019-W01) or `YYYY-Qn`. Labels sort in time order as text.
 */
export function periodLabel(g: Granularity, start: string): string {
  switch (g) {
    case 'month':
      return `strftime(${start}, '%Y-%m')`;
    case 'quarter':
      return `(strftime(${start}, '%Y') || '-Q' || quarter(${start}))`;
    case 'week':
      return `strftime(${start}, '%G-W%V')`;
  }
}
