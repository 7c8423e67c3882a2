/**
 * The churn models, trained and judged off the main thread (`churn-worker.ts`): on the customers labelled at the
 * cutoff, a logistic regression and a decision tree on the training 70 %, two baselines, every model judged on the
 * holdout 30 %; then both models refitted on every labelled customer score the current customers.
 */
import { pAlive } from '../clv/bgnbd';
import { fitFrequencyModel } from '../clv/coarse-fit';
import { groupFrequency } from '../clv/group';
import { fitLogistic, oddsRatios, predictLogistic, type LogisticModel } from './logistic';
import { auc, calibration, gains, rocCurve, thinCurve } from './metrics';
import { applyScaler, fitScaler, type Scaler } from './standardize';
import { fitTree, predictTree, treeRules } from './tree';

/**
 * The BG/NBD baseline is fitted on every k-th labelled customer (in id order), at most this many: a baseline needs
 * the model's shape, not the last digit of its parameters, and a fit on 100,000 histories takes seconds.
 */
export const BG_SAMPLE = 5_000;

export type ChurnModel = 'logistic' | 'tree' | 'recency' | 'bgnbd';
export const CHURN_MODELS: readonly ChurnModel[] = ['logistic', 'tree', 'recency', 'bgnbd'];

export interface TrainRequest {
  /** Features of the labelled customers (at the cutoff), row-major n × d. */
  x: Float64Array;
  n: number;
  d: number;
  /** 1 = no purchase in the prediction window. */
  y: Uint8Array;
  /** 1 = in the holdout. */
  holdout: Uint8Array;
  /** Features of the current customers (at the as-of date), row-major. */
  current: Float64Array;
  currentN: number;
  /** The column of `recency_days` (the recency baseline's one feature). */
  recency: number;
  /** Each labelled customer's BG/NBD history at the cutoff (x, t_x, T in weeks); null: no BG/NBD baseline. */
  history: { x: Float64Array; tx: Float64Array; T: Float64Array } | null;
  C: number;
  maxDepth: number;
  minLeaf: number;
}

/** `TrainRequest` with the features column by column, as the main thread has them (and can move to a worker). */
export interface TrainColumns extends Omit<TrainRequest, 'x' | 'current' | 'd'> {
  /** The labelled customers' features, one array of n per feature. */
  x: Float64Array[];
  /** The current customers' features, one array of currentN per feature. */
  current: Float64Array[];
}

/** Columns of `n` values as one row-major matrix. */
export function rowMajor(columns: readonly Float64Array[], n: number): Float64Array {
  const d = columns.length;
  const out = new Float64Array(n * d);
  columns.forEach((col, j) => {
    if (col.length !== n) throw new RangeError(`feature ${j} has ${col.length} values, not ${n}`);
    for (let i = 0; i < n; i++) out[i * d + j] = col[i]!;
  });
  return out;
}

/** The `TrainRequest` of `TrainColumns`. */
export function fromColumns(req: TrainColumns): TrainRequest {
  return { ...req, x: rowMajor(req.x, req.n), d: req.x.length, current: rowMajor(req.current, req.currentN) };
}

/** The buffers of a `TrainColumns`, each once, to move rather than copy. */
export function columnBuffers(req: TrainColumns): ArrayBuffer[] {
  const arrays = [...req.x, ...req.current, req.y, req.holdout, ...(req.history ? [req.history.x, req.history.tx, req.history.T] : [])];
  return [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];
}

export interface LogisticSummary {
  coef: number[];
  intercept: number;
  oddsRatios: number[];
  converged: boolean;
  /** The scaler's means and standard deviations, per feature (coefficients are per standard deviation). */
  mean: number[];
  scale: number[];
}

export interface ModelEvaluation {
  model: ChurnModel;
  auc: number | null;
  /** The holdout's ROC curve, thinned for drawing (`thinCurve`); the AUC is the whole curve's. */
  roc: ReturnType<typeof rocCurve>;
  gains: ReturnType<typeof gains>;
  calibration: ReturnType<typeof calibration>;
}

export interface TrainResult {
  trainCustomers: number;
  holdoutCustomers: number;
  /** Share of the labelled customers who churned. */
  churnRate: number;
  /** Rows of the request's labelled customers that are in the holdout, in order. */
  holdoutRows: Uint32Array;
  holdoutLabels: Uint8Array;
  /** Each model's scores of the holdout rows. */
  holdoutScores: Partial<Record<ChurnModel, Float64Array>>;
  evaluations: ModelEvaluation[];
  /** The models fitted on the training customers (what the holdout judges). */
  logistic: LogisticSummary;
  rules: ReturnType<typeof treeRules>;
  /** Why a baseline is missing, when it is. */
  bgMessage: string | null;
  /** The current customers' churn probabilities from the models refitted on every labelled customer. */
  current: { logistic: Float64Array; tree: Float64Array };
}

function pick(x: Float64Array, d: number, rows: ArrayLike<number>): Float64Array {
  const out = new Float64Array(rows.length * d);
  for (let i = 0; i < rows.length; i++) out.set(x.subarray(rows[i]! * d, rows[i]! * d + d), i * d);
  return out;
}

function column(x: Float64Array, n: number, d: number, j: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = x[i * d + j]!;
  return out;
}

function labelsOf(y: Uint8Array, rows: ArrayLike<number>): Uint8Array {
  return Uint8Array.from({ length: rows.length }, (_, i) => y[rows[i]!]!);
}

/** Rows scored this many at a time: a million customers are never standardised into one more copy. */
const PREDICT_CHUNK = 65_536;

/** A standardised logistic regression: the scaler from the rows it is fitted on. */
function logisticModel(x: Float64Array, n: number, d: number, y: Uint8Array, C: number) {
  const scaler = fitScaler(x, n, d);
  const model = fitLogistic(applyScaler(scaler, x, n, d), n, d, y, { C });
  return { scaler, model, predict: (z: Float64Array, m: number) => scoreInChunks(model, scaler, z, m, d) };
}

/** The model's probabilities for `m` row-major rows of raw features, standardised `PREDICT_CHUNK` rows at a time. */
export function scoreInChunks(model: LogisticModel, scaler: Scaler, z: Float64Array, m: number, d: number): Float64Array {
  const out = new Float64Array(m);
  for (let start = 0; start < m; start += PREDICT_CHUNK) {
    const rows = Math.min(PREDICT_CHUNK, m - start);
    out.set(predictLogistic(model, applyScaler(scaler, z.subarray(start * d, (start + rows) * d), rows, d), rows, d), start);
  }
  return out;
}

function evaluate(model: ChurnModel, scores: Float64Array, labels: Uint8Array): ModelEvaluation {
  return { model, auc: auc(scores, labels), roc: thinCurve(rocCurve(scores, labels)), gains: gains(scores, labels), calibration: calibration(scores, labels) };
}

export function trainChurn(req: TrainRequest): TrainResult {
  const { x, n, d, y, C } = req;
  const train: number[] = [];
  const hold: number[] = [];
  for (let i = 0; i < n; i++) (req.holdout[i] ? hold : train).push(i);
  if (!train.length || !hold.length) throw new RangeError('the training or the holdout set is empty');
  const holdoutRows = Uint32Array.from(hold);
  const xTrain = pick(x, d, train);
  const yTrain = labelsOf(y, train);
  const xHold = pick(x, d, hold);
  const yHold = labelsOf(y, hold);
  if (yTrain.every((v) => v === yTrain[0])) throw new RangeError('every training customer has the same label');

  const lr = logisticModel(xTrain, train.length, d, yTrain, C);
  const tree = fitTree(xTrain, train.length, d, yTrain, { maxDepth: req.maxDepth, minLeaf: req.minLeaf });
  const rec = logisticModel(column(xTrain, train.length, d, req.recency), train.length, 1, yTrain, C);
  const holdoutScores: Partial<Record<ChurnModel, Float64Array>> = {
    logistic: lr.predict(xHold, hold.length),
    tree: predictTree(tree, xHold, hold.length, d),
    recency: rec.predict(column(xHold, hold.length, d, req.recency), hold.length),
  };

  let bgMessage: string | null = null;
  if (req.history) {
    const h = req.history;
    const step = Math.ceil(n / BG_SAMPLE);
    const sample = Array.from({ length: Math.ceil(n / step) }, (_, k) => k * step);
    const fit = fitFrequencyModel(groupFrequency(sample.map((i) => h.x[i]!), sample.map((i) => h.tx[i]!), sample.map((i) => h.T[i]!)));
    if (fit.converged) {
      holdoutScores.bgnbd = Float64Array.from(hold, (i) => 1 - pAlive(fit.params, h.x[i]!, h.tx[i]!, h.T[i]!));
    } else {
      bgMessage = fit.message ?? 'the BG/NBD fit did not converge';
    }
  }
  const evaluations = CHURN_MODELS.flatMap((m) => (holdoutScores[m] ? [evaluate(m, holdoutScores[m], yHold)] : []));

  const all = logisticModel(x, n, d, y, C);
  const allTree = fitTree(x, n, d, y, { maxDepth: req.maxDepth, minLeaf: req.minLeaf });
  const churners = y.reduce((s, v) => s + v, 0);
  return {
    trainCustomers: train.length,
    holdoutCustomers: hold.length,
    churnRate: churners / n,
    holdoutRows,
    holdoutLabels: yHold,
    holdoutScores,
    evaluations,
    logistic: {
      coef: lr.model.coef, intercept: lr.model.intercept, oddsRatios: oddsRatios(lr.model), converged: lr.model.converged,
      mean: Array.from(lr.scaler.mean), scale: Array.from(lr.scaler.scale),
    },
    rules: treeRules(tree),
    bgMessage,
    current: { logistic: all.predict(req.current, req.currentN), tree: predictTree(allTree, req.current, req.currentN, d) },
  };
}
