import { ROWS, type ChartSpec } from './vega-types';

export interface PriceBandLabels {
  band: string;
  lines: string;
  revenue: string;
}

/** `lo–hi` labels of the price bands, in the rows' order. */
export function bandLabel(lo: number, hi: number | null, num: (v: number) => string): string {
  return hi === null ? `≥ ${num(lo)}` : `${num(lo)}–${num(hi)}`;
}

/** Order lines per price band as bars, revenue in the tooltip. Rows: band (label), lines, revenue. */
export function priceBandsSpec(labels: PriceBandLabels): ChartSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { name: ROWS },
    width: 'container',
    height: 220,
    mark: { type: 'bar', color: '#72b7b2' },
    encoding: {
      x: { field: 'band', type: 'ordinal', title: labels.band, sort: null, axis: { labelAngle: 0 } },
      y: { field: 'lines', type: 'quantitative', title: labels.lines },
      tooltip: [
        { field: 'band', type: 'ordinal', title: labels.band },
        { field: 'lines', type: 'quantitative', title: labels.lines, format: ',' },
        { field: 'revenue', type: 'quantitative', title: labels.revenue, format: ',.2f' },
      ],
    },
  };
}
