import type { UnitSpec } from 'vega-lite/types_unstable/spec/unit.js';
import { ROWS, type ChartSpec } from './vega-types';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** The dashed line y = x on 0–1 axes: a random guess (ROC), perfect calibration. */
const DIAGONAL: UnitSpec<string> = {
  data: { values: [{ x: 0 }, { x: 1 }] },
  mark: { type: 'line', strokeDash: [4, 4], color: '#9aa5b1' },
  encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'x', type: 'quantitative' } },
};

/** A 0–100 % axis on [0, 1]. */
const SHARE_AXIS: { scale: { domain: number[] }; axis: { format: string; tickCount: number } } = { scale: { domain: [0, 1] }, axis: { format: '.0%', tickCount: 5 } };

export interface RocLabels {
  fpr: string;
  tpr: string;
  model: string;
}

/** ROC curves, one line per model, with the diagonal of a random guess. Rows: `model`, `fpr`, `tpr`, `seq`. */
export function rocSpec(labels: RocLabels): ChartSpec {
  return {
    $schema: SCHEMA,
    data: { name: ROWS },
    width: 'container',
    height: 280,
    layer: [
      DIAGONAL,
      {
        mark: { type: 'line', interpolate: 'linear' },
        encoding: {
          x: { field: 'fpr', type: 'quantitative', title: labels.fpr, ...SHARE_AXIS },
          y: { field: 'tpr', type: 'quantitative', title: labels.tpr, ...SHARE_AXIS },
          color: { field: 'model', type: 'nominal', title: labels.model },
          order: { field: 'seq', type: 'quantitative' },
          tooltip: [
            { field: 'model', type: 'nominal', title: labels.model },
            { field: 'fpr', type: 'quantitative', title: labels.fpr, format: '.1%' },
            { field: 'tpr', type: 'quantitative', title: labels.tpr, format: '.1%' },
          ],
        },
      },
    ],
  };
}

export interface GainsLabels {
  decile: string;
  lift: string;
  cumulative: string;
  model: string;
}

/** Lift per decile (bars) of each model. Rows: `model`, `decile`, `lift`, `cumulative_share`. */
export function liftSpec(labels: GainsLabels): ChartSpec {
  return {
    $schema: SCHEMA,
    data: { name: ROWS },
    width: 'container',
    height: 260,
    layer: [
      {
        mark: { type: 'line', point: true },
        encoding: {
          x: { field: 'decile', type: 'ordinal', title: labels.decile, axis: { labelAngle: 0 } },
          y: { field: 'lift', type: 'quantitative', title: labels.lift },
          color: { field: 'model', type: 'nominal', title: labels.model },
          tooltip: [
            { field: 'model', type: 'nominal', title: labels.model },
            { field: 'decile', type: 'ordinal', title: labels.decile },
            { field: 'lift', type: 'quantitative', title: labels.lift, format: '.2f' },
            { field: 'cumulative_share', type: 'quantitative', title: labels.cumulative, format: '.1%' },
          ],
        },
      },
      { mark: { type: 'rule', strokeDash: [4, 4], color: '#7b8794' }, encoding: { y: { datum: 1, type: 'quantitative' } } },
    ],
  };
}

export interface CalibrationLabels {
  predicted: string;
  observed: string;
  customers: string;
  model: string;
}

/** Observed churn rate against the mean predicted probability per bin, with the diagonal of perfect calibration. */
export function calibrationSpec(labels: CalibrationLabels): ChartSpec {
  return {
    $schema: SCHEMA,
    data: { name: ROWS },
    width: 'container',
    height: 260,
    layer: [
      DIAGONAL,
      {
        mark: { type: 'line', point: true },
        encoding: {
          x: { field: 'mean_score', type: 'quantitative', title: labels.predicted, ...SHARE_AXIS },
          y: { field: 'churn_rate', type: 'quantitative', title: labels.observed, ...SHARE_AXIS },
          color: { field: 'model', type: 'nominal', title: labels.model },
          tooltip: [
            { field: 'model', type: 'nominal', title: labels.model },
            { field: 'mean_score', type: 'quantitative', title: labels.predicted, format: '.1%' },
            { field: 'churn_rate', type: 'quantitative', title: labels.observed, format: '.1%' },
            { field: 'customers', type: 'quantitative', title: labels.customers, format: ',' },
          ],
        },
      },
    ],
  };
}

export interface MatrixLabels {
  from: string;
  to: string;
  value: string;
  customers: string;
}

/**
 * A from × to heat-map (migration between segments, or a Markov transition matrix) coloured by the row share,
 * each cell labelled with it. Rows: `from`, `to`, `share`, `customers`; `order` fixes the axes' order.
 */
export function matrixSpec(labels: MatrixLabels, fromOrder: readonly string[], toOrder: readonly string[]): ChartSpec {
  return {
    $schema: SCHEMA,
    data: { name: ROWS },
    width: 'container',
    height: Math.max(180, 28 * fromOrder.length),
    encoding: {
      x: { field: 'to', type: 'nominal', title: labels.to, sort: [...toOrder], axis: { labelAngle: -30 } },
      y: { field: 'from', type: 'nominal', title: labels.from, sort: [...fromOrder] },
    },
    layer: [
      {
        mark: { type: 'rect' },
        encoding: {
          color: { field: 'share', type: 'quantitative', title: labels.value, scale: { scheme: 'blues', domain: [0, 1] }, legend: { format: '.0%' } },
          tooltip: [
            { field: 'from', type: 'nominal', title: labels.from },
            { field: 'to', type: 'nominal', title: labels.to },
            { field: 'customers', type: 'quantitative', title: labels.customers, format: ',' },
            { field: 'share', type: 'quantitative', title: labels.value, format: '.1%' },
          ],
        },
      },
      {
        mark: { type: 'text', fontSize: 10, aria: false },
        encoding: {
          text: { field: 'share', type: 'quantitative', format: '.0%' },
          color: { condition: { test: 'datum.share > 0.5', value: 'white' }, value: '#1f2933' },
        },
      },
    ],
  };
}

interface Evaluation {
  model: string;
  roc: readonly { fpr: number; tpr: number }[];
  gains: readonly { decile: number; lift: number | null; cumulativeShare: number | null }[];
  calibration: readonly { meanScore: number | null; churnRate: number | null; customers: number }[];
}

/** Rows of `rocSpec`: each model's curve in order (`seq`), as given (thinned where it was computed). */
export function rocRows(evaluations: readonly Evaluation[], label: (model: string) => string): object[] {
  return evaluations.flatMap((e) => e.roc.map((p, seq) => ({ model: label(e.model), fpr: p.fpr, tpr: p.tpr, seq })));
}

/** Rows of `liftSpec`. */
export function liftRows(evaluations: readonly Evaluation[], label: (model: string) => string): object[] {
  return evaluations.flatMap((e) => e.gains.map((g) => ({ model: label(e.model), decile: g.decile, lift: g.lift, cumulative_share: g.cumulativeShare })));
}

/** Rows of `calibrationSpec`. */
export function calibrationRows(evaluations: readonly Evaluation[], label: (model: string) => string): object[] {
  return evaluations.flatMap((e) => e.calibration.map((c) => ({ model: label(e.model), mean_score: c.meanScore, churn_rate: c.churnRate, customers: c.customers })));
}
