import { ROWS, type ChartSpec } from './vega-types';

export interface SecondPurchaseLabels {
  days: string;
  customers: string;
  share: string;
  cumulativeShare: string;
}

/**
 * Time to second purchase: customers per bucket of days (bars) and the cumulative share of second purchases made
 * by the end of each bucket (line, right axis). Rows: `secondPurchaseSql`.
 */
export function secondPurchaseSpec(labels: SecondPurchaseLabels): ChartSpec {
  const x = { field: 'label', type: 'ordinal' as const, title: labels.days, sort: { field: 'bucket' }, axis: { labelAngle: 0 } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { name: ROWS },
    width: 'container',
    height: 260,
    encoding: {
      x,
      tooltip: [
        { field: 'label', title: labels.days },
        { field: 'customers', type: 'quantitative', title: labels.customers, format: ',' },
        { field: 'share', type: 'quantitative', title: labels.share, format: '.1%' },
        { field: 'cumulative_share', type: 'quantitative', title: labels.cumulativeShare, format: '.1%' },
      ],
    },
    layer: [
      {
        mark: { type: 'bar', color: '#4c78a8' },
        encoding: { y: { field: 'customers', type: 'quantitative', title: labels.customers, axis: { titleColor: '#4c78a8' } } },
      },
      {
        mark: { type: 'line', color: '#f58518', point: true },
        encoding: {
          y: { field: 'cumulative_share', type: 'quantitative', title: labels.cumulativeShare, scale: { domain: [0, 1] }, axis: { format: '.0%', titleColor: '#f58518' } },
        },
      },
    ],
    resolve: { scale: { y: 'independent' } },
  };
}
