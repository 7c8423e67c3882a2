/**
 * The event model: built from the loaded event logs (src/ingest/event-loader.ts), read by the Events analyses.
 * One row per kept event; `event_ts` is the wall-clock time in the analysis time zone (Unix timestamps and times
 * written with an offset are instants, shown in that zone), `event_date` its calendar day.
 */

/** What an event type is to the funnel: the mapping of the file's event types, editable. */
export const EVENT_ROLES = ['view', 'favourite', 'cart', 'purchase', 'other'] as const;
export type EventRole = (typeof EVENT_ROLES)[number];

export const EVENT_TABLES = ['events', 'event_rejects', 'event_files', 'event_sessions', 'event_items', 'event_categories'] as const;

/** Where the event model lives: the plain in-memory database, or the compressed one for big logs. */
export type EventCatalog = 'memory' | 'lens';

export function otherCatalog(c: EventCatalog): EventCatalog {
  return c === 'memory' ? 'lens' : 'memory';
}

export function eventTablesSql(catalog: EventCatalog = 'memory'): string[] {
  return [
    `CREATE OR REPLACE TABLE ${catalog}.main.events (
      event_id BIGINT, file_index INTEGER, line BIGINT, user_id VARCHAR, event_ts TIMESTAMP, event_date DATE,
      event_type VARCHAR, event_role VARCHAR, item VARCHAR, category VARCHAR, page VARCHAR, session_id VARCHAR,
      device VARCHAR, channel VARCHAR, amount DECIMAL(18,2),
      -- The instant in UTC when the file gave one (Unix time, an offset); NULL for a wall-clock time as written.
      event_utc TIMESTAMP)`,
    // reason: 'missing_user', 'bad_timestamp', 'missing_event', 'malformed_line'.
    `CREATE OR REPLACE TABLE ${catalog}.main.event_rejects (file_index INTEGER, line BIGINT, reason VARCHAR, value VARCHAR)`,
  ];
}

/** Drops the event model's tables from both databases. */
export function dropEventTablesSql(): string[] {
  return ['memory', 'lens'].flatMap((c) => EVENT_TABLES.map((t) => `DROP TABLE IF EXISTS ${c}.main.${t}`));
}
