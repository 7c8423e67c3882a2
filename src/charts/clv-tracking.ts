import { ROWS, type ChartSpec } from './vega-types';

export interface TrackingLabels {
  week: string;
  purchases: string;
  series: string;
  actual: string;
  expected: string;
  holdoutStart: string;
}

/**
 * Actual (solid) and expected (dashed) repeat purchases per week, with a rule where the holdout begins
 * (`asOfWeek`, omitted when null). Rows: `week`, `series` (the actual or expected label), `value`.
 */
export function trackingSpec(labels: TrackingLabels, asOfWeek: number | null): ChartSpec {
  const series = [labels.actual, labels.expected];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { name: ROWS },
    width: 'container',
    height: 240,
    layer: [
      {
        mark: { type: 'line', interpolate: 'linear' },
        encoding: {
          x: { field: 'week', type: 'quantitative', title: labels.week, scale: { nice: false } },
          y: { field: 'value', type: 'quantitative', title: labels.purchases },
          color: { field: 'series', type: 'nominal', title: labels.series, sort: series, scale: { domain: series, range: ['#1f2933', '#e45756'] }, legend: { orient: 'bottom' } },
          strokeDash: { field: 'series', type: 'nominal', sort: series, scale: { domain: series, range: [[1, 0], [6, 3]] } },
          tooltip: [
            { field: 'week', type: 'quantitative', title: labels.week },
            { field: 'series', type: 'nominal', title: labels.series },
            { field: 'value', type: 'quantitative', title: labels.purchases, format: ',.1f' },
          ],
        },
      },
      ...(asOfWeek === null
        ? []
        : [
            {
              data: { values: [{ week: asOfWeek, label: labels.holdoutStart }] },
              mark: { type: 'rule' as const, color: '#7b8794', strokeDash: [2, 2] },
              encoding: { x: { field: 'week', type: 'quantitative' as const } },
            },
            {
              data: { values: [{ week: asOfWeek, label: labels.holdoutStart }] },
              mark: { type: 'text' as const, align: 'left' as const, dx: 4, dy: 6, baseline: 'top' as const, color: '#52606d' },
              encoding: { x: { field: 'week', type: 'quantitative' as const }, y: { value: 0 }, text: { field: 'label', type: 'nominal' as const } },
            },
          ]),
    ],
  };
}

/** Validation weeks as chart rows: weekly or cumulative, actual and expected as two series. */
export function trackingRows(
  weeks: readonly { week: number; actual: number; expected: number; actual_cum: number; expected_cum: number }[],
  cumulative: boolean,
  labels: Pick<TrackingLabels, 'actual' | 'expected'>,
): { week: number; series: string; value: number }[] {
  return weeks.flatMap((w) => [
    { week: w.week, series: labels.actual, value: cumulative ? w.actual_cum : w.actual },
    { week: w.week, series: labels.expected, value: cumulative ? w.expected_cum : w.expected },
  ]);
}
