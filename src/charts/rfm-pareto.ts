import { ROWS, type ChartSpec } from './vega-types';

export interface ParetoLabels {
  customerShare: string;
  revenueShare: string;
}

/**
 * The Pareto curve: cumulative share of revenue (y) by share of customers ranked by money (x), with a dashed rule
 * and label at each tier cut. Rows: `kind` = `curve` (`customer_share`, `revenue_share`) or `cut`
 * (`customer_share`, `label`).
 */
export function paretoSpec(labels: ParetoLabels): ChartSpec {
  const x = { field: 'customer_share', type: 'quantitative' as const, title: labels.customerShare, axis: { format: '%' }, scale: { domain: [0, 1] } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { name: ROWS },
    width: 'container',
    height: 260,
    layer: [
      {
        transform: [{ filter: { field: 'kind', equal: 'curve' } }],
        mark: { type: 'line', color: '#4c78a8', interpolate: 'linear' },
        encoding: {
          x,
          y: { field: 'revenue_share', type: 'quantitative', title: labels.revenueShare, axis: { format: '%' } },
          tooltip: [
            { field: 'customer_share', type: 'quantitative', title: labels.customerShare, format: '.1%' },
            { field: 'revenue_share', type: 'quantitative', title: labels.revenueShare, format: '.1%' },
          ],
        },
      },
      {
        transform: [{ filter: { field: 'kind', equal: 'cut' } }],
        mark: { type: 'rule', color: '#e45756', strokeDash: [4, 3] },
        encoding: { x },
      },
      {
        transform: [{ filter: { field: 'kind', equal: 'cut' } }],
        mark: { type: 'text', align: 'left', dx: 4, dy: 8, baseline: 'top', color: '#e45756' },
        encoding: { x, y: { value: 0 }, text: { field: 'label', type: 'nominal' } },
      },
    ],
  };
}
