import { ROWS, type ChartSpec } from './vega-types';

export interface DistributionLabels {
  value: string;
  customers: string;
  from: string;
  to: string;
}

/**
 * One histogram per measure side by side, each with its own value axis. Rows: `label` (the measure's title),
 * `bin_start`, `bin_end`, `customers`; the measures appear in the order of `measureOrder`.
 */
export function distributionSpec(labels: DistributionLabels, measureOrder: readonly string[]): ChartSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { name: ROWS },
    facet: { column: { field: 'label', type: 'nominal', title: null, sort: [...measureOrder] } },
    spec: {
      width: 230,
      height: 160,
      mark: { type: 'bar', color: '#4c78a8' },
      encoding: {
        x: { field: 'bin_start', type: 'quantitative', title: labels.value, bin: { binned: true }, axis: { format: '~s' } },
        x2: { field: 'bin_end' },
        y: { field: 'customers', type: 'quantitative', title: labels.customers },
        tooltip: [
          { field: 'bin_start', type: 'quantitative', title: labels.from, format: ',.2~f' },
          { field: 'bin_end', type: 'quantitative', title: labels.to, format: ',.2~f' },
          { field: 'customers', type: 'quantitative', title: labels.customers, format: ',' },
        ],
      },
    },
    resolve: { scale: { x: 'independent', y: 'independent' } },
  };
}
