import type { Transform } from 'vega-lite/types_unstable/transform.js';

/**
 * Transforms that turn wide rows into one row per series for a chart: `key` (the column name), `value`, `label`
 * (the display name given for the key) and `order` (the key's position), so colours and stacks follow `keys`.
 */
export function foldSeries(keys: readonly string[], labels: readonly string[]): Transform[] {
  return [
    { fold: [...keys], as: ['key', 'value'] },
    { calculate: `indexof(${JSON.stringify(keys)}, datum.key)`, as: 'order' },
    { calculate: `${JSON.stringify(labels)}[datum.order]`, as: 'label' },
  ];
}
