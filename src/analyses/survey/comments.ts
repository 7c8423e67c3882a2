import { literal } from '../../db/sql';
import { npsGroupSql } from './link';

/**
 * The group a comment's terms are counted in: the response's NPS group (`no_score` without an NPS answer), or its
 * value of a grouping column (`(blank)` without one).
 */
export function termGroupSql(groupColumn: string | null): string {
  if (!groupColumn) return `CASE WHEN r.nps_score IS NULL THEN 'no_score' ELSE ${npsGroupSql('r.nps_score')} END`;
  return `COALESCE((SELECT g.group_value FROM response_groups g WHERE g.response_id = r.response_id AND g.group_column = ${literal(groupColumn)}), '(blank)')`;
}

/** One page ($1 rows from row $2) of the comments with their group, in response order. */
export function commentsPageSql(group: string): string {
  return `SELECT ${group} AS "group", r.comment FROM responses r WHERE r.comment IS NOT NULL ORDER BY r.response_id LIMIT $1 OFFSET $2`;
}

/** The comments with their score and touchpoint: a paged table's source (searched in `comment`). */
export const COMMENTS_SOURCE = `(SELECT response_id, response_date, nps_score, touchpoint, respondent_id, comment FROM responses WHERE comment IS NOT NULL)`;
