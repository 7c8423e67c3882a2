/** The length of a cohort period. Weeks are ISO weeks (Monday start); months and quarters are calendar ones. */
export type Granularity = 'week' | 'month' | 'quarter';

export const GRANULARITIES: readonly Granularity[] = ['week', 'month', 'quarter'];

/** A Monday (proleptic Gregorian) before any date in the data: week numbers count from it and stay positive. */
const WEEK_ZERO = `DATE '0001-01-01'`;

/**
 * SQL: the number of the period holding the DATE `date`, counted from a fixed origin, so the periods between two
 * dates are a subtraction and a GROUP BY runs on integers: 12 × year + month − 1, 4 × year + quarter − 1, or whole
 * weeks since a Monday.
 */
export function periodIndex(g: Granularity, date: string): string {
  switch (g) {
    case 'month':
      return `(12 * year(${date}) + month(${date}) - 1)`;
    case 'quarter':
      return `(4 * year(${date}) + quarter(${date}) - 1)`;
    case 'week':
      return `(date_diff('day', ${WEEK_ZERO}, ${date}) // 7)`;
  }
}

/** SQL: the first day (a DATE) of the period numbered `index` by `periodIndex`. */
export function indexStart(g: Granularity, index: string): string {
  switch (g) {
    case 'month':
      return `make_date(CAST((${index}) // 12 AS INTEGER), CAST((${index}) % 12 + 1 AS INTEGER), 1)`;
    case 'quarter':
      return `make_date(CAST((${index}) // 4 AS INTEGER), CAST(3 * ((${index}) % 4) + 1 AS INTEGER), 1)`;
    case 'week':
      return `CAST(${WEEK_ZERO} + 7 * CAST(${index} AS INTEGER) AS DATE)`;
  }
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
