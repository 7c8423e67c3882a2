import type { TableSpec } from '../../query/query-layer';
import { otherCatalog, type EventCatalog } from './schema';

/** The gap that ends a session when the file has no session ids: the common web-analytics default. */
export const DEFAULT_SESSION_GAP_MINUTES = 30;

/** A duration as whole microseconds, checked: the one form in which a number from the UI reaches the SQL. */
export function micros(amount: number, unit: 'minute' | 'hour'): number {
  if (!Number.isFinite(amount) || amount < 0) throw new Error(`Invalid duration: ${amount} ${unit}s`);
  return Math.round(amount * (unit === 'minute' ? 60e6 : 3600e6));
}

const minutesBetween = (from: string, to: string) => `(epoch_us(${to}) - epoch_us(${from})) / 60e6`;

/**
 * The events with `session_key` added (a parenthesised query). An event with a `session_id` belongs to the session
 * of that id for its user. The other events of a user are cut by time: a session starts at the user's first such
 * event and at every one that comes MORE than `gapMinutes` after the previous one (exactly `gapMinutes` later stays
 * in the session). The user's length-prefixed id keeps keys of different users apart whatever their ids hold.
 */
export function sessionKeySql(gapMinutes: number, from = 'events'): string {
  const gap = micros(gapMinutes, 'minute');
  const w = 'PARTITION BY user_id, session_id IS NULL ORDER BY event_ts, event_id';
  return `(SELECT * EXCLUDE (starts), CASE WHEN session_id IS NOT NULL THEN concat(length(user_id), ':', user_id, '|', session_id)
    ELSE concat(length(user_id), ':', user_id, '#', sum(starts) OVER (${w} ROWS UNBOUNDED PRECEDING)) END AS session_key
  FROM (SELECT *, CASE WHEN epoch_us(event_ts) - epoch_us(lag(event_ts) OVER (${w})) <= ${gap} THEN 0 ELSE 1 END AS starts
    FROM ${from}))`;
}

/**
 * Where the session keys come from: a gap in minutes (computed in the statement, see `sessionKeySql`) or the name of
 * a table built from `sessionKeySql` once (the query layer's `event_sessions`, see `eventSessionsTable`).
 */
export type SessionSource = number | { table: string };

export function sessionsFrom(source: SessionSource): string {
  return typeof source === 'number' ? sessionKeySql(source) : source.table;
}

/** The columns the session figures and the per-session funnel read (a slim copy: at 10M events every column counts). */
const SESSION_COLUMNS = ['event_id', 'user_id', 'session_id', 'session_key', 'event_ts', 'event_date', 'event_role', 'event_type', 'device', 'channel', 'category'];

/** The shared table of events with their session keys for one gap: built once, read by every session figure. */
export function eventSessionsTable(gapMinutes: number, catalog: EventCatalog = 'memory'): TableSpec {
  const columns = SESSION_COLUMNS.filter((c) => c !== 'session_key').join(', ');
  return {
    name: 'event_sessions',
    key: { gapMinutes, catalog },
    build: [
      { sql: `DROP TABLE IF EXISTS ${otherCatalog(catalog)}.main.event_sessions` },
      { sql: `CREATE OR REPLACE TABLE ${catalog}.main.event_sessions AS SELECT * FROM ${sessionKeySql(gapMinutes, `(SELECT ${columns} FROM events)`)}` },
    ],
  };
}

/** One row per session: its user, first and last event time, event count and whether it holds a purchase. */
function sessionRows(gapMinutes: SessionSource): string {
  return `SELECT session_key, any_value(user_id) AS user_id, min(event_ts) AS started, max(event_ts) AS ended,
    count(*) AS events, bool_or(event_role = 'purchase') AS purchased
  FROM ${sessionsFrom(gapMinutes)} GROUP BY session_key`;
}

const FIGURES = `round(median(${minutesBetween('started', 'ended')}), 2) AS median_session_minutes`;
const BOUNCE = `round(count(*) FILTER (WHERE events = 1) / nullif(count(*), 0), 4) AS bounce_rate`;

/**
 * `sessions.csv`: per calendar day on which sessions started: sessions, their distinct users, their events, the
 * median session length (last − first event, minutes) and the share of one-event sessions.
 */
export function sessionsSql(gapMinutes: SessionSource): string {
  return `WITH s AS (${sessionRows(gapMinutes)})
SELECT started::DATE AS date, count(*) AS sessions, count(DISTINCT user_id) AS users, sum(events)::BIGINT AS events,
  ${FIGURES}, ${BOUNCE}
FROM s GROUP BY 1 ORDER BY 1`;
}

/**
 * One row over all sessions: sessions, users, sessions per user and events per session (2 decimals), median
 * length, bounce rate and the share of sessions with a purchase (4 decimals). No events: zero counts, NULL figures.
 */
export function sessionSummarySql(gapMinutes: SessionSource): string {
  return `WITH s AS (${sessionRows(gapMinutes)})
SELECT count(*) AS sessions, count(DISTINCT user_id) AS users,
  round(count(*) / nullif(count(DISTINCT user_id), 0), 2) AS sessions_per_user, ${FIGURES},
  round(sum(events) / nullif(count(*), 0), 2) AS events_per_session, ${BOUNCE},
  round(count(*) FILTER (WHERE purchased) / nullif(count(*), 0), 4) AS conversion_rate
FROM s`;
}
