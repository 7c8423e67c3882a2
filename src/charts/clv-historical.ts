import { ROWS, type ChartSpec } from './vega-types';

export interface HistoricalLabels {
  segment: string;
  value: string;
  measure: string;
}

/**
 * The historical CLV measures per segment (revenue to date per customer, simple and discounted CLV) as grouped
 * horizontal bars. Rows: `segment`, `measure` (its label), `value`; `measureOrder` gives the bar order.
 */
export function historicalSpec(labels: HistoricalLabels, segmentOrder: readonly string[], measureOrder: readonly string[]): ChartSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { name: ROWS },
    width: 'container',
    height: Math.max(140, segmentOrder.length * measureOrder.length * 12),
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'segment', type: 'nominal', title: labels.segment, sort: [...segmentOrder], axis: { labelLimit: 220 } },
      yOffset: { field: 'measure', type: 'nominal', sort: [...measureOrder] },
      x: { field: 'value', type: 'quantitative', title: labels.value, axis: { format: '~s' } },
      color: {
        field: 'measure',
        type: 'nominal',
        title: labels.measure,
        sort: [...measureOrder],
        scale: { range: ['#9fb3c8', '#4c78a8', '#f58518'] },
        legend: { orient: 'bottom' },
      },
      tooltip: [
        { field: 'segment', type: 'nominal', title: labels.segment },
        { field: 'measure', type: 'nominal', title: labels.measure },
        { field: 'value', type: 'quantitative', title: labels.value, format: ',.2f' },
      ],
    },
  };
}
