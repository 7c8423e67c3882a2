import { ROWS, type ChartSpec } from './vega-types';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

export interface FunnelLabels {
  step: string;
  users: string;
  conversion: string;
}

/** The funnel as bars, one per step in order, labelled with the conversion from the first step. Rows: `label`, users, conversion_from_first. */
export function funnelSpec(l: FunnelLabels, order: readonly string[]): ChartSpec {
  return {
    $schema: SCHEMA,
    data: { name: ROWS },
    width: 'container',
    encoding: {
      y: { field: 'label', type: 'nominal', title: l.step, sort: [...order] },
      x: { field: 'users', type: 'quantitative', title: l.users },
    },
    layer: [
      {
        mark: { type: 'bar', color: '#4c78a8' },
        encoding: {
          tooltip: [
            { field: 'label', type: 'nominal', title: l.step },
            { field: 'users', type: 'quantitative', title: l.users, format: ',' },
            { field: 'conversion_from_first', type: 'quantitative', title: l.conversion, format: '.1%' },
          ],
        },
      },
      { mark: { type: 'text', align: 'left', dx: 4 }, encoding: { text: { field: 'conversion_from_first', type: 'quantitative', format: '.1%' } } },
    ],
  };
}

export interface ActivityLabels {
  date: string;
  users: string;
  series: string;
  /** Display names of dau, wau, mau. */
  names: [string, string, string];
}

/** DAU, WAU and MAU per day as lines. Long rows: date, series (display name), users. */
export function activitySpec(l: ActivityLabels): ChartSpec {
  return {
    $schema: SCHEMA,
    data: { name: ROWS },
    width: 'container',
    height: 220,
    mark: { type: 'line' },
    encoding: {
      x: { field: 'date', type: 'temporal', timeUnit: 'utcyearmonthdate', title: l.date },
      y: { field: 'users', type: 'quantitative', title: l.users },
      color: { field: 'series', type: 'nominal', title: l.series, scale: { domain: l.names } },
      tooltip: [
        { field: 'date', type: 'temporal', timeUnit: 'utcyearmonthdate', title: l.date },
        { field: 'series', type: 'nominal', title: l.series },
        { field: 'users', type: 'quantitative', title: l.users, format: ',' },
      ],
    },
  };
}

export interface DailyLabels {
  date: string;
  value: string;
  format: string;
}

/** One daily measure (stickiness, sessions …) as a line. Rows: date, `field`. */
export function dailySpec(l: DailyLabels, field: string): ChartSpec {
  return {
    $schema: SCHEMA,
    data: { name: ROWS },
    width: 'container',
    height: 160,
    transform: [{ filter: `isValid(datum[${JSON.stringify(field)}])` }],
    mark: { type: 'line', color: '#54a24b' },
    encoding: {
      x: { field: 'date', type: 'temporal', timeUnit: 'utcyearmonthdate', title: l.date },
      y: { field, type: 'quantitative', title: l.value, axis: { format: l.format } },
      tooltip: [
        { field: 'date', type: 'temporal', timeUnit: 'utcyearmonthdate', title: l.date },
        { field, type: 'quantitative', title: l.value, format: l.format },
      ],
    },
  };
}

export interface LifecycleLabels {
  period: string;
  users: string;
  state: string;
  /** Display names of new, returning, resurrecting, dormant. */
  names: [string, string, string, string];
}

/** New, returning and resurrecting users up, dormant down, per period. Long rows: period, state (display name), users (dormant negative). */
export function userLifecycleSpec(l: LifecycleLabels): ChartSpec {
  return {
    $schema: SCHEMA,
    data: { name: ROWS },
    width: 'container',
    height: 220,
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'period', type: 'ordinal', timeUnit: 'utcyearmonthdate', title: l.period },
      y: { field: 'users', type: 'quantitative', title: l.users, stack: 'zero' },
      color: { field: 'state', type: 'nominal', title: l.state, scale: { domain: l.names, range: ['#4c78a8', '#54a24b', '#f58518', '#e45756'] } },
      tooltip: [
        { field: 'period', type: 'temporal', timeUnit: 'utcyearmonthdate', title: l.period },
        { field: 'state', type: 'nominal', title: l.state },
        { field: 'users', type: 'quantitative', title: l.users, format: ',' },
      ],
    },
  };
}

export interface BarsLabels {
  x: string;
  y: string;
}

/** A plain bar chart of `x` (ordinal) against `y`. */
export function barsSpec(l: BarsLabels, x: string, y: string): ChartSpec {
  return {
    $schema: SCHEMA,
    data: { name: ROWS },
    width: 'container',
    height: 180,
    mark: { type: 'bar', color: '#4c78a8' },
    encoding: {
      x: { field: x, type: 'ordinal', title: l.x, axis: { labelAngle: 0 } },
      y: { field: y, type: 'quantitative', title: l.y },
      tooltip: [
        { field: x, type: 'ordinal', title: l.x },
        { field: y, type: 'quantitative', title: l.y, format: ',' },
      ],
    },
  };
}
