import { ROWS, type ChartSpec } from './vega-types';

/** A row of `breakdownSql()` with the value's display label. */
export interface BreakdownRow {
  label: string;
  new_revenue: number;
  returning_revenue: number;
  new_orders: number;
  returning_orders: number;
}

/** Two rows per value: revenue and orders from new and from returning customers, with the segment's label. */
export function breakdownRows(rows: readonly BreakdownRow[], names: { new: string; returning: string }): object[] {
  return rows.flatMap((r) => [
    { label: r.label, who: names.new, order: 0, revenue: r.new_revenue, orders: r.new_orders },
    { label: r.label, who: names.returning, order: 1, revenue: r.returning_revenue, orders: r.returning_orders },
  ]);
}

export interface BreakdownLabels {
  value: string;
  revenue: string;
  orders: string;
  customers: string;
  new: string;
  returning: string;
}

/** Revenue per value as horizontal bars stacked by new vs returning customers. Rows from `breakdownRows`. */
export function breakdownSpec(labels: BreakdownLabels): ChartSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { name: ROWS },
    width: 'container',
    height: { step: 22 },
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'label', type: 'nominal', title: labels.value, sort: null },
      x: { field: 'revenue', type: 'quantitative', title: labels.revenue, stack: 'zero' },
      color: {
        field: 'who',
        type: 'nominal',
        title: labels.customers,
        scale: { domain: [labels.new, labels.returning], range: ['#4c78a8', '#f58518'] },
      },
      order: { field: 'order', type: 'quantitative' },
      tooltip: [
        { field: 'label', type: 'nominal', title: labels.value },
        { field: 'who', type: 'nominal', title: labels.customers },
        { field: 'revenue', type: 'quantitative', title: labels.revenue, format: ',.2f' },
        { field: 'orders', type: 'quantitative', title: labels.orders, format: ',' },
      ],
    },
  };
}
