import { ROWS, type ChartSpec } from './vega-types';

export interface SegmentBarLabels {
  segment: string;
  value: string;
  customers: string;
}

/**
 * One measure per segment as horizontal bars, in segment order. Rows: `segment`, `value`, `customers`.
 * `percent` formats the axis as a share (P(alive)).
 */
export function segmentBarSpec(labels: SegmentBarLabels, segmentOrder: readonly string[], percent: boolean, color = '#4c78a8'): ChartSpec {
  const format = percent ? '.1%' : ',.2f';
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { name: ROWS },
    width: 'container',
    height: Math.max(120, segmentOrder.length * 24),
    mark: { type: 'bar', color },
    encoding: {
      y: { field: 'segment', type: 'nominal', title: labels.segment, sort: [...segmentOrder], axis: { labelLimit: 220 } },
      x: { field: 'value', type: 'quantitative', title: labels.value, axis: { format: percent ? '%' : '~s' }, ...(percent ? { scale: { domain: [0, 1] } } : {}) },
      tooltip: [
        { field: 'segment', type: 'nominal', title: labels.segment },
        { field: 'value', type: 'quantitative', title: labels.value, format },
        { field: 'customers', type: 'quantitative', title: labels.customers, format: ',' },
      ],
    },
  };
}
