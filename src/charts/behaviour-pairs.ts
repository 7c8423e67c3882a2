import { ROWS, type ChartSpec } from './vega-types';

export interface PairMatrixLabels {
  product: string;
  withProduct: string;
  lift: string;
  support: string;
  confidence: string;
}

/**
 * Product × product matrix of lift (diverging around 1: blue = bought together more than chance), confidence
 * row → column and support in the tooltip. Rows of `pairMatrixSql()`.
 */
export function pairMatrixSpec(labels: PairMatrixLabels): ChartSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { name: ROWS },
    width: 'container',
    height: { step: 22 },
    mark: { type: 'rect' },
    encoding: {
      x: { field: 'col_product', type: 'nominal', title: labels.withProduct, axis: { labelAngle: -40 } },
      y: { field: 'row_product', type: 'nominal', title: labels.product },
      color: { field: 'lift', type: 'quantitative', title: labels.lift, scale: { type: 'log', scheme: 'redblue', domainMid: 1 } },
      tooltip: [
        { field: 'row_product', type: 'nominal', title: labels.product },
        { field: 'col_product', type: 'nominal', title: labels.withProduct },
        { field: 'lift', type: 'quantitative', title: labels.lift, format: '.2f' },
        { field: 'confidence', type: 'quantitative', title: labels.confidence, format: '.1%' },
        { field: 'support', type: 'quantitative', title: labels.support, format: '.2%' },
      ],
    },
  };
}
