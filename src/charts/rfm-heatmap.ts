import { ROWS, type ChartSpec } from './vega-types';

export interface HeatmapLabels {
  r: string;
  f: string;
  customers: string;
  meanMonetary: string;
}

const scores = (range: readonly [number, number]) => Array.from({ length: range[1] - range[0] + 1 }, (_, i) => range[0] + i);

/**
 * The R × F grid (R high at the top, F high on the right) coloured by customers or by mean monetary, each cell
 * labelled with its value; every score of `levels` has its row or column, so empty scores show as gaps.
 * Rows: `r_score`, `f_score`, `customers`, `mean_monetary`.
 */
export function heatmapSpec(labels: HeatmapLabels, metric: 'customers' | 'mean_monetary', levels: { r: readonly [number, number]; f: readonly [number, number] }): ChartSpec {
  const title = metric === 'customers' ? labels.customers : labels.meanMonetary;
  const format = metric === 'customers' ? ',.0f' : ',.2f';
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { name: ROWS },
    width: 'container',
    height: 260,
    encoding: {
      x: { field: 'f_score', type: 'ordinal', title: labels.f, scale: { domain: scores(levels.f) }, axis: { labelAngle: 0 } },
      y: { field: 'r_score', type: 'ordinal', title: labels.r, scale: { domain: scores(levels.r).reverse() } },
    },
    layer: [
      {
        mark: { type: 'rect' },
        encoding: {
          color: { field: metric, type: 'quantitative', title, scale: { scheme: 'blues' }, legend: { orient: 'right', format } },
          tooltip: [
            { field: 'r_score', type: 'ordinal', title: labels.r },
            { field: 'f_score', type: 'ordinal', title: labels.f },
            { field: 'customers', type: 'quantitative', title: labels.customers, format: ',' },
            { field: 'mean_monetary', type: 'quantitative', title: labels.meanMonetary, format: ',.2f' },
          ],
        },
      },
      {
        mark: { type: 'text', fontSize: 11, color: '#1f2933', aria: false },
        encoding: { text: { field: metric, type: 'quantitative', format } },
      },
    ],
  };
}
