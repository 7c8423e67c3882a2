import { ROWS, type ChartSpec } from './vega-types';

export interface MonthlyLabels {
  month: string;
  revenue: string;
  activeCustomers: string;
}

/** Monthly revenue as bars with active customers as a line on a second axis. Rows: month, revenue, active_customers. */
export function monthlySpec(labels: MonthlyLabels): ChartSpec {
  const x = { field: 'month', type: 'temporal' as const, timeUnit: 'utcyearmonth' as const, title: labels.month };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { name: ROWS },
    width: 'container',
    height: 260,
    layer: [
      {
        mark: { type: 'bar', color: '#4c78a8', opacity: 0.8 },
        encoding: {
          x,
          y: { field: 'revenue', type: 'quantitative', title: labels.revenue, axis: { titleColor: '#4c78a8' } },
          tooltip: [
            { field: 'month', type: 'temporal', timeUnit: 'utcyearmonth', title: labels.month },
            { field: 'revenue', type: 'quantitative', title: labels.revenue, format: ',.2f' },
            { field: 'active_customers', type: 'quantitative', title: labels.activeCustomers, format: ',' },
          ],
        },
      },
      {
        mark: { type: 'line', color: '#f58518', point: true },
        encoding: {
          x: { ...x, bandPosition: 0.5 },
          y: { field: 'active_customers', type: 'quantitative', title: labels.activeCustomers, axis: { titleColor: '#f58518' } },
        },
      },
    ],
    resolve: { scale: { y: 'independent' } },
  };
}
