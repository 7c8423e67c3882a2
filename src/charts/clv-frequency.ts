import { ROWS, type ChartSpec } from './vega-types';
import { TOP_FREQUENCY } from '../analyses/clv/holdout-sql';

export interface FrequencyBarsLabels {
  frequency: string;
  value: string;
  series: string;
}

const COLORS = ['#1f2933', '#e45756', '#4c78a8', '#54a24b'];

/**
 * Actual beside each model's expected value per class of repeat purchases (the calibration check, and the mean
 * holdout purchases by calibration frequency), as grouped bars. `series`: the labels, the actual one first.
 * Rows: `frequency` (label), `series`, `value`.
 */
export function frequencyBarsSpec(labels: FrequencyBarsLabels, frequencyOrder: readonly string[], series: readonly string[], format = ',.2f'): ChartSpec {
  const domain = [...series];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { name: ROWS },
    width: 'container',
    height: 240,
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'frequency', type: 'ordinal', title: labels.frequency, sort: [...frequencyOrder], axis: { labelAngle: 0 } },
      xOffset: { field: 'series', type: 'nominal', sort: domain },
      y: { field: 'value', type: 'quantitative', title: labels.value },
      color: { field: 'series', type: 'nominal', title: labels.series, sort: domain, scale: { domain, range: COLORS.slice(0, domain.length) }, legend: { orient: 'bottom' } },
      tooltip: [
        { field: 'frequency', type: 'ordinal', title: labels.frequency },
        { field: 'series', type: 'nominal', title: labels.series },
        { field: 'value', type: 'quantitative', title: labels.value, format },
      ],
    },
  };
}

/** The label of a class of repeat purchases: 0 … top − 1, then "top+" (default top: 7, the holdout classes). */
export function frequencyLabel(k: number, top = TOP_FREQUENCY): string {
  return k >= top ? `${top}+` : String(k);
}

/** The class labels in order, 0 … top − 1 and "top+". */
export function frequencyOrder(top = TOP_FREQUENCY): string[] {
  return Array.from({ length: top + 1 }, (_, k) => frequencyLabel(k, top));
}

/** The holdout classes 0 … 6, "7+". */
export const FREQUENCY_ORDER: readonly string[] = frequencyOrder();

/**
 * Per-class values as chart rows: the actual series (`actual`: its label, from the row's `actual`) and one per
 * model (`models`: key and label, from the row's `expected_<key>`, a number or null), models without a value left out.
 */
export function frequencyRows(
  rows: readonly { frequency: number; actual: number; expected_bgnbd?: number | null; expected_pnbd?: number | null }[],
  actual: string,
  models: readonly { key: string; label: string }[],
  top = TOP_FREQUENCY,
): { frequency: string; series: string; value: number }[] {
  return rows.flatMap((r) => [
    { frequency: frequencyLabel(r.frequency, top), series: actual, value: r.actual },
    ...models.flatMap((m) => {
      const v = (r as unknown as Record<string, unknown>)[`expected_${m.key}`];
      return typeof v === 'number' ? [{ frequency: frequencyLabel(r.frequency, top), series: m.label, value: v }] : [];
    }),
  ]);
}
