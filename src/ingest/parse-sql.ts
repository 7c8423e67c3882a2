import { ident } from '../db/sql';

/** strptime formats by family. ISO dates and timestamps are parsed by a plain cast before any of these. */
export const DATE_FORMATS = {
  ymd: ['%Y/%m/%d', '%Y/%m/%d %H:%M', '%Y/%m/%d %H:%M:%S', '%Y.%m.%d', '%Y%m%d', '%Y年%m月%d日', '%Y年%m月%d日 %H:%M', '%Y年%m月%d日 %H:%M:%S', '%Y-%m-%d %H:%M'],
  dmy: ['%d/%m/%Y', '%d/%m/%Y %H:%M', '%d/%m/%Y %H:%M:%S', '%d.%m.%Y', '%d.%m.%Y %H:%M', '%d-%m-%Y', '%d-%m-%Y %H:%M'],
  mdy: ['%m/%d/%Y', '%m/%d/%Y %H:%M', '%m/%d/%Y %H:%M:%S', '%m-%d-%Y', '%m-%d-%Y %H:%M', '%m/%d/%Y %I:%M %p', '%m/%d/%Y %I:%M:%S %p'],
} as const;

/** Day-month order for slash dates like 03/04/2024. */
export type DayOrder = 'dmy' | 'mdy';

function formatList(formats: readonly string[]): string {
  return `[${formats.map((f) => `'${f}'`).join(', ')}]`;
}

/** Parses a text expression into a TIMESTAMP, or NULL; `order` picks DD/MM or MM/DD for slash dates. */
export function dateExpr(expr: string, order: DayOrder): string {
  const v = `trim(${expr})`;
  return `COALESCE(TRY_CAST(${v} AS TIMESTAMP), try_strptime(${v}, ${formatList([...DATE_FORMATS.ymd, ...DATE_FORMATS[order]])}))`;
}

/**
 * A timestamp written with a UTC offset right after its time: the wall-clock part, then `Z`, `UTC`, `GMT`, `±HH`,
 * `±HHMM` or `±HH:MM` (up to ±18:00), with or without a space before it. A date alone never matches (the `-05` of
 * `2024-01-05` is not after a time), nor does an offset out of range (`+25`).
 */
const OFFSET = `'^(.*[0-9]:[0-9]{2}(?::[0-9]{2}(?:\\.[0-9]+)?)?(?:\\s*[AaPp]\\.?[Mm]\\.?)?)\\s*([zZ]|[Uu][Tt][Cc]|[Gg][Mm][Tt]|[+-](?:0[0-9]|1[0-8])(?::?[0-5][0-9])?)$'`;

/** SQL: a timestamp text split into `{wall, zone}` (`2024-01-01 20:00:00`, `+08:00`); both '' without an offset. */
export function offsetSplitExpr(expr: string): string {
  return `regexp_extract(trim(${expr}), ${OFFSET}, ['wall', 'zone'])`;
}

/** SQL: the text of a timestamp without its offset (the text itself when it has none). */
export function wallTextExpr(expr: string): string {
  return `COALESCE(NULLIF(struct_extract(${offsetSplitExpr(expr)}, 'wall'), ''), trim(${expr}))`;
}

/** SQL: seconds east of UTC of an offset text (`zone` of `offsetSplitExpr`): `Z` is 0, `-05` is −18000; NULL when ''. */
export function offsetSecondsExpr(zone: string): string {
  const digits = `replace(${zone}, ':', '')`;
  return `CASE WHEN ${zone} = '' THEN NULL WHEN upper(${zone}) IN ('Z', 'UTC', 'GMT') THEN 0
    ELSE (CASE WHEN starts_with(${zone}, '-') THEN -1 ELSE 1 END) * (CAST(substr(${digits}, 2, 2) AS INTEGER) * 3600 + COALESCE(TRY_CAST(substr(${digits}, 4, 2) AS INTEGER), 0) * 60) END`;
}

/** Counts, over a column's distinct values (`source`: a table expression), how many each date family parses: the evidence for `decideDayOrder`. */
export function dateProbeSql(source: string, column: string): string {
  const c = wallTextExpr(ident(column));
  return `WITH v AS (SELECT DISTINCT ${c} AS v FROM ${source} WHERE ${c} <> '' LIMIT 50000)
SELECT count(*) AS total,
  count(COALESCE(TRY_CAST(v AS TIMESTAMP), try_strptime(v, ${formatList(DATE_FORMATS.ymd)}))) AS ymd,
  count(try_strptime(v, ${formatList(DATE_FORMATS.dmy)})) AS dmy,
  count(try_strptime(v, ${formatList(DATE_FORMATS.mdy)})) AS mdy
FROM v`;
}

export interface DateProbe {
  total: number;
  ymd: number;
  dmy: number;
  mdy: number;
}

/**
 * Decides DD/MM vs MM/DD from the values: a first part above 12 proves day-first, a second part above 12
 * proves month-first. When no value tells (every part ≤ 12), the order is ambiguous and the user is asked.
 */
export function decideDayOrder(p: DateProbe, fallback: DayOrder): { order: DayOrder; ambiguous: boolean } {
  if (p.dmy === 0 && p.mdy === 0) return { order: fallback, ambiguous: false };
  if (p.dmy > p.mdy) return { order: 'dmy', ambiguous: false };
  if (p.mdy > p.dmy) return { order: 'mdy', ambiguous: false };
  return { order: fallback, ambiguous: true };
}

/** Decimal separator of an amount column: `12.50` vs `12,50`. */
export type DecimalMark = '.' | ',';

const CURRENCY = `'[\\s$€£¥￥元]|USD|EUR|GBP|RMB|CNY|JPY|US\\$'`;
const POINT = `'[0-9]{1,3}(,[0-9]{3})+(\\.[0-9]+)?|[0-9]+(\\.[0-9]*)?|\\.[0-9]+'`;
const COMMA = `'[0-9]{1,3}(\\.[0-9]{3})+(,[0-9]+)?|[0-9]+(,[0-9]*)?'`;

/** The value stripped of currency symbols, spaces and sign marks. */
function digits(expr: string): string {
  return `regexp_replace(regexp_replace(${expr}, ${CURRENCY}, '', 'g'), '^[(+\\-]+|[)\\-]+$', '', 'g')`;
}

/** Negative when written `-12`, `12-` or `(12)` (accounting style). */
function isNegative(expr: string): string {
  const s = `regexp_replace(${expr}, ${CURRENCY}, '', 'g')`;
  return `(${s} LIKE '-%' OR ${s} LIKE '%-' OR (${s} LIKE '(%' AND ${s} LIKE '%)'))`;
}

/**
 * Parses money text into DECIMAL(18,2), or NULL: currency symbols ($ € £ ¥ ￥ 元) and codes, thousands
 * separators, a minus or parentheses for negatives.
 */
export function amountExpr(expr: string, mark: DecimalMark, type = 'DECIMAL(18,2)'): string {
  const d = digits(expr);
  const [pattern, plain] = mark === '.' ? [POINT, `replace(${d}, ',', '')`] : [COMMA, `replace(replace(${d}, '.', ''), ',', '.')`];
  return `CASE WHEN regexp_full_match(${d}, ${pattern}) THEN TRY_CAST(${plain} AS ${type}) * (CASE WHEN ${isNegative(expr)} THEN -1 ELSE 1 END) END`;
}

/** Counts values that only a decimal point, or only a decimal comma, can read: the evidence for the mark. */
export function amountProbeSql(source: string, column: string): string {
  const d = digits(ident(column));
  return `WITH v AS (SELECT DISTINCT ${d} AS v FROM ${source} WHERE ${ident(column)} IS NOT NULL LIMIT 50000)
SELECT count(*) FILTER (WHERE regexp_full_match(v, ${POINT}) AND NOT regexp_full_match(v, ${COMMA})) AS point_only,
  count(*) FILTER (WHERE regexp_full_match(v, ${COMMA}) AND NOT regexp_full_match(v, ${POINT})) AS comma_only
FROM v`;
}

/** A decimal comma only when more values need it than need a point (`1,000` reads either way). */
export function decideDecimalMark(p: { point_only: number; comma_only: number }): DecimalMark {
  return p.comma_only > p.point_only ? ',' : '.';
}

