import { ident, literal } from '../../db/sql';

const USER_DAYS = `SELECT DISTINCT user_id, event_date AS d FROM events`;

/** Every calendar day from the first to the last event day (`date`); no events, no rows. */
const DAYS = `SELECT CAST(range AS DATE) AS date FROM (SELECT min(event_date) AS lo, max(event_date) AS hi FROM events) b,
  range(b.lo, b.hi + 1, INTERVAL 1 DAY)`;

/**
 * `activity.csv`: per calendar day from the first to the last event day: users active that day (dau), in the
 * 7 and 30 days ending that day (wau, mau), dau / mau (4 decimals), users whose first event day it is and the
 * other active ones.
 * A user active on day d counts in the trailing n-day window of days d … d+n−1. Cut at the user's next active day,
 * those stretches never overlap, so each adds +1 at its start and −1 after its end, and a running sum of these
 * steps counts every user once per day: one pass over user-days, not one row per user and day of the window.
 */
export function activitySql(): string {
  return `WITH ud AS (SELECT d, lead(d) OVER (PARTITION BY user_id ORDER BY d) AS next_d,
    d = min(d) OVER (PARTITION BY user_id) AS is_first FROM (${USER_DAYS})),
steps AS (
  SELECT d AS date, 1 AS dau, CASE WHEN is_first THEN 1 ELSE 0 END AS new_users, 1 AS wau, 1 AS mau FROM ud
  UNION ALL SELECT least(d + 7, next_d), 0, 0, -1, 0 FROM ud
  UNION ALL SELECT least(d + 30, next_d), 0, 0, 0, -1 FROM ud),
per_day AS (SELECT date, sum(dau) AS dau, sum(new_users) AS new_users, sum(wau) AS wau, sum(mau) AS mau FROM steps GROUP BY date),
c AS (SELECT days.date, coalesce(p.dau, 0)::BIGINT AS dau, coalesce(p.new_users, 0)::BIGINT AS new_users,
    (sum(coalesce(p.wau, 0)) OVER (ORDER BY days.date))::BIGINT AS wau, (sum(coalesce(p.mau, 0)) OVER (ORDER BY days.date))::BIGINT AS mau
  FROM (${DAYS}) days LEFT JOIN per_day p USING (date))
SELECT date, dau, wau, mau, round(dau / nullif(mau, 0), 4) AS stickiness, new_users, dau - new_users AS returning_users
FROM c ORDER BY date`;
}

/** How many users were active on how many distinct days of each calendar month: `month, active_days, users`. */
export function activeDaysSql(): string {
  return `SELECT month, active_days, count(*) AS users
FROM (SELECT user_id, date_trunc('month', event_date)::DATE AS month, count(DISTINCT event_date) AS active_days FROM events GROUP BY ALL)
GROUP BY ALL ORDER BY month, active_days`;
}

const NEW = ident('new');
const RETURNING = ident('returning');

/**
 * Users per period (its first day; weeks start on Monday) from the first to the last event's period: new (their
 * first active period), returning (active in this and the previous period), resurrecting (active, not in the
 * previous period, but earlier) and dormant (active in the previous period, not in this one).
 */
export function userLifecycleSql(period: 'week' | 'month'): string {
  const step = period === 'week' ? 'INTERVAL 1 WEEK' : 'INTERVAL 1 MONTH';
  const after = (p: string) => `(${p} + ${step})::DATE`;
  return `WITH up AS (SELECT DISTINCT user_id, date_trunc(${literal(period)}, event_date)::DATE AS p FROM events),
l AS (SELECT p, lag(p) OVER w AS prev_p, lead(p) OVER w AS next_p FROM up WINDOW w AS (PARTITION BY user_id ORDER BY p)),
periods AS (SELECT CAST(range AS DATE) AS period FROM (SELECT min(p) AS lo, max(p) AS hi FROM up) b, range(b.lo, b.hi + ${step}, ${step})),
active AS (SELECT p AS period, count(*) FILTER (WHERE prev_p IS NULL) AS ${NEW},
    count(*) FILTER (WHERE ${after('prev_p')} = p) AS ${RETURNING},
    count(*) FILTER (WHERE ${after('prev_p')} < p) AS resurrecting
  FROM l GROUP BY p),
gone AS (SELECT ${after('p')} AS period, count(*) AS dormant FROM l WHERE next_p IS NULL OR next_p > ${after('p')} GROUP BY 1)
SELECT periods.period, coalesce(a.${NEW}, 0) AS ${NEW}, coalesce(a.${RETURNING}, 0) AS ${RETURNING},
  coalesce(a.resurrecting, 0) AS resurrecting, coalesce(g.dormant, 0) AS dormant
FROM periods LEFT JOIN active a USING (period) LEFT JOIN gone g USING (period) ORDER BY periods.period`;
}

/** Events and distinct users by ISO weekday (1 = Monday … 7 = Sunday) and hour (0–23): all 168 cells, empty ones 0. */
export function hourWeekdaySql(): string {
  return `WITH c AS (SELECT CAST(isodow(event_ts) AS INTEGER) AS weekday, CAST(hour(event_ts) AS INTEGER) AS hour,
    count(*) AS events, count(DISTINCT user_id) AS users FROM events GROUP BY ALL)
SELECT d.weekday, h.hour, coalesce(c.events, 0) AS events, coalesce(c.users, 0) AS users
FROM range(1, 8) d(weekday) CROSS JOIN range(0, 24) h(hour)
LEFT JOIN c ON c.weekday = d.weekday AND c.hour = h.hour
ORDER BY d.weekday, h.hour`;
}
