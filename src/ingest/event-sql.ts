import { ident, literal } from '../db/sql';
import { dateExpr, offsetSecondsExpr, offsetSplitExpr, wallTextExpr, type DayOrder } from './parse-sql';
import { csvSource, rejectsNames, type CsvSpec } from './source-sql';
import type { EventMapping } from './event-roles';
import { localTimeSql, type OffsetSegment } from './time-zone';
import type { EventCatalog } from '../analyses/events/schema';

const text = (col: string | null) => (col ? `NULLIF(trim(${ident(col)}), '')` : 'NULL::VARCHAR');
const idText = (col: string | null) => (col ? `regexp_replace(${text(col)}, '^(-?[0-9]+)\\.0+$', '\\1')` : 'NULL::VARCHAR');

/** The instant (UTC) of a Unix timestamp or of a time written with an offset; NULL for a wall-clock time. */
function instantSql(m: EventMapping): string {
  const v = text(m.timestamp);
  if (m.timeFormat === 'unix_s') return `make_timestamp(TRY_CAST(${v} AS BIGINT) * 1000000)`;
  if (m.timeFormat === 'unix_ms') return `make_timestamp(TRY_CAST(${v} AS BIGINT) * 1000)`;
  const split = offsetSplitExpr(v);
  const seconds = offsetSecondsExpr(`struct_extract(${split}, 'zone')`);
  return `CASE WHEN struct_extract(${split}, 'zone') <> '' THEN ${dateExpr(wallTextExpr(v), 'dmy')} - to_seconds(${seconds}) END`;
}

/** One event file's rows parsed: the columns of `events` (event_ts as written or UTC) and `_reason` for rejects. */
function parsedSql(f: CsvSpec, m: EventMapping, dayOrder: DayOrder): string {
  const first = f.header === false ? 0 : 1;
  const wall = m.timeFormat === 'text' ? dateExpr(wallTextExpr(text(m.timestamp)), dayOrder) : 'NULL::TIMESTAMP';
  const types = Object.entries(m.types);
  const role = types.length
    ? `COALESCE(CASE ${text(m.event_type)} ${types.map(([t, r]) => `WHEN ${literal(t)} THEN ${literal(r)}`).join(' ')} END, 'other')`
    : `'other'`;
  return `SELECT (${f.index}::BIGINT << 32) + __row AS event_id, ${f.index} AS file_index, __row + ${first} AS line,
  ${idText(m.user_id)} AS user_id, ${wall} AS wall, ${instantSql(m)} AS utc, ${text(m.event_type)} AS event_type, ${role} AS event_role,
  ${idText(m.item)} AS item, ${text(m.category)} AS category, ${text(m.page)} AS page, ${text(m.session_id)} AS session_id,
  ${text(m.device)} AS device, ${text(m.channel)} AS channel,
  ${m.amount ? `TRY_CAST(replace(${text(m.amount)}, ',', '') AS DECIMAL(18,2))` : 'NULL::DECIMAL(18,2)'} AS amount,
  ${text(m.timestamp)} AS time_text
FROM ${csvSource({ ...f, types: {} }, true)}`;
}

/**
 * Appends one file's events (instants shown in the analysis zone by `segments`) and its rejected lines: no user,
 * no event type, or a time that cannot be read.
 */
export function appendEventsSql(f: CsvSpec, m: EventMapping, dayOrder: DayOrder, segments: readonly OffsetSegment[], c: EventCatalog = 'memory'): string[] {
  const ts = `COALESCE(${localTimeSql(segments, 'utc')}, wall)`;
  return [
    `CREATE OR REPLACE TABLE ${c}.main.event_parsed AS ${parsedSql(f, m, dayOrder)}`,
    `INSERT INTO ${c}.main.events SELECT event_id, file_index, line, user_id, ${ts}, CAST(${ts} AS DATE), event_type, event_role, item,
      category, page, session_id, device, channel, amount, utc
     FROM ${c}.main.event_parsed WHERE user_id IS NOT NULL AND event_type IS NOT NULL AND COALESCE(utc, wall) IS NOT NULL`,
    `INSERT INTO ${c}.main.event_rejects
     SELECT file_index, line, CASE WHEN user_id IS NULL THEN 'missing_user' WHEN event_type IS NULL THEN 'missing_event' ELSE 'bad_timestamp' END,
       CASE WHEN user_id IS NULL OR event_type IS NULL THEN NULL ELSE time_text END
     FROM ${c}.main.event_parsed WHERE user_id IS NULL OR event_type IS NULL OR COALESCE(utc, wall) IS NULL
     UNION ALL SELECT ${f.index}, line, 'malformed_line', left(csv_line, 200) FROM ${rejectsNames(f.index).rejects}`,
    `DROP TABLE ${c}.main.event_parsed`,
  ];
}

/** The months (epoch ms of their first day, UTC) of one file's instants: where the zone's offsets are needed. */
export function eventMonthsSql(f: CsvSpec, m: EventMapping): string {
  return `SELECT DISTINCT epoch_ms(date_trunc('month', ${instantSql(m)})) AS month FROM ${csvSource({ ...f, types: {} }, false)} WHERE month IS NOT NULL`;
}

/** Shows every instant in another analysis zone (no file is read again). */
export function relocalizeEventsSql(segments: readonly OffsetSegment[], c: EventCatalog = 'memory'): string[] {
  const ts = localTimeSql(segments, 'event_utc');
  return [`UPDATE ${c}.main.events SET event_ts = ${ts}, event_date = CAST(${ts} AS DATE) WHERE event_utc IS NOT NULL`];
}

/** The months of the loaded instants (for a change of zone). */
export function loadedEventMonthsSql(): string {
  return `SELECT DISTINCT epoch_ms(date_trunc('month', event_utc)) AS month FROM events WHERE event_utc IS NOT NULL`;
}

/** New funnel roles of the event types: no file is read again. */
export function retypeEventsSql(types: Record<string, string>, c: EventCatalog = 'memory'): string {
  const entries = Object.entries(types);
  const role = entries.length ? `COALESCE(CASE event_type ${entries.map(([t, r]) => `WHEN ${literal(t)} THEN ${literal(r)}`).join(' ')} END, 'other')` : `'other'`;
  return `UPDATE ${c}.main.events SET event_role = ${role}`;
}

/** Per event file: lines read, events kept, lines rejected, users, first and last day. */
export function eventQualitySql(): string {
  return `SELECT f.file_index, f.source_file, COALESCE(k.events, 0) + COALESCE(r.rejected, 0) AS rows_read, COALESCE(k.events, 0) AS events,
  COALESCE(r.rejected, 0) AS rejected, COALESCE(k.users, 0) AS users, k.first_date, k.last_date
FROM event_files f
LEFT JOIN (SELECT file_index, count(*) AS events, count(DISTINCT user_id) AS users, min(event_date) AS first_date, max(event_date) AS last_date FROM events GROUP BY ALL) k USING (file_index)
LEFT JOIN (SELECT file_index, count(*) AS rejected FROM event_rejects GROUP BY ALL) r USING (file_index)
ORDER BY f.file_index`;
}

export function eventFilesSql(files: readonly { index: number; name: string }[], c: EventCatalog = 'memory'): string[] {
  return [
    `CREATE OR REPLACE TABLE ${c}.main.event_files (file_index INTEGER, source_file VARCHAR)`,
    ...(files.length ? [`INSERT INTO ${c}.main.event_files VALUES ${files.map((f) => `(${f.index}, ${literal(f.name)})`).join(', ')}`] : []),
  ];
}
