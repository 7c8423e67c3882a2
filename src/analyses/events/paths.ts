import { sessionsFrom, type SessionSource } from './sessions';

/**
 * Each event of a session with the role of the session's next event (`to_event`, NULL for the last) and its
 * position `k` (1-based). Events are labelled by `event_role` alone, 'other' included, so a path stays readable
 * whatever the file's event types; two events in the same second keep the order of their ids.
 */
const ordered = (gapMinutes: SessionSource) => `SELECT event_role AS from_event, lead(event_role) OVER w AS to_event, row_number() OVER w AS k
  FROM ${sessionsFrom(gapMinutes)} WINDOW w AS (PARTITION BY session_key ORDER BY event_ts, event_id)`;

const transitions = (gapMinutes: SessionSource) => `SELECT from_event, to_event, count(*) AS transitions,
    round(count(*) / sum(count(*)) OVER (PARTITION BY from_event), 4) AS share_of_from
  FROM (${ordered(gapMinutes)}) WHERE to_event IS NOT NULL GROUP BY from_event, to_event`;

/**
 * `paths.csv`: how often one event follows another within a session (repeats such as view → view included), and
 * the share of all transitions from the same event (4 decimals).
 */
export function pathsSql(gapMinutes: SessionSource): string {
  return `${transitions(gapMinutes)} ORDER BY from_event, transitions DESC, to_event`;
}

/** The rows of `pathsSql` from the event role `$1`, most frequent first. */
export function nextEventSql(gapMinutes: SessionSource): string {
  return `SELECT * FROM (${transitions(gapMinutes)}) WHERE from_event = $1 ORDER BY transitions DESC, to_event`;
}

/**
 * The first `steps` events of each session as Sankey links from position k to k + 1 (`step` = k): sessions per
 * pair of events; a session ending at position k < steps links to 'exit'.
 */
export function sankeySql(gapMinutes: SessionSource, steps: number): string {
  if (!Number.isInteger(steps) || steps < 2) throw new Error(`A Sankey needs 2 or more steps: ${steps}`);
  return `SELECT k AS step, from_event, coalesce(to_event, 'exit') AS to_event, count(*) AS sessions
FROM (${ordered(gapMinutes)}) WHERE k < ${steps}
GROUP BY ALL ORDER BY step, sessions DESC, from_event, to_event`;
}
