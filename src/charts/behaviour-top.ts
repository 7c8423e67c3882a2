import { ROWS, type ChartSpec } from './vega-types';

export interface BarLabels {
  item: string;
  revenue: string;
  customers: string;
  orders: string;
}

/** A bar more than this many times the longest top item's is cut at the axis' end, its value written beside it. */
const CUT_ABOVE = 1.5;

/** The revenue axis' upper end: the top items' longest bar, unless the rest's bar is comparable; null to fit all. */
export function topAxisMax(rows: readonly { revenue: number; is_rest?: boolean }[]): number | null {
  const top = Math.max(0, ...rows.filter((r) => !r.is_rest).map((r) => r.revenue));
  const rest = Math.max(0, ...rows.filter((r) => r.is_rest).map((r) => r.revenue));
  return top > 0 && rest > CUT_ABOVE * top ? top * 1.1 : null;
}

/**
 * Horizontal bars of revenue per item in the rows' order (top N, then the rest), customers and orders in the
 * tooltip. Rows: label, revenue, customers, orders, is_rest (drawn grey). With `axisMax` (see `topAxisMax`) the axis
 * ends there so the top items stay readable: a longer bar (the rest) is cut and its revenue written at its end.
 */
export function topItemsSpec(labels: BarLabels, axisMax: number | null = null): ChartSpec {
  const x = {
    field: 'revenue',
    type: 'quantitative' as const,
    title: labels.revenue,
    ...(axisMax !== null ? { scale: { domainMax: axisMax, clamp: true } } : {}),
  };
  const y = { field: 'label', type: 'nominal' as const, title: labels.item, sort: null };
  const tooltip = [
    { field: 'label', type: 'nominal' as const, title: labels.item },
    { field: 'revenue', type: 'quantitative' as const, title: labels.revenue, format: ',.2f' },
    { field: 'customers', type: 'quantitative' as const, title: labels.customers, format: ',' },
    { field: 'orders', type: 'quantitative' as const, title: labels.orders, format: ',' },
  ];
  const bars = {
    mark: { type: 'bar' as const, clip: true },
    encoding: { y, x, color: { condition: { test: 'datum.is_rest', value: '#bab0ac' }, value: '#4c78a8' }, tooltip },
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { name: ROWS },
    width: 'container',
    height: { step: 18 },
    layer:
      axisMax === null
        ? [bars]
        : [
            bars,
            {
              transform: [{ filter: `datum.revenue > ${axisMax}` }],
              mark: { type: 'text', align: 'right', dx: -4, color: '#1f2933', fontWeight: 'bold' },
              encoding: { y, x: { datum: axisMax, type: 'quantitative' }, text: { field: 'revenue', type: 'quantitative', format: ',.0f' }, tooltip },
            },
          ],
  };
}
