import { ROWS, type ChartSpec } from './vega-types';

export interface TimelineLabels {
  date: string;
  amount: string;
  order: string;
  products: string;
}

/** One customer's orders over time: a stem and a point per order at its amount. Rows of `customerOrdersSql()`. */
export function timelineSpec(labels: TimelineLabels): ChartSpec {
  const x = { field: 'order_ts', type: 'temporal' as const, title: labels.date, scale: { nice: true, padding: 12 }, axis: { format: '%Y-%m-%d', labelOverlap: true } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { name: ROWS },
    width: 'container',
    height: 180,
    layer: [
      { mark: { type: 'rule', color: '#9aa5b1' }, encoding: { x, y: { field: 'amount', type: 'quantitative' }, y2: { datum: 0 } } },
      {
        mark: { type: 'point', filled: true, size: 70, color: '#4c78a8' },
        encoding: {
          x,
          y: { field: 'amount', type: 'quantitative', title: labels.amount },
          tooltip: [
            { field: 'order_id', type: 'nominal', title: labels.order },
            { field: 'order_ts', type: 'temporal', title: labels.date, format: '%Y-%m-%d %H:%M' },
            { field: 'amount', type: 'quantitative', title: labels.amount, format: ',.2f' },
            { field: 'products', type: 'nominal', title: labels.products },
          ],
        },
      },
    ],
  };
}
