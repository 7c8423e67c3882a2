import { ROWS, type ChartSpec } from './vega-types';

export interface TrackingLabels {
  week: string;
  purchases: string;
  series: string;
  holdoutStart: string;
}

/** Line colours and dashes of the series in order: the actual purchases first, then each model's expectation. */
const COLORS = ['#1f2933', '#e45756', '#4c78a8', '#54a24b'];
const DASHES = [
  [1, 0],
  [6, 3],
  [2, 2],
  [8, 2, 2, 2],
];

/**
 * Actual (solid) and each model's expected (dashed) repeat purchases per week, overlaid, with a rule where the
 * holdout begins (`asOfWeek`, omitted when null). `series`: the series' labels, the actual one first.
 * Rows: `week`, `series`, `value`.
 */
export function trackingSpec(labels: TrackingLabels, series: readonly string[], asOfWeek: number | null): ChartSpec {
  const domain = [...series];
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
          color: { field: 'series', type: 'nominal', title: labels.series, sort: domain, scale: { domain, range: COLORS.slice(0, domain.length) }, legend: { orient: 'bottom' } },
          strokeDash: { field: 'series', type: 'nominal', sort: domain, scale: { domain, range: DASHES.slice(0, domain.length) } },
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

/** A week's figures: the actual ones and, per model key, `expected_<key>` and `expected_cum_<key>` (null: not compared). */
export interface TrackingInput {
  week: number;
  actual: number;
  actual_cum: number;
}

/**
 * Validation weeks as chart rows, weekly or cumulative: the actual series (`actual`: its label) and one per model
 * (`models`: key and label; the week's `expected_<key>` or `expected_cum_<key>`), models without a value left out.
 */
export function trackingRows(
  weeks: readonly TrackingInput[],
  cumulative: boolean,
  actual: string,
  models: readonly { key: string; label: string }[],
): { week: number; series: string; value: number }[] {
  return weeks.flatMap((w) => [
    { week: w.week, series: actual, value: cumulative ? w.actual_cum : w.actual },
    ...models.flatMap((m) => {
      const v = (w as unknown as Record<string, unknown>)[cumulative ? `expected_cum_${m.key}` : `expected_${m.key}`];
      return typeof v === 'number' ? [{ week: w.week, series: m.label, value: v }] : [];
    }),
  ]);
}
