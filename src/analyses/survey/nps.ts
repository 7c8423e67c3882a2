import type { Granularity } from '../cohorts/period';
import { ident, literal } from '../../db/sql';

/** Below this many responses the view warns that the NPS (and its interval) is unreliable. */
export const MIN_RESPONSES = 30;

const periodOf = (period: Granularity) => `date_trunc(${literal(period)}, response_date)::DATE`;

const COUNTS = `count(*)::INTEGER AS responses,
    count(*) FILTER (WHERE nps_score >= 9)::INTEGER AS promoters,
    count(*) FILTER (WHERE nps_score BETWEEN 7 AND 8)::INTEGER AS passives,
    count(*) FILTER (WHERE nps_score <= 6)::INTEGER AS detractors`;

/**
 * NPS = 100·(p − d) with its 95 % interval 100·(p − d) ± 1.96·100·√((p + d − (p − d)²) / n), p and d the promoter
 * and detractor shares of the n responses of a row of `c`; `keys` are c's grouping columns, listed first.
 * (`greatest` and `least` skip NULLs, hence the CASE for a row without responses.)
 */
function npsSelect(keys: string, c: string): string {
  const cols = keys ? `${keys}, ` : '';
  return `WITH s AS (SELECT *, promoters / nullif(responses, 0) AS p, detractors / nullif(responses, 0) AS d FROM (${c})),
i AS (SELECT *, 100 * (p - d) AS score, 196 * sqrt((p + d - pow(p - d, 2)) / responses) AS half FROM s)
SELECT ${cols}responses, promoters, passives, detractors, round(score, 1) AS nps,
  round(CASE WHEN responses > 0 THEN greatest(-100, score - half) END, 1) AS nps_low,
  round(CASE WHEN responses > 0 THEN least(100, score + half) END, 1) AS nps_high
FROM i`;
}

/** `nps.csv`: one row per period with responses (period = its first day; weeks start on Monday). */
export function npsByPeriodSql(period: Granularity): string {
  const c = `SELECT ${periodOf(period)} AS period, ${COUNTS} FROM responses WHERE nps_score IS NOT NULL GROUP BY 1`;
  return `${npsSelect('period', c)} ORDER BY period`;
}

/** One row over every response (0 responses: NULL figures). */
export function npsOverallSql(): string {
  return npsSelect('', `SELECT ${COUNTS} FROM responses WHERE nps_score IS NOT NULL`);
}

const GROUPED = `FROM response_groups g JOIN responses r USING (response_id) WHERE r.nps_score IS NOT NULL`;

/** One row per grouping column and value. */
export function npsByGroupSql(): string {
  const c = `SELECT g.group_column, g.group_value AS ${ident('group')}, ${COUNTS} ${GROUPED} GROUP BY 1, 2`;
  return `${npsSelect(`group_column, ${ident('group')}`, c)} ORDER BY group_column, responses DESC, ${ident('group')}`;
}

/** NPS per grouping column, value and period (the input of `mixShift`). */
export function npsGroupTrendSql(period: Granularity): string {
  const c = `SELECT ${periodOf(period)} AS period, g.group_column, g.group_value AS ${ident('group')}, ${COUNTS} ${GROUPED} GROUP BY 1, 2, 3`;
  return `SELECT period, group_column, ${ident('group')}, responses, nps
FROM (${npsSelect(`period, group_column, ${ident('group')}`, c)}) ORDER BY group_column, ${ident('group')}, period`;
}

/** Shares of promoters, passives and detractors per period, one row each (`nps_group`: promoter, passive, detractor). */
export function npsSharesSql(period: Granularity): string {
  return `WITH c AS (SELECT ${periodOf(period)} AS period, ${COUNTS} FROM responses WHERE nps_score IS NOT NULL GROUP BY 1)
SELECT c.period, k.nps_group,
  CASE k.nps_group WHEN 'promoter' THEN promoters WHEN 'passive' THEN passives ELSE detractors END / responses AS share
FROM c CROSS JOIN (VALUES (1, 'promoter'), (2, 'passive'), (3, 'detractor')) k(i, nps_group)
ORDER BY c.period, k.i`;
}

export interface MixShift {
  overall: number;
  groups: { group: string; change: number }[];
}

/** NPS points are shown to 1 decimal; a difference of two of them is rounded the same way. */
const points = (x: number) => Math.round(x * 10) / 10;

/**
 * Simpson's paradox between the first and last period of `overall`: the overall NPS moved one way while every
 * group present in both periods (at least two) moved the other way, so the change comes from the mix of groups.
 * `groups` holds the rows of one grouping column of `npsGroupTrendSql`. Null when there is no such reversal.
 */
export function mixShift(
  overall: { period: string; nps: number }[],
  groups: { group: string; period: string; nps: number; responses: number }[],
): MixShift | null {
  if (overall.length < 2) return null;
  const sorted = [...overall].sort((a, b) => a.period.localeCompare(b.period));
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  const change = points(last.nps - first.nps);
  if (change === 0) return null;
  const at = (period: string) =>
    new Map(groups.filter((g) => g.period === period && g.responses > 0).map((g) => [g.group, g.nps]));
  const before = at(first.period);
  const after = at(last.period);
  const changes = [...before]
    .filter(([group]) => after.has(group))
    .map(([group, nps]) => ({ group, change: points(after.get(group)! - nps) }))
    .sort((a, b) => a.group.localeCompare(b.group));
  if (changes.length < 2 || !changes.every((g) => Math.sign(g.change) === -Math.sign(change))) return null;
  return { overall: change, groups: changes };
}
