import { ROWS, type ChartSpec } from './vega-types';

export interface ChurnRateLabels {
  month: string;
  churnRate: string;
  base: string;
  churned: string;
}

/** Monthly churn rate as a line. Rows of `stageFlowSql()`: month, churn_rate, base, churned_in_month. */
export function churnRateSpec(labels: ChurnRateLabels): ChartSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { name: ROWS },
    width: 'container',
    height: 200,
    transform: [{ filter: 'isValid(datum.churn_rate)' }],
    mark: { type: 'line', point: true, color: '#e45756' },
    encoding: {
      x: { field: 'month', type: 'temporal', timeUnit: 'utcyearmonth', title: labels.month },
      y: { field: 'churn_rate', type: 'quantitative', title: labels.churnRate, axis: { format: '.0%' } },
      tooltip: [
        { field: 'month', type: 'temporal', timeUnit: 'utcyearmonth', title: labels.month },
        { field: 'churn_rate', type: 'quantitative', title: labels.churnRate, format: '.1%' },
        { field: 'base', type: 'quantitative', title: labels.base, format: ',' },
        { field: 'churned_in_month', type: 'quantitative', title: labels.churned, format: ',' },
      ],
    },
  };
}
