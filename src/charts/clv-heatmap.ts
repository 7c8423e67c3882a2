import { ROWS, type ChartSpec } from './vega-types';
import type { GridCell } from '../analyses/clv/compute';

export interface ClvHeatmapLabels {
  frequency: string;
  recency: string;
  value: string;
}

/** Grid cells as chart rows of one output; cells without a value are left out. */
export function heatmapRows(
  cells: readonly GridCell[],
  metric: 'p_alive' | 'expected_purchases',
): { frequency: number; recency: number; recency_from: number; recency_to: number; value: number }[] {
  return cells
    .filter((c) => Number.isFinite(c[metric]))
    .map((c) => ({ frequency: c.frequency, recency: c.recency, recency_from: c.recency_from, recency_to: c.recency_to, value: c[metric] }));
}

/**
 * Frequency (x, repeat purchases; high at the top) × recency (t_x) heatmap of one model output of hypothetical
 * customers observed for the same T. Rows: `frequency`, `recency_from`, `recency_to`, `recency`, `value` (from
 * `heatmapRows`).
 */
export function clvHeatmapSpec(labels: ClvHeatmapLabels, percent: boolean): ChartSpec {
  const format = percent ? '.1%' : ',.2f';
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { name: ROWS },
    width: 'container',
    height: 280,
    mark: { type: 'rect' },
    encoding: {
      x: { field: 'recency_from', type: 'quantitative', title: labels.recency, scale: { nice: false, zero: true } },
      x2: { field: 'recency_to' },
      y: { field: 'frequency', type: 'ordinal', title: labels.frequency, sort: 'descending', axis: { labelOverlap: 'greedy' } },
      color: {
        field: 'value',
        type: 'quantitative',
        title: labels.value,
        scale: { scheme: percent ? 'redyellowgreen' : 'blues', ...(percent ? { domain: [0, 1] } : {}) },
        legend: { orient: 'right', format: percent ? '%' : ',.1f', title: null },
      },
      tooltip: [
        { field: 'frequency', type: 'ordinal', title: labels.frequency },
        { field: 'recency', type: 'quantitative', title: labels.recency, format: ',.1f' },
        { field: 'value', type: 'quantitative', title: labels.value, format },
      ],
    },
  };
}
