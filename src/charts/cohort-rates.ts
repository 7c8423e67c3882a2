import { foldSeries } from './cohort-series';
import { ROWS, type ChartSpec } from './vega-types';

export interface CohortRatesLabels {
  month: string;
  rate: string;
  repeatRate: string;
  returnRate: string;
  buyers: string;
}

/** Monthly 复购率 (repeat_rate) and 回购率 (return_rate) as two lines. Rows: `monthlyRatesSql`. */
export function cohortRatesSpec(labels: CohortRatesLabels): ChartSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { name: ROWS },
    width: 'container',
    height: 260,
    transform: [...foldSeries(['repeat_rate', 'return_rate'], [labels.repeatRate, labels.returnRate]), { filter: 'datum.value !== null' }],
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'month', type: 'temporal', timeUnit: 'utcyearmonth', title: labels.month },
      y: { field: 'value', type: 'quantitative', title: labels.rate, axis: { format: '.0%' } },
      color: { field: 'label', type: 'nominal', title: null, sort: { field: 'order' }, scale: { range: ['#2563eb', '#f58518'] }, legend: { orient: 'top' } },
      tooltip: [
        { field: 'month', type: 'temporal', timeUnit: 'utcyearmonth', title: labels.month },
        { field: 'label', title: labels.rate },
        { field: 'value', type: 'quantitative', title: labels.rate, format: '.2%' },
        { field: 'buyers', type: 'quantitative', title: labels.buyers, format: ',' },
      ],
    },
  };
}
