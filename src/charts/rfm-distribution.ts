import { histogramEncoding, type HistogramLabels } from './histogram';
import { ROWS, type ChartSpec } from './vega-types';

export type DistributionLabels = HistogramLabels;

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
      encoding: histogramEncoding(labels, '~s', ',.2~f'),
    },
    resolve: { scale: { x: 'independent', y: 'independent' } },
  };
}
