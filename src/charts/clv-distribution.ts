import { histogramEncoding } from './histogram';
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
    encoding: histogramEncoding({ ...labels, value: labels.clv }, ',.0f', ',.2f'),
  };
}
