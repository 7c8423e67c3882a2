import { ROWS, type ChartSpec } from './vega-types';
import { TOP_FREQUENCY } from '../analyses/clv/holdout-sql';

export interface FrequencyBarsLabels {
  frequency: string;
  value: string;
  series: string;
  actual: string;
  expected: string;
}

/**
 * Actual beside expected per calibration frequency 0 … 6, "7+" (the calibration frequency histogram, and the
 * mean holdout purchases by calibration frequency), as grouped bars. Rows: `frequency` (label), `series`, `value`.
 */
export function frequencyBarsSpec(labels: FrequencyBarsLabels, frequencyOrder: readonly string[], format = ',.2f'): ChartSpec {
  const series = [labels.actual, labels.expected];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { name: ROWS },
    width: 'container',
    height: 240,
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'frequency', type: 'ordinal', title: labels.frequency, sort: [...frequencyOrder], axis: { labelAngle: 0 } },
      xOffset: { field: 'series', type: 'nominal', sort: series },
      y: { field: 'value', type: 'quantitative', title: labels.value },
      color: { field: 'series', type: 'nominal', title: labels.series, sort: series, scale: { domain: series, range: ['#1f2933', '#e45756'] }, legend: { orient: 'bottom' } },
      tooltip: [
        { field: 'frequency', type: 'ordinal', title: labels.frequency },
        { field: 'series', type: 'nominal', title: labels.series },
        { field: 'value', type: 'quantitative', title: labels.value, format },
      ],
    },
  };
}

/** The label of a calibration frequency class: 0 … 6, then "7+". */
export function frequencyLabel(k: number): string {
  return k >= TOP_FREQUENCY ? `${TOP_FREQUENCY}+` : String(k);
}

/** The class labels in order. */
export const FREQUENCY_ORDER: readonly string[] = Array.from({ length: TOP_FREQUENCY + 1 }, (_, k) => frequencyLabel(k));

/** Per-class actual and expected values as chart rows of two series. */
export function frequencyRows(
  rows: readonly { frequency: number; actual: number; expected: number }[],
  labels: Pick<FrequencyBarsLabels, 'actual' | 'expected'>,
): { frequency: string; series: string; value: number }[] {
  return rows.flatMap((r) => [
    { frequency: frequencyLabel(r.frequency), series: labels.actual, value: r.actual },
    { frequency: frequencyLabel(r.frequency), series: labels.expected, value: r.expected },
  ]);
}
