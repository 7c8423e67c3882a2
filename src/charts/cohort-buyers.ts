import { foldSeries } from './cohort-series';
import { ROWS, type ChartSpec } from './vega-types';

export interface CohortBuyersLabels {
  cohort: string;
  customers: string;
  kind: string;
  oneTime: string;
  repeat: string;
  repeatShare: string;
}

/** One-time and repeat buyers per acquisition cohort, stacked. Rows: `buyersSql` without its total row. */
export function cohortBuyersSpec(labels: CohortBuyersLabels): ChartSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { name: ROWS },
    width: 'container',
    height: 260,
    transform: foldSeries(['one_time', 'repeat'], [labels.oneTime, labels.repeat]),
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'cohort', type: 'ordinal', title: labels.cohort, sort: 'ascending', axis: { labelOverlap: true, labelAngle: -45 } },
      y: { field: 'value', type: 'quantitative', title: labels.customers, stack: 'zero' },
      color: { field: 'label', type: 'nominal', title: labels.kind, sort: { field: 'order' }, scale: { range: ['#bab0ac', '#2563eb'] }, legend: { orient: 'top' } },
      order: { field: 'order', sort: 'ascending' },
      tooltip: [
        { field: 'cohort', title: labels.cohort },
        { field: 'label', title: labels.kind },
        { field: 'value', type: 'quantitative', title: labels.customers, format: ',' },
        { field: 'repeat_share', type: 'quantitative', title: labels.repeatShare, format: '.1%' },
      ],
    },
  };
}
