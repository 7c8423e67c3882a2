/**
 * The analysis time zone. A timestamp written with a UTC offset (`2024-01-01T20:00:00Z`, `+08:00`, `+0800`) is an
 * instant: it is kept as `order_utc` and shown (`order_ts`) as the wall-clock time of that instant in the analysis
 * zone. A timestamp without an offset is already a wall-clock time and is taken as it is, in whatever zone is set.
 *
 * DuckDB-WASM has no ICU time-zone data offline, so named zones are not converted by DuckDB: the zone's offsets
 * over the months the data covers are worked out here with `Intl` (DST included) and written into the SQL as a
 * small search over the transitions. The same SQL runs on both engines and never depends on DuckDB's own zone.
 */

/** What the user picks: the browser's zone, UTC, or a fixed offset such as `+08:00` or `-05:30`. */
export type TimeZoneSetting = 'browser' | 'UTC' | `${'+' | '-'}${string}`;

/** Fixed offsets offered besides the browser's zone and UTC: every offset in use somewhere. */
export const FIXED_OFFSETS: readonly TimeZoneSetting[] = [
  '-12:00', '-11:00', '-10:00', '-09:30', '-09:00', '-08:00', '-07:00', '-06:00', '-05:00', '-04:00', '-03:30', '-03:00',
  '-02:00', '-01:00', '+01:00', '+02:00', '+03:00', '+03:30', '+04:00', '+04:30', '+05:00', '+05:30', '+05:45', '+06:00',
  '+06:30', '+07:00', '+08:00', '+08:45', '+09:00', '+09:30', '+10:00', '+10:30', '+11:00', '+12:00', '+12:45', '+13:00',
  '+14:00',
];

const FIXED = /^([+-])(0\d|1[0-4]):([0-5]\d)$/;

/** Seconds east of UTC of a fixed offset `±HH:MM`, or null when the text is not one. */
export function fixedOffsetSeconds(setting: string): number | null {
  const m = FIXED.exec(setting);
  if (!m) return null;
  const s = Number(m[2]) * 3600 + Number(m[3]) * 60;
  return m[1] === '-' ? -s : s;
}

/** A setting as typed or stored, or null when it is none of the accepted forms. */
export function parseTimeZoneSetting(text: string | null | undefined): TimeZoneSetting | null {
  if (text === 'browser' || text === 'UTC') return text;
  return text && fixedOffsetSeconds(text) !== null ? (text as TimeZoneSetting) : null;
}

/** The browser's IANA zone (`Asia/Shanghai`), or UTC when it does not say. */
export function browserTimeZone(): string {
  try {
    return new Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** The zone a setting stands for: an IANA name, `UTC`, or a fixed offset `±HH:MM`. */
export function resolveTimeZone(setting: TimeZoneSetting, browser = browserTimeZone()): string {
  return setting === 'browser' ? browser : setting;
}

const formats = new Map<string, { offset: Intl.DateTimeFormat; parts: Intl.DateTimeFormat }>();

function zoneFormats(zone: string): { offset: Intl.DateTimeFormat; parts: Intl.DateTimeFormat } {
  let f = formats.get(zone);
  if (!f) {
    f = {
      // `GMT+08:00`, `GMT-04:56:02` (local mean time before 1900), `GMT` at 0: a few µs per call.
      offset: new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }),
      parts: new Intl.DateTimeFormat('en-US', {
        timeZone: zone, hourCycle: 'h23', era: 'short', year: 'numeric', month: 'numeric', day: 'numeric',
        hour: 'numeric', minute: 'numeric', second: 'numeric',
      }),
    };
    formats.set(zone, f);
  }
  return f;
}

const LONG_OFFSET = /GMT(?:([+-])(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/** Seconds east of UTC in `zone` (IANA name, `UTC` or `±HH:MM`) at the instant `ms` (milliseconds since 1970, UTC). */
export function offsetAt(zone: string, ms: number): number {
  const fixed = zone === 'UTC' ? 0 : fixedOffsetSeconds(zone);
  if (fixed !== null) return fixed;
  const t = Math.floor(ms / 1000) * 1000;
  const f = zoneFormats(zone);
  const m = LONG_OFFSET.exec(f.offset.format(t));
  if (m) {
    const s = m[1] ? Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4] ?? 0) : 0;
    return m[1] === '-' ? -s : s;
  }
  // An engine without `longOffset`: the wall-clock time's distance from the instant.
  const p: Record<string, string> = {};
  for (const part of f.parts.formatToParts(t)) p[part.type] = part.value;
  const year = p.era?.startsWith('B') ? 1 - Number(p.year) : Number(p.year);
  const wall = new Date(0);
  wall.setUTCFullYear(year, Number(p.month) - 1, Number(p.day));
  wall.setUTCHours(Number(p.hour), Number(p.minute), Number(p.second), 0);
  return Math.round((wall.getTime() - t) / 1000);
}

/** From `from` (ms, UTC) on, the zone is `offset` seconds east of UTC, until the next segment. */
export interface OffsetSegment {
  from: number;
  offset: number;
}

const DAY = 86_400_000;
/** The instants a TIMESTAMP literal is written for here: years 1 to 9999. */
const FIRST = new Date(0).setUTCFullYear(1, 0, 1);
const LAST = Date.UTC(9999, 11, 1);

/**
 * The zone's offsets over the given months (each the start of a UTC month, in ms): one segment per stretch of
 * constant offset, DST transitions found to the second. Only those months need to be right: instants elsewhere
 * (there are none in the data) take the nearest segment's offset. Each month is scanned a day at a time, a day
 * before and after included, so a transition at a month's edge is not missed. Months outside years 1–9999 (only
 * garbage dates) take the nearest segment's offset.
 */
export function offsetSegments(zone: string, months: readonly number[]): OffsetSegment[] {
  const fixed = zone === 'UTC' ? 0 : fixedOffsetSeconds(zone);
  if (fixed !== null) return [{ from: -Infinity, offset: fixed }];
  const windows: [number, number][] = [];
  for (const m of [...new Set(months)].filter((x) => x >= FIRST && x <= LAST).sort((a, b) => a - b)) {
    const d = new Date(m);
    const start = m - DAY;
    // Not Date.UTC: it reads years 0–99 as 1900–1999.
    const end = new Date(0).setUTCFullYear(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) + DAY;
    const last = windows[windows.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else windows.push([start, end]);
  }
  const points: OffsetSegment[] = [];
  const push = (from: number, offset: number) => {
    if (points.length === 0 || points[points.length - 1].offset !== offset) points.push({ from, offset });
  };
  // A day at a time; a week at a time over more than a century of months (no zone changes offset twice a week).
  const step = windows.reduce((sum, [a, b]) => sum + (b - a), 0) > 40_000 * DAY ? 7 * DAY : DAY;
  for (const [start, end] of windows) {
    let t = start;
    let o = offsetAt(zone, t);
    push(t, o);
    while (t < end) {
      const next = Math.min(t + step, end);
      const o2 = offsetAt(zone, next);
      if (o2 !== o) {
        // The first second with the new offset.
        let lo = t;
        let hi = next;
        while (hi - lo > 1000) {
          const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
          if (offsetAt(zone, mid) === o) lo = mid;
          else hi = mid;
        }
        push(hi, o2);
        o = o2;
      }
      t = next;
    }
  }
  return points.length ? points : [{ from: -Infinity, offset: offsetAt(zone, Date.now()) }];
}

function timestampLiteral(ms: number): string {
  return `TIMESTAMP '${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')}'`;
}

/** SQL: the offset in seconds at the instant `expr` (a TIMESTAMP in UTC), a binary search over the segments. */
export function offsetCaseSql(segments: readonly OffsetSegment[], expr: string): string {
  const build = (lo: number, hi: number): string => {
    if (hi - lo === 1) return String(segments[lo].offset);
    const mid = (lo + hi) >> 1;
    return `CASE WHEN ${expr} < ${timestampLiteral(segments[mid].from)} THEN ${build(lo, mid)} ELSE ${build(mid, hi)} END`;
  };
  return build(0, segments.length);
}

/** SQL: the wall-clock time in the zone of the instant `expr` (a TIMESTAMP in UTC). */
export function localTimeSql(segments: readonly OffsetSegment[], expr: string): string {
  if (segments.length === 1 && segments[0].offset === 0) return expr;
  return `(${expr} + to_seconds(${offsetCaseSql(segments, expr)}))`;
}

function fileFilter(fileIndex?: number): string {
  return fileIndex === undefined ? '' : ` AND file_index = ${Math.floor(fileIndex)}`;
}

/** The UTC months (start, in ms) of the timestamps written with an offset, and how many there are in each. */
export function offsetMonthsSql(fileIndex?: number): string {
  return `SELECT epoch_ms(date_trunc('month', order_utc)) AS month, count(*) AS n FROM transactions
WHERE order_utc IS NOT NULL${fileFilter(fileIndex)} GROUP BY ALL ORDER BY month`;
}

/** Sets `order_ts` of the rows written with an offset (of one file, or all) to their wall-clock time in the zone. */
export function localizeSql(segments: readonly OffsetSegment[], fileIndex?: number): string {
  return `UPDATE transactions SET order_ts = ${localTimeSql(segments, 'order_utc')}
WHERE order_utc IS NOT NULL${fileFilter(fileIndex)}`;
}
