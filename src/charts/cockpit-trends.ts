import { ROWS, type ChartSpec } from './vega-types';

export interface TrendLabels {
  period: string;
  value: string;
}

/**
 * One small line per KPI over the trend's periods, each with its own y scale. Rows: `kpi` (its name in the UI
 * language), `period` (label), `i` (order), `value`; `order` lists the KPI names in the order of the cards.
 */
export function cockpitTrendSpec(labels: TrendLabels, order: readonly string[]): ChartSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { name: ROWS },
    facet: { field: 'kpi', type: 'nominal', sort: [...order], title: null, header: { labelFontSize: 11, labelFontWeight: 'bold' } },
    columns: 3,
    spec: {
      width: 180,
      height: 50,
      mark: { type: 'line', point: { size: 14 }, color: '#2563eb' },
      encoding: {
        x: { field: 'period', type: 'ordinal', sort: { field: 'i' }, title: null, axis: { labels: false, ticks: false, domain: false } },
        y: { field: 'value', type: 'quantitative', title: null, axis: { tickCount: 2, grid: false }, scale: { zero: false } },
        tooltip: [
          { field: 'period', type: 'ordinal', title: labels.period },
          { field: 'value', type: 'quantitative', title: labels.value, format: ',.2~f' },
        ],
      },
    },
    resolve: { scale: { y: 'independent' } },
  };
}
