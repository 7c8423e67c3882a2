import { ROWS, type ChartSpec } from './vega-types';

export interface CacChartLabels {
  group: string;
  ratio: string;
  clv: string;
  cac: string;
  customers: string;
}

/**
 * CLV : CAC per group (acquiring channel or acquisition cohort) as bars in the given order, with a rule at 1 (the
 * acquisition cost just paid back). Rows: `group`, `clv_cac_ratio`, `clv`, `cac`, `customers`.
 */
export function cacRatioSpec(labels: CacChartLabels, order: readonly string[], horizontal: boolean): ChartSpec {
  const group = { field: 'group', type: 'nominal' as const, title: labels.group, sort: [...order], axis: horizontal ? { labelLimit: 220 } : { labelAngle: -45 } };
  const ratio = { field: 'clv_cac_ratio', type: 'quantitative' as const, title: labels.ratio };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { name: ROWS },
    width: 'container',
    height: horizontal ? Math.max(120, order.length * 24) : 240,
    layer: [
      {
        mark: { type: 'bar', color: '#4c78a8' },
        encoding: {
          ...(horizontal ? { y: group, x: ratio } : { x: group, y: ratio }),
          tooltip: [
            { field: 'group', type: 'nominal', title: labels.group },
            { field: 'clv_cac_ratio', type: 'quantitative', title: labels.ratio, format: ',.2f' },
            { field: 'clv', type: 'quantitative', title: labels.clv, format: ',.2f' },
            { field: 'cac', type: 'quantitative', title: labels.cac, format: ',.2f' },
            { field: 'customers', type: 'quantitative', title: labels.customers, format: ',' },
          ],
        },
      },
      {
        data: { values: [{ one: 1 }] },
        mark: { type: 'rule', color: '#e45756', strokeDash: [4, 3] },
        encoding: horizontal ? { x: { field: 'one', type: 'quantitative' } } : { y: { field: 'one', type: 'quantitative' } },
      },
    ],
  };
}
