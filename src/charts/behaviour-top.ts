import { ROWS, type ChartSpec } from './vega-types';

export interface BarLabels {
  item: string;
  revenue: string;
  customers: string;
  orders: string;
}

/**
 * Horizontal bars of revenue per item in the rows' order (top N, then the rest), customers and orders in the
 * tooltip. Rows: label, revenue, customers, orders, is_rest (drawn grey).
 */
export function topItemsSpec(labels: BarLabels): ChartSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { name: ROWS },
    width: 'container',
    height: { step: 18 },
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'label', type: 'nominal', title: labels.item, sort: null },
      x: { field: 'revenue', type: 'quantitative', title: labels.revenue },
      color: { condition: { test: 'datum.is_rest', value: '#bab0ac' }, value: '#4c78a8' },
      tooltip: [
        { field: 'label', type: 'nominal', title: labels.item },
        { field: 'revenue', type: 'quantitative', title: labels.revenue, format: ',.2f' },
        { field: 'customers', type: 'quantitative', title: labels.customers, format: ',' },
        { field: 'orders', type: 'quantitative', title: labels.orders, format: ',' },
      ],
    },
  };
}
