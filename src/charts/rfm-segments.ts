import { ROWS, type ChartSpec } from './vega-types';

export interface SegmentShareLabels {
  segment: string;
  share: string;
  measure: string;
  customers: string;
  revenue: string;
}

/**
 * Share of customers beside share of revenue per segment, as grouped horizontal bars in segment order.
 * Rows: `segment`, `order`, `measure` (the label of customers or revenue), `share` (0–1).
 */
export function segmentShareSpec(labels: SegmentShareLabels, segmentOrder: readonly string[]): ChartSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { name: ROWS },
    width: 'container',
    height: Math.max(120, segmentOrder.length * 30),
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'segment', type: 'nominal', title: labels.segment, sort: [...segmentOrder], axis: { labelLimit: 220 } },
      yOffset: { field: 'measure', type: 'nominal', sort: [labels.customers, labels.revenue] },
      x: { field: 'share', type: 'quantitative', title: labels.share, axis: { format: '%' } },
      color: {
        field: 'measure',
        type: 'nominal',
        title: labels.measure,
        sort: [labels.customers, labels.revenue],
        scale: { range: ['#4c78a8', '#f58518'] },
        legend: { orient: 'bottom' },
      },
      tooltip: [
        { field: 'segment', type: 'nominal', title: labels.segment },
        { field: 'measure', type: 'nominal', title: labels.measure },
        { field: 'share', type: 'quantitative', title: labels.share, format: '.1%' },
      ],
    },
  };
}
