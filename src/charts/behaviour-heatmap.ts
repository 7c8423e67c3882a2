import { ROWS, type ChartSpec } from './vega-types';

export interface HeatmapLabels {
  weekday: string;
  hour: string;
  orders: string;
  revenue: string;
  /** Monday first. */
  weekdays: readonly string[];
}

/** Rows of `weekdayHourSql()` with the weekday's name as `day`. */
export function heatmapRows(rows: readonly { weekday: number; hour: number; orders: number; revenue: number }[], weekdays: readonly string[]): object[] {
  return rows.map((r) => ({ ...r, day: weekdays[r.weekday - 1] }));
}

/** Orders by weekday (rows, Monday first) and hour (columns) as a heatmap. Rows from `heatmapRows`. */
export function heatmapSpec(labels: HeatmapLabels): ChartSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { name: ROWS },
    width: 'container',
    height: { step: 24 },
    mark: { type: 'rect' },
    encoding: {
      x: { field: 'hour', type: 'ordinal', title: labels.hour, axis: { labelAngle: 0 } },
      y: { field: 'day', type: 'ordinal', title: labels.weekday, scale: { domain: [...labels.weekdays] } },
      color: { field: 'orders', type: 'quantitative', title: labels.orders, scale: { scheme: 'blues' } },
      tooltip: [
        { field: 'day', type: 'ordinal', title: labels.weekday },
        { field: 'hour', type: 'ordinal', title: labels.hour },
        { field: 'orders', type: 'quantitative', title: labels.orders, format: ',' },
        { field: 'revenue', type: 'quantitative', title: labels.revenue, format: ',.2f' },
      ],
    },
  };
}
