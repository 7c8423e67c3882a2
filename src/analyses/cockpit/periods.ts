/** The cockpit's period grains; `custom` is a range the user types. */
export const GRAINS = ['week', 'month', 'quarter', 'year', 'custom'] as const;
export type Grain = (typeof GRAINS)[number];

/** A period of whole days, both ends included (`YYYY-MM-DD`), and its label (`2024-11`, `2024-W47`, `2024-Q4`, `2024`). */
export interface Period {
  label: string;
  start: string;
  end: string;
}

const DAY = 86_400_000;
const toDate = (s: string) => new Date(`${s}T00:00:00Z`);
const iso = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (s: string, n: number) => iso(new Date(toDate(s).getTime() + n * DAY));
const pad = (n: number) => String(n).padStart(2, '0');

/** The ISO week (Monday first) containing a date: its Monday and its week-year and number. */
function isoWeek(s: string): { monday: string; year: number; week: number } {
  const d = toDate(s);
  const monday = addDays(s, -((d.getUTCDay() + 6) % 7));
  const thursday = toDate(addDays(monday, 3));
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY)) + 1;
  return { monday, year, week };
}

/** The week, month, quarter or year containing `date`. */
export function periodOf(grain: Exclude<Grain, 'custom'>, date: string): Period {
  const d = toDate(date);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  if (grain === 'week') {
    const w = isoWeek(date);
    return { label: `${w.year}-W${pad(w.week)}`, start: w.monday, end: addDays(w.monday, 6) };
  }
  const span = grain === 'month' ? 1 : grain === 'quarter' ? 3 : 12;
  const first = Math.floor(m / span) * span;
  const start = iso(new Date(Date.UTC(y, first, 1)));
  const end = iso(new Date(Date.UTC(y, first + span, 0)));
  const label = grain === 'month' ? `${y}-${pad(m + 1)}` : grain === 'quarter' ? `${y}-Q${first / 3 + 1}` : String(y);
  return { label, start, end };
}

/** The period `n` periods after `p` (before, for n < 0). */
export function shiftPeriod(grain: Exclude<Grain, 'custom'>, p: Period, n: number): Period {
  if (grain === 'week') return periodOf('week', addDays(p.start, 7 * n));
  const d = toDate(p.start);
  const span = grain === 'month' ? 1 : grain === 'quarter' ? 3 : 12;
  return periodOf(grain, iso(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + span * n, 1))));
}

/** The last whole period up to the as-of date: the one containing it when it is that period's last day. */
export function lastFullPeriod(grain: Exclude<Grain, 'custom'>, asOf: string): Period {
  const p = periodOf(grain, asOf);
  return p.end === asOf ? p : shiftPeriod(grain, p, -1);
}

/** A typed range as a period: `2024-11-01..2024-11-30`. */
export function customPeriod(start: string, end: string): Period {
  return { label: `${start}..${end}`, start, end };
}

/** The same calendar dates a year earlier (29 February becomes the 28th). */
function yearEarlier(s: string): string {
  const d = toDate(s);
  const y = d.getUTCFullYear() - 1;
  const last = new Date(Date.UTC(y, d.getUTCMonth() + 1, 0)).getUTCDate();
  return iso(new Date(Date.UTC(y, d.getUTCMonth(), Math.min(d.getUTCDate(), last))));
}

/** The period before `p`: the previous week, month, quarter or year; for a custom range, as many days just before it. */
export function previousOf(grain: Grain, p: Period): Period {
  if (grain !== 'custom') return shiftPeriod(grain, p, -1);
  const days = Math.round((toDate(p.end).getTime() - toDate(p.start).getTime()) / DAY) + 1;
  return customPeriod(addDays(p.start, -days), addDays(p.start, -1));
}

/** What the cockpit compares: the period, the one before, the same one a year earlier, and a trend ending with it. */
export interface CockpitPeriods {
  current: Period;
  previous: Period;
  yearAgo: Period;
  /** Oldest first, the current period last. */
  trend: Period[];
}

/** How many periods the trend lines show, per grain. */
export const TREND_LENGTH: Record<Grain, number> = { week: 12, month: 12, quarter: 8, year: 5, custom: 1 };

/**
 * The periods of a cockpit: for a week the year-ago period is the ISO week 52 weeks earlier (the same weekdays);
 * for a custom range, the previous period is as many days just before it and the year-ago one the same dates a
 * year earlier.
 */
export function cockpitPeriods(grain: Grain, current: Period): CockpitPeriods {
  if (grain === 'custom') {
    const previous = previousOf('custom', current);
    const yearAgo = customPeriod(yearEarlier(current.start), yearEarlier(current.end));
    return { current, previous, yearAgo, trend: [current] };
  }
  const yearAgo = grain === 'week' ? shiftPeriod('week', current, -52) : shiftPeriod(grain, current, grain === 'month' ? -12 : grain === 'quarter' ? -4 : -1);
  const n = TREND_LENGTH[grain];
  const trend = Array.from({ length: n }, (_, i) => shiftPeriod(grain, current, i - n + 1));
  return { current, previous: shiftPeriod(grain, current, -1), yearAgo, trend };
}

/**
 * The periods a picker offers, newest first: the one the as-of date falls in when it is not over yet (its figures
 * cover the days up to the as-of date), then every whole period back to the first order's.
 */
export function periodChoices(grain: Exclude<Grain, 'custom'>, firstDate: string, asOf: string, max = 260): Period[] {
  const open = periodOf(grain, asOf);
  const out: Period[] = open.end === asOf ? [] : [open];
  let p = lastFullPeriod(grain, asOf);
  const first = periodOf(grain, firstDate);
  while (out.length < max && p.end >= first.start) {
    out.push(p);
    p = shiftPeriod(grain, p, -1);
  }
  return out;
}
