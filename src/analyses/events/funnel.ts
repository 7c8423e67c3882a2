import { literal } from '../../db/sql';
import { EVENT_ROLES, type EventRole } from './schema';
import { DEFAULT_SESSION_GAP_MINUTES, micros, sessionKeySql } from './sessions';

/** A funnel step: the events of any of these roles, or of any of these raw event types (exactly one of the two). */
export interface FunnelStep {
  roles?: EventRole[];
  types?: string[];
}

export interface FunnelOptions {
  /** The unit that moves through the funnel: a user, or a session (`session_key`, the funnel runs inside it). */
  by: 'user' | 'session';
  /** Every later step must come within this many hours of the unit's step-1 event (inclusive). */
  windowHours: number;
  /** The session gap when `by` is 'session' (see `sessionKeySql`). */
  gapMinutes?: number;
  /** A table of the events with their session keys (`eventSessionsTable`) to read instead of computing them. */
  sessionsTable?: string;
}

export type FunnelDimension = 'device' | 'channel' | 'category' | 'day' | 'week';

const DIMENSIONS: Record<FunnelDimension, string> = {
  device: 'device',
  channel: 'channel',
  category: 'category',
  day: 'event_date',
  week: `date_trunc('week', event_date)::DATE`,
};

/** The step's label code (its roles or types joined by `|`) and the condition an event must meet. */
function stepOf(step: FunnelStep): { label: string; match: string } {
  const roles = step.roles ?? [];
  const types = step.types ?? [];
  if ((roles.length === 0) === (types.length === 0)) throw new Error('A funnel step needs roles or types');
  if (roles.length) {
    for (const r of roles) if (!EVENT_ROLES.includes(r)) throw new Error(`Unknown event role: ${r}`);
    return { label: roles.join('|'), match: `event_role IN (${roles.map(literal).join(', ')})` };
  }
  return { label: types.join('|'), match: `event_type IN (${types.map(literal).join(', ')})` };
}

/**
 * CTEs `s1` … `sN`: one row per unit reaching that step, with its step-1 time `t_first`, the previous step's time
 * `t_prev` (step 1: its own), this step's time `t` and `d`, the dimension value of its step-1 event. Step k is the
 * first event (by time, then id) matching it at or after step k−1's time, within the window of `t_first`, and not
 * an event already taken by an earlier step (steps may overlap, e.g. view → view).
 */
function stepCtes(steps: FunnelStep[], opts: FunnelOptions, dimension: string): string {
  if (!steps.length) throw new Error('A funnel needs at least one step');
  const window = micros(opts.windowHours, 'hour');
  const source = opts.by === 'session' ? (opts.sessionsTable ?? sessionKeySql(opts.gapMinutes ?? DEFAULT_SESSION_GAP_MINUTES)) : 'events';
  const unit = opts.by === 'session' ? 'session_key' : 'user_id';
  const wanted = [...new Set(steps.map((s) => stepOf(s).match))].join(' OR ');
  const ctes = [`e AS (SELECT ${unit} AS unit, event_id, event_ts, event_role, event_type, ${dimension} AS d FROM ${source} WHERE ${wanted})`];
  const taken: string[] = [];
  steps.forEach((step, i) => {
    const { match } = stepOf(step);
    const k = i + 1;
    if (k === 1) {
      ctes.push(`f1 AS (SELECT unit, min({'t': event_ts, 'id': event_id, 'd': d}) AS m FROM e WHERE ${match} GROUP BY unit)`,
        `s1 AS (SELECT unit, m.t AS t_first, m.t AS t_prev, m.t AS t, m.d AS d, m.id AS id1 FROM f1)`);
    } else {
      const notTaken = taken.map((id) => `e.event_id <> p.${id}`).join(' AND ');
      ctes.push(`f${k} AS (SELECT p.unit, min({'t': e.event_ts, 'id': e.event_id}) AS m FROM s${k - 1} p JOIN e ON e.unit = p.unit
    AND ${match} AND e.event_ts >= p.t AND e.event_ts <= p.t_first + to_microseconds(${window})
    AND ${notTaken} GROUP BY p.unit)`,
        `s${k} AS (SELECT p.unit, p.t_first, p.t AS t_prev, f.m.t AS t, p.d, ${taken.map((id) => `p.${id}`).join(', ')}, f.m.id AS id${k}
    FROM s${k - 1} p JOIN f${k} f USING (unit))`);
    }
    taken.push(`id${k}`);
  });
  return ctes.join(',\n');
}

/** The steps as rows `(step, event)` in order. */
const stepRows = (steps: FunnelStep[]) =>
  `(VALUES ${steps.map((s, i) => `(${i + 1}, ${literal(stepOf(s).label)})`).join(', ')}) AS st(step, event)`;

/**
 * `funnel.csv`: one row per step: units reaching it, the shares of the previous step's and of step 1's units
 * (4 decimals; NULL when that step has none) and the median hours from the previous step's event (2 decimals;
 * NULL for step 1). A unit enters at its first step-1 event only.
 */
export function funnelSql(steps: FunnelStep[], opts: FunnelOptions): string {
  const counts = steps
    .map((_, i) => `SELECT ${i + 1} AS step, count(*) AS users,
    ${i ? `median((epoch_us(t) - epoch_us(t_prev)) / 3600e6)` : 'NULL::DOUBLE'} AS hours FROM s${i + 1}`)
    .join('\n  UNION ALL ');
  return `WITH ${stepCtes(steps, opts, 'NULL')},
c AS (${counts})
SELECT st.step, st.event, c.users,
  CASE WHEN st.step = 1 THEN CASE WHEN c.users > 0 THEN 1.0 END
    ELSE round(c.users / nullif(lag(c.users) OVER (ORDER BY st.step), 0), 4) END AS conversion_from_previous,
  round(c.users / nullif(first_value(c.users) OVER (ORDER BY st.step), 0), 4) AS conversion_from_first,
  round(c.hours, 2) AS median_hours_from_previous
FROM ${stepRows(steps)} JOIN c USING (step) ORDER BY st.step`;
}

/**
 * The funnel per value of a dimension of each unit's step-1 event (day: its date; week: the Monday of its ISO
 * week): `dimension_value, step, event, users, conversion_from_first`, every step of every value that has units
 * at step 1, NULL values as a group of their own, ordered by value then step.
 */
export function funnelBreakdownSql(steps: FunnelStep[], opts: FunnelOptions, dimension: FunnelDimension | { segmentsOf: string }): string {
  // By RFM segment: the `segment_key` of the user's customer in that table (NULL for a user who is no customer).
  const expr = typeof dimension === 'string' ? DIMENSIONS[dimension] : `(SELECT r.segment_key FROM ${dimension.segmentsOf} r WHERE r.customer_id = user_id)`;
  const counts = steps.map((_, i) => `SELECT d, ${i + 1} AS step, count(*) AS users FROM s${i + 1} GROUP BY d`).join('\n  UNION ALL ');
  return `WITH ${stepCtes(steps, opts, expr)},
c AS (${counts})
SELECT v.d AS dimension_value, st.step, st.event, coalesce(c.users, 0) AS users,
  round(coalesce(c.users, 0) / first_value(c.users) OVER (PARTITION BY v.d ORDER BY st.step), 4) AS conversion_from_first
FROM (SELECT DISTINCT d FROM s1) v CROSS JOIN ${stepRows(steps)}
LEFT JOIN c ON c.d IS NOT DISTINCT FROM v.d AND c.step = st.step
ORDER BY v.d NULLS LAST, st.step`;
}
