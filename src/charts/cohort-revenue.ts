import { ARIA_CELL_LIMIT } from './cohort-heatmap';
import { ROWS, type ChartSpec } from './vega-types';

export interface CohortRevenueLabels {
  calendarPeriod: string;
  cohort: string;
  revenue: string;
  customers: string;
}

/**
 * Revenue per calendar period stacked by acquisition cohort (the "layer cake"): how much of each period's revenue
 * comes from customers acquired in each earlier period. Rows: the triangle cells (`cells` of them).
 */
export function cohortRevenueSpec(labels: CohortRevenueLabels, cells: number): ChartSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { name: ROWS },
    width: 'container',
    height: 300,
    mark: { type: 'bar', aria: cells <= ARIA_CELL_LIMIT },
    encoding: {
      x: { field: 'period_label', type: 'ordinal', title: labels.calendarPeriod, sort: 'ascending', axis: { labelOverlap: true, labelAngle: -45 } },
      y: { field: 'revenue', type: 'quantitative', title: labels.revenue, stack: 'zero', axis: { format: ',.0f' } },
      color: { field: 'cohort', type: 'ordinal', title: labels.cohort, sort: 'ascending', scale: { scheme: 'viridis' }, legend: { symbolLimit: 12 } },
      order: { field: 'cohort', sort: 'ascending' },
      tooltip: [
        { field: 'period_label', title: labels.calendarPeriod },
        { field: 'cohort', title: labels.cohort },
        { field: 'revenue', title: labels.revenue, format: ',.2f' },
        { field: 'customers', title: labels.customers, format: ',' },
      ],
    },
  };
}
