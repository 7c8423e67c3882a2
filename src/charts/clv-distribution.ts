import { ROWS, type ChartSpec } from './vega-types';

export interface ClvDistributionLabels {
  clv: string;
  customers: string;
  from: string;
  to: string;
}

/** Histogram of CLV. Rows: `bin_start`, `bin_end`, `customers` (from `clvDistributionSql`). */
export function clvDistributionSpec(labels: ClvDistributionLabels): ChartSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { name: ROWS },
    width: 'container',
    height: 240,
    mark: { type: 'bar', color: '#4c78a8' },
    encoding: {
      x: { field: 'bin_start', type: 'quantitative', title: labels.clv, bin: { binned: true }, axis: { format: ',.0f' } },
      x2: { field: 'bin_end' },
      y: { field: 'customers', type: 'quantitative', title: labels.customers },
      tooltip: [
        { field: 'bin_start', type: 'quantitative', title: labels.from, format: ',.2f' },
        { field: 'bin_end', type: 'quantitative', title: labels.to, format: ',.2f' },
        { field: 'customers', type: 'quantitative', title: labels.customers, format: ',' },
      ],
    },
  };
}
